// Hostile: weak passwords and credential takeover. Common passwords are refused at every door where a
// password is set; a 64-character passphrase is accepted and works in full; and a member's email or
// password only changes with the correct current password.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { countUsers, findUserByEmail, readUser, restToken, signedIn, unique, useHostileServer } from './helpers.js'

const hostile = useHostileServer('passwords')

const COMMON = ['password123', 'iloveyou1', 'qwertyuiop']
// 64 characters, spaces and all, no "composition" (no digits, no capitals, no symbols).
const PASSPHRASE_64 = 'the quiet heron waits beside the old canal lock for a silver fis'
const GOOD = 'copper-kettle-meadow-9'
const OTHER_GOOD = 'lichen-orchard-bramble-77'

async function join(fields: Record<string, string>) {
  const client = new WebClient(hostile.server.url)
  const response = await client.postForm('/join', { _csrf: await client.csrfToken('/join'), memberType: 'supporter', homeLocality: '', ...fields })
  return { response, html: await response.text() }
}

async function restSignUp(email: string, password: string) {
  return new WebClient(hostile.server.url).json('POST', '/api/users', {
    email,
    password,
    displayName: `Signup ${unique()}`.slice(0, 40),
    memberType: 'supporter',
  })
}

async function canLogIn(email: string, password: string): Promise<boolean> {
  const response = await new WebClient(hostile.server.url).json('POST', '/api/users/login', { email, password })
  return response.status === 200
}

/** The stored password hash, which changes whenever the password does. */
const hashOf = async (id: number | string) => (await readUser(hostile.payload, id)).hash as string

describe('long passphrases and no composition rules', () => {
  test('/join accepts a 64-character passphrase, and the whole of it is the password', async () => {
    expect(PASSPHRASE_64.length).toBe(64)
    const email = `long-${unique()}@pw-probe.example`
    const { response, html } = await join({ displayName: `Heron ${unique()}`.slice(0, 40), email, password: PASSPHRASE_64 })
    expect(response.status, html.slice(0, 300)).toBeLessThan(400)
    const stored = await findUserByEmail(hostile.payload, email)
    expect(stored, 'the member was created').toBeDefined()
    await hostile.payload.update({ collection: 'users', id: stored!.id, data: { _verified: true } as never, overrideAccess: true })
    expect(await canLogIn(email, PASSPHRASE_64)).toBe(true)
    // Not truncated: the first 63 (or 32) characters are not enough.
    expect(await canLogIn(email, PASSPHRASE_64.slice(0, 63))).toBe(false)
    expect(await canLogIn(email, PASSPHRASE_64.slice(0, 32))).toBe(false)
  })

  test('REST: an account created through POST /api/users (by an admin) accepts a 64-character passphrase, in full', async () => {
    // Visitors cannot sign up over REST (accounts come from /join or an admin), so the REST door that
    // sets a new account's password is the admin's.
    const admin = await signedIn(hostile.server, 'admin@waymark.example', hostile.server.seedPassword)
    const email = `long-rest-${unique()}@pw-probe.example`
    const response = await admin.json('POST', '/api/users', { email, password: PASSPHRASE_64, displayName: `Heron ${unique()}`.slice(0, 40), memberType: 'supporter' })
    expect(response.status, await response.clone().text()).toBe(201)
    const stored = await findUserByEmail(hostile.payload, email)
    expect(stored).toBeDefined()
    await hostile.payload.update({ collection: 'users', id: stored!.id, data: { _verified: true } as never, overrideAccess: true })
    expect(await canLogIn(email, PASSPHRASE_64)).toBe(true)
    expect(await canLogIn(email, PASSPHRASE_64.slice(0, 63))).toBe(false)
  })

  test('a member can change to a 64-character passphrase with their current password', async () => {
    const member = await createMember(hostile.payload, { password: GOOD })
    const client = await signedIn(hostile.server, member.email, GOOD)
    const response = await client.postForm('/account/credentials', {
      _csrf: await client.csrfToken('/account'),
      newEmail: '',
      newPassword: PASSPHRASE_64,
      currentPassword: GOOD,
    })
    expect(response.status).toBe(303)
    expect(await canLogIn(member.email, PASSPHRASE_64)).toBe(true)
    expect(await canLogIn(member.email, PASSPHRASE_64.slice(0, 63))).toBe(false)
  })

  test('/join accepts an all-lowercase password (no composition rules) and refuses one under 8 characters', async () => {
    const okEmail = `lower-${unique()}@pw-probe.example`
    const ok = await join({ displayName: `Lower ${unique()}`.slice(0, 40), email: okEmail, password: 'marshgrassdrift' })
    expect(ok.response.status).toBeLessThan(400)
    expect(await findUserByEmail(hostile.payload, okEmail)).toBeDefined()

    const shortEmail = `short-${unique()}@pw-probe.example`
    const short = await join({ displayName: `Short ${unique()}`.slice(0, 40), email: shortEmail, password: 'k7#vq2x' })
    expect(short.response.status).toBe(400)
    expect(short.html).toMatch(/id="field-password-error"/)
    expect(await findUserByEmail(hostile.payload, shortEmail)).toBeUndefined()
  })
})

