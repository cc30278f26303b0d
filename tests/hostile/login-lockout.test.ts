// Hostile: brute force. After 5 failed logins an account is locked for 10 minutes, so the 6th attempt
// is refused even with the right password, through REST and through the /login form alike.
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { readUser, useHostileServer } from './helpers.js'

const hostile = useHostileServer('login-lockout')

// This file makes far more failed sign-ins from one IP than the per-IP limit allows in an hour; that
// limit has its own tests (ip-limits.test.ts), so here it is raised to see the per-account lockout alone.
beforeAll(async () => {
  await hostile.payload.updateGlobal({ slug: 'moderation-settings', data: { failedLoginsPerIpPerHour: 10_000 } as never, overrideAccess: true })
})

type Member = Awaited<ReturnType<typeof createMember>>

async function restLogin(email: string, password: string) {
  const client = new WebClient(hostile.server.url)
  const response = await client.json('POST', '/api/users/login', { email, password })
  const body = (await response.json().catch(() => ({}))) as { token?: string; user?: unknown }
  return { client, response, body }
}

async function formLogin(email: string, password: string) {
  const client = new WebClient(hostile.server.url)
  const response = await client.postForm('/login', { _csrf: await client.csrfToken('/login'), email, password, next: '/account' })
  const html = await response.text()
  return { client, response, html }
}

/** Proves a REST attempt with the right password did not sign anyone in. */
async function expectRestRefused(member: Member, label: string) {
  const { client, response, body } = await restLogin(member.email, member.password)
  expect(response.status, label).toBeGreaterThanOrEqual(400)
  expect(response.status, label).toBeLessThan(500)
  expect(body.token, label).toBeUndefined()
  expect(client.cookies.has('payload-token'), label).toBe(false)
  const me = (await (await client.get('/api/users/me')).json()) as { user: unknown }
  expect(me.user, label).toBeNull()
}

/** Proves a form attempt with the right password did not sign anyone in. */
async function expectFormRefused(member: Member, label: string) {
  const { client, response, html } = await formLogin(member.email, member.password)
  expect(response.status, label).toBeGreaterThanOrEqual(400)
  expect(response.status, label).toBeLessThan(500)
  expect(html, label).toMatch(/locked|too many/i)
  expect(client.cookies.has('payload-token'), label).toBe(false)
  const account = await client.get('/account')
  expect(account.status, `${label}: /account must not open`).not.toBe(200)
  const me = (await (await client.get('/api/users/me')).json()) as { user: unknown }
  expect(me.user, label).toBeNull()
}

async function expectLockedForTenMinutes(member: Member, startedAt: number) {
  const stored = await readUser(hostile.payload, member.id)
  expect(stored.lockUntil, 'lockUntil is set').toBeTruthy()
  const until = new Date(stored.lockUntil).getTime()
  // 10 minutes from the 5th failure (allowing for the time the attempts took).
  expect(until - startedAt).toBeGreaterThanOrEqual(10 * 60_000 - 5_000)
  expect(until - Date.now()).toBeLessThanOrEqual(10 * 60_000 + 5_000)
}

describe('lockout after 5 failed logins', () => {
  test('control: 4 failures do not lock, and the right password still works', async () => {
    const member = await createMember(hostile.payload)
    for (let i = 0; i < 4; i++) {
      const { response } = await restLogin(member.email, `not-the-password-${i}`)
      expect(response.status).toBe(401)
    }
    const { response, body } = await restLogin(member.email, member.password)
    expect(response.status).toBe(200)
    expect(body.token).toBeTruthy()
  })

  test('REST: the 6th attempt is refused even with the right password, on both doors', async () => {
    const member = await createMember(hostile.payload)
    // Control: the account works before the attack.
    expect((await restLogin(member.email, member.password)).response.status).toBe(200)
    const startedAt = Date.now()
    for (let i = 0; i < 5; i++) {
      const { response, body } = await restLogin(member.email, `not-the-password-${i}`)
      expect(response.status, `failure ${i + 1}`).toBeGreaterThanOrEqual(400)
      expect(body.token).toBeUndefined()
    }
    await expectRestRefused(member, '6th attempt (REST)')
    await expectFormRefused(member, '7th attempt (form)')
    await expectLockedForTenMinutes(member, startedAt)
  })

  test('/login form: the 6th attempt is refused even with the right password, on both doors', async () => {
    const member = await createMember(hostile.payload)
    const control = await formLogin(member.email, member.password)
    expect(control.response.status, 'control: the form login works before the attack').toBe(303)
    const startedAt = Date.now()
    for (let i = 0; i < 5; i++) {
      const { response, client } = await formLogin(member.email, `not-the-password-${i}`)
      expect(response.status, `failure ${i + 1}`).toBeGreaterThanOrEqual(400)
      expect(response.status, `failure ${i + 1}`).toBeLessThan(500)
      expect(client.cookies.has('payload-token')).toBe(false)
    }
    await expectFormRefused(member, '6th attempt (form)')
    await expectRestRefused(member, '7th attempt (REST)')
    await expectLockedForTenMinutes(member, startedAt)
  })

  test('failures on the two doors add up (3 REST + 2 form, with varied email case)', async () => {
    const member = await createMember(hostile.payload)
    const startedAt = Date.now()
    for (let i = 0; i < 3; i++) await restLogin(i % 2 ? member.email.toUpperCase() : member.email, `not-the-password-${i}`)
    for (let i = 0; i < 2; i++) await formLogin(i % 2 ? member.email.toUpperCase() : member.email, `not-the-password-f${i}`)
    await expectFormRefused(member, '6th attempt (form)')
    await expectRestRefused(member, '7th attempt (REST)')
    await expectLockedForTenMinutes(member, startedAt)
  })

  test('a concurrent burst of failures still locks the account', async () => {
    const member = await createMember(hostile.payload)
    await Promise.all(Array.from({ length: 12 }, (_, i) => restLogin(member.email, `burst-guess-${i}`)))
    await expectRestRefused(member, 'after the burst (REST)')
    await expectFormRefused(member, 'after the burst (form)')
  })

  test('the lock is what refuses the right password: once it expires, the password works again', async () => {
    const member = await createMember(hostile.payload)
    for (let i = 0; i < 5; i++) await restLogin(member.email, `not-the-password-${i}`)
    await expectRestRefused(member, 'locked')
    // Simulate the 10 minutes passing.
    await hostile.payload.update({
      collection: 'users',
      id: member.id,
      data: { lockUntil: new Date(Date.now() - 1000).toISOString() } as never,
      overrideAccess: true,
      showHiddenFields: true,
    })
    const { response, body } = await restLogin(member.email, member.password)
    expect(response.status).toBe(200)
    expect(body.token).toBeTruthy()
  })
})
