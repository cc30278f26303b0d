// Hostile: a query surface closed by default (issue 11, "Tests to write" 1, and the malformed queries).
//
// A filter or a sort is a yes/no question about a field. The old guards looked only at the queried
// collection's own fields, so a question through a relationship (actions → story → author) reached
// fields of another collection. Here every query path is GENERATED from the Payload config: every field
// of every collection and every field reached through a relationship, two hops deep (thousands). The
// fix's validator (src/policies/queryAllowList.ts: QUERYABLE + checkQuery) is checked in process against
// the whole set, for a visitor, a member, a reporter and an out-of-locality moderator; a random sample of
// a few hundred is then sent over HTTP to the real server, which must answer 400 with no document data.
// Staff (unscoped moderators, admins) are the control: the allow-list does not bind them.
//
// Malformed queries (geo operators on text, objects as values, repeated operators, a 3,000-digit id,
// deep and/or nesting, unknown operators, arrays where objects are expected, huge limits/pages/depth)
// answer 400, never 500, to a visitor and a member.
//
// Set QUERY_SAMPLE_SEED to replay an HTTP sample; the seed is printed in every failure.
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { localityIds, tryJson } from './forumHelpers.js'
import { settle, signedIn, useHostileServer } from './helpers.js'
import { declaredAs, loadAllowList, localityScoped, queryPaths, rng, sample, sampleValue, whereQuery, type AllowListModule, type QueryPath } from './queryPaths.js'

const hostile = useHostileServer('query-allowlist')
const db = () => hostile.payload as any

const HTTP_SAMPLE_SIZE = 300
const SEED = Number(process.env.QUERY_SAMPLE_SEED) || Date.now() % 1_000_000

// ---------------------------------------------------------------------------------------------
// Viewers: in process, the user object Payload gives access functions (null for a visitor); over
// HTTP, a cookie session from the public sign-in form (the site's own door, so it works even if REST
// login is closed to members).
// ---------------------------------------------------------------------------------------------
type Viewer = { name: string; user: Record<string, any> | null; client: WebClient; scopedTo?: number | string }

let loc: Record<string, number | string> = {}
let visitor: Viewer, member: Viewer, reporter: Viewer, eastModerator: Viewer
let seededModerator: Record<string, any>, admin: Record<string, any>
let allowList: AllowListModule | undefined
let allPaths: QueryPath[] = []
let scopedCollections: string[] = []

const stored = async (id: number | string) => ({ ...(await db().findByID({ collection: 'users', id, overrideAccess: true, depth: 0 })), collection: 'users' })
const byEmail = async (email: string) => {
  const found = await db().find({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true, depth: 0, limit: 1 })
  if (!found.docs[0]) throw new Error(`Arrange failed: no ${email}`)
  return { ...found.docs[0], collection: 'users' }
}

beforeAll(async () => {
  loc = await localityIds(hostile)
  const [plain, reporting, east] = await Promise.all([
    settle(() => createMember(hostile.payload, { displayName: 'Query Member' })),
    settle(() => createMember(hostile.payload, { displayName: 'Query Reporter', roles: ['member', 'reporter'] as never })),
    settle(() => createMember(hostile.payload, { displayName: 'East Moderator', roles: ['moderator'] })),
  ])
  // A moderator scoped to Lancashire East asks about the other localities.
  await settle(() => db().update({ collection: 'users', id: east.id, data: { moderatorLocalities: [loc['lancashire-east']] }, overrideAccess: true }))
  visitor = { name: 'visitor', user: null, client: new WebClient(hostile.server.url) }
  member = { name: 'member', user: await stored(plain.id), client: await signedIn(hostile.server, plain.email, plain.password) }
  reporter = { name: 'reporter', user: await stored(reporting.id), client: await signedIn(hostile.server, reporting.email, reporting.password) }
  eastModerator = {
    name: 'east-scoped moderator',
    user: await stored(east.id),
    client: await signedIn(hostile.server, east.email, east.password),
    scopedTo: loc['lancashire-east'],
  }
  seededModerator = await byEmail('moderator@waymark.example')
  admin = await byEmail('admin@waymark.example')
  if ((seededModerator.moderatorLocalities ?? []).length) throw new Error('Arrange failed: the seeded moderator is scoped')

  const config = hostile.payload.config
  allPaths = config.collections.flatMap((c) => queryPaths(config, c.slug, 2))
  scopedCollections = localityScoped(config)
  allowList = await loadAllowList()
})

