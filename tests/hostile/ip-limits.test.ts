// Hostile: limits keyed by the client's IP address (issue 4, "Rate limits"). At most 3 new accounts per
// IP per 24 h through POST /join; failed sign-ins throttled per IP through both doors (POST /login and
// POST /api/users/login). Over a limit: 429, a Retry-After header, a page that says when to try again,
// and the form still holding what was typed. The per-IP counters live in the server's memory, and this
// test client is always 127.0.0.1, so one server serves this file alone and the tests run in order.
import { afterAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { textOf } from './forumHelpers.js'
import { countUsers, findUserByEmail, settle, unique, useHostileServer } from './helpers.js'

const hostile = useHostileServer('ip-limits')

const SETTINGS = 'moderation-settings'
const JOIN_PASSWORD = 'willow-lantern-pebble-31'
/** A header a proxy would add; without a configured trusted proxy it must change nothing. */
const SPOOFED = { 'x-forwarded-for': '203.0.113.77', 'x-real-ip': '203.0.113.77' }

type Member = Awaited<ReturnType<typeof createMember>>

function newcomer() {
  const u = unique('j')
  return { displayName: `Heron ${u}`.slice(0, 40), email: `join-${u}@ip-probe.example` }
}

async function join(fields: { displayName: string; email: string }, headers: Record<string, string> = {}) {
  const client = new WebClient(hostile.server.url)
  const response = await client.postForm('/join', { _csrf: await client.csrfToken('/join'), memberType: 'supporter', homeLocality: '', password: JOIN_PASSWORD, ...fields }, { headers })
  return { response, html: await response.text() }
}

async function formLogin(email: string, password: string, headers: Record<string, string> = {}) {
  const client = new WebClient(hostile.server.url)
  const response = await client.postForm('/login', { _csrf: await client.csrfToken('/login'), email, password, next: '/account' }, { headers })
  return { client, response, html: await response.text() }
}

async function restLogin(email: string, password: string, headers: Record<string, string> = {}, path = '/api/users/login') {
  const client = new WebClient(hostile.server.url)
  const response = await client.json('POST', path, { email, password }, { headers })
  const text = await response.text()
  let body: any = {}
  try {
    body = JSON.parse(text)
  } catch {
    body = {}
  }
  return { client, response, body, text }
}

/** The <input> tag for a field, or '' if the page has none. */
function inputTag(html: string, name: string): string {
  return html.match(new RegExp(`<input[^>]*\\bname="${name}"[^>]*>`))?.[0] ?? ''
}

const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function expectKeeps(html: string, name: string, value: string, label: string) {
  const tag = inputTag(html, name)
  expect(tag, `${label}: the form has a ${name} field`).not.toBe('')
  expect(tag, `${label}: the ${name} field keeps what was typed`).toContain(`value="${escapeAttr(value)}"`)
}

/** Retry-After as whole seconds, within (0, max]. */
function expectRetryAfter(response: Response, maxSeconds: number, label: string): number {
  const header = response.headers.get('retry-after')
  expect(header, `${label}: Retry-After header`).toMatch(/^\d+$/)
  const seconds = Number(header)
  expect(seconds, label).toBeGreaterThan(0)
  expect(seconds, label).toBeLessThanOrEqual(maxSeconds)
  return seconds
}

/** The page must say when to try again: "try again" with a time or a span (a number) in the same sentence. */
function expectSaysWhen(html: string, label: string) {
  expect(textOf(html), `${label}: the page says when to try again`).toMatch(/try again[^.]*\d/i)
}

async function expectNotSignedIn(client: WebClient, label: string) {
  expect(client.cookies.has('payload-token'), `${label}: no session cookie`).toBe(false)
  const me = (await (await client.get('/api/users/me')).json()) as { user: unknown }
  expect(me.user, `${label}: /api/users/me`).toBeNull()
}

describe('registrations: at most 3 per IP per 24 hours', () => {
  test('the first 3 from one IP join normally; the 4th gets 429 with Retry-After, says when, keeps the form, and stores nobody', async () => {
    const before = await countUsers(hostile.payload)

    for (let i = 1; i <= 3; i++) {
      const who = newcomer()
      const { response, html } = await join(who)
      expect(response.status, `registration ${i}: ${textOf(html).slice(0, 300)}`).toBe(200)
      expect(textOf(html), `registration ${i}`).toContain('Check your email')
      expect(await findUserByEmail(hostile.payload, who.email), `registration ${i} was stored`).toBeDefined()
    }
    expect(await countUsers(hostile.payload)).toBe(before + 3)

    const fourth = newcomer()
    const { response, html } = await join(fourth)
    expect(response.status, textOf(html).slice(0, 300)).toBe(429)
    // The window is 24 h from the first of the three, which was made moments ago.
    const retryAfter = expectRetryAfter(response, 86_400, '4th registration')
    expect(retryAfter, '4th registration: Retry-After is about a day away').toBeGreaterThan(86_400 - 3_600)
    expectSaysWhen(html, '4th registration')
    expect(textOf(html)).not.toContain('Check your email')
    expectKeeps(html, 'displayName', fourth.displayName, '4th registration')
    expectKeeps(html, 'email', fourth.email, '4th registration')
    expect(html, 'the password is never sent back').not.toContain(JOIN_PASSWORD)
    expect(await findUserByEmail(hostile.payload, fourth.email), 'no 4th account is stored').toBeUndefined()
    expect(await countUsers(hostile.payload)).toBe(before + 3)
  })

  test('a forged X-Forwarded-For header does not buy a new allowance', async () => {
    const before = await countUsers(hostile.payload)
    const who = newcomer()
    const { response, html } = await join(who, SPOOFED)
    expect(response.status, textOf(html).slice(0, 300)).toBe(429)
    expectRetryAfter(response, 86_400, 'spoofed registration')
    expect(await findUserByEmail(hostile.payload, who.email)).toBeUndefined()
    expect(await countUsers(hostile.payload)).toBe(before)
  })

  test('REST is no way round it: a visitor cannot create an account through POST /api/users', async () => {
    const before = await countUsers(hostile.payload)
    const who = newcomer()
    const response = await new WebClient(hostile.server.url).json('POST', '/api/users', { ...who, password: JOIN_PASSWORD, memberType: 'supporter' })
    expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    expect(await findUserByEmail(hostile.payload, who.email)).toBeUndefined()
    expect(await countUsers(hostile.payload)).toBe(before)
  })
})

describe('failed sign-ins: throttled per IP at both doors', () => {
  const LIMIT = 5
  let saved: number | undefined

  afterAll(async () => {
    if (saved !== undefined) {
      await settle(() => hostile.payload.updateGlobal({ slug: SETTINGS as never, data: { failedLoginsPerIpPerHour: saved } as never, overrideAccess: true }))
      const after = (await hostile.payload.findGlobal({ slug: SETTINGS as never, overrideAccess: true, depth: 0 })) as any
      expect(after.failedLoginsPerIpPerHour, 'the setting was restored').toBe(saved)
    }
  })

  test(`after ${LIMIT} failures from one IP (form and REST mixed, different accounts), the next attempt is refused with 429 at both doors, even with the right password`, async () => {
    const current = (await hostile.payload.findGlobal({ slug: SETTINGS as never, overrideAccess: true, depth: 0 })) as any
    saved = current.failedLoginsPerIpPerHour ?? 30
    await settle(() => hostile.payload.updateGlobal({ slug: SETTINGS as never, data: { failedLoginsPerIpPerHour: LIMIT } as never, overrideAccess: true }))

    // One failure per account, so the per-account lockout (5 failures) never comes into it.
    const members: Member[] = []
    for (let i = 0; i < LIMIT + 4; i++) members.push(await settle(() => createMember(hostile.payload)))
    const [controlForm, controlRest, ...rest] = members
    const victims = rest.slice(0, LIMIT)
    const [afterForm, afterRest] = rest.slice(LIMIT)

    // Control: before any failure, the right password works at both doors.
    const form0 = await formLogin(controlForm!.email, controlForm!.password)
    expect(form0.response.status, 'control: form sign-in works').toBe(303)
    expect(form0.client.cookies.has('payload-token')).toBe(true)
    const rest0 = await restLogin(controlRest!.email, controlRest!.password)
    expect(rest0.response.status, 'control: REST sign-in works').toBe(200)
    expect(rest0.body.token).toBeTruthy()

    // Failures through both doors, with a successful sign-in in the middle (it must neither be refused
    // nor wipe the count: an attacker with one account of their own could otherwise reset it at will).
    const doors: ('form' | 'rest')[] = ['form', 'rest', 'rest', 'form', 'rest']
    for (let i = 0; i < LIMIT; i++) {
      const victim = victims[i]!
      const attempt = doors[i] === 'form' ? await formLogin(victim.email, `not-the-password-${i}`) : await restLogin(victim.email, `not-the-password-${i}`)
      expect(attempt.response.status, `failure ${i + 1} (${doors[i]}) is an ordinary refusal, not yet the limit`).toBe(401)
      if (i === 2) {
        const ok = await restLogin(controlRest!.email, controlRest!.password)
        expect(ok.response.status, 'a correct sign-in before the limit is reached works').toBe(200)
        expect(ok.body.token).toBeTruthy()
      }
    }

    // The form, with the RIGHT password of an account that has never failed.
    const form = await formLogin(afterForm!.email, afterForm!.password)
    expect(form.response.status, `form after ${LIMIT} failures: ${textOf(form.html).slice(0, 300)}`).toBe(429)
    expectRetryAfter(form.response, 3_600, 'form')
    expectSaysWhen(form.html, 'form')
    expectKeeps(form.html, 'email', afterForm!.email, 'form')
    expect(form.html, 'the password is never sent back').not.toContain(afterForm!.password)
    await expectNotSignedIn(form.client, 'form')

    // REST, with the RIGHT password of another account that has never failed.
    const api = await restLogin(afterRest!.email, afterRest!.password)
    expect(api.response.status, `REST after ${LIMIT} failures: ${api.text.slice(0, 300)}`).toBe(429)
    expectRetryAfter(api.response, 3_600, 'REST')
    expect(api.body.token, 'REST: no token').toBeUndefined()
    await expectNotSignedIn(api.client, 'REST')

    // And with a wrong password, at both doors.
    expect((await formLogin(victims[0]!.email, 'another-guess-1')).response.status).toBe(429)
    expect((await restLogin(victims[1]!.email, 'another-guess-2')).response.status).toBe(429)

    // The accounts themselves are not locked: it is the IP that is refused.
    for (const m of [afterForm!, afterRest!, ...victims]) {
      const stored = await findUserByEmail(hostile.payload, m.email)
      expect(stored?.lockUntil ? new Date(stored.lockUntil).getTime() > Date.now() : false, `${m.email} is not locked`).toBe(false)
    }
  })

  test('a forged X-Forwarded-For header does not get round the limit, at either door', async () => {
    const member = await settle(() => createMember(hostile.payload))
    const form = await formLogin(member.email, member.password, SPOOFED)
    expect(form.response.status, textOf(form.html).slice(0, 300)).toBe(429)
    expectRetryAfter(form.response, 3_600, 'spoofed form')
    await expectNotSignedIn(form.client, 'spoofed form')
    const api = await restLogin(member.email, member.password, SPOOFED)
    expect(api.response.status, api.text.slice(0, 300)).toBe(429)
    expectRetryAfter(api.response, 3_600, 'spoofed REST')
    expect(api.body.token).toBeUndefined()
  })

  test('variants of the REST path do not get round the limit (nothing signs in)', async () => {
    const member = await settle(() => createMember(hostile.payload))
    const leaks: string[] = []
    for (const path of [
      '/api/users/login?depth=0',
      '/api/users/login/',
      '/api//users/login',
      '/api/users//login',
      '/API/users/login',
      '/api/Users/login',
      '/api/users/LOGIN',
      '/api/users/login%2F',
      '/api/users/%6cogin',
    ]) {
      const attempt = await restLogin(member.email, member.password, {}, path)
      if (attempt.body?.token || attempt.client.cookies.has('payload-token') || attempt.response.status === 200) {
        leaks.push(`${path}: ${attempt.response.status} ${attempt.text.slice(0, 120)}`)
      }
    }
    expect(leaks, `signed in past the limit through:\n${leaks.join('\n')}`).toEqual([])
  })
})
