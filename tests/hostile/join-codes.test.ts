// Hostile: meeting join codes (issue 12, part D; /work/i12-spec.md "D. Joining at a meeting").
//
// One real server. Two meetings of lancashire-east that are happening now (started a few minutes ago)
// are arranged through the Local API, with the first-timer figure the moderator typed (4) and a total.
// Everything else goes over HTTP:
// - the demo moderator (who covers every locality) opens a code on /meetings/:id (POST
//   /meetings/:id/join-code with the page's CSRF field) and reads it from [data-join-code];
// - a member, a visitor and a moderator of another locality cannot open one; members and visitors never
//   see it on any page, and cannot read the join-codes collection through REST, however they ask
//   (by id, where on the code, like with a prefix, sort by code, count, select, GraphQL);
// - sign-ups without a code keep the per-IP limit; a valid code skips it, in any case, with or without
//   the space or a dash; attendance.joinedWithCode counts only those who ticked countAsFirstTimer and
//   attendance.firstTimers never changes;
// - an expired code (expiresAt moved into the past on the server's database) is refused with the
//   message and makes no account;
// - malformed codes and LIKE/glob wildcards are refused like any wrong code (from a third loopback
//   address, 127.0.0.3);
// - guessing: well-formed wrong codes answer 400 with the message and make no account; after 10 from one
//   IP within the hour, /join with any code (even the right one) answers 429. The guessing runs from a
//   second loopback address (127.0.0.2), so its count starts at zero, and the first address shows that
//   the lock-out is per IP.
//
// The per-IP counters live in the server's memory, so the tests in this file run in order on one server.
import http from 'node:http'
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { api, localityIds, seededModerator, textOf, type Member, type Who } from './forumHelpers.js'
import { findUserByEmail, settle, signedIn, unique, useHostileServer } from './helpers.js'

const hostile = useHostileServer('join-codes')
const db = () => hostile.payload as any

const MESSAGE = 'That meeting code is not valid or has expired.'
const JOIN_PASSWORD = 'willow-lantern-pebble-31'
const SETTINGS = 'moderation-settings'
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const FIRST_TIMERS = 4
const TOTAL = 12

type Meeting = { id: number | string; title: string }
let loc: Record<string, number | string> = {}
let meetingA: Meeting
let meetingB: Meeting
let member: Member
let northMod: Member
let moderatorId: number | string
/** Meeting A's code as the page shows it (grouped, e.g. "K7M 4QP"). */
let codeA = ''
/** The same without spaces or dashes, upper case. */
let rawA = ''
/** How many sign-ups with meeting A's code ticked countAsFirstTimer. */
let tickedA = 0
/** The value the /join page gives the countAsFirstTimer checkbox (a browser sends "on" when it has none). */
let tickValue = 'on'

const modWho = (): Who => seededModerator(hostile)
const normalise = (code: string) => code.replace(/[\s-]/g, '').toUpperCase()

// ---------------------------------------------------------------------------------------------
// Arrangement
// ---------------------------------------------------------------------------------------------
async function makeMeeting(key: string): Promise<Meeting> {
  const title = `Meeting ${key} ${unique('jc')}`
  const start = new Date(Math.floor((Date.now() - 20 * MINUTE) / MINUTE) * MINUTE)
  const doc: any = await settle(() =>
    db().create({
      collection: 'meetings',
      overrideAccess: true,
      data: {
        locality: loc['lancashire-east'],
        title,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
        venue: { name: `Hall ${unique('v')}`, address: '12 Parker Lane, Burnley', accessibility: 'Step-free entrance.' },
        status: 'scheduled',
        attendance: { total: TOTAL, firstTimers: FIRST_TIMERS },
      },
    }),
  )
  return { id: doc.id, title }
}

const readMeeting = async (m: Meeting) => (await settle(() => db().findByID({ collection: 'meetings', id: m.id, overrideAccess: true, depth: 0 }))) as any

async function codesOf(m: Meeting): Promise<any[]> {
  const found: any = await settle(() => db().find({ collection: 'join-codes', where: { meeting: { equals: m.id } }, overrideAccess: true, depth: 0, limit: 1000 }))
  return found.docs as any[]
}

