// Issue 12 D: meeting join codes through a real Payload (SQLite, or PostgreSQL with DATABASE_URL).
// - openJoinCode: moderators of the meeting's locality only; hours 1–12; one open code per meeting;
//   a clash with an existing code draws again;
// - registerMember with a code: the use, the meeting's joinedWithCode and the account land together,
//   or none of them does; firstTimers is never touched; a used-up, closed or expired code refuses;
// - deleting a meeting takes its join codes (and sent-reminder rows) with it.
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CommandRefusal } from '../../src/commands/errors.js'
import { closeJoinCode, openJoinCode } from '../../src/commands/meetings/openJoinCode.js'
import { registerMember } from '../../src/commands/registerMember.js'
import { INVALID_JOIN_CODE_MESSAGE, displayJoinCode } from '../../src/policies/joinCodes.js'
import { currentJoinCode, findUsableJoinCode } from '../../src/queries/joinCodes.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, unique } from './helpers.js'

let payload: Payload
const db = () => payload as any
const HOUR = 3_600_000

async function newLocality() {
  const u = unique()
  return db().create({ collection: 'localities', data: { name: `Place ${u}`, slug: `place-${u}`, forumVisibility: 'members' }, overrideAccess: true })
}

async function newMeeting(locality: any, extra: Record<string, unknown> = {}) {
  const startsAt = new Date(Date.now() + HOUR)
  return db().create({
    collection: 'meetings',
    data: { locality: locality.id, title: `Meeting ${unique()}`, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(), status: 'scheduled', ...extra },
    overrideAccess: true,
    context: { disableEmail: true },
  })
}

async function moderatorOf(locality: any | null) {
  const m = await createMember(payload, { roles: ['moderator'] })
  if (locality) await payload.update({ collection: 'users', id: m.id, data: { moderatorLocalities: [locality.id] } as never, overrideAccess: true })
  return asUser(payload, m)
}

const storedMeeting = (id: number | string) => payload.findByID({ collection: 'meetings', id, overrideAccess: true, depth: 0 }) as Promise<any>
const storedCode = async (code: string) => (await payload.find({ collection: 'join-codes', where: { code: { equals: code } }, overrideAccess: true, depth: 0 })).docs[0] as any
const userCount = async (email: string) => (await payload.count({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true })).totalDocs

function joiner(code?: string, countAsFirstTimer = true) {
  const u = unique()
  return {
    payload,
    displayName: `Wren ${u}`.slice(0, 40),
    email: `wren-${u}@join-code.example`,
    password: 'willow-lantern-pebble-31',
    memberType: 'in-recovery',
    joinCode: code === undefined ? undefined : { code, countAsFirstTimer },
  }
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return error instanceof CommandRefusal ? { status: error.status, message: error.message } : { error: String(error) }
  }
  return null
}

beforeAll(async () => {
  payload = await bootPayload()
}, 120_000)

afterAll(async () => {
  await payload?.destroy?.()
})

