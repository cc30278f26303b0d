// Members (the `users` auth collection) through the Local API, acting as visitors, members,
// moderators and admins with overrideAccess: false.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { createMember, DEFAULT_TEST_PASSWORD } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { SIGNUP_CONTEXT } from '../../src/policies/signup.js'
import { asUser, expectRefusedFor, outcome, refusedOr, sameId, unique } from './helpers.js'

let payload: Payload
let member: any, moderator: any, admin: any
let memberDoc: any, otherDoc: any, thirdDoc: any, moderatorDoc: any, adminDoc: any

const readBack = (id: number | string) => payload.findByID({ collection: 'users', id, overrideAccess: true, depth: 0, showHiddenFields: true }) as Promise<any>

const newUserData = (extra: Record<string, unknown> = {}) => {
  const u = unique()
  return {
    email: `new-${u}@example.org`,
    displayName: `New ${u}`,
    password: 'lantern-orchard-river-4',
    memberType: 'supporter',
    ...extra,
  } as any
}

const login = (email: string, password: string) => payload.login({ collection: 'users', data: { email, password } })

beforeAll(async () => {
  payload = await bootPayload()
  memberDoc = await createMember(payload, { roles: ['member'] })
  otherDoc = await createMember(payload, { roles: ['member'] })
  thirdDoc = await createMember(payload, { roles: ['member'] })
  moderatorDoc = await createMember(payload, { roles: ['moderator'] })
  adminDoc = await createMember(payload, { roles: ['admin'] })
  member = await asUser(payload, memberDoc)
  moderator = await asUser(payload, moderatorDoc)
  admin = await asUser(payload, adminDoc)
})

describe('reading members', () => {
  it('a visitor reads no users (find and findByID)', async () => {
    const found = await outcome(() => payload.find({ collection: 'users', overrideAccess: false, depth: 0 }))
    expect(found === 'refused' || found.length === 0).toBe(true)
    const one = await refusedOr(payload.findByID({ collection: 'users', id: otherDoc.id, overrideAccess: false, depth: 0 }))
    expect(one === 'refused' || one == null).toBe(true)
    const counted = await refusedOr(payload.count({ collection: 'users', overrideAccess: false }))
    expect(counted === 'refused' || counted.totalDocs === 0).toBe(true)
  })

  it('a member reads only themself, with their own email', async () => {
    const result = await payload.find({ collection: 'users', overrideAccess: false, user: member, depth: 0, limit: 100 })
    expect(result.docs.map((d) => String(d.id))).toEqual([String(memberDoc.id)])
    expect(result.docs[0]!.email).toBe(memberDoc.email)
    await expect(payload.findByID({ collection: 'users', id: otherDoc.id, overrideAccess: false, user: member, depth: 0 })).rejects.toThrow()
  })

  it('a moderator reads every member, but not their email', async () => {
    const result = await payload.find({ collection: 'users', overrideAccess: false, user: moderator, depth: 0, limit: 1000 })
    const ids = result.docs.map((d) => String(d.id))
    for (const doc of [memberDoc, otherDoc, thirdDoc, moderatorDoc, adminDoc]) expect(ids).toContain(String(doc.id))
    for (const doc of result.docs) {
      if (sameId(doc.id, moderatorDoc.id)) expect(doc.email).toBe(moderatorDoc.email)
      else expect(doc.email).toBeUndefined()
      expect(doc.displayName).toEqual(expect.any(String))
    }
    const one = await payload.findByID({ collection: 'users', id: otherDoc.id, overrideAccess: false, user: moderator, depth: 0 })
    expect(one.displayName).toBe(otherDoc.displayName)
    expect(one.email).toBeUndefined()
    expect(JSON.stringify(one)).not.toContain(otherDoc.email)
  })

  it('an admin reads every member with their email', async () => {
    const one = await payload.findByID({ collection: 'users', id: otherDoc.id, overrideAccess: false, user: admin, depth: 0 })
    expect(one.email).toBe(otherDoc.email)
  })

  it('no hash, salt or tokens come back to anyone', async () => {
    for (const actor of [member, moderator, admin]) {
      const result = await payload.find({ collection: 'users', overrideAccess: false, user: actor, depth: 0, limit: 1000 })
      for (const doc of result.docs as any[]) {
        expect(doc.hash).toBeUndefined()
        expect(doc.salt).toBeUndefined()
        expect(doc._verificationToken).toBeUndefined()
        expect(doc.resetPasswordToken).toBeUndefined()
      }
    }
  })
})