describe('common passwords are refused', () => {
  test('/join refuses each common password, shows the error by the field, and creates no one', async () => {
    const before = await countUsers(hostile.payload)
    for (const password of COMMON) {
      const email = `common-${unique()}@pw-probe.example`
      const { response, html } = await join({ displayName: `Common ${unique()}`.slice(0, 40), email, password })
      expect(response.status, password).toBe(400)
      expect(html, password).toMatch(/id="field-password-error"/)
      expect(await findUserByEmail(hostile.payload, email), password).toBeUndefined()
    }
    expect(await countUsers(hostile.payload)).toBe(before)
  })

  test('REST sign-up (POST /api/users) refuses each common password and creates no one', async () => {
    const before = await countUsers(hostile.payload)
    for (const password of COMMON) {
      const email = `common-rest-${unique()}@pw-probe.example`
      const response = await restSignUp(email, password)
      expect(response.status, password).toBeGreaterThanOrEqual(400)
      expect(response.status, password).toBeLessThan(500)
      expect(await findUserByEmail(hostile.payload, email), password).toBeUndefined()
    }
    expect(await countUsers(hostile.payload)).toBe(before)
  })

  test('POST /api/users by an admin refuses each common password too', async () => {
    const admin = await signedIn(hostile.server, 'admin@waymark.example', hostile.server.seedPassword)
    const before = await countUsers(hostile.payload)
    for (const password of COMMON) {
      const email = `common-admin-${unique()}@pw-probe.example`
      const response = await admin.json('POST', '/api/users', { email, password, displayName: `Common ${unique()}`.slice(0, 40), memberType: 'supporter' })
      expect(response.status, password).toBe(400)
      expect(await findUserByEmail(hostile.payload, email), password).toBeUndefined()
    }
    expect(await countUsers(hostile.payload)).toBe(before)
  })

  test('a signed-in member cannot switch to a common password (form or PATCH), even with the current password', async () => {
    const member = await createMember(hostile.payload, { password: GOOD })
    const client = await signedIn(hostile.server, member.email, GOOD)
    const hash = await hashOf(member.id)
    for (const password of COMMON) {
      const form = await client.postForm('/account/credentials', {
        _csrf: await client.csrfToken('/account'),
        newEmail: '',
        newPassword: password,
        currentPassword: GOOD,
      })
      expect(form.status, `form ${password}`).toBe(400)
      expect(await form.text()).toMatch(/id="field-newPassword-error"/)
      const patch = await client.json('PATCH', `/api/users/${member.id}`, { password, currentPassword: GOOD })
      expect(patch.status, `PATCH ${password}`).toBeGreaterThanOrEqual(400)
      expect(patch.status, `PATCH ${password}`).toBeLessThan(500)
      expect(await hashOf(member.id), password).toBe(hash)
      expect(await canLogIn(member.email, password), password).toBe(false)
    }
    expect(await canLogIn(member.email, GOOD)).toBe(true)
  })
})