describe('openJoinCode', () => {
  it('opens a code for the moderators of the locality only, for 1 to 12 hours', async () => {
    const locality = await newLocality()
    const meeting = await newMeeting(locality)
    const own = await moderatorOf(locality)
    const other = await moderatorOf(await newLocality())
    const member = await asUser(payload, await createMember(payload))

    expect(await refusal(openJoinCode({ payload, user: other, meetingId: meeting.id, hours: '3' }))).toMatchObject({ status: 403 })
    expect(await refusal(openJoinCode({ payload, user: member, meetingId: meeting.id, hours: '3' }))).toMatchObject({ status: 403 })
    for (const hours of ['0', '13', 'x', '2.5']) expect(await refusal(openJoinCode({ payload, user: own, meetingId: meeting.id, hours }))).toMatchObject({ status: 400 })
    expect(await payload.count({ collection: 'join-codes', where: { meeting: { equals: meeting.id } }, overrideAccess: true })).toMatchObject({ totalDocs: 0 })

    const now = new Date()
    const opened = await openJoinCode({ payload, user: own, meetingId: meeting.id, hours: '', now })
    expect(opened.code).toMatch(/^[2-9A-HJKMNP-Z]{6,8}$/)
    expect(Date.parse(opened.expiresAt) - now.getTime()).toBe(3 * HOUR)
    const stored = await storedCode(opened.code)
    expect(stored).toMatchObject({ uses: 0, maxUses: 300, closedAt: null })
    expect(String(stored.createdBy)).toBe(String(own.id))

    const shown = await currentJoinCode(payload, own, meeting.id)
    expect(shown).toMatchObject({ code: opened.code, display: displayJoinCode(opened.code), uses: 0 })
    expect(await currentJoinCode(payload, member, meeting.id)).toBeNull()
    // A moderator of another locality cannot read it either (the collection's read access is scoped).
    expect(await currentJoinCode(payload, other, meeting.id)).toBeNull()
    expect((await payload.find({ collection: 'join-codes', overrideAccess: false, user: other, depth: 0 })).docs.map((d: any) => d.code)).not.toContain(opened.code)
    expect((await payload.find({ collection: 'join-codes', overrideAccess: false, user: own, depth: 0 })).docs.map((d: any) => d.code)).toContain(opened.code)
    expect(await currentJoinCode(payload, null, meeting.id)).toBeNull()
  })

  it('keeps one open code per meeting, and closes it on request', async () => {
    const locality = await newLocality()
    const meeting = await newMeeting(locality)
    const own = await moderatorOf(locality)
    const first = await openJoinCode({ payload, user: own, meetingId: meeting.id, hours: '2' })
    const second = await openJoinCode({ payload, user: own, meetingId: meeting.id, hours: '12' })
    expect(second.code).not.toBe(first.code)
    expect(await findUsableJoinCode(payload, first.code)).toBeNull()
    expect(await findUsableJoinCode(payload, second.code.toLowerCase())).toMatchObject({ code: second.code })
    expect((await currentJoinCode(payload, own, meeting.id))?.code).toBe(second.code)

    await closeJoinCode({ payload, user: own, meetingId: meeting.id })
    expect(await findUsableJoinCode(payload, second.code)).toBeNull()
    expect(await currentJoinCode(payload, own, meeting.id)).toBeNull()
  })

  it('draws again when a code is taken', async () => {
    const locality = await newLocality()
    const own = await moderatorOf(locality)
    const taken = await openJoinCode({ payload, user: own, meetingId: (await newMeeting(locality)).id, hours: '3' })
    const draws = [taken.code, taken.code, 'Q7M4KP']
    const result = await openJoinCode({ payload, user: own, meetingId: (await newMeeting(locality)).id, hours: '3', generate: () => draws.shift()! })
    expect(result.code).toBe('Q7M4KP')
    expect(draws).toEqual([])
  })

  it('refuses a cancelled meeting', async () => {
    const locality = await newLocality()
    const meeting = await newMeeting(locality, { status: 'cancelled', cancellationReason: 'Venue flooded' })
    expect(await refusal(openJoinCode({ payload, user: await moderatorOf(locality), meetingId: meeting.id, hours: '3' }))).toMatchObject({ status: 409 })
  })
})