async function allCodes(): Promise<any[]> {
  const found: any = await settle(() => db().find({ collection: 'join-codes', overrideAccess: true, depth: 0, limit: 10_000 }))
  return found.docs as any[]
}

/** A CSRF token for `client`: from the first of `paths` whose page carries one. */
async function csrfFor(client: WebClient, paths: string[]): Promise<string> {
  for (const p of paths) {
    try {
      return await client.csrfToken(p)
    } catch {
      // that page has no form for this client
    }
  }
  throw new Error(`Arrange failed: no CSRF token on ${paths.join(', ')}`)
}

/** POST /meetings/:id/join-code as `client`, with a valid CSRF field. */
async function postOpen(client: WebClient, m: Meeting, fields: Record<string, string> = {}) {
  const csrf = await csrfFor(client, [`/meetings/${m.id}`, '/account', '/join'])
  const response = await client.postForm(`/meetings/${m.id}/join-code`, { _csrf: csrf, ...fields })
  return { status: response.status, location: response.headers.get('location') ?? '', text: await response.text() }
}

/** The code shown in [data-join-code] on the meeting page (its text, else the attribute's value), or ''. */
function shownCode(html: string): string {
  const element = html.match(/<([a-z][a-z0-9]*)\b[^>]*\sdata-join-code(?:="([^"]*)")?[^>]*>([\s\S]*?)<\/\1>/i)
  if (!element) return ''
  const text = textOf(element[3] ?? '').trim()
  return text || (element[2] ?? '').trim()
}

async function meetingPage(client: WebClient, m: Meeting) {
  const response = await client.get(`/meetings/${m.id}`)
  return { status: response.status, html: await response.text() }
}

/** Every way the code could be written into a page. */
function forms(code: string): string[] {
  const raw = normalise(code)
  const half = Math.ceil(raw.length / 2)
  return [...new Set([code, raw, `${raw.slice(0, half)} ${raw.slice(half)}`, `${raw.slice(0, half)}-${raw.slice(half)}`, `${raw.slice(0, 3)} ${raw.slice(3)}`, `${raw.slice(0, 4)} ${raw.slice(4)}`])]
}

const leaks = (text: string, code: string) => forms(code).filter((f) => text.includes(f) || text.includes(f.replace(' ', '&nbsp;')) || text.includes(f.replace(' ', '\u00a0')))

// ---------------------------------------------------------------------------------------------
// Sign-ups over HTTP, from the test's own address (127.0.0.1) or from a second loopback address
// ---------------------------------------------------------------------------------------------
type Joined = { status: number; text: string; html: string; email: string }

function newcomer() {
  const u = unique('j')
  return { displayName: `Heron ${u}`.slice(0, 40), email: `join-${u}@join-code.example` }
}

function joinFields(code: string | undefined, tick: boolean, who = newcomer()): Record<string, string> {
  return {
    displayName: who.displayName,
    email: who.email,
    password: JOIN_PASSWORD,
    memberType: 'supporter',
    homeLocality: '',
    ...(code === undefined ? {} : { meetingCode: code }),
    ...(tick ? { countAsFirstTimer: tickValue } : {}),
  }
}

async function join(code: string | undefined, tick = false): Promise<Joined> {
  const fields = joinFields(code, tick)
  const client = new WebClient(hostile.server.url)
  const response = await client.postForm('/join', { _csrf: await client.csrfToken('/join'), ...fields })
  const html = await response.text()
  return { status: response.status, html, text: textOf(html), email: fields.email! }
}

/** A minimal same-origin browser over node:http that connects from `localAddress` (another client IP). */
class AddressClient {
  private cookies = new Map<string, string>()
  constructor(readonly localAddress: string) {}