describe('email and password change only with the correct current password', () => {
  test('PATCH /api/users/:id refuses an email change without, or with a wrong, currentPassword', async () => {
    const member = await createMember(hostile.payload, { password: GOOD })
    const client = await signedIn(hostile.server, member.email, GOOD)
    const newEmail = `hijack-${unique()}@pw-probe.example`
    const attempts: [string, () => Promise<Response>][] = [
      ['no currentPassword', () => client.json('PATCH', `/api/users/${member.id}`, { email: newEmail })],
      ['wrong currentPassword', () => client.json('PATCH', `/api/users/${member.id}`, { email: newEmail, currentPassword: 'not-my-password-1' })],
      ['upper-case variant', () => client.json('PATCH', `/api/users/${member.id}`, { email: newEmail.toUpperCase() })],
      ['bulk PATCH', () => client.json('PATCH', `/api/users?where[id][equals]=${member.id}`, { email: newEmail })],
      [
        'multipart',
        () => {
          const form = new FormData()
          form.append('_payload', JSON.stringify({ email: newEmail }))
          return client.request(`/api/users/${member.id}`, { method: 'PATCH', body: form })
        },
      ],
    ]
    for (const [label, attempt] of attempts) {
      const response = await attempt()
      expect(response.status, label).toBeLessThan(500)
      expect((await readUser(hostile.payload, member.id)).email, label).toBe(member.email)
      expect(await findUserByEmail(hostile.payload, newEmail), label).toBeUndefined()
    }
  })

  test("another member or a moderator cannot change a member's email or password, even knowing nothing", async () => {
    const victim = await createMember(hostile.payload, { password: GOOD })
    const hash = await hashOf(victim.id)
    const attacker = await createMember(hostile.payload)
    const member = await signedIn(hostile.server, attacker.email, attacker.password)
    const moderator = await signedIn(hostile.server, 'moderator@waymark.example', hostile.server.seedPassword)
    const newEmail = `stolen-${unique()}@pw-probe.example`
    for (const [label, client, currentPassword] of [
      ['member', member, attacker.password],
      ['moderator', moderator, hostile.server.seedPassword],
    ] as const) {
      const response = await client.json('PATCH', `/api/users/${victim.id}`, { email: newEmail, password: OTHER_GOOD, currentPassword })
      expect(response.status, label).toBeLessThan(500)
      const stored = await readUser(hostile.payload, victim.id)
      expect(stored.email, label).toBe(victim.email)
      expect(stored.hash, label).toBe(hash)
    }
  })

  test('control: with the correct current password, PATCH does change the password', async () => {
    const member = await createMember(hostile.payload, { password: GOOD })
    const client = await signedIn(hostile.server, member.email, GOOD)
    const response = await client.json('PATCH', `/api/users/${member.id}`, { password: OTHER_GOOD, currentPassword: GOOD })
    expect(response.status, await response.clone().text()).toBe(200)
    expect(await canLogIn(member.email, OTHER_GOOD)).toBe(true)
    expect(await canLogIn(member.email, GOOD)).toBe(false)
  })
  test('PATCH /api/users/:id refuses a password change without, or with a wrong, currentPassword', async () => {
    const member = await createMember(hostile.payload, { password: GOOD })
    const client = await signedIn(hostile.server, member.email, GOOD)
    const token = await restToken(hostile.server, member.email, GOOD)
    const jwt = new WebClient(hostile.server.url)
    const hash = await hashOf(member.id)
    const attempts: [string, () => Promise<Response>][] = [
      ['no currentPassword', () => client.json('PATCH', `/api/users/${member.id}`, { password: OTHER_GOOD })],
      ['wrong currentPassword', () => client.json('PATCH', `/api/users/${member.id}`, { password: OTHER_GOOD, currentPassword: 'not-my-password-1' })],
      ['empty currentPassword', () => client.json('PATCH', `/api/users/${member.id}`, { password: OTHER_GOOD, currentPassword: '' })],
      ['currentPassword null', () => client.json('PATCH', `/api/users/${member.id}`, { password: OTHER_GOOD, currentPassword: null })],
      ['currentPassword = new password', () => client.json('PATCH', `/api/users/${member.id}`, { password: OTHER_GOOD, currentPassword: OTHER_GOOD })],
      ['JWT, no currentPassword', () => jwt.json('PATCH', `/api/users/${member.id}`, { password: OTHER_GOOD }, { headers: { authorization: `JWT ${token}` } })],
      ['bulk PATCH', () => client.json('PATCH', `/api/users?where[id][equals]=${member.id}`, { password: OTHER_GOOD })],
    ]
    for (const [label, attempt] of attempts) {
      const response = await attempt()
      expect(response.status, label).toBeLessThan(500)
      expect(await hashOf(member.id), label).toBe(hash)
    }
    // Wrong current passwords may count towards the lockout; clear it before checking which password works.
    await hostile.payload.update({ collection: 'users', id: member.id, data: { loginAttempts: 0, lockUntil: null } as never, overrideAccess: true, showHiddenFields: true })
    expect(await canLogIn(member.email, OTHER_GOOD)).toBe(false)
    expect(await canLogIn(member.email, GOOD)).toBe(true)
  })

  test('guessing the current password is throttled like a login: after 5 wrong guesses the right one is refused too (PATCH)', async () => {
    const member = await createMember(hostile.payload, { password: GOOD })
    const client = await signedIn(hostile.server, member.email, GOOD)
    const hash = await hashOf(member.id)
    for (let i = 0; i < 5; i++) {
      const response = await client.json('PATCH', `/api/users/${member.id}`, { password: OTHER_GOOD, currentPassword: `guess-number-${i}-x` })
      expect(response.status, `guess ${i + 1}`).toBeGreaterThanOrEqual(400)
      expect(response.status, `guess ${i + 1}`).toBeLessThan(500)
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
    // The 6th guess is right, but a thief with a stolen session must not get to brute-force it.
    const sixth = await client.json('PATCH', `/api/users/${member.id}`, { password: OTHER_GOOD, currentPassword: GOOD })
    expect(await hashOf(member.id), 'the password did not change').toBe(hash)
    expect(sixth.status).toBeGreaterThanOrEqual(400)
    expect(sixth.status).toBeLessThan(500)
  })

  test('guessing the current password is throttled like a login: after 5 wrong guesses the right one is refused too (/account/credentials)', async () => {
    const member = await createMember(hostile.payload, { password: GOOD })
    const client = await signedIn(hostile.server, member.email, GOOD)
    const hash = await hashOf(member.id)
    for (let i = 0; i < 5; i++) {
      const response = await client.postForm('/account/credentials', { _csrf: await client.csrfToken('/account'), newEmail: '', newPassword: OTHER_GOOD, currentPassword: `guess-number-${i}-x` })
      expect(response.status, `guess ${i + 1}`).toBe(400)
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
    const sixth = await client.postForm('/account/credentials', { _csrf: await client.csrfToken('/account'), newEmail: '', newPassword: OTHER_GOOD, currentPassword: GOOD })
    expect(await hashOf(member.id), 'the password did not change').toBe(hash)
    expect(sixth.status).not.toBe(303)
  })

  test('/account/credentials with a wrong current password changes nothing', async () => {
    const member = await createMember(hostile.payload, { password: GOOD })
    const client = await signedIn(hostile.server, member.email, GOOD)
    const hash = await hashOf(member.id)
    const newEmail = `hijack-form-${unique()}@pw-probe.example`
    for (const currentPassword of ['not-my-password-1', '']) {
      const response = await client.postForm('/account/credentials', {
        _csrf: await client.csrfToken('/account'),
        newEmail,
        newPassword: OTHER_GOOD,
        currentPassword,
      })
      expect(response.status, `current "${currentPassword}"`).toBe(400)
      expect(await response.text()).toMatch(/id="field-currentPassword-error"/)
    }
    const stored = await readUser(hostile.payload, member.id)
    expect(stored.email).toBe(member.email)
    expect(stored.hash).toBe(hash)
    expect(await canLogIn(member.email, GOOD)).toBe(true)
  })
})

// The reset door: /forgot sends a link to the outbox; neither /reset nor REST reset-password may set a
// common password with its token.
describe('password reset', () => {
  test('a password reset cannot set a common password (/reset form and REST)', async () => {
    const member = await createMember(hostile.payload, { password: GOOD })
    const outbox = path.join(hostile.server.dataDir, 'outbox')
    const seen = new Set(fs.existsSync(outbox) ? fs.readdirSync(outbox) : [])
    const client = new WebClient(hostile.server.url)
    const forgot = await client.postForm('/forgot', { _csrf: await client.csrfToken('/forgot'), email: member.email })
    expect(forgot.status).toBeLessThan(500)

    let token: string | undefined
    for (let i = 0; i < 40 && !token; i++) {
      for (const name of fs.existsSync(outbox) ? fs.readdirSync(outbox) : []) {
        if (seen.has(name)) continue
        const raw = fs.readFileSync(path.join(outbox, name), 'utf8')
        const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
        if (!text.toLowerCase().includes(member.email.toLowerCase())) continue
        token = text.match(/\/reset\?token=([A-Za-z0-9._-]+)/)?.[1]
      }
      if (!token) await new Promise((resolve) => setTimeout(resolve, 250))
    }
    expect(token, 'arrange: a reset email with a /reset?token= link reaches the outbox').toBeTruthy()
    const hash = await hashOf(member.id)

    for (const password of COMMON) {
      const page = new WebClient(hostile.server.url)
      const response = await page.postForm('/reset', { _csrf: await page.csrfToken(`/reset?token=${token}`), token: token!, password, confirm: password })
      expect(response.status, `/reset ${password}`).toBe(400)
      const rest = await new WebClient(hostile.server.url).json('POST', '/api/users/reset-password', { token, password })
      expect(rest.status, `REST reset ${password}`).toBeGreaterThanOrEqual(400)
      expect(rest.status, `REST reset ${password}`).toBeLessThan(500)
      expect(await hashOf(member.id), password).toBe(hash)
    }
    expect(await canLogIn(member.email, GOOD)).toBe(true)
  })
})
