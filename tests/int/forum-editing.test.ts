// Issue 16, editing, through a real Payload on a temporary database: a post's earlier versions in the
// member's export (theirs, never a moderator's identity) and gone on erasure, in both modes; an edit that
// goes back to the queue says why there.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, unique } from './helpers.js'

let payload: Payload
let locality: any
let moderator: any
const api = () => payload as any

async function member() {
  const doc = await createMember(payload, { displayName: `Edna ${unique()}` })
  await api().update({ collection: 'users', id: doc.id, data: { approvedPostCount: 5 }, overrideAccess: true })
  return asUser(payload, doc)
}

/** A thread and a reply by `author`, the reply edited once by them and once by a moderator. */
async function editedPosts(author: any) {
  const marker = unique()
  const thread = await api().create({
    collection: 'threads',
    data: { locality: locality.id, title: `Allotment news ${marker}`, body: `first thread words ${marker}` },
    user: author,
    overrideAccess: false,
  })
  const reply = await api().create({ collection: 'replies', data: { thread: thread.id, body: `first reply words ${marker}` }, user: author, overrideAccess: false })
  // Someone else replies, so an "everything" erasure keeps the thread as a deleted conversation.
  await api().create({ collection: 'replies', data: { thread: thread.id, body: `an answer ${marker}` }, user: await member(), overrideAccess: false })
  await api().update({ collection: 'threads', id: thread.id, data: { body: `second thread words ${marker}` }, user: author, overrideAccess: false })
  await api().update({ collection: 'replies', id: reply.id, data: { body: `second reply words ${marker}` }, user: author, overrideAccess: false })
  await api().update({ collection: 'replies', id: reply.id, data: { body: `moderated reply words ${marker}` }, user: moderator, overrideAccess: false })
  return { thread, reply, marker }
}

const stored = (collection: string, id: unknown) =>
  api()
    .findByID({ collection, id, overrideAccess: true, depth: 0 })
    .catch(() => null)

beforeAll(async () => {
  payload = await bootPayload()
  await api().updateGlobal({ slug: 'moderation-settings', data: { newMemberPostIntervalSeconds: 0, memberPostIntervalSeconds: 0 }, overrideAccess: true })
  locality = await api().create({ collection: 'localities', data: { name: `Edit Town ${unique()}`, slug: `edit-town-${unique()}`, forumVisibility: 'public' }, overrideAccess: true })
  moderator = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
})

describe('earlier versions of a member’s posts', () => {
  it('are in their export, saying “you” or “a moderator” and naming no one', async () => {
    const author = await member()
    const { thread, reply, marker } = await editedPosts(author)
    const { collectMemberData, exportHtml } = await import('../../src/commands/privacy/exportData.js')
    const data = await collectMemberData(payload, author.id)
    const exportedReply = data.json.replies.find((r: any) => String(r.id) === String(reply.id))
    expect(exportedReply.earlierVersions).toEqual([
      { body: `first reply words ${marker}`, replacedAt: expect.any(String), editedBy: 'you' },
      { body: `second reply words ${marker}`, replacedAt: expect.any(String), editedBy: 'a moderator' },
    ])
    const exportedThread = data.json.threads.find((t: any) => String(t.id) === String(thread.id))
    expect(exportedThread.earlierVersions).toEqual([{ title: `Allotment news ${marker}`, body: `first thread words ${marker}`, replacedAt: expect.any(String), editedBy: 'you' }])
    const text = JSON.stringify(data.json) + exportHtml(data.json)
    expect(text).not.toContain(String(moderator.email))
    expect(text).not.toContain(String(moderator.displayName))
  })

  for (const mode of ['keep-posts', 'everything'] as const) {
    it(`go on erasure (${mode})`, async () => {
      const author = await member()
      const { thread, reply, marker } = await editedPosts(author)
      expect((await stored('replies', reply.id))?.editHistory).toHaveLength(2)
      const { eraseMember } = await import('../../src/commands/privacy/eraseMember.js')
      await eraseMember(payload, { memberId: author.id, mode, actor: null })
      const keptThread = await stored('threads', thread.id)
      const keptReply = await stored('replies', reply.id)
      expect(keptThread, 'others answered: the thread stays').toBeTruthy()
      expect(keptThread.editHistory ?? []).toEqual([])
      if (mode === 'keep-posts') expect(keptReply.editHistory ?? []).toEqual([])
      else expect(keptReply).toBeNull()
      const everything = JSON.stringify(await api().find({ collection: 'threads', where: { id: { equals: thread.id } }, overrideAccess: true, depth: 0 }))
      expect(everything).not.toContain(`first thread words ${marker}`)
    })
  }
})

describe('the moderators’ queue', () => {
  it('says a post is back because it was edited after it went up', async () => {
    const phrase = `queueword${unique().replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)]!)}`
    await api().create({ collection: 'watched-words', data: { phrase, action: 'require-approval' }, overrideAccess: true })
    const author = await member()
    const thread = await api().create({ collection: 'threads', data: { locality: locality.id, title: `Queue ${unique()}`, body: 'Plain words.' }, user: author, overrideAccess: false })
    expect(thread.status).toBe('published')
    await api().update({ collection: 'threads', id: thread.id, data: { body: `Now with ${phrase}.` }, user: author, overrideAccess: false })
    const { loadModerationQueue } = await import('../../src/moderation/queue.js')
    const item = (await loadModerationQueue(payload, moderator)).find((i) => i.kind === 'threads' && String(i.id) === String(thread.id))
    expect(item?.why).toEqual(expect.arrayContaining(['waiting for approval', 'edited after it went up']))
    expect(item?.excerpt).toContain(phrase)
  })
})