/** The locality a scoped moderator does not moderate: the questions are about someone else's locality. */
const otherLocality = () => loc['lancashire-north']!

/** The where a viewer sends for one path: an out-of-locality moderator adds "in Lancashire North". */
function whereFor(viewer: Viewer, p: QueryPath, shape: 'plain' | 'and' | 'or' = 'plain') {
  const clause = { [p.path]: { equals: sampleValue(p.field) } }
  const nested = shape === 'and' ? { and: [clause] } : shape === 'or' ? { or: [clause] } : clause
  return viewer.scopedTo !== undefined ? { and: [{ locality: { equals: otherLocality() } }, nested] } : nested
}
function sortQueryFor(viewer: Viewer, sort: string) {
  return viewer.scopedTo !== undefined ? { where: { locality: { equals: otherLocality() } }, sort } : { sort }
}

/** Non-staff viewers who ask about `collection` (the scoped moderator only where localities apply). */
const askersFor = (collection: string) => [visitor, member, reporter, ...(scopedCollections.includes(collection) ? [eastModerator] : [])]

const QUERYABLE = () => allowList?.QUERYABLE ?? {}
const filterStatus = (p: QueryPath) => declaredAs(QUERYABLE()[p.collection]?.filter, p.path)
const sortStatus = (p: QueryPath) => declaredAs(QUERYABLE()[p.collection]?.sort, p.path)

/** No document data in a refusal: no docs, no totals, no doc. */
function carriesData(text: string): boolean {
  const json = tryJson(text)
  if (!json || typeof json !== 'object') return /"docs"|"totalDocs"/.test(text)
  return 'docs' in json || 'totalDocs' in json || 'doc' in json || 'id' in json
}