describe('querying and sorting on email by non-admins reveals nothing', () => {
  const byEmail = (actor: any, where: any) => () => payload.find({ collection: 'users', overrideAccess: false, user: actor, depth: 0, limit: 1000, where })

  it("a moderator filtering on another member's email learns nothing (equals)", async () => {
    const hit = await outcome(byEmail(moderator, { email: { equals: otherDoc.email } }))
    const miss = await outcome(byEmail(moderator, { email: { equals: `nobody-${unique()}@example.org` } }))
    expect(hit).toEqual(miss)
    if (hit !== 'refused') expect(hit).not.toEqual([String(otherDoc.id)])
  })

  it('a moderator filtering on part of an email learns nothing (like / contains)', async () => {
    const prefix = otherDoc.email.split('@')[0]
    for (const op of ['like', 'contains']) {
      const hit = await outcome(byEmail(moderator, { email: { [op]: prefix } }))
      const miss = await outcome(byEmail(moderator, { email: { [op]: `zzq-${unique()}` } }))
      expect(hit, op).toEqual(miss)
    }
  })

  it('a moderator filtering on email inside and/or learns nothing', async () => {
    const wrap = (email: string) => ({ or: [{ and: [{ email: { equals: email } }] }, { id: { equals: -1 } }] })
    const hit = await outcome(byEmail(moderator, wrap(otherDoc.email)))
    const miss = await outcome(byEmail(moderator, wrap(`nobody-${unique()}@example.org`)))
    expect(hit).toEqual(miss)
  })

  it("a member filtering on another member's email gets nothing", async () => {
    const hit = await outcome(byEmail(member, { email: { equals: otherDoc.email } }))
    expect(hit === 'refused' || hit.length === 0).toBe(true)
  })

  it('a visitor filtering on email gets nothing', async () => {
    const hit = await outcome(() => payload.find({ collection: 'users', overrideAccess: false, depth: 0, where: { email: { equals: otherDoc.email } } }))
    expect(hit === 'refused' || hit.length === 0).toBe(true)
  })

  it('a moderator sorting by email learns nothing (ascending and descending agree, or are refused)', async () => {
    const run = (sort: string) => () => payload.find({ collection: 'users', overrideAccess: false, user: moderator, depth: 0, limit: 1000, sort })
    const asc = await outcome(run('email'), true)
    const desc = await outcome(run('-email'), true)
    expect(asc).toEqual(desc)
  })

  it('an admin may filter on email (the control: the filter is real)', async () => {
    const hit = await outcome(byEmail(admin, { email: { equals: otherDoc.email } }))
    expect(hit).toEqual([String(otherDoc.id)])
  })
})

