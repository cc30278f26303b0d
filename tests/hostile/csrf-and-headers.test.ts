// Hostile: cross-site requests, GraphQL, security headers and cookie flags.
import { describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { EVIL_ORIGIN, parseSetCookies, readUser, signedIn, unique, useHostileServer } from './helpers.js'

const hostile = useHostileServer('csrf-and-headers')

/** A raw request with exactly the headers given (no same-origin signal added). */
function raw(path: string, init: RequestInit & { headers?: Record<string, string> }) {
  return fetch(new URL(path, hostile.server.url), { redirect: 'manual', ...init })
}

function accountFields(token: string, displayName: string): Record<string, string> {
  return { _csrf: token, displayName, memberType: 'commissioner', homeLocality: '', digest: 'daily', notifyMeetingReminders: 'on' }
}

describe('GraphQL is disabled', () => {
  test('GET and POST /api/graphql (and the playground) are 404, for visitors and members', async () => {
    const member = await createMember(hostile.payload)
    const clients = [new WebClient(hostile.server.url), await signedIn(hostile.server, member.email, member.password)]
    for (const client of clients) {
      const query = JSON.stringify({ query: '{ Users { docs { id email } } __schema { types { name } } }' })
      const responses = [
        await client.request('/api/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: query }),
        await client.get('/api/graphql?query=' + encodeURIComponent('{__typename}')),
        await client.get('/api/graphql-playground'),
        await client.request('/api/graphql', { method: 'POST', headers: { 'content-type': 'application/graphql' }, body: '{ __typename }' }),
      ]
      for (const response of responses) {
        const body = await response.text()
        expect(response.status, body.slice(0, 200)).toBe(404)
        expect(body).not.toMatch(/__schema|__typename|"data"\s*:/)
      }
    }
  })
})

describe('a cross-site POST to /account is refused and changes nothing', () => {
  type Variant = { label: string; headers: (origin: string) => Record<string, string>; token: 'valid' | 'missing' | 'wrong' | 'attacker' }
  const variants: Variant[] = [
    { label: 'Origin evil + sec-fetch-site cross-site, valid token', token: 'valid', headers: () => ({ origin: EVIL_ORIGIN, 'sec-fetch-site': 'cross-site' }) },
    { label: 'Origin evil, no fetch metadata (older browser), valid token', token: 'valid', headers: () => ({ origin: EVIL_ORIGIN }) },
    { label: 'Origin evil, claiming sec-fetch-site same-origin, valid token', token: 'valid', headers: () => ({ origin: EVIL_ORIGIN, 'sec-fetch-site': 'same-origin' }) },
    { label: 'sec-fetch-site cross-site, no Origin, valid token', token: 'valid', headers: () => ({ 'sec-fetch-site': 'cross-site' }) },
    { label: 'Origin null (sandboxed frame), valid token', token: 'valid', headers: () => ({ origin: 'null', 'sec-fetch-site': 'cross-site' }) },
    { label: 'Origin of a look-alike host, valid token', token: 'valid', headers: (o) => ({ origin: o.replace('127.0.0.1', '127.0.0.1.evil.example') }) },
    { label: 'same-origin, token missing', token: 'missing', headers: (o) => ({ origin: o, 'sec-fetch-site': 'same-origin' }) },
    { label: 'same-origin, wrong token', token: 'wrong', headers: (o) => ({ origin: o, 'sec-fetch-site': 'same-origin' }) },
    { label: "same-origin, the attacker's own token", token: 'attacker', headers: (o) => ({ origin: o, 'sec-fetch-site': 'same-origin' }) },
    { label: 'cross-site, no token at all (plain forged form)', token: 'missing', headers: () => ({ origin: EVIL_ORIGIN, 'sec-fetch-site': 'cross-site' }) },
  ]

  for (const variant of variants) {
    test(variant.label, async () => {
      const originalName = `Steady ${unique()}`.slice(0, 40)
      const victim = await createMember(hostile.payload, { displayName: originalName })
      const client = await signedIn(hostile.server, victim.email, victim.password)
      const before = await readUser(hostile.payload, victim.id)
      const validToken = await client.csrfToken('/account')
      let token: string | undefined
      if (variant.token === 'valid') token = validToken
      if (variant.token === 'wrong') token = validToken.slice(0, -4) + (validToken.endsWith('AAAA') ? 'BBBB' : 'AAAA')
      if (variant.token === 'attacker') {
        const attacker = await createMember(hostile.payload)
        token = await (await signedIn(hostile.server, attacker.email, attacker.password)).csrfToken('/account')
      }
      const fields = accountFields(token ?? '', `Hijacked ${unique()}`.slice(0, 40))
      if (token === undefined) delete (fields as Partial<typeof fields>)._csrf
      const response = await raw('/account', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: client.cookieHeader(), ...variant.headers(hostile.server.url) },
        body: new URLSearchParams(fields).toString(),
      })
      expect(response.status, variant.label).not.toBe(303)
      expect(response.status, variant.label).toBeGreaterThanOrEqual(400)
      expect(response.status, variant.label).toBeLessThan(500)

      const after = await readUser(hostile.payload, victim.id)
      expect(after.displayName).toBe(originalName)
      expect(after.memberType).toBe(before.memberType)
      expect(after.notifications).toEqual(before.notifications)
      expect(after.updatedAt).toBe(before.updatedAt)
      const page = await (await client.get('/account')).text()
      expect(page).toContain(originalName)
    })
  }

  test('control: the same POST from our own page (same-origin, valid token) works', async () => {
    const victim = await createMember(hostile.payload)
    const client = await signedIn(hostile.server, victim.email, victim.password)
    const newName = `Renamed ${unique()}`.slice(0, 40)
    const response = await client.postForm('/account', accountFields(await client.csrfToken('/account'), newName))
    expect(response.status).toBe(303)
    const after = await readUser(hostile.payload, victim.id)
    expect(after.displayName).toBe(newName)
    expect(after.memberType).toBe('commissioner')
  })
})