// ---------------------------------------------------------------------------------------------
describe('1. every undeclared query path, generated from the config, is refused to non-staff', () => {
  test('the generator reaches every collection and relationship paths two hops deep, including the paths in the issue', () => {
    const paths = new Set(allPaths.map((p) => `${p.collection}:${p.path}`))
    expect(allPaths.length, 'thousands of generated paths').toBeGreaterThan(2000)
    expect(new Set(allPaths.map((p) => p.collection)).size).toBe(hostile.payload.config.collections.length)
    for (const known of [
      'actions:story.author',
      'actions:story.author.displayName',
      'actions:story.revision.title',
      'actions:story.reasonForAuthor',
      'replies:thread.author',
      'replies:thread.author.email',
      'payload-locked-documents:document.value',
    ]) {
      expect(paths.has(known), known).toBe(true)
    }
    expect(allPaths.some((p) => p.hops === 2)).toBe(true)
  })

  test('the allow-list exists, and declares only paths that exist', () => {
    expect(allowList, 'src/policies/queryAllowList.ts exporting QUERYABLE and checkQuery').toBeDefined()
    expect(typeof allowList!.checkQuery).toBe('function')
    const slugs = new Set<string>(hostile.payload.config.collections.map((c) => c.slug))
    const real = new Set(allPaths.map((p) => `${p.collection}:${p.path}`))
    const problems: string[] = []
    for (const [slug, lists] of Object.entries(allowList!.QUERYABLE)) {
      if (!slugs.has(slug)) problems.push(`QUERYABLE names a collection that does not exist: ${slug}`)
      for (const path of [...lists.filter, ...lists.sort]) {
        if (!real.has(`${slug}:${path.replace(/^-/, '')}`)) problems.push(`QUERYABLE.${slug} declares ${path}, which is not a field path`)
      }
    }
    expect(problems).toEqual([])
  })

  test('in process: checkQuery refuses every undeclared where and sort for a visitor, a member, a reporter and an out-of-locality moderator', () => {
    expect(allowList, 'src/policies/queryAllowList.ts').toBeDefined()
    const { checkQuery } = allowList!
    const failures: string[] = []
    let asked = 0
    const ask = (viewer: Viewer, p: QueryPath, what: string, query: { where?: unknown; sort?: unknown }) => {
      asked++
      let verdict: any
      try {
        verdict = checkQuery(p.collection, query, viewer.user)
      } catch (error) {
        failures.push(`${viewer.name} ${p.collection} ${what}: threw ${(error as Error).message}`)
        return
      }
      if (verdict?.ok !== false || verdict.status !== 400 || !String(verdict.message ?? '').trim()) {
        failures.push(`${viewer.name} ${p.collection} ${what}: ${JSON.stringify(verdict)}`)
      }
    }
    for (const p of allPaths) {
      for (const viewer of askersFor(p.collection)) {
        if (filterStatus(p) === 'no') {
          ask(viewer, p, `where ${p.path}`, { where: whereFor(viewer, p) })
          // The old guards looked at the top level only: the same question inside and/or.
          ask(viewer, p, `where and[${p.path}]`, { where: whereFor(viewer, p, 'and') })
          ask(viewer, p, `where or[${p.path}]`, { where: whereFor(viewer, p, 'or') })
        }
        if (sortStatus(p) === 'no') {
          ask(viewer, p, `sort ${p.path}`, sortQueryFor(viewer, p.path))
          ask(viewer, p, `sort -${p.path}`, sortQueryFor(viewer, `-${p.path}`))
        }
      }
    }
    expect(asked, 'undeclared questions asked').toBeGreaterThan(10_000)
    expect(failures.slice(0, 60), `${failures.length} of ${asked} undeclared questions were not refused with 400`).toEqual([])
  })

  test('in process: declared paths are accepted for a visitor and a member', () => {
    expect(allowList, 'src/policies/queryAllowList.ts').toBeDefined()
    const { checkQuery } = allowList!
    const failures: string[] = []
    for (const p of allPaths) {
      for (const viewer of [visitor, member]) {
        if (filterStatus(p) === 'yes') {
          const verdict = checkQuery(p.collection, { where: { [p.path]: { equals: sampleValue(p.field) } } }, viewer.user)
          if (!verdict?.ok) failures.push(`${viewer.name} ${p.collection} where ${p.path}: ${JSON.stringify(verdict)}`)
        }
        if (sortStatus(p) === 'yes') {
          const verdict = checkQuery(p.collection, { sort: p.path }, viewer.user)
          if (!verdict?.ok) failures.push(`${viewer.name} ${p.collection} sort ${p.path}: ${JSON.stringify(verdict)}`)
        }
      }
    }
    expect(failures.slice(0, 60), `${failures.length} declared questions refused`).toEqual([])
  })

  test('in process (control): staff are not held to the allow-list; a scoped moderator is free inside their own locality', () => {
    expect(allowList, 'src/policies/queryAllowList.ts').toBeDefined()
    const { checkQuery } = allowList!
    const failures: string[] = []
    const expectOk = (who: string, slug: string, query: { where?: unknown; sort?: unknown }, user: unknown) => {
      const verdict = checkQuery(slug, query, user)
      if (!verdict?.ok) failures.push(`${who} ${slug} ${JSON.stringify(query)}: ${JSON.stringify(verdict)}`)
    }
    // The questions of the issue, and the moderation queue's own questions, asked by staff.
    for (const user of [seededModerator, admin]) {
      const who = String(user.email)
      expectOk(who, 'actions', { where: { 'story.author': { equals: 1 } } }, user)
      expectOk(who, 'actions', { where: { 'story.revision.title': { like: 'x' } } }, user)
      expectOk(who, 'actions', { where: { 'story.reasonForAuthor': { like: 'x' } } }, user)
      expectOk(who, 'actions', { sort: 'story.author' }, user)
      expectOk(who, 'replies', { where: { 'thread.author': { equals: 1 } } }, user)
      for (const slug of ['stories', 'threads', 'replies']) {
        expectOk(who, slug, { where: { and: [{ author: { equals: 1 } }, { status: { not_equals: 'draft' } }] } }, user)
        expectOk(who, slug, { sort: 'queueOrder' }, user)
      }
    }
    // The moderation queue of a moderator scoped to Lancashire East, asked about Lancashire East.
    const east = { locality: { equals: loc['lancashire-east'] } }
    for (const slug of ['threads', 'replies']) {
      expectOk('east-scoped moderator', slug, { where: { and: [east, { author: { equals: 1 } }] } }, eastModerator.user)
      expectOk('east-scoped moderator', slug, { where: { and: [east, { status: { equals: 'pending' } }] }, sort: 'queueOrder' }, eastModerator.user)
    }
    expect(failures.slice(0, 40), `${failures.length} staff questions refused`).toEqual([])
  })

  test(`over HTTP: a random sample of ${HTTP_SAMPLE_SIZE} undeclared paths answers 400 with no document data`, async () => {
    // Before the fix there is no allow-list: every generated path counts as undeclared.
    const random = rng(SEED)
    type Probe = { viewer: Viewer; p: QueryPath; door: 'find' | 'count' | 'method-override' | 'sort' | 'versions' }
    const candidates: Probe[] = []
    for (const p of allPaths) {
      const versioned = Boolean(hostile.payload.config.collections.find((c) => c.slug === p.collection)?.versions)
      for (const viewer of askersFor(p.collection)) {
        if (filterStatus(p) === 'no') {
          const doors: Probe['door'][] = versioned ? ['find', 'count', 'method-override', 'versions'] : ['find', 'count', 'method-override']
          for (const door of doors) candidates.push({ viewer, p, door })
        }
        if (sortStatus(p) === 'no') candidates.push({ viewer, p, door: 'sort' })
      }
    }
    const probes = sample(candidates, HTTP_SAMPLE_SIZE, random)
    const problems: string[] = []
    let next = 0
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (;;) {
          const probe = probes[next++]
          if (!probe) return
          const { viewer, p, door } = probe
          const base = `/api/${p.collection}`
          let response: Response
          let label: string
          if (door === 'sort') {
            const q = sortQueryFor(viewer, p.path)
            label = `${base}?${[...(q.where ? whereQuery(q.where) : []), `sort=${encodeURIComponent(p.path)}`].join('&')}`
            response = await viewer.client.get(label)
          } else {
            const where = whereFor(viewer, p)
            const versionWhere = door === 'versions' ? { [`version.${p.path}`]: { equals: sampleValue(p.field) } } : where
            const query = whereQuery(versionWhere).join('&')
            if (door === 'method-override') {
              label = `POST(GET) ${base} ${query}`
              response = await viewer.client.request(base, {
                method: 'POST',
                headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-payload-http-method-override': 'GET' },
                body: query,
              })
            } else {
              label = `${door === 'count' ? `${base}/count` : door === 'versions' ? `${base}/versions` : base}?${query}`
              response = await viewer.client.get(label)
            }
          }
          const text = await response.text()
          if (response.status !== 400 || carriesData(text)) problems.push(`${viewer.name}: ${response.status} ${decodeURIComponent(label)} → ${text.slice(0, 120)}`)
        }
      }),
    )
    expect(problems.slice(0, 40), `${problems.length} of ${probes.length} sampled questions were not refused with 400 (QUERY_SAMPLE_SEED=${SEED})`).toEqual([])
  }, 240_000)
})