describe('registerMember with a join code', () => {
  it('counts the use, and joinedWithCode only for those who agree; never firstTimers', async () => {
    const locality = await newLocality()
    const meeting = await newMeeting(locality)
    const { code } = await openJoinCode({ payload, user: await moderatorOf(locality), meetingId: meeting.id, hours: '3' })
    const before = await storedMeeting(meeting.id)

    expect(await registerMember(joiner(displayJoinCode(code).toLowerCase(), true))).toEqual({ outcome: 'created' })
    expect(await registerMember(joiner(code, false))).toEqual({ outcome: 'created' })
    expect(await registerMember(joiner(code.slice(0, 3) + '-' + code.slice(3), true))).toEqual({ outcome: 'created' })

    const after = await storedMeeting(meeting.id)
    expect(after.attendance.joinedWithCode).toBe(2)
    expect(after.attendance.firstTimers ?? null).toBe(before.attendance?.firstTimers ?? null)
    expect(after.sequence).toBe(before.sequence)
    expect(after.updatedAt).toBe(before.updatedAt)
    expect((await storedCode(code)).uses).toBe(3)
  })

  it('stores no per-person record: the new account carries nothing of the meeting', async () => {
    const locality = await newLocality()
    const meeting = await newMeeting(locality)
    const { code } = await openJoinCode({ payload, user: await moderatorOf(locality), meetingId: meeting.id, hours: '3' })
    const who = joiner(code, true)
    await registerMember(who)
    const user = (await payload.find({ collection: 'users', where: { email: { equals: who.email } }, overrideAccess: true, depth: 0 })).docs[0] as any
    expect(JSON.stringify(user)).not.toContain(code)
    expect(JSON.stringify(user)).not.toContain(`"${meeting.id}"`)
  })

  it('a code that no longer works makes no account and counts nothing', async () => {
    const locality = await newLocality()
    const own = await moderatorOf(locality)
    const meeting = await newMeeting(locality)
    const { code } = await openJoinCode({ payload, user: own, meetingId: meeting.id, hours: '3' })
    const stored = await storedCode(code)

    const cases: [string, Record<string, unknown>][] = [
      ['expired', { expiresAt: new Date(Date.now() - 1000).toISOString() }],
      ['closed', { expiresAt: new Date(Date.now() + HOUR).toISOString(), closedAt: new Date().toISOString() }],
      ['used up', { closedAt: null, uses: 300 }],
    ]
    for (const [name, data] of cases) {
      await payload.update({ collection: 'join-codes', id: stored.id, data: data as never, overrideAccess: true })
      const who = joiner(code, true)
      expect(await refusal(registerMember(who)), name).toEqual({ status: 400, message: INVALID_JOIN_CODE_MESSAGE })
      expect(await userCount(who.email), `${name}: no account`).toBe(0)
    }
    expect((await storedMeeting(meeting.id)).attendance.joinedWithCode ?? 0).toBe(0)
    expect((await storedCode(code)).uses).toBe(300)
    const who = joiner('ZZZZZZ', true)
    expect(await refusal(registerMember(who))).toEqual({ status: 400, message: INVALID_JOIN_CODE_MESSAGE })
    expect(await userCount(who.email)).toBe(0)
  })

  it('the last use goes to one sign-up only', async () => {
    const locality = await newLocality()
    const meeting = await newMeeting(locality)
    const { code } = await openJoinCode({ payload, user: await moderatorOf(locality), meetingId: meeting.id, hours: '3' })
    await payload.update({ collection: 'join-codes', where: { code: { equals: code } }, data: { uses: 299 } as never, overrideAccess: true })
    const people = [joiner(code, true), joiner(code, true), joiner(code, true)]
    const results = await Promise.all(
      people.map((p) =>
        registerMember(p).then(
          () => 'created',
          (e) => (e instanceof CommandRefusal ? 'refused' : String(e)),
        ),
      ),
    )
    expect(results.filter((r) => r === 'created')).toHaveLength(1)
    expect(results.filter((r) => r === 'refused')).toHaveLength(2)
    expect((await storedCode(code)).uses).toBe(300)
    expect((await storedMeeting(meeting.id)).attendance.joinedWithCode).toBe(1)
    let accounts = 0
    for (const p of people) accounts += await userCount(p.email)
    expect(accounts).toBe(1)
  })

  it('an account that cannot be made (a taken display name) leaves the count as it was', async () => {
    const locality = await newLocality()
    const meeting = await newMeeting(locality)
    const { code } = await openJoinCode({ payload, user: await moderatorOf(locality), meetingId: meeting.id, hours: '3' })
    const first = joiner(code, true)
    await registerMember(first)
    const clash = { ...joiner(code, true), displayName: first.displayName }
    await expect(registerMember(clash)).rejects.toBeTruthy()
    expect(await userCount(clash.email)).toBe(0)
    expect((await storedMeeting(meeting.id)).attendance.joinedWithCode).toBe(1)
    expect((await storedCode(code)).uses).toBe(1)
  })

  it('an address already registered uses nothing (and reads the same)', async () => {
    const locality = await newLocality()
    const meeting = await newMeeting(locality)
    const { code } = await openJoinCode({ payload, user: await moderatorOf(locality), meetingId: meeting.id, hours: '3' })
    const existing = await createMember(payload)
    expect(await registerMember({ ...joiner(code, true), email: existing.email })).toEqual({ outcome: 'already-registered' })
    expect((await storedCode(code)).uses).toBe(0)
  })
})

describe('deleting a meeting', () => {
  it('takes its join codes and sent-reminder rows with it', async () => {
    const locality = await newLocality()
    const meeting = await newMeeting(locality)
    const { code } = await openJoinCode({ payload, user: await moderatorOf(locality), meetingId: meeting.id, hours: '3' })
    const member = await createMember(payload)
    await db().create({ collection: 'meeting-reminders', data: { key: `r-${unique()}`, meeting: meeting.id, member: member.id, sentAt: new Date().toISOString() }, overrideAccess: true })
    await payload.delete({ collection: 'meetings', id: meeting.id, overrideAccess: true })
    expect(await storedCode(code)).toBeUndefined()
    expect((await payload.count({ collection: 'meeting-reminders', where: { meeting: { equals: meeting.id } }, overrideAccess: true })).totalDocs).toBe(0)
    expect(await payload.findByID({ collection: 'meetings', id: meeting.id, overrideAccess: true, disableErrors: true })).toBeNull()
  })
})
