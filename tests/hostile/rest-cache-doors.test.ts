// Hostile: visitors' REST reads answered from the page cache (issue 14) never cross an audience, never
// open the query surface, keep CORS right, and never store a refusal.
//
// Promised: `GET /api/<collection>` and `GET /api/<collection>/<id>` asked with no credentials and no
// Origin may be answered from the cache (`X-Waymark-Cache: hit`, or `miss` when freshly computed), and
//   - audiences never mix: a signed-in moderator or member (session cookie, or `Authorization: JWT …`)
//     asking a URL a visitor has warmed gets their own answer (never a `hit`), with what only they may
//     see; and the visitor's next answer still lacks it, whoever asked first;
//   - the door stays closed: undeclared or forbidden query parameters get 400 even when a similar URL is
//     cached, and an answer cached for one query string is never served for another;
//   - Origin: a request with the site's own Origin gets `Access-Control-Allow-Origin` for it (never the
//     cached answer made without Origin), and one from another origin gets none;
//   - non-200 answers (403, 404, 400) are never served from the cache.
// Staleness after writes and with the clock is in rest-cache.test.ts.
import { beforeAll, describe, expect, test } from 'vitest'

import type { WebClient } from '../support/http.js'
import { createMember, DEFAULT_TEST_PASSWORD } from '../support/members.js'
import { EVIL_ORIGIN, restToken, settle, unique, useHostileServer } from './helpers.js'
import { idFromLocation, moderateStory, restAs, shareStory, signIn, submitForm, type Rest } from './pageCacheSite.js'
import { cookieGet, describeRead, idsIn, jwtGet, mentions, q, visitorGet, visitorTwice, type RestRead } from './restCache.js'

const hostile = useHostileServer('rest-cache-doors')
const NORTH = 'lancashire-north'

type Story = { id: string; title: string }
type Signed = { name: string; read: (path: string) => Promise<RestRead> }

let northId: number | string
let authorId: number | string
let moderatorRest: Rest
let moderatorToken: string
let moderator: Signed[] // cookie, then JWT
let author: Signed[]
let reader: Signed[]
/** Published for everyone: A and B. Sent for review, not yet decided: pending. Published for members only: membersOnly. */
const stories = {} as Record<'a' | 'b' | 'pending' | 'membersOnly', Story>

const signedReaders = async (name: string, email: string, password: string): Promise<Signed[]> => {
  const client: WebClient = await signIn(hostile.server, email, password)
  const token = await restToken(hostile.server, email, password)
  return [
    { name: `${name} (session cookie)`, read: (path) => cookieGet(client, path) },
    { name: `${name} (Authorization: JWT)`, read: (path) => jwtGet(hostile.server, token, path) },
  ]
}

async function share(client: WebClient, key: string, audience: 'public' | 'members', approve: boolean): Promise<Story> {
  const title = `Story ${unique(key)}`
  let id: string
  if (audience === 'public') {
    id = await shareStory(client, { title, summary: `Summary of ${title}`, body: `What happened to ${title}, in my own words.`, localityId: northId })
  } else {
    const fields = {
      title,
      summary: `Summary of ${title}`,
      body: `The text of ${title}.`,
      locality: String(northId),
      themes: 'connection',
      audience,
      byline: 'anonymous',
      penName: '',
      quoteInReports: 'no',
      agree: 'on',
      intent: 'submit',
    }
    id = idFromLocation(await submitForm(client, '/stories/new', '/stories/new', fields), /\/account\/stories\/(\w+)\?notice=submitted/)
  }
  if (approve) await moderateStory(moderatorRest, id, 'approve')
  return { id, title }
}