// ---------------------------------------------------------------------------------------------
describe('malformed queries answer 400, never 500', () => {
  // A field non-staff may filter on, where the allow-list declares one: the query is malformed, not undeclared.
  const fieldOf = (slug: string) => QUERYABLE()[slug]?.filter.find((f) => !f.includes('.') && f !== 'id') ?? 'title'
  const digits3000 = '9'.repeat(3000)
  const deep = (levels: number, leaf: string) => {
    let key = ''
    for (let i = 0; i < levels; i++) key += i % 2 ? '[and][0]' : '[or][0]'
    return `where${key}${leaf}`
  }
  const cases = (f: string): [string, string][] => [
    ['geo operator near on a text field', `where[${f}][near]=`],
    ['geo operator within on a text field', `where[${f}][within]=`],
    ['geo operator intersects on a text field', `where[${f}][intersects]=`],
    ['an object as an operator value', `where[${f}][equals][$gt]=a`],
    ['a repeated operator', `where[${f}][equals]=a&where[${f}][equals]=b`],
    ['a 3,000-digit id', `where[id][equals]=${digits3000}`],
    ['and/or nested 12 deep', `${deep(12, `[${f}][equals]=a`)}`],
    ['and/or nested 40 deep', `${deep(40, `[${f}][equals]=a`)}`],
    ['an unknown operator (regex)', `where[${f}][regex]=.*`],
    ['an unknown operator ($where)', `where[${f}][$where]=1`],
    ['a string where an object is expected (where)', 'where=abc'],
    ['a string where an array is expected (and)', 'where[and]=abc'],
    ['an object where an array is expected (or)', `where[or][a][${f}][equals]=x`],
    ['an array where an object is expected (where)', 'where[0]=x'],
    ['an array where an operator map is expected', `where[${f}][0]=x`],
    ['a value where an operator map is expected', `where[${f}]=x`],
    ['an object as the sort', 'sort[a]=b'],
    ['a huge limit', 'limit=100000000000'],
    ['a negative limit', 'limit=-5'],
    ['a limit that is not a number', 'limit=abc'],
    ['a huge page', 'page=99999999999999999999'],
    ['a negative page', 'page=-1'],
    ['a huge depth', 'depth=1000'],
    ['a negative depth', 'depth=-1'],
  ]
  const COLLECTIONS = ['stories', 'threads', 'actions', 'meetings']

  test('find, count and the method-override door, for a visitor and a member', async () => {
    const problems: string[] = []
    for (const viewer of [visitor, member]) {
      for (const slug of COLLECTIONS) {
        for (const [name, query] of cases(fieldOf(slug))) {
          const doors: [string, () => Promise<Response>][] = [
            [`GET /api/${slug}?${query}`, () => viewer.client.get(`/api/${slug}?${query}`)],
            [
              `POST(GET) /api/${slug} ${query}`,
              () =>
                viewer.client.request(`/api/${slug}`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-payload-http-method-override': 'GET' },
                  body: query,
                }),
            ],
          ]
          if (query.startsWith('where')) doors.push([`GET /api/${slug}/count?${query}`, () => viewer.client.get(`/api/${slug}/count?${query}`)])
          for (const [label, send] of doors) {
            const response = await send()
            const text = await response.text()
            if (response.status !== 400 || carriesData(text)) problems.push(`${viewer.name} ${name}: ${response.status} ${label.slice(0, 140)} → ${text.slice(0, 100)}`)
          }
        }
      }
    }
    expect(problems.slice(0, 60), `${problems.length} malformed queries were not refused with 400`).toEqual([])
  }, 240_000)

  test('a 3,000-digit id by id, for a visitor and a member', async () => {
    const problems: string[] = []
    for (const viewer of [visitor, member]) {
      for (const slug of COLLECTIONS) {
        const response = await viewer.client.get(`/api/${slug}/${digits3000}`)
        const text = await response.text()
        if (response.status !== 400 || carriesData(text)) problems.push(`${viewer.name} /api/${slug}/<3000 digits>: ${response.status} ${text.slice(0, 100)}`)
      }
    }
    expect(problems).toEqual([])
  })
})