describe('displayName', () => {
  it('is required', async () => {
    const { displayName: _omit, ...data } = newUserData()
    await expectRefusedFor(payload.create({ collection: 'users', data, overrideAccess: true, disableVerificationEmail: true }), 'displayName')
  })

  it('is unique case-insensitively on create', async () => {
    const base = `Sam K ${unique()}`
    await payload.create({ collection: 'users', data: newUserData({ displayName: base }), overrideAccess: true, disableVerificationEmail: true })
    await expectRefusedFor(payload.create({ collection: 'users', data: newUserData({ displayName: base.toLowerCase() }), overrideAccess: true, disableVerificationEmail: true }), 'displayName')
    await expectRefusedFor(payload.create({ collection: 'users', data: newUserData({ displayName: base.toUpperCase() }), overrideAccess: true, disableVerificationEmail: true }), 'displayName')
    const same = await payload.count({ collection: 'users', overrideAccess: true, where: { displayName: { like: base } } })
    expect(same.totalDocs).toBe(1)
  })

  it('is unique case-insensitively on update', async () => {
    const taken = String(otherDoc.displayName)
    const swapped = taken === taken.toUpperCase() ? taken.toLowerCase() : taken.toUpperCase()
    await expect(payload.update({ collection: 'users', id: memberDoc.id, data: { displayName: swapped }, overrideAccess: false, user: member })).rejects.toThrow()
    expect((await readBack(memberDoc.id)).displayName).toBe(memberDoc.displayName)
  })

  it.each([
    ['one character', 'A'],
    ['41 characters', 'N'.repeat(41)],
    ['an email address', 'sam@example.com'],
    ['an email address with spaces', 'sam @ example.com'],
    ['an (at) email address', 'sam(at)example.com'],
  ])('refuses %s on create', async (_n, displayName) => {
    await expectRefusedFor(payload.create({ collection: 'users', data: newUserData({ displayName }), overrideAccess: true, disableVerificationEmail: true }), 'displayName')
  })

  it('refuses an email address as a display name on update by the member', async () => {
    await expect(payload.update({ collection: 'users', id: memberDoc.id, data: { displayName: 'sam@example.com' }, overrideAccess: false, user: member })).rejects.toThrow()
    expect((await readBack(memberDoc.id)).displayName).toBe(memberDoc.displayName)
  })

  it('accepts 2 and 40 characters (the control for the length rule)', async () => {
    const u = unique()
    const two = await payload.create({ collection: 'users', data: newUserData({ displayName: u.slice(-2) }), overrideAccess: true, disableVerificationEmail: true })
    expect(String(two.displayName).trim().length).toBe(2)
    const forty = `F${u}`.padEnd(40, 'x')
    const made = await payload.create({ collection: 'users', data: newUserData({ displayName: forty }), overrideAccess: true, disableVerificationEmail: true })
    expect(made.displayName).toBe(forty)
  })
})

describe('memberType', () => {
  it.each(['in-recovery', 'family-carer', 'professional', 'commissioner', 'supporter'])('accepts %s', async (memberType) => {
    const made = await payload.create({ collection: 'users', data: newUserData({ memberType }), overrideAccess: true, disableVerificationEmail: true })
    expect(made.memberType).toBe(memberType)
  })

  it.each(['ceo', 'admin', 'In recovery', ''])('refuses %j', async (memberType) => {
    await expectRefusedFor(payload.create({ collection: 'users', data: newUserData({ memberType }), overrideAccess: true, disableVerificationEmail: true }), 'memberType')
  })

  it('a member cannot set an unknown type on themself', async () => {
    await expect(payload.update({ collection: 'users', id: memberDoc.id, data: { memberType: 'commissioner-general' } as any, overrideAccess: false, user: member })).rejects.toThrow()
  })
})

