// Hostile: roles can only be changed by admins (through any door), only admins can unlock accounts,
// and only moderators and admins may enter /admin.
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { countUsers, findUserByEmail, jwtClaims, rawRequest, readUser, restToken, signedIn, unique, useHostileServer } from './helpers.js'

const hostile = useHostileServer('roles-and-admin')

const rolesOf = async (id: number | string) => (await readUser(hostile.payload, id)).roles as string[]

function multipartPayload(data: unknown): FormData {
  const form = new FormData()
  form.append('_payload', JSON.stringify(data))
  return form
}

describe('a member cannot give themself a role', () => {
  test('PATCH /api/users/:id with roles (cookie, JWT, multipart, bulk, string form) changes nothing', async () => {
    const me = await createMember(hostile.payload)
    const client = await signedIn(hostile.server, me.email, me.password)
    const token = await restToken(hostile.server, me.email, me.password)
    const jwtClient = new WebClient(hostile.server.url)
    const jwt = { headers: { authorization: `JWT ${token}` } }

    const attempts: [string, () => Promise<Response>][] = [
      ['cookie roles:[admin]', () => client.json('PATCH', `/api/users/${me.id}`, { roles: ['admin'] })],
      ['cookie roles:[moderator]', () => client.json('PATCH', `/api/users/${me.id}`, { roles: ['moderator'] })],
      ['cookie roles:[member,admin]', () => client.json('PATCH', `/api/users/${me.id}`, { roles: ['member', 'admin'] })],
      ['cookie roles:"admin"', () => client.json('PATCH', `/api/users/${me.id}`, { roles: 'admin' })],
      ['cookie roles + displayName', () => client.json('PATCH', `/api/users/${me.id}`, { displayName: `Renamed ${unique()}`.slice(0, 40), roles: ['admin'] })],
      ['JWT roles:[admin]', () => jwtClient.json('PATCH', `/api/users/${me.id}`, { roles: ['admin'] }, jwt)],
      ['multipart _payload', () => client.request(`/api/users/${me.id}`, { method: 'PATCH', body: multipartPayload({ roles: ['admin'] }) })],
      ['bulk PATCH where id', () => client.json('PATCH', `/api/users?where[id][equals]=${me.id}`, { roles: ['admin'] })],
      ['query-string data', () => client.json('PATCH', `/api/users/${me.id}?roles[0]=admin`, {})],
    ]
    for (const [label, attempt] of attempts) {
      const response = await attempt()
      expect(response.status, label).toBeLessThan(500)
      expect(await rolesOf(me.id), label).toEqual(['member'])
    }

    // The JWT (which carries the roles) still says member after a fresh login.
    const fresh = await restToken(hostile.server, me.email, me.password)
    expect(jwtClaims(fresh).roles).toEqual(['member'])
    const mine = (await (await client.get('/api/users/me')).json()) as { user: { roles: string[] } }
    expect(mine.user.roles).toEqual(['member'])
  })

  test('the /account form ignores a smuggled roles field', async () => {
    const me = await createMember(hostile.payload)
    const client = await signedIn(hostile.server, me.email, me.password)
    for (const extra of [{ roles: 'admin' }, { 'roles[0]': 'admin' }, { 'roles[]': 'moderator' }] as Record<string, string>[]) {
      const response = await client.postForm('/account', {
        _csrf: await client.csrfToken('/account'),
        displayName: me.displayName,
        memberType: 'in-recovery',
        homeLocality: '',
        digest: 'never',
        ...extra,
      })
      expect(response.status, JSON.stringify(extra)).toBeLessThan(500)
      expect(await rolesOf(me.id), JSON.stringify(extra)).toEqual(['member'])
    }
  })

  test("a member cannot change another member's roles, and a moderator cannot change anyone's", async () => {
    const me = await createMember(hostile.payload)
    const target = await createMember(hostile.payload)
    const client = await signedIn(hostile.server, me.email, me.password)
    const r1 = await client.json('PATCH', `/api/users/${target.id}`, { roles: ['admin'] })
    expect(r1.status).toBeLessThan(500)
    expect(await rolesOf(target.id)).toEqual(['member'])

    const moderatorUser = await findUserByEmail(hostile.payload, 'moderator@waymark.example')
    const moderator = await signedIn(hostile.server, 'moderator@waymark.example', hostile.server.seedPassword)
    const r2 = await moderator.json('PATCH', `/api/users/${target.id}`, { roles: ['moderator'] })
    expect(r2.status).toBeLessThan(500)
    expect(await rolesOf(target.id)).toEqual(['member'])
    const r3 = await moderator.json('PATCH', `/api/users/${moderatorUser!.id}`, { roles: ['admin'] })
    expect(r3.status).toBeLessThan(500)
    expect(await rolesOf(moderatorUser!.id)).toEqual(['moderator'])
  })

  test('control: an admin can change roles through PATCH (so the checks above would see a change)', async () => {
    const target = await createMember(hostile.payload)
    const admin = await signedIn(hostile.server, 'admin@waymark.example', hostile.server.seedPassword)
    const response = await admin.json('PATCH', `/api/users/${target.id}`, { roles: ['moderator'] })
    expect(response.status).toBe(200)
    expect(await rolesOf(target.id)).toEqual(['moderator'])
  })
})

