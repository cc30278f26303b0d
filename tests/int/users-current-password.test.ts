// Members change their own email or password only after re-entering the current password
// (`currentPassword` in the update data); admins do not need it. The tests that send a wrong
// current password come last, so whatever they do to the database cannot spoil the others.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, expectRefusedFor, unique } from './helpers.js'

let payload: Payload
let admin: any

const readBack = (id: number | string) => payload.findByID({ collection: 'users', id, overrideAccess: true, depth: 0 }) as Promise<any>
const login = (email: string, password: string) => payload.login({ collection: 'users', data: { email, password } })

beforeAll(async () => {
  payload = await bootPayload()
  admin = await asUser(payload, await createMember(payload, { roles: ['admin'] }))
})

describe('with the right current password, or none needed', () => {
  it('password change without currentPassword is refused', async () => {
    const m = await createMember(payload)
    const user = await asUser(payload, m)
    await expectRefusedFor(payload.update({ collection: 'users', id: m.id, data: { password: 'new-willow-harbour-31' }, overrideAccess: false, user }), 'currentPassword')
    await expect(login(m.email, 'new-willow-harbour-31')).rejects.toThrow()
    await expect(login(m.email, m.password)).resolves.toBeTruthy()
  })

  it('password change with the right currentPassword works', async () => {
    const m = await createMember(payload)
    const user = await asUser(payload, m)
    await payload.update({ collection: 'users', id: m.id, data: { password: 'new-willow-harbour-33', currentPassword: m.password } as any, overrideAccess: false, user })
    await expect(login(m.email, 'new-willow-harbour-33')).resolves.toBeTruthy()
    await expect(login(m.email, m.password)).rejects.toThrow()
  })

  it('email change without currentPassword is refused', async () => {
    const m = await createMember(payload)
    const user = await asUser(payload, m)
    const newEmail = `changed-${unique()}@example.org`
    await expectRefusedFor(payload.update({ collection: 'users', id: m.id, data: { email: newEmail }, overrideAccess: false, user }), 'currentPassword')
    expect((await readBack(m.id)).email).toBe(m.email)
  })

  it('email change with the right currentPassword works', async () => {
    const m = await createMember(payload)
    const user = await asUser(payload, m)
    const newEmail = `changed-${unique()}@example.org`
    await payload.update({ collection: 'users', id: m.id, data: { email: newEmail, currentPassword: m.password } as any, overrideAccess: false, user })
    expect((await readBack(m.id)).email).toBe(newEmail)
  })

  it('other fields change without currentPassword', async () => {
    const m = await createMember(payload)
    const user = await asUser(payload, m)
    const displayName = `Renamed ${unique()}`
    await payload.update({ collection: 'users', id: m.id, data: { displayName }, overrideAccess: false, user })
    expect((await readBack(m.id)).displayName).toBe(displayName)
  })

  it("an admin changes another member's password and email without a current password", async () => {
    const m = await createMember(payload)
    const newEmail = `admin-set-${unique()}@example.org`
    await payload.update({ collection: 'users', id: m.id, data: { password: 'admin-chosen-granite-7', email: newEmail }, overrideAccess: false, user: admin })
    expect((await readBack(m.id)).email).toBe(newEmail)
    await expect(login(newEmail, 'admin-chosen-granite-7')).resolves.toBeTruthy()
  })
})

describe('with a wrong current password (last: these may disturb the database)', () => {
  // Everyone these tests need is created before the first wrong attempt.
  let emailVictim: any, passwordVictim: any, probe: any
  beforeAll(async () => {
    emailVictim = await createMember(payload)
    passwordVictim = await createMember(payload)
    probe = await createMember(payload)
  })

  it('email change with a wrong currentPassword is refused', async () => {
    const user = await asUser(payload, emailVictim)
    const newEmail = `changed-${unique()}@example.org`
    await expect(payload.update({ collection: 'users', id: emailVictim.id, data: { email: newEmail, currentPassword: 'wrong-wrong-wrong-1' } as any, overrideAccess: false, user })).rejects.toThrow()
    expect((await readBack(emailVictim.id)).email).toBe(emailVictim.email)
  })

  it('password change with a wrong currentPassword is refused as a currentPassword error', async () => {
    const user = await asUser(payload, passwordVictim)
    await expectRefusedFor(
      payload.update({ collection: 'users', id: passwordVictim.id, data: { password: 'new-willow-harbour-32', currentPassword: 'not-my-password-at-all' } as any, overrideAccess: false, user }),
      'currentPassword',
    )
  })

  it('after a refused wrong current password, the next write is really stored', async () => {
    const user = await asUser(payload, probe)
    await expect(
      payload.update({ collection: 'users', id: probe.id, data: { password: 'new-willow-harbour-35', currentPassword: 'not-my-password-at-all' } as any, overrideAccess: false, user }),
    ).rejects.toThrow()
    const after = await createMember(payload)
    const stored = await payload.find({ collection: 'users', overrideAccess: true, depth: 0, where: { email: { equals: after.email } } })
    expect(stored.docs.map((d) => String(d.id))).toEqual([String(after.id)])
  })
})