  request(method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
    const target = new URL(path, hostile.server.url)
    const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' }
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      headers.origin = target.origin
      headers['content-length'] = String(Buffer.byteLength(body))
    }
    return new Promise((resolve, reject) => {
      const req = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method, headers, localAddress: this.localAddress, agent: false }, (res) => {
        for (const line of res.headers['set-cookie'] ?? []) {
          const [pair] = line.split(';')
          const eq = pair!.indexOf('=')
          const value = pair!.slice(eq + 1).trim()
          if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(pair!.slice(0, eq).trim())
          else this.cookies.set(pair!.slice(0, eq).trim(), value)
        }
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(body)
    })
  }

  async join(code: string | undefined, tick = false): Promise<Joined> {
    const page = await this.request('GET', '/join')
    const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)?.[1]
    if (!csrf) throw new Error(`Arrange failed: no CSRF token on /join from ${this.localAddress} (status ${page.status})`)
    const fields = joinFields(code, tick)
    const response = await this.request('POST', '/join', new URLSearchParams({ _csrf: csrf, ...fields }).toString())
    return { status: response.status, html: response.text, text: textOf(response.text), email: fields.email! }
  }
}

async function expectJoined(result: Joined, label: string) {
  expect(result.status, `${label}: ${result.text.slice(0, 400)}`).toBe(200)
  expect(result.text, label).toContain('Check your email')
  expect(await findUserByEmail(hostile.payload, result.email), `${label}: the account is stored`).toBeDefined()
}

async function expectRefusedCode(result: Joined, label: string) {
  expect(result.status, `${label}: ${result.text.slice(0, 400)}`).toBe(400)
  expect(result.text, `${label}: the page says why`).toContain(MESSAGE)
  expect(result.text, label).not.toContain('Check your email')
  expect(await findUserByEmail(hostile.payload, result.email), `${label}: no account is made`).toBeUndefined()
}

async function setJoinLimit(perDay: number) {
  await settle(() => db().updateGlobal({ slug: SETTINGS, data: { registrationsPerIpPerDay: perDay }, overrideAccess: true }))
  const now = (await db().findGlobal({ slug: SETTINGS, overrideAccess: true, depth: 0 })) as any
  if (now.registrationsPerIpPerDay !== perDay) throw new Error(`Arrange failed: registrationsPerIpPerDay is ${now.registrationsPerIpPerDay}`)
}

beforeAll(async () => {
  loc = await localityIds(hostile)
  meetingA = await makeMeeting('A')
  meetingB = await makeMeeting('B')
  member = await settle(() => createMember(hostile.payload, { displayName: `Nosy ${unique('n')}` }))
  northMod = await settle(() => createMember(hostile.payload, { displayName: `North Mod ${unique('m')}`, roles: ['moderator'] }))
  await settle(() => db().update({ collection: 'users', id: northMod.id, data: { moderatorLocalities: [loc['lancashire-north']] }, overrideAccess: true }))
  const mods = await db().find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, limit: 1, depth: 0 })
  moderatorId = mods.docs[0].id
  for (const m of [meetingA, meetingB]) {
    const stored = await readMeeting(m)
    if (stored.attendance?.firstTimers !== FIRST_TIMERS || (stored.attendance?.joinedWithCode ?? 0) !== 0)
      throw new Error(`Arrange failed: meeting ${m.title} attendance ${JSON.stringify(stored.attendance)}`)
  }
  const joinPage = await (await new WebClient(hostile.server.url).get('/join')).text()
  const tick = joinPage.match(/<input[^>]*\bname="countAsFirstTimer"[^>]*>/)?.[0]
  tickValue = tick?.match(/\bvalue="([^"]*)"/)?.[1] || 'on'
}, 120_000)