describe('roles', () => {
  // The join form creates members with overrideAccess: false, no user, and the signup context.
  const signUp = (data: any) => payload.create({ collection: 'users', data, overrideAccess: false, disableVerificationEmail: true, context: { [SIGNUP_CONTEXT]: true } })

  it('public sign-up gets ["member"] even when ["admin"] is sent', async () => {
    const made = await signUp(newUserData({ roles: ['admin'] }))
    expect((await readBack(made.id)).roles).toEqual(['member'])
  })

  it('public sign-up gets ["member"] even when ["moderator", "admin"] is sent', async () => {
    const made = await signUp(newUserData({ roles: ['moderator', 'admin'] }))
    expect((await readBack(made.id)).roles).toEqual(['member'])
  })

  it('public sign-up with no roles gets ["member"]', async () => {
    const made = await signUp(newUserData())
    expect((await readBack(made.id)).roles).toEqual(['member'])
  })

  it('public sign-up cannot set approvedPostCount', async () => {
    const made = await signUp(newUserData({ approvedPostCount: 500 }))
    expect((await readBack(made.id)).approvedPostCount ?? 0).not.toBe(500)
  })

  it('a plain Local API create with no user and no signup context is refused or gets ["member"]', async () => {
    const data = newUserData({ roles: ['admin'] })
    const made = await refusedOr(payload.create({ collection: 'users', data, overrideAccess: false, disableVerificationEmail: true }))
    if (made !== 'refused') expect((await readBack(made.id)).roles).toEqual(['member'])
    const admins = await payload.count({ collection: 'users', overrideAccess: true, where: { and: [{ email: { equals: data.email } }, { roles: { contains: 'admin' } }] } })
    expect(admins.totalDocs).toBe(0)
  })

  it('a member updating their own roles leaves them unchanged', async () => {
    await refusedOr(payload.update({ collection: 'users', id: memberDoc.id, data: { roles: ['admin'] }, overrideAccess: false, user: member }))
    expect((await readBack(memberDoc.id)).roles).toEqual(['member'])
  })

  it('a member cannot give themself a role through a bulk (where) update either', async () => {
    await refusedOr(payload.update({ collection: 'users', where: { id: { equals: memberDoc.id } }, data: { roles: ['moderator', 'admin'] }, overrideAccess: false, user: member }))
    expect((await readBack(memberDoc.id)).roles).toEqual(['member'])
  })

  it('a moderator cannot make themself an admin', async () => {
    await refusedOr(payload.update({ collection: 'users', id: moderatorDoc.id, data: { roles: ['admin'] }, overrideAccess: false, user: moderator }))
    expect((await readBack(moderatorDoc.id)).roles).toEqual(['moderator'])
  })

  it("a moderator cannot change another member's roles", async () => {
    await refusedOr(payload.update({ collection: 'users', id: thirdDoc.id, data: { roles: ['moderator'] }, overrideAccess: false, user: moderator }))
    expect((await readBack(thirdDoc.id)).roles).toEqual(['member'])
  })

  it('a member cannot change another member at all', async () => {
    await refusedOr(payload.update({ collection: 'users', id: thirdDoc.id, data: { roles: ['admin'], displayName: `Hijack ${unique()}` }, overrideAccess: false, user: member }))
    const stored = await readBack(thirdDoc.id)
    expect(stored.roles).toEqual(['member'])
    expect(stored.displayName).toBe(thirdDoc.displayName)
  })

  it('an admin can change roles (the control)', async () => {
    const target = await createMember(payload, { roles: ['member'] })
    await payload.update({ collection: 'users', id: target.id, data: { roles: ['moderator'] }, overrideAccess: false, user: admin })
    expect((await readBack(target.id)).roles).toEqual(['moderator'])
  })

  it('a member cannot set their own approvedPostCount', async () => {
    const before = (await readBack(memberDoc.id)).approvedPostCount ?? 0
    await refusedOr(payload.update({ collection: 'users', id: memberDoc.id, data: { approvedPostCount: 999 }, overrideAccess: false, user: member }))
    expect((await readBack(memberDoc.id)).approvedPostCount ?? 0).toBe(before)
    expect(before).not.toBe(999)
  })
})