beforeAll(async () => {
  const { payload, server } = hostile
  const north = await payload.find({ collection: 'localities', where: { slug: { equals: NORTH } }, overrideAccess: true, depth: 0, limit: 1 })
  northId = north.docs[0]!.id
  const writer = await settle(() => createMember(payload, { displayName: `Author ${unique('')}`.slice(0, 40) }))
  const other = await settle(() => createMember(payload, { displayName: `Reader ${unique('')}`.slice(0, 40) }))
  authorId = writer.id
  moderatorRest = await restAs(server, 'moderator@waymark.example', server.seedPassword)
  moderatorToken = moderatorRest.token
  moderator = await signedReaders('moderator', 'moderator@waymark.example', server.seedPassword)
  author = await signedReaders('the author', writer.email, DEFAULT_TEST_PASSWORD)
  reader = await signedReaders('another member', other.email, DEFAULT_TEST_PASSWORD)
  const authorSite = await signIn(server, writer.email, DEFAULT_TEST_PASSWORD)
  stories.a = await share(authorSite, 'a', 'public', true)
  stories.b = await share(authorSite, 'b', 'public', true)
  stories.pending = await share(authorSite, 'pend', 'public', false)
  stories.membersOnly = await share(authorSite, 'memb', 'members', true)
}, 120_000)

const origin = () => new URL(hostile.server.url).origin
/** The same visitor request with the site's own Origin: the cache may not answer it, so it is computed afresh. */
const uncached = (path: string) => visitorGet(hostile.server, path, { origin: origin() })

/** The visitor's answer must be a 200 without the story's title or id. */
function visitorLacks(read: RestRead, s: Story, label: string) {
  if (/^\/api\/stories\/\w+(\?|$)/.test(read.path)) {
    expect([403, 404], `${label}: status (${describeRead(read)})`).toContain(read.status)
  } else {
    expect(read.status, `${label}: status (${describeRead(read)})`).toBe(200)
    expect(idsIn(read), `${label}: ids`).not.toContain(s.id)
  }
  expect(mentions(read, s.title), `${label}: must not show "${s.title}" (${describeRead(read)})`).toBe(false)
}

function personHas(read: RestRead, s: Story, label: string) {
  expect(read.status, `${label}: status (${describeRead(read)})`).toBe(200)
  expect(read.cache, `${label}: a signed-in request is never answered from the cache`).not.toBe('hit')
  expect(mentions(read, s.title), `${label}: should show "${s.title}" (${describeRead(read)})`).toBe(true)
  expect(idsIn(read), `${label}: ids`).toContain(s.id)
}

/** A list and a document URL showing `s` to `people` only: the visitor warms first, then again after each of them. */
async function visitorFirst(people: Signed[], s: Story, control?: Story) {
  const lists = [`/api/stories?where[title][equals]=${q(s.title)}`, '/api/stories?limit=1000', `/api/stories?where[locality][equals]=${northId}&limit=1000&depth=1`]
  for (const path of [...lists, `/api/stories/${s.id}`]) {
    const { second } = await visitorTwice(hostile.server, path)
    const isDoc = !lists.includes(path)
    // A refusal (404) is never cached; a list is, and this test is about what the cache then does.
    if (isDoc) expect(second.cache, `visitor ${path}: a 404 is never served from the cache`).not.toBe('hit')
    else expect(second.cache, `visitor ${path}: the second request must be a cache hit (${describeRead(second)})`).toBe('hit')
    visitorLacks(second, s, `visitor ${path} (warmed)`)
    if (control && path === '/api/stories?limit=1000') expect(idsIn(second), 'control: the visitor reads the published story').toContain(control.id)
    for (const person of people) {
      personHas(await person.read(path), s, `${person.name} ${path} after the visitor warmed it`)
      const next = await visitorGet(hostile.server, path)
      visitorLacks(next, s, `visitor ${path} right after ${person.name}`)
    }
  }
}

/** The same, with the signed-in people asking first (twice each) on URLs nobody has asked yet. */
async function peopleFirst(people: Signed[], s: Story, control: Story) {
  for (const path of [`/api/stories?where[title][in]=${q(`${s.title},${control.title}`)}&limit=10`, `/api/stories?where[locality][equals]=${northId}&limit=999&depth=0`]) {
    for (const person of people) for (let i = 0; i < 2; i++) personHas(await person.read(path), s, `${person.name} ${path} (asked first, request ${i + 1})`)
    const { first, second } = await visitorTwice(hostile.server, path)
    for (const read of [first, second]) visitorLacks(read, s, `visitor ${path} after signed-in people asked first`)
    expect(idsIn(second), `control: the visitor reads the published story at ${path}`).toContain(control.id)
  }
}