// ---------------------------------------------------------------------------------------------
// Opening a code
// ---------------------------------------------------------------------------------------------
describe('a moderator opens a code; nobody else can, and nobody else sees it', () => {
  test('the moderator opens a code for meeting A: the meeting page shows it in [data-join-code], grouped, 6–8 letters and digits without look-alikes, with its expiry', async () => {
    const moderator = await signedIn(hostile.server, modWho().email, modWho().password)
    const before = (await meetingPage(moderator, meetingA)).html
    expect(before, 'the meeting page offers the moderator a form that opens a code').toMatch(new RegExp(`<form[^>]*action="[^"]*/meetings/${meetingA.id}/join-code"`))

    const opened = await postOpen(moderator, meetingA)
    expect([200, 303], `POST /meetings/${meetingA.id}/join-code as the moderator: ${opened.status} ${textOf(opened.text).slice(0, 300)}`).toContain(opened.status)

    const { status, html } = await meetingPage(moderator, meetingA)
    expect(status).toBe(200)
    codeA = shownCode(html)
    rawA = normalise(codeA)
    expect(codeA, 'the page shows the code in an element with data-join-code').not.toBe('')
    expect(rawA, `the code "${codeA}" is 6–8 capital letters and digits`).toMatch(/^[A-Z0-9]{6,8}$/)
    expect(rawA, `the code "${codeA}" has no look-alike characters (0/O, 1/I)`).not.toMatch(/[01OI]/)
    expect(codeA, `the code is shown grouped (e.g. "K7M 4QP"), not as one run: "${codeA}"`).toMatch(/^[A-Z0-9]+([\s\u00a0-][A-Z0-9]+)+$/)
    expect(textOf(html), 'the page gives the code’s expiry').toMatch(/expir|until|valid/i)

    const stored = await codesOf(meetingA)
    expect(stored.length, 'one code is stored for the meeting').toBeGreaterThanOrEqual(1)
    const mine = stored.find((c) => normalise(String(c.code)) === rawA)
    expect(mine, `the stored code matches the shown one (${stored.map((c) => c.code).join(', ')})`).toBeDefined()
    expect(String(mine.createdBy), 'the code records who opened it').toBe(String(moderatorId))
    const expiresIn = new Date(mine.expiresAt).getTime() - Date.now()
    expect(expiresIn, 'the default is 3 hours').toBeGreaterThan(3 * HOUR - 5 * MINUTE)
    expect(expiresIn, 'the default is 3 hours').toBeLessThan(3 * HOUR + 5 * MINUTE)
  })

  test('hours chooses how long it lasts (2 h); hours outside 1–12 never make a code that lasts longer than 12 h, and never 500', async () => {
    const moderator = await signedIn(hostile.server, modWho().email, modWho().password)
    const opened = await postOpen(moderator, meetingB, { hours: '2' })
    expect([200, 303], `hours=2: ${opened.status} ${textOf(opened.text).slice(0, 300)}`).toContain(opened.status)
    const shown = normalise(shownCode((await meetingPage(moderator, meetingB)).html))
    expect(shown, 'meeting B shows a code').toMatch(/^[A-Z0-9]{6,8}$/)
    expect(shown, 'two meetings never share a code').not.toBe(rawA)
    const b = (await codesOf(meetingB)).find((c) => normalise(String(c.code)) === shown)
    expect(b, 'meeting B’s code is stored').toBeDefined()
    const expiresIn = new Date(b.expiresAt).getTime() - Date.now()
    expect(expiresIn).toBeGreaterThan(2 * HOUR - 5 * MINUTE)
    expect(expiresIn).toBeLessThan(2 * HOUR + 5 * MINUTE)

    const problems: string[] = []
    for (const hours of ['13', '0', '-1', '1e9', '999999', 'abc', '3; DROP TABLE join_codes', '']) {
      const result = await postOpen(moderator, meetingB, { hours })
      if (result.status >= 500) problems.push(`hours=${JSON.stringify(hours)}: ${result.status}`)
    }
    const tooLong = (await allCodes()).filter((c) => new Date(c.expiresAt).getTime() > Date.now() + 12 * HOUR + 5 * MINUTE)
    for (const c of tooLong) problems.push(`a code lasting until ${c.expiresAt}`)
    expect(problems).toEqual([])
  })

  test('a member, a visitor and a moderator of another locality cannot open a code (403/404), and none is made', async () => {
    const before = (await allCodes()).length
    const asMember = await postOpen(await signedIn(hostile.server, member.email, member.password), meetingA)
    expect([403, 404], `a member: ${asMember.status} ${textOf(asMember.text).slice(0, 200)}`).toContain(asMember.status)
    const asNorthMod = await postOpen(await signedIn(hostile.server, northMod.email, northMod.password), meetingA)
    expect([403, 404], `a moderator of lancashire-north, for a lancashire-east meeting: ${asNorthMod.status}`).toContain(asNorthMod.status)
    const asVisitor = await postOpen(new WebClient(hostile.server.url), meetingA)
    const toLogin = [302, 303].includes(asVisitor.status) && /\/login\b/.test(asVisitor.location)
    expect([401, 403, 404].includes(asVisitor.status) || toLogin, `a visitor: ${asVisitor.status} ${asVisitor.location}`).toBe(true)
    expect((await allCodes()).length, 'no code was made').toBe(before)
  })

  test('REST writes: nobody creates or extends a code through /api/join-codes (server code only)', async () => {
    const [existing] = await codesOf(meetingA)
    expect(existing, 'needs the code opened first').toBeDefined()
    const before = (await allCodes()).length
    const farFuture = new Date(Date.now() + 365 * 24 * HOUR).toISOString()
    const memberWho: Who = { email: member.email, password: member.password }
    const problems: string[] = []
    for (const [label, who] of [
      ['visitor', null],
      ['member', memberWho],
      ['moderator', modWho()],
    ] as const) {
      const created = await api(hostile, who, 'POST', '/api/join-codes', { code: `ZZ${unique('').slice(-4).toUpperCase()}`, meeting: meetingA.id, expiresAt: farFuture })
      if (created.status < 400 || created.status >= 500) problems.push(`${label} POST /api/join-codes: ${created.status}`)
      const patched = await api(hostile, who, 'PATCH', `/api/join-codes/${existing.id}`, { expiresAt: farFuture, maxUses: 100000 })
      if (patched.status < 400 || patched.status >= 500) problems.push(`${label} PATCH /api/join-codes/:id: ${patched.status}`)
      const bulk = await api(hostile, who, 'PATCH', `/api/join-codes?where[id][exists]=true`, { expiresAt: farFuture })
      if (bulk.status >= 500 || (bulk.status === 200 && (bulk.json?.docs ?? []).length > 0)) problems.push(`${label} bulk PATCH: ${bulk.status} ${bulk.text.slice(0, 120)}`)
    }
    expect(problems).toEqual([])
    expect((await allCodes()).length, 'no code was made').toBe(before)
    const after = (await settle(() => db().findByID({ collection: 'join-codes', id: existing.id, overrideAccess: true, depth: 0 }))) as any
    expect(after.expiresAt, 'the code’s expiry is unchanged').toBe(existing.expiresAt)
  })

  test('members and visitors never see the code: not on the meeting page, the lists, the calendar, or meetings through REST', async () => {
    expect(rawA, 'needs the code opened first').not.toBe('')
    const clients: [string, WebClient][] = [
      ['visitor', new WebClient(hostile.server.url)],
      ['member', await signedIn(hostile.server, member.email, member.password)],
    ]
    const found: string[] = []
    for (const [label, client] of clients) {
      for (const path of [
        `/meetings/${meetingA.id}`,
        `/meetings/${meetingA.id}/calendar.ics`,
        '/meetings',
        '/meetings?locality=lancashire-east',
        '/localities/lancashire-east',
        `/meetings/${meetingA.id}/close`,
        `/api/meetings/${meetingA.id}?depth=3`,
        '/api/meetings?depth=2&limit=100',
      ]) {
        const response = await client.get(path)
        const text = await response.text()
        if (response.status >= 500) found.push(`${label} ${path}: ${response.status}`)
        if (/\sdata-join-code\b/.test(text)) found.push(`${label} ${path}: a [data-join-code] element`)
        for (const f of leaks(text, codeA)) found.push(`${label} ${path}: "${f}"`)
      }
    }
    expect(found).toEqual([])
  })

  test('members and visitors cannot read join-codes through REST, whatever the query (where, like, sort, count, select, GraphQL); moderators can (control)', async () => {
    expect(rawA, 'needs the code opened first').not.toBe('')
    const [stored] = (await codesOf(meetingA)).filter((c) => normalise(String(c.code)) === rawA)
    const storedCode = String(stored.code)
    const paths = [
      '/api/join-codes',
      '/api/join-codes?depth=2&limit=1000',
      `/api/join-codes/${stored.id}`,
      `/api/join-codes/${stored.id}?depth=0`,
      `/api/join-codes?where[code][equals]=${encodeURIComponent(storedCode)}`,
      `/api/join-codes?where[code][like]=${encodeURIComponent(storedCode.slice(0, 2))}`,
      `/api/join-codes?where[code][contains]=${encodeURIComponent(storedCode.slice(0, 1))}`,
      `/api/join-codes?where[meeting][equals]=${meetingA.id}`,
      '/api/join-codes?where[code][exists]=true',
      '/api/join-codes?where[or][0][code][exists]=true&where[or][1][id][exists]=true',
      `/api/join-codes?where[expiresAt][greater_than]=2000-01-01T00:00:00.000Z`,
      '/api/join-codes?sort=code',
      '/api/join-codes?sort=-code&limit=1',
      '/api/join-codes?sort=expiresAt',
      '/api/join-codes?select[code]=true',
      '/api/join-codes/count',
      `/api/join-codes/count?where[code][equals]=${encodeURIComponent(storedCode)}`,
      `/api/join-codes/count?where[code][like]=${encodeURIComponent(storedCode.slice(0, 3))}`,
      '/api/join-codes/versions',
      `/api/meetings?where[id][equals]=${meetingA.id}&depth=5`,
    ]
    const memberWho: Who = { email: member.email, password: member.password }
    const problems: string[] = []
    for (const [label, who] of [
      ['visitor', null],
      ['member', memberWho],
    ] as const) {
      for (const path of paths) {
        const r = await api(hostile, who, 'GET', path)
        if (r.status >= 500) problems.push(`${label} ${path}: ${r.status}`)
        if (leaks(r.text, storedCode).length || leaks(r.text, codeA).length) problems.push(`${label} ${path}: the code is in the answer`)
        if (path.startsWith('/api/join-codes') && r.status === 200) {
          const docs = Array.isArray(r.json?.docs) ? r.json.docs : r.json?.id != null ? [r.json] : []
          if (docs.length) problems.push(`${label} ${path}: ${docs.length} doc(s)`)
          if (Number(r.json?.totalDocs ?? 0) > 0) problems.push(`${label} ${path}: totalDocs ${r.json.totalDocs} (an oracle)`)
        }
      }
      const gql = await api(hostile, who, 'POST', '/api/graphql', { query: '{ JoinCodes { docs { id code expiresAt } totalDocs } }' })
      if (gql.status >= 500) problems.push(`${label} GraphQL: ${gql.status}`)
      if (leaks(gql.text, storedCode).length || (Array.isArray(gql.json?.data?.JoinCodes?.docs) && gql.json.data.JoinCodes.docs.length)) problems.push(`${label} GraphQL: the code is in the answer`)
    }
    expect(problems).toEqual([])

    // Control: a moderator reads it (so the checks above can fail).
    const asModerator = await api(hostile, modWho(), 'GET', `/api/join-codes?where[code][equals]=${encodeURIComponent(storedCode)}`)
    expect(asModerator.status, asModerator.text.slice(0, 200)).toBe(200)
    expect(asModerator.text, 'a moderator reads the code through REST').toContain(storedCode)
  })
})

