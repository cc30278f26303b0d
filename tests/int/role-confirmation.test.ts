// Issue 12, part C, through the Local API: confirming a claimed role updates the member, their posts'
// bylines and the moderation log in one transaction; choosing another member type clears it at every
// door; erasure and export handle the new fields.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { confirmRole } from '../../src/commands/confirmRole.js'
import { CommandRefusal } from '../../src/commands/errors.js'
import { collectMemberData } from '../../src/commands/privacy/exportData.js'
import { eraseMember } from '../../src/commands/privacy/eraseMember.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, idOf, unique } from './helpers.js'

let payload: Payload
let locality: any
let moderator: any
let admin: any

const read = (collection: 'users' | 'threads' | 'replies', id: unknown) => payload.findByID({ collection, id: id as never, overrideAccess: true, depth: 0 }) as Promise<any>

async function professionalWithPosts(memberType = 'professional') {
  const doc = await createMember(payload, { memberType })
  const user = await asUser(payload, doc)
  const thread = (await payload.create({
    collection: 'threads',
    data: { locality: locality.id, title: `Clinic hours (${unique()})`, body: `Ask me about the clinic (${unique()})` } as never,
    user,
    overrideAccess: false,
  })) as any
  const reply = (await payload.create({ collection: 'replies', data: { thread: thread.id, body: `More on the clinic (${unique()})` } as never, user, overrideAccess: false })) as any
  return { doc, user, thread, reply }
}

const bylineConfirmed = async (posts: { thread: any; reply: any }) => [
  (await read('threads', posts.thread.id)).authorByline?.memberTypeConfirmed,
  (await read('replies', posts.reply.id)).authorByline?.memberTypeConfirmed,
]

async function refusal(run: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await run
  } catch (error) {
    if (error instanceof CommandRefusal) return { status: error.status, message: error.message }
    throw error
  }
  throw new Error('expected a refusal')
}

beforeAll(async () => {
  payload = await bootPayload()
  const u = unique()
  locality = await payload.create({ collection: 'localities', data: { name: `Harbour ${u}`, slug: `harbour-${u}`, forumVisibility: 'public' } as never, overrideAccess: true })
  await payload.updateGlobal({ slug: 'moderation-settings', data: { newMemberPostIntervalSeconds: 0, memberPostIntervalSeconds: 0, postQueueThreshold: 0 } as never, overrideAccess: true })
  moderator = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
  admin = await asUser(payload, await createMember(payload, { roles: ['admin'] }))
})

describe('confirmRole', () => {
  it('records who and when, logs the decision, and brings the member’s bylines along', async () => {
    const posts = await professionalWithPosts()
    expect(await bylineConfirmed(posts)).toEqual([false, false])
    const result = await confirmRole(payload, { actor: moderator, memberId: String(posts.doc.id), confirmed: true })
    expect(result).toEqual({ confirmed: true, memberType: 'professional' })
    const member = await read('users', posts.doc.id)
    expect(member.memberTypeConfirmed).toBe(true)
    expect(String(idOf(member.memberTypeConfirmedBy))).toBe(String(moderator.id))
    expect(Date.now() - new Date(member.memberTypeConfirmedAt).getTime()).toBeLessThan(60_000)
    expect(await bylineConfirmed(posts)).toEqual([true, true])
    const events = await payload.find({
      collection: 'moderation-events',
      where: { and: [{ targetCollection: { equals: 'users' } }, { targetId: { equals: String(posts.doc.id) } }] },
      overrideAccess: true,
      depth: 0,
    })
    expect(events.docs.map((e: any) => [e.action, String(idOf(e.actor)), e.toState])).toEqual([['confirm-role', String(moderator.id), 'confirmed']])

    // "Not confirmed": the byline goes back to the member's own words, and the look is recorded.
    await confirmRole(payload, { actor: admin, memberId: String(posts.doc.id), confirmed: false })
    const after = await read('users', posts.doc.id)
    expect([after.memberTypeConfirmed, String(idOf(after.memberTypeConfirmedBy)), Boolean(after.memberTypeConfirmedAt)]).toEqual([false, String(admin.id), true])
    expect(await bylineConfirmed(posts)).toEqual([false, false])
  })

  it('refuses, and changes nothing: the actor’s own role, a member, a visitor, a bad body, an unknown member, a type that claims no role', async () => {
    const posts = await professionalWithPosts()
    const member = await asUser(payload, await createMember(payload))
    const ordinary = await createMember(payload, { memberType: 'supporter' })
    const cases: [string, () => Promise<unknown>, number][] = [
      ['own', () => confirmRole(payload, { actor: { ...moderator }, memberId: String(moderator.id), confirmed: true }), 403],
      ['member', () => confirmRole(payload, { actor: member, memberId: String(posts.doc.id), confirmed: true }), 403],
      ['visitor', () => confirmRole(payload, { actor: null, memberId: String(posts.doc.id), confirmed: true }), 401],
      ['string body', () => confirmRole(payload, { actor: moderator, memberId: String(posts.doc.id), confirmed: 'true' }), 400],
      ['missing body', () => confirmRole(payload, { actor: moderator, memberId: String(posts.doc.id), confirmed: undefined }), 400],
      ['unknown', () => confirmRole(payload, { actor: moderator, memberId: '987654321', confirmed: true }), 404],
      ['not an id', () => confirmRole(payload, { actor: moderator, memberId: 'abc', confirmed: true }), 404],
      ['supporter', () => confirmRole(payload, { actor: moderator, memberId: String(ordinary.id), confirmed: true }), 409],
    ]
    // One at a time: each refusal is awaited before the next call starts, so none rejects unobserved.
    for (const [label, run, status] of cases) expect((await refusal(run())).status, label).toBe(status)
    expect((await refusal(confirmRole(payload, { actor: moderator, memberId: String(moderator.id), confirmed: true }))).message).toMatch(/your own/)
    expect((await read('users', posts.doc.id)).memberTypeConfirmed).toBe(false)
    expect((await read('users', ordinary.id)).memberTypeConfirmed).toBe(false)
    expect(await bylineConfirmed(posts)).toEqual([false, false])
  })
})