describe('other cross-site writes are refused', () => {
  test('/account/credentials, even with the right current password, changes nothing cross-site', async () => {
    const victim = await createMember(hostile.payload)
    const client = await signedIn(hostile.server, victim.email, victim.password)
    const before = await readUser(hostile.payload, victim.id)
    const response = await raw('/account/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: client.cookieHeader(), origin: EVIL_ORIGIN, 'sec-fetch-site': 'cross-site' },
      body: new URLSearchParams({
        _csrf: await client.csrfToken('/account'),
        newEmail: `taken-${unique()}@evil.example`,
        newPassword: 'lichen-orchard-bramble-77',
        currentPassword: victim.password,
      }).toString(),
    })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    const after = await readUser(hostile.payload, victim.id)
    expect(after.email).toBe(before.email)
    expect(after.hash).toBe(before.hash)
  })

  test('REST writes riding the cookie from another site are refused (PATCH /api/users/:id)', async () => {
    const originalName = `Anchor ${unique()}`.slice(0, 40)
    const victim = await createMember(hostile.payload, { displayName: originalName })
    const client = await signedIn(hostile.server, victim.email, victim.password)
    const variants: Record<string, string>[] = [{ origin: EVIL_ORIGIN, 'sec-fetch-site': 'cross-site' }, { origin: EVIL_ORIGIN }, { 'sec-fetch-site': 'cross-site' }]
    for (const headers of variants) {
      for (const [contentType, body] of [
        ['application/json', JSON.stringify({ displayName: `Hijacked ${unique()}`.slice(0, 40) })],
        ['text/plain', JSON.stringify({ displayName: `Hijacked ${unique()}`.slice(0, 40) })],
      ] as const) {
        for (const method of ['PATCH', 'POST']) {
          const response = await raw(`/api/users/${victim.id}${method === 'POST' ? '?_method=PATCH' : ''}`, {
            method,
            headers: { 'content-type': contentType, cookie: client.cookieHeader(), ...headers },
            body,
          })
          expect(response.status, `${method} ${contentType} ${JSON.stringify(headers)}`).toBeLessThan(500)
          expect((await readUser(hostile.payload, victim.id)).displayName, `${method} ${contentType} ${JSON.stringify(headers)}`).toBe(originalName)
        }
      }
    }
    // Control: the same PATCH from our own origin works.
    const ok = await client.json('PATCH', `/api/users/${victim.id}`, { displayName: `Own ${unique()}`.slice(0, 40) })
    expect(ok.status).toBe(200)
    expect((await readUser(hostile.payload, victim.id)).displayName).not.toBe(originalName)
  })

  test('cookie auth on REST needs a same-origin signal: a bare cookie is not enough', async () => {
    const originalName = `Bare ${unique()}`.slice(0, 40)
    const victim = await createMember(hostile.payload, { displayName: originalName })
    const client = await signedIn(hostile.server, victim.email, victim.password)
    const response = await raw(`/api/users/${victim.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: client.cookieHeader() },
      body: JSON.stringify({ displayName: `Hijacked ${unique()}`.slice(0, 40) }),
    })
    expect(response.status).toBeLessThan(500)
    expect((await readUser(hostile.payload, victim.id)).displayName).toBe(originalName)
  })

  test('the session is not readable cross-origin (no credentialed CORS for other sites)', async () => {
    const victim = await createMember(hostile.payload)
    const client = await signedIn(hostile.server, victim.email, victim.password)
    const preflight = await raw('/api/users/me', {
      method: 'OPTIONS',
      headers: { origin: EVIL_ORIGIN, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'content-type', 'sec-fetch-site': 'cross-site' },
    })
    const allowOrigin = preflight.headers.get('access-control-allow-origin')
    expect(allowOrigin === EVIL_ORIGIN || (allowOrigin === '*' && preflight.headers.get('access-control-allow-credentials') === 'true')).toBe(false)

    const response = await raw('/api/users/me', { headers: { cookie: client.cookieHeader(), origin: EVIL_ORIGIN, 'sec-fetch-site': 'cross-site' } })
    const allow = response.headers.get('access-control-allow-origin')
    expect(allow === EVIL_ORIGIN && response.headers.get('access-control-allow-credentials') === 'true').toBe(false)
    const body = await response.text()
    expect(body).not.toContain(victim.email)
  })

  test('login CSRF: a cross-site POST to /login does not sign the browser in', async () => {
    const attacker = await createMember(hostile.payload)
    const response = await raw('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: EVIL_ORIGIN, 'sec-fetch-site': 'cross-site' },
      body: new URLSearchParams({ email: attacker.email, password: attacker.password, next: '/account' }).toString(),
    })
    expect(response.status).not.toBe(303)
    expect(parseSetCookies(response).some((c) => c.name === 'payload-token' && c.value)).toBe(false)
  })

  test('a cross-site POST /logout does not end the session', async () => {
    const victim = await createMember(hostile.payload)
    const client = await signedIn(hostile.server, victim.email, victim.password)
    const token = await client.csrfToken('/account')
    await raw('/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: client.cookieHeader(), origin: EVIL_ORIGIN, 'sec-fetch-site': 'cross-site' },
      body: new URLSearchParams({ _csrf: token }).toString(),
    })
    const me = (await (await client.get('/api/users/me')).json()) as { user: { id: unknown } | null }
    expect(me.user?.id).toBe(victim.id)
  })
})

describe('security headers on every response', () => {
  const SAFE_REFERRER = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin', 'origin', 'origin-when-cross-origin']

  function directive(csp: string, name: string): string | undefined {
    return csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.toLowerCase().startsWith(name + ' ') || d.toLowerCase() === name)
  }

  function checkCommon(response: Response, where: string) {
    expect(response.headers.get('x-content-type-options'), `${where} nosniff`).toBe('nosniff')
    const referrer = (response.headers.get('referrer-policy') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    expect(referrer.length, `${where} Referrer-Policy`).toBeGreaterThan(0)
    for (const value of referrer) expect(SAFE_REFERRER, `${where} Referrer-Policy ${value}`).toContain(value)
    const csp = response.headers.get('content-security-policy') ?? ''
    const frameAncestors = directive(csp, 'frame-ancestors')
    expect(frameAncestors, `${where} frame-ancestors`).toBeDefined()
    expect(frameAncestors!, `${where} frame-ancestors`).toMatch(/^frame-ancestors\s+('none'|'self')\s*$/)
    return csp
  }

  function checkPublicScripts(csp: string, where: string) {
    const scripts = directive(csp, 'script-src') ?? directive(csp, 'default-src')
    expect(scripts, `${where} script-src/default-src`).toBeDefined()
    expect(scripts!, `${where} ${scripts}`).not.toMatch(/'unsafe-inline'/)
    expect(scripts!, `${where} ${scripts}`).not.toMatch(/(^|\s)\*(\s|$)|(^|\s)(https?:|data:)(\s|$)/)
    const elem = directive(csp, 'script-src-elem')
    if (elem) expect(elem).not.toMatch(/'unsafe-inline'/)
    const attr = directive(csp, 'script-src-attr')
    if (attr) expect(attr).not.toMatch(/'unsafe-inline'/)
  }

  test('public pages (visitor and member), including errors and form re-renders', async () => {
    const member = await createMember(hostile.payload)
    const visitor = new WebClient(hostile.server.url)
    const signed = await signedIn(hostile.server, member.email, member.password)
    const home = await (await visitor.get('/')).text()
    const localities = [...new Set([...home.matchAll(/href="(\/localities\/[^"#?]+)"/g)].map((m) => m[1]!))]
    const pages = [
      '/',
      '/join',
      '/login',
      '/forgot',
      '/reset',
      '/reset?token=nope',
      '/verify?token=nope',
      '/healthz',
      '/assets/site.css',
      '/definitely-not-here',
      '/localities/no-such-place',
      ...localities,
    ]
    for (const [who, client] of [
      ['visitor', visitor],
      ['member', signed],
    ] as const) {
      for (const path of [...pages, '/account']) {
        const response = await client.get(path)
        const csp = checkCommon(response, `${who} GET ${path} (${response.status})`)
        checkPublicScripts(csp, `${who} GET ${path}`)
      }
    }
    // Responses to form posts: a 400 re-render, a 401, and a 303 redirect.
    const badJoin = await visitor.postForm('/join', { _csrf: await visitor.csrfToken('/join'), displayName: '', email: 'nope', password: 'x', memberType: '' })
    expect(badJoin.status).toBe(400)
    checkPublicScripts(checkCommon(badJoin, 'POST /join 400'), 'POST /join 400')
    const badLogin = await visitor.postForm('/login', { _csrf: await visitor.csrfToken('/login'), email: 'nobody@nowhere.example', password: 'wrong-wrong-wrong' })
    checkPublicScripts(checkCommon(badLogin, `POST /login ${badLogin.status}`), 'POST /login')
    const fresh = new WebClient(hostile.server.url)
    const goodLogin = await fresh.signIn(member.email, member.password)
    expect(goodLogin.status).toBe(303)
    checkCommon(goodLogin, 'POST /login 303')
  })

  test('/api and /admin responses carry nosniff, Referrer-Policy and frame-ancestors', async () => {
    const visitor = new WebClient(hostile.server.url)
    const moderator = await signedIn(hostile.server, 'moderator@waymark.example', hostile.server.seedPassword)
    const member = await createMember(hostile.payload)
    const signed = await signedIn(hostile.server, member.email, member.password)
    const requests: [string, WebClient, string][] = [
      ['visitor', visitor, '/api/users'],
      ['visitor', visitor, '/api/users/me'],
      ['visitor', visitor, '/api/localities'],
      ['visitor', visitor, '/api/graphql'],
      ['visitor', visitor, '/api/media/file/does-not-exist.webp'],
      ['visitor', visitor, '/api/no-such-collection'],
      ['visitor', visitor, '/admin'],
      ['visitor', visitor, '/admin/login'],
      ['member', signed, '/admin'],
      ['member', signed, '/api/users/me'],
      ['moderator', moderator, '/admin'],
      ['moderator', moderator, '/admin/collections/users'],
      ['moderator', moderator, '/api/users?limit=1'],
    ]
    for (const [who, client, path] of requests) {
      const response = await client.get(path)
      checkCommon(response, `${who} GET ${path} (${response.status})`)
    }
    const login = await visitor.json('POST', '/api/users/login', { email: member.email, password: member.password })
    checkCommon(login, 'POST /api/users/login')
  })
})

describe('cookies are httpOnly and SameSite=Lax', () => {
  function checkCookies(response: Response, where: string) {
    const cookies = parseSetCookies(response).filter((c) => c.value && !/expires=thu, 01 jan 1970/i.test(c.line) && c.attributes.get('max-age') !== '0')
    for (const cookie of cookies) {
      expect(cookie.attributes.has('httponly'), `${where}: ${cookie.name} HttpOnly`).toBe(true)
      expect(cookie.attributes.get('httponly'), `${where}: ${cookie.name} HttpOnly`).not.toMatch(/^false$/i)
      expect((cookie.attributes.get('samesite') ?? '').toLowerCase(), `${where}: ${cookie.name} SameSite`).toMatch(/^(lax|strict)$/)
    }
    return cookies
  }

  test('the session cookie (form and REST login) and the CSRF cookie', async () => {
    const member = await createMember(hostile.payload)
    const client = new WebClient(hostile.server.url)
    const page = await client.get('/login')
    checkCookies(page, 'GET /login')
    const form = await client.postForm('/login', { _csrf: (await (await client.get('/login')).text()).match(/name="_csrf" value="([^"]+)"/)![1]!, email: member.email, password: member.password })
    expect(form.status).toBe(303)
    const formCookies = checkCookies(form, 'POST /login')
    expect(
      formCookies.some((c) => c.name === 'payload-token'),
      'the form login sets the session cookie',
    ).toBe(true)

    const rest = await new WebClient(hostile.server.url).json('POST', '/api/users/login', { email: member.email, password: member.password })
    expect(rest.status).toBe(200)
    const restCookies = checkCookies(rest, 'POST /api/users/login')
    expect(restCookies.some((c) => c.name === 'payload-token')).toBe(true)

    for (const path of ['/', '/join', '/forgot', '/account', '/api/users/me', '/admin/login']) checkCookies(await client.get(path), `GET ${path}`)
  })
})
