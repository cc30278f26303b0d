// Flags (issue 4) through the Local API and the moderation commands: one flag per member per item,
// reasons, auto-hide at the (configurable) threshold of distinct members, resolving by moderators only,
// restoring after flags are rejected, and the flagger's identity kept from the author.
import type { Payload } from 'payload'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { moderatePost } from '../../src/commands/forum/moderatePost.js'
import { resolveFlag } from '../../src/commands/forum/resolveFlag.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, idOf, sameId, unique } from './helpers.js'

let payload: Payload
const api = () => payload as any
let locality: any
let moderator: any, author: any

const settings = (data: Record<string, unknown>) => api().updateGlobal({ slug: 'moderation-settings', data, overrideAccess: true })
const stored = (collection: 'threads' | 'replies' | 'flags', id: unknown) => api().findByID({ collection, id, overrideAccess: true, depth: 0 }) as Promise<any>

async function memberWith(approvedPostCount: number, roles: ('member' | 'moderator' | 'admin')[] = ['member']) {
  const doc = await createMember(payload, { roles })
  if (approvedPostCount) await payload.update({ collection: 'users', id: doc.id, data: { approvedPostCount } as any, overrideAccess: true })
  return asUser(payload, doc)
}
const flagger = () => memberWith(0)

/** A published thread by the (established) author. */
async function publishedThread() {
  const doc = await api().create({
    collection: 'threads',
    data: { locality: locality.id, title: `Thread ${unique()}`, body: `A note about the Tuesday group ${unique()}` },
    user: author,
    overrideAccess: false,
  })
  expect((await stored('threads', doc.id)).status).toBe('published')
  return doc
}

async function publishedReply(thread: unknown) {
  const doc = await api().create({ collection: 'replies', data: { thread, body: `Good to hear ${unique()}` }, user: author, overrideAccess: false })
  expect((await stored('replies', doc.id)).status).toBe('published')
  return doc
}

const flag = (user: any, targetId: unknown, reason = 'spam', note?: string, targetCollection = 'threads') =>
  api().create({ collection: 'flags', data: { targetCollection, targetId: String(targetId), reason, note }, user, overrideAccess: false }) as Promise<any>