// ---------------------------------------------------------------------------------------------
// Signing up
// ---------------------------------------------------------------------------------------------
describe('sign-ups with and without a code', () => {
  test('without a code the per-IP limit still applies (registrationsPerIpPerDay = 2); ticking countAsFirstTimer without a code counts nowhere', async () => {
    await setJoinLimit(2)
    await expectJoined(await join(undefined, true), 'codeless sign-up 1 (ticked)')
    await expectJoined(await join('', false), 'codeless sign-up 2 (empty code field)')
    const third = await join(undefined, false)
    expect(third.status, `the 3rd codeless sign-up from one IP: ${third.text.slice(0, 300)}`).toBe(429)
    expect(await findUserByEmail(hostile.payload, third.email), 'no 3rd account').toBeUndefined()
    for (const m of [meetingA, meetingB]) {
      const stored = await readMeeting(m)
      expect(stored.attendance?.joinedWithCode ?? 0, `${m.title}: a sign-up without a code is not counted`).toBe(0)
      expect(stored.attendance?.firstTimers).toBe(FIRST_TIMERS)
    }
  })

  test('a valid code skips the limit (the IP is over it); the next sign-up without a code is still refused', async () => {
    expect(rawA, 'needs the code opened first').not.toBe('')
    await expectJoined(await join(codeA, true), 'with the code as shown, ticked')
    tickedA++
    const after = await join(undefined, false)
    expect(after.status, `a codeless sign-up after a coded one: ${after.text.slice(0, 300)}`).toBe(429)
    expect(await findUserByEmail(hostile.payload, after.email)).toBeUndefined()
  })

  test('the code is accepted in lower case, and with or without the space or a dash', async () => {
    expect(rawA, 'needs the code opened first').not.toBe('')
    const half = Math.ceil(rawA.length / 2)
    const variants: [string, boolean][] = [
      [rawA.toLowerCase(), false],
      [rawA, true],
      [`${rawA.slice(0, half)} ${rawA.slice(half)}`.toLowerCase(), true],
      [`${rawA.slice(0, half)}-${rawA.slice(half)}`, false],
      [`${rawA.slice(0, half)}-${rawA.slice(half)}`.toLowerCase(), true],
      [`  ${codeA.toLowerCase()}  `, false],
      [
        rawA
          .split('')
          .map((c, i) => (i % 2 ? c.toLowerCase() : c))
          .join(''),
        true,
      ],
    ]
    for (const [code, tick] of variants) {
      await expectJoined(await join(code, tick), `code typed as ${JSON.stringify(code)}${tick ? ' (ticked)' : ''}`)
      if (tick) tickedA++
    }
  })

  test('attendance: joinedWithCode counts only those who ticked countAsFirstTimer; firstTimers (and the total) never change; the moderator sees "<n> joined with the code"', async () => {
    expect(tickedA, 'needs the sign-ups above').toBeGreaterThan(0)
    const a = await readMeeting(meetingA)
    expect(a.attendance?.joinedWithCode, 'joinedWithCode counts the ticked sign-ups with meeting A’s code').toBe(tickedA)
    expect(a.attendance?.firstTimers, 'firstTimers is the figure the moderator typed').toBe(FIRST_TIMERS)
    expect(a.attendance?.total).toBe(TOTAL)
    expect((await readMeeting(meetingB)).attendance?.joinedWithCode ?? 0, 'meeting B counted nobody').toBe(0)

    const moderator = await signedIn(hostile.server, modWho().email, modWho().password)
    const page = textOf((await meetingPage(moderator, meetingA)).html)
    expect(page, 'the meeting page shows the count next to the first-timer figure').toContain(`${tickedA} joined with the code`)
    const close = await moderator.get(`/meetings/${meetingA.id}/close`)
    expect(textOf(await close.text()), 'the close form shows it too').toContain(`${tickedA} joined with the code`)
  })

  test('a member cannot raise joinedWithCode through REST', async () => {
    const before = (await readMeeting(meetingA)).attendance?.joinedWithCode
    for (const who of [{ email: member.email, password: member.password }, modWho()]) {
      const r = await api(hostile, who, 'PATCH', `/api/meetings/${meetingA.id}`, { attendance: { total: TOTAL, firstTimers: FIRST_TIMERS, joinedWithCode: 999 } })
      expect(r.status, r.text.slice(0, 200)).toBeLessThan(500)
    }
    expect((await readMeeting(meetingA)).attendance?.joinedWithCode, 'joinedWithCode is system-set').toBe(before)
  })
})