describe('audiences never mix', () => {
  test("a moderator (cookie, then JWT) gets their own answer with the pending story; the visitor's next answer never has it", async () => {
    await visitorFirst(moderator, stories.pending, stories.a)
    await peopleFirst(moderator, stories.pending, stories.a)
  })

  test("the author (cookie, then JWT) sees their own pending story; the visitor's next answer never has it", async () => {
    await visitorFirst(author, stories.pending, stories.a)
    await peopleFirst(author, stories.pending, stories.a)
  })

  test("another member (cookie, then JWT) reads a members-only story; the visitor's next answer never has it", async () => {
    await visitorFirst(reader, stories.membersOnly, stories.a)
    await peopleFirst(reader, stories.membersOnly, stories.a)
  })

  // Every way Payload accepts the moderator's credentials (tokens in the Authorization header, or the session
  // cookie however the Cookie header is spelled) must keep the request away from the cache both ways.
  const credentialForms: [string, () => Record<string, string>][] = [
    ['Authorization: Bearer', () => ({ authorization: `Bearer ${moderatorToken}` })],
    ['Authorization: JWT', () => ({ authorization: `JWT ${moderatorToken}` })],
    ['the session cookie alone', () => ({ cookie: `payload-token=${moderatorToken}`, 'sec-fetch-site': 'same-origin' })],
    ['the session cookie after another, no space', () => ({ cookie: `wm_pref=1;payload-token=${moderatorToken}`, 'sec-fetch-site': 'same-origin' })],
    ['the session cookie with a space before "="', () => ({ cookie: `wm_pref=1; payload-token =${moderatorToken}`, 'sec-fetch-site': 'same-origin' })],
    ['the session cookie, Sec-Fetch-Site: none', () => ({ cookie: `payload-token=${moderatorToken}`, 'sec-fetch-site': 'none' })],
  ]
  let nextLimit = 100 // a URL nobody has asked yet, for each form
  test.each(credentialForms)('the moderator with %s: their own answer whoever asks first, and the visitor never gets it', async (_form, headers) => {
    const s = stories.pending
    const asModerator = (path: string) => visitorGet(hostile.server, path, headers())
    // The moderator first, on a URL nobody has asked: their answer must not be kept for the visitor.
    const fresh = `/api/stories?where[title][in]=${q(`${s.title},${stories.a.title}`)}&limit=${nextLimit++}`
    for (let i = 0; i < 2; i++) personHas(await asModerator(fresh), s, `moderator ${fresh} (asked first, request ${i + 1})`)
    for (let i = 0; i < 2; i++) visitorLacks(await visitorGet(hostile.server, fresh), s, `visitor ${fresh} after the moderator asked first (request ${i + 1})`)
    // The visitor first: the moderator must not be given the visitor's cached answer.
    const warmed = `/api/stories?where[title][equals]=${q(s.title)}&limit=${nextLimit++}`
    const { second } = await visitorTwice(hostile.server, warmed)
    expect(second.cache, `visitor ${warmed}: the second request must be a cache hit`).toBe('hit')
    personHas(await asModerator(warmed), s, `moderator ${warmed} after the visitor warmed it`)
    visitorLacks(await visitorGet(hostile.server, warmed), s, `visitor ${warmed} after the moderator`)
  })

  test('a published story by id: the moderator and the author get the author field; the visitor, before or after them, never does', async () => {
    const s = stories.a
    for (const path of [`/api/stories/${s.id}`, `/api/stories?where[title][equals]=${q(s.title)}&depth=0`]) {
      const doc = (read: RestRead) => (Array.isArray(read.json?.docs) ? read.json.docs[0] : read.json)
      const { second } = await visitorTwice(hostile.server, path)
      expect(second.cache, `visitor ${path}: the second request must be a cache hit (${describeRead(second)})`).toBe('hit')
      expect(doc(second)?.title, `visitor ${path}`).toBe(s.title)
      expect(doc(second)?.author, `visitor ${path}: no author field`).toBeUndefined()
      for (const person of [...moderator, ...author]) {
        const theirs = await person.read(path)
        expect(theirs.cache, `${person.name} ${path}`).not.toBe('hit')
        expect(String(doc(theirs)?.author?.id ?? doc(theirs)?.author), `${person.name} ${path}: their own answer carries the author (${describeRead(theirs)})`).toBe(String(authorId))
        const next = await visitorGet(hostile.server, path)
        expect(doc(next)?.title, `visitor ${path} after ${person.name}`).toBe(s.title)
        expect(doc(next)?.author, `visitor ${path} after ${person.name}: no author field (${describeRead(next)})`).toBeUndefined()
      }
    }
  })
})

