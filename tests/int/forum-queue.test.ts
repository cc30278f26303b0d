// The forum post queue (issue 4) through the Local API and the moderation command: who is
// pre-moderated, watched-words triage on threads and replies, approval/rejection, first posts, locked
// and invisible threads, reply counters, and the moderation log.
import type { Payload } from 'payload'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { moderatePost } from '../../src/commands/forum/moderatePost.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, sameId, unique } from './helpers.js'

let payload: Payload
const api = () => payload as any
let locality: any
let moderator: any, admin: any, established: any, otherMember: any

// Our own watched words (letters only, so whole-word matching is unambiguous), independent of the seed.
const WORDS = { crisis: 'quillorbcrisis', block: 'quillorbblock', approval: 'quillorbapprove', flag: 'quillorbflag' }

// Rate limits are not what this file tests: switch them off so a member can post several times.
const NO_LIMITS = {
  postQueueThreshold: 3,
  newMemberPostIntervalSeconds: 0,
  memberPostIntervalSeconds: 0,
  newMemberMaxThreadsPerDay: 1000,
  newMemberMaxRepliesPerDay: 1000,
}

const settings = (data: Record<string, unknown>) => api().updateGlobal({ slug: 'moderation-settings', data, overrideAccess: true })
const stored = (collection: 'threads' | 'replies' | 'users', id: unknown) => api().findByID({ collection, id, overrideAccess: true, depth: 0 }) as Promise<any>

async function memberWith(approvedPostCount: number, roles: ('member' | 'moderator' | 'admin')[] = ['member']) {
  const doc = await createMember(payload, { roles })
  if (approvedPostCount) await payload.update({ collection: 'users', id: doc.id, data: { approvedPostCount } as any, overrideAccess: true })
  return asUser(payload, doc)
}

const postThread = (user: any, text = `Walking group on Thursdays ${unique()}`, extra: Record<string, unknown> = {}) =>
  api().create({ collection: 'threads', data: { locality: locality.id, title: `Thread ${unique()}`, body: text, ...extra }, user, overrideAccess: false }) as Promise<any>

const postReply = (user: any, thread: unknown, text = `Thanks for this ${unique()}`) =>
  api().create({ collection: 'replies', data: { thread, body: text }, user, overrideAccess: false }) as Promise<any>

const moderate = (user: any, collection: 'threads' | 'replies', id: unknown, action: string, reason?: string) => moderatePost(payload, { collection, id, action, reason, user } as any) as Promise<any>

async function refusal(promise: Promise<unknown>): Promise<any> {
  try {
    await promise
  } catch (e) {
    return e
  }
  throw new Error('expected a refusal, but the operation succeeded')
}

const count = async (collection: 'threads' | 'replies', where: Record<string, unknown>) => (await api().count({ collection, where, overrideAccess: true })).totalDocs as number