// ---------------------------------------------------------------------------------------------
// Reuse after expiry
// ---------------------------------------------------------------------------------------------
describe('reuse after expiry', () => {
  test('an expired code is refused with the message and makes no account (the per-IP limit is lifted, so the refusal is the code’s)', async () => {
    await setJoinLimit(10_000)
    const moderator = await signedIn(hostile.server, modWho().email, modWho().password)
    const shownB = shownCode((await meetingPage(moderator, meetingB)).html)
    expect(normalise(shownB), 'meeting B shows a code').toMatch(/^[A-Z0-9]{6,8}$/)
    const codesB = await codesOf(meetingB)
    expect(codesB.length).toBeGreaterThan(0)
    const past = new Date(Date.now() - MINUTE).toISOString()
    for (const c of codesB) await settle(() => db().update({ collection: 'join-codes', id: c.id, data: { expiresAt: past }, overrideAccess: true }))
    for (const c of await codesOf(meetingB)) expect(new Date(c.expiresAt).getTime(), 'arrangement: the code has expired').toBeLessThan(Date.now())

    const before = (await readMeeting(meetingB)).attendance
    for (const [code, tick] of [
      [shownB, true],
      [normalise(shownB).toLowerCase(), true],
    ] as const) {
      await expectRefusedCode(await join(code, tick), `expired code ${JSON.stringify(code)}`)
    }
    const after = (await readMeeting(meetingB)).attendance
    expect(after?.joinedWithCode ?? 0, 'nobody is counted').toBe(before?.joinedWithCode ?? 0)
    expect(after?.firstTimers).toBe(FIRST_TIMERS)
    // Control: a sign-up without a code from the same address now works, so the refusals were the code's.
    await expectJoined(await join(undefined, false), 'a codeless sign-up (control)')
  })
})