describe('the door stays closed', () => {
  test('undeclared or forbidden parameters get 400 even when a similar URL is cached', async () => {
    const s = stories.a
    for (const base of ['/api/stories?limit=1000', `/api/stories/${s.id}`, `/api/stories?where[title][equals]=${q(s.title)}`]) {
      const { second } = await visitorTwice(hostile.server, base)
      expect(second.cache, `warming ${base}`).toBe('hit')
      expect(mentions(second, s.title), `control: ${base} shows the story`).toBe(true)
    }
    const listForbidden = [
      `/api/stories?limit=1000&where[author.email][equals]=x`,
      `/api/stories?limit=1000&where%5Bauthor.email%5D%5Bequals%5D=x`,
      `/api/stories?limit=1000&where[author][equals]=${authorId}`,
      `/api/stories?limit=1000&where[consentAudience][equals]=public`,
      `/api/stories?where[title][equals]=${q(s.title)}&where[author.displayName][exists]=true`,
      `/api/stories?where[title][equals]=${q(s.title)}&sort=author.email`,
      `/api/stories?limit=1000&sort=author.email`,
      `/api/stories?limit=1000&sort=-consentExpiresAt`,
      `/api/stories?limit=1000&depth=5`,
      `/api/stories?limit=1001`,
      `/api/stories?limit=1000&joins[author][limit]=1`,
      `/api/stories?limit=1000&foo=bar`,
      `/api/stories?limit=1000&draft=true`,
    ]
    const docForbidden = [`/api/stories/${s.id}?depth=5`, `/api/stories/${s.id}?foo=bar`, `/api/stories/${s.id}?joins[author][limit]=1`, `/api/stories/${s.id}?draft=true`]
    for (const path of [...listForbidden, ...docForbidden]) {
      for (let i = 1; i <= 2; i++) {
        const read = await visitorGet(hostile.server, path)
        const label = `visitor ${path} (request ${i})`
        expect(read.status, `${label}: status (${describeRead(read)})`).toBe(400)
        expect(read.cache, `${label}: a refusal is never served from the cache`).not.toBe('hit')
        expect(mentions(read, s.title), `${label}: no document data`).toBe(false)
        expect(read.json && typeof read.json === 'object' && ('docs' in read.json || 'totalDocs' in read.json || 'id' in read.json), `${label}: no document data`).toBe(false)
      }
    }
  })

  test('an answer cached for one query string is never served for another', async () => {
    const { a, b } = stories
    const docs = (read: RestRead) => (Array.isArray(read.json?.docs) ? read.json.docs : [])
    // Each pair: two query strings with different answers, and what tells them apart.
    const pairs: [string, string, (read: RestRead, which: 0 | 1) => void][] = [
      ['/api/stories?limit=1', '/api/stories?limit=2', (read, which) => expect(docs(read).length).toBe(which + 1)],
      ['/api/stories?limit=1&page=1', '/api/stories?limit=1&page=2', (read, which) => expect(read.json?.page).toBe(which + 1)],
      [`/api/stories?where[title][equals]=${q(a.title)}`, `/api/stories?where[title][equals]=${q(b.title)}`, (read, which) => expect(idsIn(read)).toEqual([[a, b][which]!.id])],
      [`/api/stories/${a.id}`, `/api/stories/${b.id}`, (read, which) => expect(idsIn(read)).toEqual([[a, b][which]!.id])],
      [`/api/stories/${a.id}?depth=0`, `/api/stories/${a.id}?depth=1`, (read, which) => expect(typeof read.json?.locality).toBe(which === 0 ? 'number' : 'object')],
      ['/api/stories?limit=1000&sort=title', '/api/stories?limit=1000&sort=-title', () => undefined],
      // One value holding "&limit=1", encoded, against the real parameter: a key made from the decoded string would mix them.
      [`/api/stories?where[title][equals]=${q(a.title)}%26limit%3D1`, `/api/stories?where[title][equals]=${q(a.title)}&limit=1`, (read, which) => expect(read.json?.totalDocs).toBe(which)],
      [`/api/stories?where[title][in]=${q(a.title)}%2C${q(b.title)}`, `/api/stories?where[title][in]=${q(a.title)}`, (read, which) => expect(read.json?.totalDocs).toBe(2 - which)],
      ['/api/stories?limit=1000', '/api/stories?limit=1000&select[title]=true', (read, which) => expect(docs(read).some((d: any) => 'summary' in d)).toBe(which === 0)],
      [`/api/stories/${a.id}`, `/api/stories/${a.id}?select[title]=true`, (read, which) => expect('summary' in (read.json ?? {})).toBe(which === 0)],
    ]
    for (const [one, other, tellApart] of pairs) {
      // The fresh answers (the site's Origin: never from the cache) are the reference, and must differ.
      const reference = [await uncached(one), await uncached(other)] as const
      expect(reference[0].json, `control: ${one} and ${other} have different answers`).not.toEqual(reference[1].json)
      for (const [path, which] of [
        [one, 0],
        [one, 0],
        [other, 1],
        [other, 1],
        [one, 0],
      ] as const) {
        const read = await visitorGet(hostile.server, path)
        const label = `${path} [X-Waymark-Cache: ${read.cache}], asked after ${which === 0 ? other : one} was asked`
        expect(read.status, `${label}: status (${describeRead(read)})`).toBe(200)
        expect(read.json, `${label}: not its own answer`).toEqual(reference[which].json)
        try {
          tellApart(read, which)
        } catch (error) {
          throw new Error(`${label}: not its own answer: ${(error as Error).message}\n${describeRead(read)}`)
        }
      }
    }
  })

  test('a cached answer equals the fresh answer for the same query string (select, populate, sort, where, paging)', async () => {
    const { a, b } = stories
    const paths = [
      '/api/stories?limit=3',
      '/api/stories?limit=3&select[title]=true',
      '/api/stories?limit=3&select[title]=true&select[summary]=true',
      '/api/stories?limit=3&depth=1&populate[localities][name]=true',
      '/api/stories?limit=3&depth=1&select[author]=true',
      `/api/stories/${a.id}?select[author]=true&depth=1`,
      `/api/stories/${a.id}?populate[users][email]=true&depth=2`,
      `/api/stories?where[or][0][title][equals]=${q(a.title)}&where[or][1][title][equals]=${q(b.title)}&sort=title`,
      `/api/stories?where[title][like]=${q(a.title.slice(0, 12))}&limit=5`,
      '/api/stories?limit=2&page=3',
      '/api/stories?limit=1&limit=2',
      `/api/stories?where[title][equals]=${q(a.title)}%26limit%3D1`,
      `/api/stories?where[title][equals]=${q(a.title)}&limit=1`,
      `/api/stories?where[title][equals]=${q(a.title)}&foo`,
      `/api/stories?where[title][equals]=${q(a.title).replace(/%20/g, '+')}`,
      `/api/localities?where[slug][equals]=${NORTH}`,
      '/api/localities?sort=-name&limit=2',
    ]
    for (const path of paths) {
      const { second } = await visitorTwice(hostile.server, path)
      const fresh = await uncached(path)
      expect(second.status, `${path}: status (${describeRead(second)})`).toBe(fresh.status)
      if (second.status !== 200) continue
      expect(second.cache, `${path}: the second request must be a cache hit`).toBe('hit')
      expect(fresh.cache, `${path} with the site's Origin is never a cache hit`).not.toBe('hit')
      expect(second.json, `${path}: the cached answer differs from the fresh one`).toEqual(fresh.json)
    }
  })
})