describe('no role at sign-up or creation', () => {
  test('POST /api/users by a visitor cannot create an admin or moderator', async () => {
    const visitor = new WebClient(hostile.server.url)
    for (const roles of [['admin'], ['moderator'], 'admin']) {
      const email = `signup-${unique()}@roles-probe.example`
      const response = await visitor.json('POST', '/api/users', {
        email,
        password: 'copper-kettle-meadow-9',
        displayName: `Signup ${unique()}`.slice(0, 40),
        memberType: 'supporter',
        roles,
        _verified: true,
      })
      expect(response.status, JSON.stringify(roles)).toBeLessThan(500)
      const stored = await findUserByEmail(hostile.payload, email)
      if (stored) {
        expect(stored.roles, JSON.stringify(roles)).toEqual(['member'])
        expect(stored._verified, 'a visitor cannot pre-verify their own email').not.toBe(true)
      }
    }
  })

  test('POST /api/users by a signed-in member cannot create a privileged or pre-verified account', async () => {
    const me = await createMember(hostile.payload)
    const client = await signedIn(hostile.server, me.email, me.password)
    const email = `sock-${unique()}@roles-probe.example`
    const response = await client.json('POST', '/api/users', {
      email,
      password: 'copper-kettle-meadow-9',
      displayName: `Sock ${unique()}`.slice(0, 40),
      memberType: 'supporter',
      roles: ['admin'],
      _verified: true,
    })
    expect(response.status).toBeLessThan(500)
    const stored = await findUserByEmail(hostile.payload, email)
    if (stored) {
      expect(stored.roles).toEqual(['member'])
      expect(stored._verified).not.toBe(true)
    }
  })

  test('/join with a smuggled roles field creates a plain member', async () => {
    for (const extra of [{ roles: 'admin' }, { 'roles[0]': 'admin' }] as Record<string, string>[]) {
      const email = `join-${unique()}@roles-probe.example`
      const client = new WebClient(hostile.server.url)
      const response = await client.postForm('/join', {
        _csrf: await client.csrfToken('/join'),
        displayName: `Joiner ${unique()}`.slice(0, 40),
        email,
        password: 'copper-kettle-meadow-9',
        memberType: 'supporter',
        _verified: 'true',
        ...extra,
      })
      expect(response.status).toBeLessThan(500)
      const stored = await findUserByEmail(hostile.payload, email)
      expect(stored, 'the join itself should work').toBeDefined()
      expect(stored!.roles).toEqual(['member'])
      expect(stored!._verified).not.toBe(true)
    }
  })

  test('/api/users/first-register cannot mint an admin on a populated site', async () => {
    const before = await countUsers(hostile.payload)
    const email = `first-${unique()}@roles-probe.example`
    const response = await new WebClient(hostile.server.url).json('POST', '/api/users/first-register', {
      email,
      password: 'copper-kettle-meadow-9',
      'confirm-password': 'copper-kettle-meadow-9',
      displayName: `First ${unique()}`.slice(0, 40),
      memberType: 'supporter',
      roles: ['admin'],
    })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    expect(await findUserByEmail(hostile.payload, email)).toBeUndefined()
    expect(await countUsers(hostile.payload)).toBe(before)
  })
})