const flagsOn = async (targetId: unknown, targetCollection = 'threads') =>
  (
    await api().find({
      collection: 'flags',
      where: { and: [{ targetId: { equals: String(targetId) } }, { targetCollection: { equals: targetCollection } }] },
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
  ).docs as any[]

async function refusal(promise: Promise<unknown>): Promise<any> {
  try {
    await promise
  } catch (e) {
    return e
  }
  throw new Error('expected a refusal, but the operation succeeded')
}

/** Flags a fresh thread by `n` distinct members; returns the thread and the flags. */
async function flaggedBy(n: number) {
  const thread = await publishedThread()
  const flags = []
  for (let i = 0; i < n; i++) flags.push(await flag(await flagger(), thread.id, i % 2 ? 'harmful' : 'spam'))
  return { thread, flags }
}

const eventCount = async () => (await api().count({ collection: 'moderation-events', where: { actor: { equals: moderator.id } }, overrideAccess: true })).totalDocs as number

beforeAll(async () => {
  payload = await bootPayload()
  const u = unique()
  locality = await api().create({ collection: 'localities', data: { name: `Flags Place ${u}`, slug: `flags-place-${u}` }, overrideAccess: true })
  moderator = await memberWith(0, ['moderator'])
  author = await memberWith(3)
})

beforeEach(async () => {
  // Rate limits are not what this file tests.
  await settings({ flagHideThreshold: 3, newMemberPostIntervalSeconds: 0, memberPostIntervalSeconds: 0, newMemberMaxThreadsPerDay: 1000, newMemberMaxRepliesPerDay: 1000 })
})

describe('making a flag', () => {
  it('a member flags a thread: open, with the flagger set by the server', async () => {
    const thread = await publishedThread()
    const who = await flagger()
    const made = await flag(who, thread.id, 'personal-information')
    const doc = await stored('flags', made.id)
    expect(doc.status).toBe('open')
    expect(doc.reason).toBe('personal-information')
    expect(sameId(idOf(doc.flagger), who.id)).toBe(true)
  })

  it('one member cannot flag the same item twice (even with another reason)', async () => {
    const thread = await publishedThread()
    const who = await flagger()
    await flag(who, thread.id, 'spam')
    await refusal(flag(who, thread.id, 'harmful'))
    expect(await flagsOn(thread.id)).toHaveLength(1)
    // Control: the same member may flag a different item.
    const other = await publishedThread()
    await flag(who, other.id, 'spam')
    expect(await flagsOn(other.id)).toHaveLength(1)
  })

  it('"other" needs a note; with one it is accepted', async () => {
    const thread = await publishedThread()
    const who = await flagger()
    await refusal(flag(who, thread.id, 'other'))
    await refusal(flag(who, thread.id, 'other', ''))
    expect(await flagsOn(thread.id)).toHaveLength(0)
    const made = await flag(who, thread.id, 'other', 'Mentions a named neighbour.')
    expect((await stored('flags', made.id)).note).toBe('Mentions a named neighbour.')
  })

  it.each(['spam', 'personal-information', 'harmful', 'safeguarding'])('reason %s is accepted without a note', async (reason) => {
    const thread = await publishedThread()
    await flag(await flagger(), thread.id, reason)
    expect(await flagsOn(thread.id)).toHaveLength(1)
  })

  it('a visitor cannot flag', async () => {
    const thread = await publishedThread()
    await refusal(flag(undefined, thread.id, 'spam'))
    expect(await flagsOn(thread.id)).toHaveLength(0)
  })

  it('a member cannot set status or moderatorNote when flagging', async () => {
    const thread = await publishedThread()
    const made = await api().create({
      collection: 'flags',
      data: { targetCollection: 'threads', targetId: String(thread.id), reason: 'spam', status: 'resolved', moderatorNote: 'self-approved' },
      user: await flagger(),
      overrideAccess: false,
    })
    const doc = await stored('flags', made.id)
    expect(doc.status).toBe('open')
    expect(doc.moderatorNote ?? '').not.toBe('self-approved')
  })
})

describe('auto-hide', () => {
  it('2 distinct members do not hide a published thread', async () => {
    const { thread } = await flaggedBy(2)
    expect((await stored('threads', thread.id)).status).toBe('published')
  })

  it('3 distinct members hide it', async () => {
    const { thread } = await flaggedBy(3)
    expect((await stored('threads', thread.id)).status).toBe('hidden')
  })

  it('a refused repeat flag from the same member does not count towards the threshold', async () => {
    const thread = await publishedThread()
    const a = await flagger()
    await flag(a, thread.id)
    await flag(await flagger(), thread.id)
    await refusal(flag(a, thread.id, 'harmful'))
    expect((await stored('threads', thread.id)).status).toBe('published')
  })

  it('3 distinct members hide a published reply (the thread stays published)', async () => {
    const thread = await publishedThread()
    const reply = await publishedReply(thread.id)
    for (let i = 0; i < 3; i++) await flag(await flagger(), reply.id, 'spam', undefined, 'replies')
    expect((await stored('replies', reply.id)).status).toBe('hidden')
    expect((await stored('threads', thread.id)).status).toBe('published')
  })

  it('the threshold comes from flagHideThreshold: 2 hides at 2, 4 does not hide at 3', async () => {
    await settings({ flagHideThreshold: 2 })
    const { thread: two } = await flaggedBy(2)
    expect((await stored('threads', two.id)).status).toBe('hidden')
    await settings({ flagHideThreshold: 4 })
    const { thread: three } = await flaggedBy(3)
    expect((await stored('threads', three.id)).status).toBe('published')
    await flag(await flagger(), three.id)
    expect((await stored('threads', three.id)).status).toBe('hidden')
  })
})

describe('resolving', () => {
  it('a member (even the flagger) cannot resolve a flag: 403, still open', async () => {
    const thread = await publishedThread()
    const who = await flagger()
    const made = await flag(who, thread.id)
    for (const user of [who, author]) {
      const e = await refusal(resolveFlag(payload, { id: made.id, status: 'rejected', moderatorNote: 'nah', user } as any))
      expect(e.status).toBe(403)
    }
    const doc = await stored('flags', made.id)
    expect(doc.status).toBe('open')
    expect(doc.moderatorNote ?? '').toBe('')
  })

  it('a moderator resolves: status and moderatorNote are stored, and the action is logged', async () => {
    const thread = await publishedThread()
    const made = await flag(await flagger(), thread.id)
    const before = await eventCount()
    const note = `Checked: spam link removed ${unique()}`
    await resolveFlag(payload, { id: made.id, status: 'resolved', moderatorNote: note, user: moderator } as any)
    const doc = await stored('flags', made.id)
    expect(doc.status).toBe('resolved')
    expect(doc.moderatorNote).toBe(note)
    expect(await eventCount()).toBeGreaterThan(before)
  })

  it('resolving a missing flag is a 404', async () => {
    const e = await refusal(resolveFlag(payload, { id: 987654321, status: 'rejected', moderatorNote: 'x', user: moderator } as any))
    expect(e.status).toBe(404)
  })

  it('"resolved" confirms the hide: the auto-hidden thread stays hidden', async () => {
    const { thread, flags } = await flaggedBy(3)
    for (const f of flags) await resolveFlag(payload, { id: f.id, status: 'resolved', moderatorNote: 'Confirmed.', user: moderator } as any)
    expect((await stored('threads', thread.id)).status).toBe('hidden')
  })

  it('"rejected" flags on an auto-hidden thread let the moderator restore it, and it stays published', async () => {
    const { thread, flags } = await flaggedBy(3)
    expect((await stored('threads', thread.id)).status).toBe('hidden')
    for (const f of flags) await resolveFlag(payload, { id: f.id, status: 'rejected', moderatorNote: 'Nothing wrong here.', user: moderator } as any)
    expect((await flagsOn(thread.id)).map((f) => f.status)).toEqual(['rejected', 'rejected', 'rejected'])
    if ((await stored('threads', thread.id)).status === 'hidden') {
      await moderatePost(payload, { collection: 'threads', id: thread.id, action: 'restore', user: moderator } as any)
    }
    expect((await stored('threads', thread.id)).status).toBe('published')
    // One more flag after the review does not hide it again (the rejected ones no longer count).
    await flag(await flagger(), thread.id)
    expect((await stored('threads', thread.id)).status).toBe('published')
  })
})

describe('the flagger stays private', () => {
  it('the author cannot learn who flagged, through find or findByID, at any depth', async () => {
    const thread = await publishedThread()
    const who = await memberWith(0)
    const made = await flag(who, thread.id, 'harmful')
    const secrets = [who.email, who.displayName]
    for (const depth of [0, 1, 2]) {
      let docs: any[] = []
      try {
        docs = (await api().find({ collection: 'flags', overrideAccess: false, user: author, depth, limit: 1000 })).docs
      } catch {
        docs = []
      }
      for (const d of docs) expect(d.flagger ?? null, `depth ${depth}`).toBeNull()
      const json = JSON.stringify(docs)
      for (const s of secrets) expect(json).not.toContain(s)
      let one: any = null
      try {
        one = await api().findByID({ collection: 'flags', id: made.id, overrideAccess: false, user: author, depth })
      } catch {
        one = null
      }
      expect(one?.flagger ?? null).toBeNull()
      for (const s of secrets) expect(JSON.stringify(one ?? {})).not.toContain(s)
    }
  })

  it('the author cannot filter flags by flagger to find out', async () => {
    const thread = await publishedThread()
    const who = await memberWith(0)
    await flag(who, thread.id, 'spam')
    let total = 0
    try {
      total = (await api().find({ collection: 'flags', where: { flagger: { equals: who.id } }, overrideAccess: false, user: author, depth: 0 })).totalDocs
    } catch {
      total = 0
    }
    expect(total).toBe(0)
  })

  it('controls: the flagger and a moderator do see the flagger', async () => {
    const thread = await publishedThread()
    const who = await memberWith(0)
    const made = await flag(who, thread.id, 'spam')
    const asFlagger = await api().findByID({ collection: 'flags', id: made.id, overrideAccess: false, user: who, depth: 0 })
    expect(sameId(idOf(asFlagger.flagger), who.id)).toBe(true)
    const asModerator = await api().findByID({ collection: 'flags', id: made.id, overrideAccess: false, user: moderator, depth: 0 })
    expect(sameId(idOf(asModerator.flagger), who.id)).toBe(true)
  })
})