const eventsFor = async (targetCollection: string, id: unknown) =>
  (
    await api().find({
      collection: 'moderation-events',
      where: { and: [{ targetId: { equals: String(id) } }, { targetCollection: { equals: targetCollection } }] },
      sort: 'createdAt',
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
  ).docs as any[]

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

beforeAll(async () => {
  payload = await bootPayload()
  const u = unique()
  locality = await api().create({ collection: 'localities', data: { name: `Queue Place ${u}`, slug: `queue-place-${u}` }, overrideAccess: true })
  await api().create({ collection: 'watched-words', data: { phrase: WORDS.crisis, action: 'crisis' }, overrideAccess: true })
  await api().create({ collection: 'watched-words', data: { phrase: WORDS.block, action: 'block' }, overrideAccess: true })
  await api().create({ collection: 'watched-words', data: { phrase: WORDS.approval, action: 'require-approval' }, overrideAccess: true })
  await api().create({ collection: 'watched-words', data: { phrase: WORDS.flag, action: 'flag' }, overrideAccess: true })
  moderator = await memberWith(0, ['moderator'])
  admin = await memberWith(0, ['admin'])
  established = await memberWith(3)
  otherMember = await memberWith(3)
})

beforeEach(async () => {
  await settings(NO_LIMITS)
})

describe('status on creation', () => {
  it.each([0, 1, 2])('a member with %i approved posts is pre-moderated (thread and reply pending)', async (n) => {
    const author = await memberWith(n)
    const thread = await postThread(author)
    expect((await stored('threads', thread.id)).status).toBe('pending')
    const open = await postThread(established)
    const reply = await postReply(author, open.id)
    expect((await stored('replies', reply.id)).status).toBe('pending')
  })

  it('a member with 3 approved posts publishes at once (thread and reply)', async () => {
    const author = await memberWith(3)
    const thread = await postThread(author)
    expect((await stored('threads', thread.id)).status).toBe('published')
    const reply = await postReply(author, thread.id)
    expect((await stored('replies', reply.id)).status).toBe('published')
  })

  it('a changed postQueueThreshold applies at once, both ways', async () => {
    const author = await memberWith(1)
    expect((await stored('threads', (await postThread(author)).id)).status).toBe('pending')
    await settings({ postQueueThreshold: 1 })
    expect((await stored('threads', (await postThread(author)).id)).status).toBe('published')
    await settings({ postQueueThreshold: 3 })
    expect((await stored('threads', (await postThread(author)).id)).status).toBe('pending')
  })

  it.each([
    ['moderator', () => moderator],
    ['admin', () => admin],
  ])('a %s with no approved posts publishes at once', async (_n, who) => {
    const thread = await postThread(who())
    expect((await stored('threads', thread.id)).status).toBe('published')
  })

  it('status, pinned and isFirstPost sent by a newcomer are ignored', async () => {
    const author = await memberWith(0)
    const thread = await postThread(author, undefined, { status: 'published', pinned: true, isFirstPost: true, replyCount: 99 })
    const doc = await stored('threads', thread.id)
    expect(doc.status).toBe('pending')
    expect(Boolean(doc.pinned)).toBe(false)
    expect(Boolean(doc.isFirstPost)).toBe(false)
    expect(doc.replyCount ?? 0).toBe(0)
    expect(sameId(doc.author, author.id)).toBe(true)
  })
})

describe('triage', () => {
  it('block: refused with a clear message and nothing stored (thread and reply)', async () => {
    const before = await count('threads', { author: { equals: established.id } })
    const e = await refusal(postThread(established, `I am ${WORDS.block} cheap, message me`))
    expect([400, 422]).toContain(e.status)
    expect(String(e.message).length).toBeGreaterThan(0)
    expect(await count('threads', { author: { equals: established.id } })).toBe(before)

    const thread = await postThread(moderator)
    await refusal(postReply(established, thread.id, `Also ${WORDS.block} here`))
    expect(await count('replies', { thread: { equals: thread.id } })).toBe(0)
    // Control: ordinary text from the same member goes through.
    await postReply(established, thread.id)
    expect(await count('replies', { thread: { equals: thread.id } })).toBe(1)
  })

  it('block in the title alone is also refused', async () => {
    const before = await count('threads', { author: { equals: established.id } })
    await refusal(api().create({ collection: 'threads', data: { locality: locality.id, title: `About ${WORDS.block}`, body: 'Nothing here.' }, user: established, overrideAccess: false }))
    expect(await count('threads', { author: { equals: established.id } })).toBe(before)
  })

  it('crisis: pending with crisisHold, even for an established member', async () => {
    const thread = await postThread(established, `Tonight I feel ${WORDS.crisis} and alone`)
    const doc = await stored('threads', thread.id)
    expect(doc.status).toBe('pending')
    expect(doc.crisisHold).toBe(true)
    const open = await postThread(moderator)
    const reply = await stored('replies', (await postReply(established, open.id, `${WORDS.crisis} again today`)).id)
    expect(reply.status).toBe('pending')
    expect(reply.crisisHold).toBe(true)
  })

  it('ordinary text carries no crisisHold', async () => {
    const doc = await stored('threads', (await postThread(established)).id)
    expect(Boolean(doc.crisisHold)).toBe(false)
    expect(doc.status).toBe('published')
  })

  it('require-approval: pending even for an established member', async () => {
    const doc = await stored('threads', (await postThread(established, `${WORDS.approval} on 07700`)).id)
    expect(doc.status).toBe('pending')
    expect(Boolean(doc.crisisHold)).toBe(false)
  })

  it('flag: published, with triageAction flag', async () => {
    const doc = await stored('threads', (await postThread(established, `A talk about ${WORDS.flag} prevention`)).id)
    expect(doc.status).toBe('published')
    expect(doc.triageAction).toBe('flag')
  })
})

describe('approval and rejection', () => {
  it('approval publishes, increments approvedPostCount, and marks only the first approved post', async () => {
    const author = await memberWith(0)
    const first = await postThread(author)
    expect(Boolean((await stored('threads', first.id)).isFirstPost)).toBe(false)
    await moderate(moderator, 'threads', first.id, 'approve')
    let doc = await stored('threads', first.id)
    expect(doc.status).toBe('published')
    expect(doc.isFirstPost).toBe(true)
    expect((await stored('users', author.id)).approvedPostCount).toBe(1)

    const second = await postReply(await asUser(payload, author), first.id)
    expect((await stored('replies', second.id)).status).toBe('pending')
    await moderate(moderator, 'replies', second.id, 'approve')
    doc = await stored('replies', second.id)
    expect(doc.status).toBe('published')
    expect(Boolean(doc.isFirstPost)).toBe(false)
    expect((await stored('users', author.id)).approvedPostCount).toBe(2)
  })

  it('a post published straight away by an established member is not a first post', async () => {
    const doc = await stored('threads', (await postThread(await memberWith(3))).id)
    expect(Boolean(doc.isFirstPost)).toBe(false)
  })

  it('reject needs a reason; then status removed with reasonForAuthor, readable by the author', async () => {
    const author = await memberWith(0)
    const thread = await postThread(author)
    await refusal(moderate(moderator, 'threads', thread.id, 'reject'))
    expect((await stored('threads', thread.id)).status).toBe('pending')
    const reason = `Please leave out the phone number ${unique()}`
    await moderate(moderator, 'threads', thread.id, 'reject', reason)
    const doc = await stored('threads', thread.id)
    expect(doc.status).toBe('removed')
    expect(doc.reasonForAuthor).toBe(reason)
    expect((await stored('users', author.id)).approvedPostCount ?? 0).toBe(0)
    const asAuthor = await api().findByID({ collection: 'threads', id: thread.id, overrideAccess: false, user: author, depth: 0 })
    expect(asAuthor.reasonForAuthor).toBe(reason)
  })

  it('a member cannot moderate (403) and nothing changes', async () => {
    const thread = await postThread(await memberWith(0))
    const e = await refusal(moderate(otherMember, 'threads', thread.id, 'approve'))
    expect(e.status).toBe(403)
    expect((await stored('threads', thread.id)).status).toBe('pending')
  })

  it('moderating a missing post is a 404', async () => {
    const e = await refusal(moderate(moderator, 'threads', 987654321, 'approve'))
    expect(e.status).toBe(404)
  })
})

describe('who may reply', () => {
  it("a locked thread refuses a member's reply but takes a moderator's", async () => {
    const thread = await postThread(established)
    await moderate(moderator, 'threads', thread.id, 'lock')
    expect((await stored('threads', thread.id)).locked).toBe(true)
    await refusal(postReply(otherMember, thread.id))
    expect(await count('replies', { thread: { equals: thread.id } })).toBe(0)
    const mine = await postReply(moderator, thread.id)
    expect((await stored('replies', mine.id)).status).toBe('published')
    await moderate(moderator, 'threads', thread.id, 'unlock')
    await postReply(otherMember, thread.id)
    expect(await count('replies', { thread: { equals: thread.id } })).toBe(2)
  })

  it('another member cannot reply to a pending thread', async () => {
    const thread = await postThread(await memberWith(0))
    await refusal(postReply(otherMember, thread.id))
    expect(await count('replies', { thread: { equals: thread.id } })).toBe(0)
  })

  it('another member cannot reply to a hidden thread', async () => {
    const thread = await postThread(established)
    await postReply(otherMember, thread.id) // control: allowed while published
    await moderate(moderator, 'threads', thread.id, 'hide', 'Paused for a check.')
    expect((await stored('threads', thread.id)).status).toBe('hidden')
    await refusal(postReply(otherMember, thread.id))
    expect(await count('replies', { thread: { equals: thread.id } })).toBe(1)
  })

  it("a reply gets the thread's locality from the server", async () => {
    const thread = await postThread(established)
    const reply = await stored('replies', (await postReply(otherMember, thread.id)).id)
    expect(sameId(reply.locality, locality.id)).toBe(true)
  })
})

describe('reply counters', () => {
  it('a published reply updates replyCount and lastActivityAt; a pending one does not until approved', async () => {
    const thread = await postThread(established)
    const t0 = await stored('threads', thread.id)
    expect(t0.replyCount ?? 0).toBe(0)
    await sleep(25)
    await postReply(otherMember, thread.id)
    const t1 = await stored('threads', thread.id)
    expect(t1.replyCount).toBe(1)
    expect(new Date(t1.lastActivityAt).getTime()).toBeGreaterThan(new Date(t0.lastActivityAt).getTime())

    await sleep(25)
    const pending = await postReply(await memberWith(0), thread.id)
    const t2 = await stored('threads', thread.id)
    expect(t2.replyCount).toBe(1)
    expect(t2.lastActivityAt).toBe(t1.lastActivityAt)

    await sleep(25)
    await moderate(moderator, 'replies', pending.id, 'approve')
    const t3 = await stored('threads', thread.id)
    expect(t3.replyCount).toBe(2)
    expect(new Date(t3.lastActivityAt).getTime()).toBeGreaterThan(new Date(t2.lastActivityAt).getTime())
  })
})

describe('the moderation log', () => {
  it('every thread action appends a moderation-events record naming the action and the actor', async () => {
    const author = await memberWith(0)
    const thread = await postThread(author, `Feeling ${WORDS.crisis} tonight`)
    const steps: [string, string?][] = [['mark_safe'], ['approve'], ['pin'], ['unpin'], ['lock'], ['unlock'], ['hide', 'Checking a detail.'], ['restore'], ['remove', 'Breaks the house rules.']]
    for (const [action, reason] of steps) {
      const before = await eventsFor('threads', thread.id)
      await moderate(moderator, 'threads', thread.id, action, reason)
      const after = await eventsFor('threads', thread.id)
      expect(after.length, action).toBe(before.length + 1)
      expect(after.slice(0, before.length)).toEqual(before)
      const event = after[after.length - 1]
      expect(event.action, action).toBe(action)
      expect(String(event.actor)).toBe(String(moderator.id))
    }
    const doc = await stored('threads', thread.id)
    expect(doc.status).toBe('removed')
    expect(Boolean(doc.crisisHold)).toBe(false)
  })

  it('reply approval and rejection are logged too', async () => {
    const thread = await postThread(established)
    const a = await postReply(await memberWith(0), thread.id)
    const b = await postReply(await memberWith(0), thread.id)
    await moderate(moderator, 'replies', a.id, 'approve')
    await moderate(moderator, 'replies', b.id, 'reject', 'Off topic.')
    expect((await eventsFor('replies', a.id)).map((e) => e.action)).toContain('approve')
    expect((await eventsFor('replies', b.id)).map((e) => e.action)).toContain('reject')
  })

  it('a refused action logs nothing', async () => {
    const thread = await postThread(await memberWith(0))
    await refusal(moderate(otherMember, 'threads', thread.id, 'approve'))
    await refusal(moderate(moderator, 'threads', thread.id, 'reject'))
    expect(await eventsFor('threads', thread.id)).toEqual([])
  })
})