describe('unlocking accounts', () => {
  async function lock(email: string) {
    const client = new WebClient(hostile.server.url)
    for (let i = 0; i < 5; i++) await client.json('POST', '/api/users/login', { email, password: `wrong-guess-${i}-x` })
  }
  const isLocked = (user: Record<string, any>) => Boolean(user.lockUntil) && new Date(user.lockUntil).getTime() > Date.now()

  test('members, moderators and visitors cannot unlock an account; an admin can', async () => {
    const victim = await createMember(hostile.payload)
    await lock(victim.email)
    expect(isLocked(await readUser(hostile.payload, victim.id)), 'arrange: the victim is locked').toBe(true)

    const attacker = await createMember(hostile.payload)
    const member = await signedIn(hostile.server, attacker.email, attacker.password)
    const moderator = await signedIn(hostile.server, 'moderator@waymark.example', hostile.server.seedPassword)
    const visitor = new WebClient(hostile.server.url)
    const token = await restToken(hostile.server, attacker.email, attacker.password)

    const attempts: [string, () => Promise<Response>][] = [
      ['member unlock', () => member.json('POST', '/api/users/unlock', { email: victim.email })],
      ['member unlock (upper case)', () => member.json('POST', '/api/users/unlock', { email: victim.email.toUpperCase() })],
      ['member unlock (JWT)', () => new WebClient(hostile.server.url).json('POST', '/api/users/unlock', { email: victim.email }, { headers: { authorization: `JWT ${token}` } })],
      ['moderator unlock', () => moderator.json('POST', '/api/users/unlock', { email: victim.email })],
      ['visitor unlock', () => visitor.json('POST', '/api/users/unlock', { email: victim.email })],
      ['member PATCH lock fields', () => member.json('PATCH', `/api/users/${victim.id}`, { loginAttempts: 0, lockUntil: null })],
      ['moderator PATCH lock fields', () => moderator.json('PATCH', `/api/users/${victim.id}`, { loginAttempts: 0, lockUntil: null })],
    ]
    for (const [label, attempt] of attempts) {
      const response = await attempt()
      expect(response.status, label).toBeLessThan(500)
      expect(response.status, label).not.toBe(200)
      expect(isLocked(await readUser(hostile.payload, victim.id)), label).toBe(true)
    }
    const refused = await new WebClient(hostile.server.url).json('POST', '/api/users/login', { email: victim.email, password: victim.password })
    expect(refused.status, 'the victim is still locked out').not.toBe(200)

    // Control: an admin can unlock, after which the victim can sign in again.
    const admin = await signedIn(hostile.server, 'admin@waymark.example', hostile.server.seedPassword)
    const unlocked = await admin.json('POST', '/api/users/unlock', { email: victim.email })
    expect(unlocked.status).toBe(200)
    expect(isLocked(await readUser(hostile.payload, victim.id))).toBe(false)
    const login = await new WebClient(hostile.server.url).json('POST', '/api/users/login', { email: victim.email, password: victim.password })
    expect(login.status).toBe(200)
  })
})

