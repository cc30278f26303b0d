// Forum rate limits (issue 4) through the Local API: the newcomer interval and caps, the interval for
// everyone else, duplicate text, settings read fresh on every post, moderators exempt from the
// newcomer rules, and refused posts never stored. Refusals carry status 429 and say when to try again.
import type { Payload } from 'payload'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, unique } from './helpers.js'

let payload: Payload
const api = () => payload as any
let locality: any

// The contract's defaults, restored before every test.
const DEFAULTS = {
  postQueueThreshold: 3,
  newMemberHours: 24,
  newMemberPostIntervalSeconds: 30,
  memberPostIntervalSeconds: 5,
  newMemberMaxThreadsPerDay: 3,
  newMemberMaxRepliesPerDay: 10,
  duplicateWindowMinutes: 5,
}
const NO_INTERVALS = { newMemberPostIntervalSeconds: 0, memberPostIntervalSeconds: 0 }

const settings = (data: Record<string, unknown>) => api().updateGlobal({ slug: 'moderation-settings', data, overrideAccess: true })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const text = () => `Met the group at the library today, it helped ${unique()}`

const postThread = (user: any, body = text()) =>
  api().create({ collection: 'threads', data: { locality: locality.id, title: `Thread ${unique()}`, body }, user, overrideAccess: false }) as Promise<any>
const postReply = (user: any, thread: unknown, body = text()) => api().create({ collection: 'replies', data: { thread, body }, user, overrideAccess: false }) as Promise<any>

const stored = (collection: 'threads' | 'replies' | 'users', id: unknown) => api().findByID({ collection, id, overrideAccess: true, depth: 0 }) as Promise<any>
const countBy = async (collection: 'threads' | 'replies', user: any) => (await api().count({ collection, where: { author: { equals: user.id } }, overrideAccess: true })).totalDocs as number

/** A freshly joined member (a newcomer on both counts). */
const newcomer = async () => asUser(payload, await createMember(payload, { roles: ['member'] }))

/** A member who joined `hours` ago with `approved` approved posts. */
async function memberSince(hours: number, approved: number) {
  const doc = await createMember(payload, { roles: ['member'] })
  await payload.update({ collection: 'users', id: doc.id, data: { approvedPostCount: approved } as any, overrideAccess: true })
  const createdAt = new Date(Date.now() - hours * 3_600_000).toISOString()
  await payload.db.updateOne({ collection: 'users', id: doc.id, data: { createdAt } })
  const user = await asUser(payload, doc)
  // The arrangement itself is checked, so that a failure below means the limiter, not the set-up.
  expect(Date.now() - new Date(user.createdAt).getTime()).toBeGreaterThan((hours - 1) * 3_600_000)
  expect(user.approvedPostCount).toBe(approved)
  return user
}
const established = () => memberSince(48, 3)

/** Expects a 429 whose message says when to try again (a number of seconds/minutes, or a time). */
async function expect429(promise: Promise<unknown>): Promise<any> {
  let error: any
  try {
    await promise
  } catch (e) {
    error = e
  }
  if (!error) throw new Error('expected a 429 refusal, but the post was accepted')
  expect(error.status, String(error.message)).toBe(429)
  expect(String(error.message)).toMatch(/\d/)
  return error
}

/** A published thread for replies, posted by a fresh moderator (so no test meets another's interval). */
const openThread = async () => postThread(await asUser(payload, await createMember(payload, { roles: ['moderator'] })))

beforeAll(async () => {
  payload = await bootPayload()
  const u = unique()
  locality = await api().create({ collection: 'localities', data: { name: `Limits Place ${u}`, slug: `limits-place-${u}` }, overrideAccess: true })
})

beforeEach(async () => {
  await settings({ ...DEFAULTS, memberPostIntervalSeconds: 0 })
})

describe('new members: 30 s between posts', () => {
  it('a second post straight away is refused with 429, thread or reply, and not stored', async () => {
    await settings(DEFAULTS)
    const thread = await openThread()
    const member = await newcomer()
    await postThread(member)
    await expect429(postThread(member))
    await expect429(postReply(member, thread.id))
    expect(await countBy('threads', member)).toBe(1)
    expect(await countBy('replies', member)).toBe(0)
  })

  it('passes after the interval (shortened to 1 s in settings), and the interval still holds', async () => {
    await settings(DEFAULTS)
    const member = await newcomer()
    await postThread(member)
    await expect429(postThread(member))
    await settings({ newMemberPostIntervalSeconds: 1 })
    await sleep(1_200)
    await postThread(member)
    await expect429(postThread(member))
    expect(await countBy('threads', member)).toBe(2)
  })

  it('the interval is per member: another newcomer can post at once', async () => {
    await settings(DEFAULTS)
    const a = await newcomer()
    const b = await newcomer()
    await postThread(a)
    await postThread(b)
    expect(await countBy('threads', b)).toBe(1)
  })

  it('a member with enough approved posts who joined less than 24 h ago is still a newcomer', async () => {
    await settings(DEFAULTS)
    const member = await memberSince(0, 3)
    await postThread(member)
    await expect429(postThread(member))
  })
})