// ---------------------------------------------------------------------------------------------
// Guessing
// ---------------------------------------------------------------------------------------------
describe('guessing codes', () => {
  const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
  const randomCode = () => Array.from({ length: rawA.length || 6 }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join('')
  /** The right code with one character changed (still a well-formed code). */
  const flip = (raw: string, at: number) => raw.slice(0, at) + (raw[at] === 'A' ? 'B' : 'A') + raw.slice(at + 1)

  test('malformed codes and wildcards (%, _, *, quotes, too short, too long) are refused like any wrong code and never match', async () => {
    expect(rawA, 'needs the code opened first').not.toBe('')
    // From a third address, so that these do not use up the allowance of the next test's address.
    const client = new AddressClient('127.0.0.3')
    for (const code of ['%%%%%%', '______', '%', "' OR '1'='1", '*', rawA.slice(0, -1), `${rawA}${rawA}`, `${rawA.slice(0, 3)}%`]) {
      await expectRefusedCode(await client.join(code, true), `code ${JSON.stringify(code)}`)
    }
    expect((await readMeeting(meetingA)).attendance?.joinedWithCode, 'nobody was counted').toBe(tickedA)
  })

  test('wrong codes answer 400 with the message and make no account; after 10 from one IP, /join with any code answers 429, even the right one; another IP is not locked out', async () => {
    expect(rawA, 'needs the code opened first').not.toBe('')
    const half = Math.ceil(rawA.length / 2)
    const wrong = [
      randomCode(),
      flip(rawA, 0),
      flip(rawA, rawA.length - 1),
      flip(rawA, half).toLowerCase(),
      `${flip(rawA, 1).slice(0, half)} ${flip(rawA, 1).slice(half)}`,
      `${flip(rawA, 2).slice(0, half)}-${flip(rawA, 2).slice(half)}`,
      randomCode(),
      randomCode().toLowerCase(),
      randomCode(),
      randomCode(),
    ].filter((c) => normalise(c) !== rawA)
    expect(wrong.length, 'ten well-formed wrong codes').toBe(10)

    // From a second loopback address, whose count starts at zero.
    const guesser = new AddressClient('127.0.0.2')
    for (const [i, code] of wrong.entries()) {
      await expectRefusedCode(await guesser.join(code, true), `wrong code ${i + 1} ${JSON.stringify(code)}`)
    }
    const right = await guesser.join(codeA, true)
    expect(right.status, `the right code after 10 wrong ones from this IP: ${right.text.slice(0, 300)}`).toBe(429)
    expect(await findUserByEmail(hostile.payload, right.email), 'no account').toBeUndefined()
    const again = await guesser.join(randomCode(), false)
    expect(again.status, 'another guess').toBe(429)
    expect(await findUserByEmail(hostile.payload, again.email)).toBeUndefined()
    expect((await readMeeting(meetingA)).attendance?.joinedWithCode, 'nobody was counted while guessing').toBe(tickedA)

    // The lock-out is per IP: the test's own address (two expired-code refusals so far) still joins with the code.
    await expectJoined(await join(codeA, false), 'the right code from another IP')
  })
})