describe('/admin is for moderators and admins only', () => {
  let victim: Awaited<ReturnType<typeof createMember>>
  const secrets = () => ['admin@waymark.example', 'moderator@waymark.example', victim.email, victim.displayName]
  const adminPaths = () => [
    '/admin',
    '/admin/',
    '/admin/collections/users',
    `/admin/collections/users/${victim.id}`,
    '/admin/collections/users?limit=100',
    '/admin/collections/media',
    '/admin/collections/localities',
    '/admin/account',
    '/admin/create-first-user',
  ]

  beforeAll(async () => {
    victim = await createMember(hostile.payload, { displayName: `Quokka ${unique()}`.slice(0, 40) })
  })

  test('control: a moderator can enter /admin and sees members there', async () => {
    const moderator = await signedIn(hostile.server, 'moderator@waymark.example', hostile.server.seedPassword)
    const response = await moderator.get('/admin/collections/users?limit=100')
    expect(response.status).toBe(200)
    expect(await response.text()).toContain(victim.displayName)
  })

  test('a signed-in member is refused (cookie or JWT) and sees no admin content', async () => {
    const me = await createMember(hostile.payload)
    const member = await signedIn(hostile.server, me.email, me.password)
    const token = await restToken(hostile.server, me.email, me.password)
    const jwtClient = new WebClient(hostile.server.url)
    for (const path of adminPaths()) {
      for (const [label, response] of [
        ['cookie', await member.get(path)],
        ['cookie+rsc', await member.get(path, { headers: { rsc: '1' } })],
        ['jwt', await jwtClient.get(path, { headers: { authorization: `JWT ${token}` } })],
      ] as const) {
        const body = await response.text()
        const where = `${label} ${path} (${response.status})`
        expect([401, 403, 404, 301, 302, 303, 307, 308], where).toContain(response.status)
        if (response.status >= 300 && response.status < 400) {
          const location = new URL(response.headers.get('location') ?? '/', hostile.server.url).pathname
          expect(location.startsWith('/admin/collections') || location.startsWith('/admin/account'), where).toBe(false)
        }
        for (const secret of secrets()) expect(body, where).not.toContain(secret)
      }
    }
  })

  test('a member cannot slip past the /admin gate with path tricks', async () => {
    const me = await createMember(hostile.payload)
    const member = await signedIn(hostile.server, me.email, me.password)
    const tricks = [
      '/ADMIN/collections/users',
      '/Admin/collections/users',
      '//admin/collections/users',
      '/admin//collections/users',
      '/admin/login/../collections/users',
      '/admin/logout/../collections/users',
      '/admin/login/..%2Fcollections%2Fusers',
      '/admin/login%2F..%2Fcollections%2Fusers',
      '/admin/logout%2F..%2Fcollections%2Fusers',
      '/admin/collections/users/',
      '/admin/collections/users;x',
      '/admin/collections/users%3F',
      `/admin/collections/users/${victim.id}?redirect=/admin/login`,
      '/admin/logout?redirect=/admin/collections/users',
      '/admin/login?redirect=/admin/collections/users',
    ]
    for (const path of tricks) {
      const response = await rawRequest(hostile.server.url + path, { method: 'GET', headers: { cookie: member.cookieHeader(), 'sec-fetch-site': 'same-origin' }, body: Buffer.alloc(0) })
      const body = response.body.toString('utf8')
      expect(response.status, path).toBeLessThan(500)
      for (const secret of secrets()) expect(body, `${path} (${response.status})`).not.toContain(secret)
    }
  })

  test('a visitor sees no admin content without logging in', async () => {
    const visitor = new WebClient(hostile.server.url)
    for (const path of adminPaths()) {
      const response = await visitor.get(path)
      const body = await response.text()
      expect(response.status, path).toBeLessThan(500)
      if (response.status >= 300 && response.status < 400) {
        const location = new URL(response.headers.get('location') ?? '/', hostile.server.url).pathname
        expect(location.startsWith('/admin/collections') || location.startsWith('/admin/account'), path).toBe(false)
      }
      for (const secret of secrets()) expect(body, `${path} (${response.status})`).not.toContain(secret)
    }
  })
})