describe('everyone else: 5 s between posts', () => {
  it('a second post straight away is refused with 429 (default 5 s)', async () => {
    await settings(DEFAULTS)
    const member = await established()
    await postThread(member)
    await expect429(postThread(member))
    expect(await countBy('threads', member)).toBe(1)
  })

  it('with the interval shortened to 1 s, an established member posts again after it while a newcomer still waits 30 s', async () => {
    await settings({ ...DEFAULTS, memberPostIntervalSeconds: 1 })
    const member = await established()
    const member2 = await newcomer()
    await postThread(member)
    await postThread(member2)
    await expect429(postThread(member))
    await sleep(1_200)
    await postThread(member)
    await expect429(postThread(member2))
    expect(await countBy('threads', member)).toBe(2)
    expect(await countBy('threads', member2)).toBe(1)
  })

  it('newMemberHours from settings decides who is new', async () => {
    await settings({ ...DEFAULTS, memberPostIntervalSeconds: 0, newMemberHours: 72 })
    const member = await memberSince(48, 3) // joined 48 h ago: new again under a 72 h rule
    await postThread(member)
    await expect429(postThread(member))
    await settings({ newMemberHours: 24 })
    await postThread(member)
    expect(await countBy('threads', member)).toBe(2)
  })
})

describe('duplicate text within 5 minutes', () => {
  beforeEach(async () => {
    await settings(NO_INTERVALS)
  })

  it('the same text again is refused, thread → thread', async () => {
    const member = await established()
    const body = text()
    await postThread(member, body)
    await expect429(postThread(member, body))
    expect(await countBy('threads', member)).toBe(1)
  })

  it('the same text again is refused across thread → reply and reply → thread', async () => {
    const member = await established()
    const thread = await openThread()
    const first = text()
    await postThread(member, first)
    await expect429(postReply(member, thread.id, first))
    const second = text()
    await postReply(member, thread.id, second)
    await expect429(postThread(member, second))
    expect(await countBy('threads', member)).toBe(1)
    expect(await countBy('replies', member)).toBe(1)
  })

  it('the same text as a reply in another thread is refused', async () => {
    const member = await established()
    const [t1, t2] = [await openThread(), await openThread()]
    const body = text()
    await postReply(member, t1.id, body)
    await expect429(postReply(member, t2.id, body))
    expect(await countBy('replies', member)).toBe(1)
  })

  it('different text is allowed', async () => {
    const member = await established()
    const thread = await openThread()
    await postThread(member)
    await postThread(member)
    await postReply(member, thread.id)
    await postReply(member, thread.id)
    expect(await countBy('threads', member)).toBe(2)
    expect(await countBy('replies', member)).toBe(2)
  })
})

describe('new members: 3 threads and 10 replies in the first 24 h', () => {
  beforeEach(async () => {
    await settings(NO_INTERVALS)
  })

  it('the 4th thread is refused with 429 and not stored', async () => {
    const member = await newcomer()
    for (let i = 0; i < 3; i++) await postThread(member)
    await expect429(postThread(member))
    expect(await countBy('threads', member)).toBe(3)
  })

  it('the 11th reply is refused with 429 and not stored; replies do not use up the thread cap', async () => {
    const member = await newcomer()
    const thread = await openThread()
    for (let i = 0; i < 10; i++) await postReply(member, thread.id)
    await expect429(postReply(member, thread.id))
    expect(await countBy('replies', member)).toBe(10)
    await postThread(member)
    expect(await countBy('threads', member)).toBe(1)
  })

  it('the caps come from settings, read at once', async () => {
    await settings({ newMemberMaxThreadsPerDay: 1, newMemberMaxRepliesPerDay: 2 })
    const member = await newcomer()
    const thread = await openThread()
    await postThread(member)
    await expect429(postThread(member))
    await postReply(member, thread.id)
    await postReply(member, thread.id)
    await expect429(postReply(member, thread.id))
    await settings({ newMemberMaxThreadsPerDay: 2 })
    await postThread(member)
    expect(await countBy('threads', member)).toBe(2)
    expect(await countBy('replies', member)).toBe(2)
  })

  it('a member who joined over 24 h ago with enough approved posts is not capped', async () => {
    const member = await established()
    const thread = await openThread()
    for (let i = 0; i < 5; i++) await postThread(member)
    for (let i = 0; i < 12; i++) await postReply(member, thread.id)
    expect(await countBy('threads', member)).toBe(5)
    expect(await countBy('replies', member)).toBe(12)
  })

  it('a member with enough approved posts who joined less than 24 h ago is capped', async () => {
    const member = await memberSince(0, 3)
    for (let i = 0; i < 3; i++) await postThread(member)
    await expect429(postThread(member))
    expect(await countBy('threads', member)).toBe(3)
  })
})

describe('moderators', () => {
  it('a newly joined moderator is not held to the newcomer interval or caps', async () => {
    await settings({ ...DEFAULTS, memberPostIntervalSeconds: 0 })
    const mod = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
    for (let i = 0; i < 5; i++) await postThread(mod)
    const thread = await postThread(mod)
    for (let i = 0; i < 12; i++) await postReply(mod, thread.id)
    expect(await countBy('threads', mod)).toBe(6)
    expect(await countBy('replies', mod)).toBe(12)
    // Control: a newcomer under the very same settings is refused on the second post.
    const member = await newcomer()
    await postThread(member)
    await expect429(postThread(member))
  })
})

describe('refusals', () => {
  it('a refused post leaves nothing behind and does not change the thread', async () => {
    await settings(DEFAULTS)
    const thread = await openThread()
    const before = await stored('threads', thread.id)
    const member = await newcomer()
    await postReply(member, thread.id) // pending (newcomer), counts towards the interval
    const body = `Should never be stored ${unique()}`
    await expect429(postReply(member, thread.id, body))
    await expect429(postThread(member, body))
    expect(await countBy('replies', member)).toBe(1)
    expect(await countBy('threads', member)).toBe(0)
    const after = await stored('threads', thread.id)
    expect(after.replyCount ?? 0).toBe(before.replyCount ?? 0)
  })
})