describe('Origin', () => {
  test("the site's own Origin gets Access-Control-Allow-Origin (never the answer cached without Origin); another origin gets none", async () => {
    for (const path of ['/api/stories?limit=5', `/api/stories/${stories.a.id}`, '/api/localities?limit=100']) {
      const { second } = await visitorTwice(hostile.server, path)
      expect(second.cache, `${path}: the second request without Origin must be a cache hit`).toBe('hit')
      for (let i = 1; i <= 2; i++) {
        const own = await visitorGet(hostile.server, path, { origin: origin() })
        expect(own.status, `${path} with Origin ${origin()}`).toBe(200)
        expect(own.allowOrigin, `${path} with Origin ${origin()} (request ${i}, X-Waymark-Cache: ${own.cache}): Access-Control-Allow-Origin`).toBe(origin())
        expect(own.cache, `${path} with an Origin is not answered from the cache`).not.toBe('hit')
        const evil = await visitorGet(hostile.server, path, { origin: EVIL_ORIGIN })
        expect(evil.allowOrigin, `${path} with Origin ${EVIL_ORIGIN} (request ${i}, X-Waymark-Cache: ${evil.cache}): no Access-Control-Allow-Origin`).toBeNull()
        expect(evil.cache, `${path} with an Origin is not answered from the cache`).not.toBe('hit')
      }
      const plain = await visitorGet(hostile.server, path)
      expect(plain.allowOrigin, `${path} without Origin, after requests with one`).not.toBe(EVIL_ORIGIN)
    }
  })

  test('asked first with Origin, then without, then with again: each gets its own CORS answer', async () => {
    const path = `/api/stories?where[title][equals]=${q(stories.b.title)}&limit=7`
    for (let i = 0; i < 2; i++) expect((await visitorGet(hostile.server, path, { origin: origin() })).allowOrigin).toBe(origin())
    const evil = await visitorGet(hostile.server, path, { origin: EVIL_ORIGIN })
    expect(evil.allowOrigin, 'another origin after the site asked with its own').toBeNull()
    const { second } = await visitorTwice(hostile.server, path)
    expect(second.cache).toBe('hit')
    expect(second.allowOrigin, 'no Origin: no CORS answer for any origin').not.toBe(EVIL_ORIGIN)
    expect((await visitorGet(hostile.server, path, { origin: origin() })).allowOrigin, 'the site again, after the cached answer').toBe(origin())
    expect((await visitorGet(hostile.server, path, { origin: EVIL_ORIGIN })).allowOrigin, 'another origin again, after the cached answer').toBeNull()
  })
})

describe('non-200 answers are never served from the cache', () => {
  test('403 on /api/users, 404 on a missing or unreadable id, asked three times each', async () => {
    const cases: [string, number[]][] = [
      ['/api/users', [403]],
      ['/api/users?limit=1', [403]],
      [`/api/users/${authorId}`, [403, 404]],
      ['/api/stories/999999999', [404]],
      [`/api/stories/${stories.pending.id}`, [404]],
      [`/api/stories/${stories.membersOnly.id}`, [404]],
      ['/api/threads/999999999', [404]],
      ['/api/localities/999999999', [404]],
    ]
    for (const [path, statuses] of cases) {
      for (let i = 1; i <= 3; i++) {
        const read = await visitorGet(hostile.server, path)
        expect(statuses, `${path} (request ${i}): status (${describeRead(read)})`).toContain(read.status)
        expect(read.cache, `${path} (request ${i}): a ${read.status} is never served from the cache`).not.toBe('hit')
      }
    }
  })
})