describe('common passwords', () => {
  it('are refused on public create', async () => {
    const data = newUserData({ password: 'password123' })
    await expectRefusedFor(payload.create({ collection: 'users', data, overrideAccess: false, disableVerificationEmail: true, context: { [SIGNUP_CONTEXT]: true } }), 'password')
    const found = await payload.count({ collection: 'users', overrideAccess: true, where: { email: { equals: data.email } } })
    expect(found.totalDocs).toBe(0)
  })

  it('are refused on create even with overrideAccess (every door)', async () => {
    await expectRefusedFor(payload.create({ collection: 'users', data: newUserData({ password: 'Password123' }), overrideAccess: true, disableVerificationEmail: true }), 'password')
  })

  it('a too-short password is refused on create', async () => {
    await expectRefusedFor(payload.create({ collection: 'users', data: newUserData({ password: 'qz7Xv9k' }), overrideAccess: true, disableVerificationEmail: true }), 'password')
  })

  it('are refused on update by the member (with the right current password)', async () => {
    const m = await createMember(payload)
    const user = await asUser(payload, m)
    await expectRefusedFor(payload.update({ collection: 'users', id: m.id, data: { password: 'iloveyou1', currentPassword: m.password } as any, overrideAccess: false, user }), 'password')
    await expect(login(m.email, 'iloveyou1')).rejects.toThrow()
    await expect(login(m.email, m.password)).resolves.toBeTruthy()
  })

  it('are refused on update by an admin', async () => {
    const m = await createMember(payload)
    await expectRefusedFor(payload.update({ collection: 'users', id: m.id, data: { password: 'qwertyuiop' }, overrideAccess: false, user: admin }), 'password')
    await expect(login(m.email, 'qwertyuiop')).rejects.toThrow()
  })

  it('are refused on resetPassword (because of the password)', async () => {
    const m = await createMember(payload)
    const token = await payload.forgotPassword({ collection: 'users', data: { email: m.email }, disableEmail: true })
    expect(token).toEqual(expect.any(String))
    await expectRefusedFor(payload.resetPassword({ collection: 'users', data: { token: token as string, password: '12345678' }, overrideAccess: true }), 'password')
    await expect(login(m.email, '12345678')).rejects.toThrow()
  })

  it('resetPassword with a good password works (the control)', async () => {
    const m = await createMember(payload)
    const token = await payload.forgotPassword({ collection: 'users', data: { email: m.email }, disableEmail: true })
    await payload.resetPassword({ collection: 'users', data: { token: token as string, password: 'heather-bracken-fell-22' }, overrideAccess: true })
    await expect(login(m.email, 'heather-bracken-fell-22')).resolves.toBeTruthy()
  })
})

describe('lockout', () => {
  it('5 failed logins lock the account; the 6th attempt with the right password is refused', async () => {
    const m = await createMember(payload)
    for (let i = 0; i < 5; i++) await expect(login(m.email, `wrong-guess-number-${i}`)).rejects.toThrow()
    await expect(login(m.email, m.password)).rejects.toThrow()
    const stored = await readBack(m.id)
    expect(stored.lockUntil).toBeTruthy()
    // Locked for 10 minutes.
    const minutes = (new Date(stored.lockUntil).getTime() - Date.now()) / 60_000
    expect(minutes).toBeGreaterThan(8)
    expect(minutes).toBeLessThanOrEqual(10.5)
  })

  it('4 failed logins do not lock (the control)', async () => {
    const m = await createMember(payload)
    for (let i = 0; i < 4; i++) await expect(login(m.email, `wrong-guess-number-${i}`)).rejects.toThrow()
    await expect(login(m.email, m.password)).resolves.toBeTruthy()
  })

  it('a member cannot unlock an account; an admin can', async () => {
    const m = await createMember(payload)
    for (let i = 0; i < 5; i++) await expect(login(m.email, `wrong-guess-number-${i}`)).rejects.toThrow()
    await refusedOr(payload.unlock({ collection: 'users', data: { email: m.email } as never, overrideAccess: false, req: { user: member } as any }))
    await expect(login(m.email, m.password)).rejects.toThrow()
    await payload.unlock({ collection: 'users', data: { email: m.email } as never, overrideAccess: false, req: { user: admin } as any })
    await expect(login(m.email, m.password)).resolves.toBeTruthy()
  })
})

describe('helpers sanity', () => {
  it('createMember users can log in with the default password', async () => {
    await expect(login(memberDoc.email, DEFAULT_TEST_PASSWORD)).resolves.toBeTruthy()
  })
})