describe('choosing another member type clears the confirmation, at every door', () => {
  it.each([
    ['the member (as on /account and REST)', 'self'],
    ['an admin (as in the admin)', 'admin'],
  ])('%s', async (_label, door) => {
    const posts = await professionalWithPosts()
    await confirmRole(payload, { actor: moderator, memberId: String(posts.doc.id), confirmed: true })
    // Saving without a change of type keeps it.
    await payload.update({
      collection: 'users',
      id: posts.doc.id,
      data: { memberType: 'professional' } as never,
      user: door === 'self' ? await asUser(payload, posts.doc) : admin,
      overrideAccess: false,
    })
    expect((await read('users', posts.doc.id)).memberTypeConfirmed).toBe(true)
    await payload.update({
      collection: 'users',
      id: posts.doc.id,
      data: { memberType: 'commissioner' } as never,
      user: door === 'self' ? await asUser(payload, posts.doc) : admin,
      overrideAccess: false,
    })
    const member = await read('users', posts.doc.id)
    expect([member.memberType, member.memberTypeConfirmed, idOf(member.memberTypeConfirmedBy) ?? null, member.memberTypeConfirmedAt ?? null]).toEqual(['commissioner', false, null, null])
    expect(await bylineConfirmed(posts)).toEqual([false, false])
    expect((await read('threads', posts.thread.id)).authorByline.memberType).toBe('commissioner')
  })

  it('nobody writes the confirmation through the API, not even an admin', async () => {
    const posts = await professionalWithPosts()
    for (const user of [await asUser(payload, posts.doc), admin]) {
      await payload
        .update({
          collection: 'users',
          id: posts.doc.id,
          data: { memberTypeConfirmed: true, memberTypeConfirmedBy: moderator.id, memberTypeConfirmedAt: new Date().toISOString() } as never,
          user,
          overrideAccess: false,
        })
        .catch(() => null)
    }
    const member = await read('users', posts.doc.id)
    expect([member.memberTypeConfirmed, idOf(member.memberTypeConfirmedBy) ?? null, member.memberTypeConfirmedAt ?? null]).toEqual([false, null, null])
  })
})

describe('export and erasure', () => {
  it('the member’s export says whether the role was confirmed and when, never by whom', async () => {
    const posts = await professionalWithPosts()
    await confirmRole(payload, { actor: moderator, memberId: String(posts.doc.id), confirmed: true })
    const { json } = await collectMemberData(payload, posts.doc.id)
    expect(json.profile.memberTypeConfirmed).toBe(true)
    expect(json.profile.memberTypeCheckedAt).toBeTruthy()
    expect(JSON.stringify(json.profile)).not.toContain(String(moderator.displayName))
  })

  it('erasing the moderator who confirmed keeps the confirmation without the link; a former member’s posts keep no badge', async () => {
    const confirmer = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
    const posts = await professionalWithPosts()
    await confirmRole(payload, { actor: confirmer, memberId: String(posts.doc.id), confirmed: true })
    await eraseMember(payload, { memberId: confirmer.id, mode: 'everything', actor: admin })
    const member = await read('users', posts.doc.id)
    expect([member.memberTypeConfirmed, idOf(member.memberTypeConfirmedBy) ?? null, Boolean(member.memberTypeConfirmedAt)]).toEqual([true, null, true])

    await eraseMember(payload, { memberId: posts.doc.id, mode: 'keep-posts', actor: admin })
    for (const [collection, id] of [
      ['threads', posts.thread.id],
      ['replies', posts.reply.id],
    ] as const) {
      const byline = (await read(collection, id)).authorByline
      expect([byline.memberType ?? null, byline.memberTypeConfirmed, byline.staffRole ?? null], collection).toEqual([null, false, null])
    }
  })
})
