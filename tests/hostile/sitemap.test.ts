// Hostile: the sitemap as a crawler reads it (issue 14), over HTTP against the real server, with files of
// at most 3 URLs (WAYMARK_SITEMAP_FILE_URLS=3) so that a few dozen pages span many files.
// - /sitemap.xml is a sitemap index listing /sitemap-1.xml … /sitemap-N.xml (absolute, no gaps); each file
//   is a <urlset> of at most 3 URLs; together they list every page a visitor may open exactly once (no
//   duplicate or lost URL at a file boundary) and nothing a visitor may not open: no pending or draft
//   story, no members-only story, no thread in a members-only forum, no unpublished thread. Every URL
//   listed opens (200) for a visitor.
// - A withdrawal, through the author's form (the server's own process) or through withdrawStory() (another
//   process), takes effect on the very next request: with every file warm in the page cache, the story is
//   gone from the index's every file right after the call returns, nothing else is lost or doubled, and a
//   file number the index no longer lists answers 404.
// - Junk file numbers (0, 01x, --1, 14 digits, N+1, …) answer 404 with no stack trace, never 500.
// - /robots.txt (text/plain) names the index in a Sitemap: line.
import { beforeAll, describe, expect, test } from 'vitest'

import { startThread } from '../../src/commands/forum/posting.js'
import { moderatePost } from '../../src/commands/forum/moderatePost.js'
import { giveConsent, submitStory, withdrawStory } from '../../src/commands/stories/authorActions.js'
import { createStory } from '../../src/commands/stories/authorDrafts.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import type { ConsentAudience } from '../../src/policies/storyVisibility.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { CACHE_HEADER } from '../support/pageCache.js'
import { findUserByEmail, pool, settle, signedIn, unique, useHostileServer, userAsActor, withdrawThroughTheForm } from './helpers.js'

const F = 3
const hostile = useHostileServer('sitemap', { env: { WAYMARK_SITEMAP_FILE_URLS: String(F) } })

const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const COUNTY = 'lancashire-county' // a public forum in the demo data
const NORTH = 'lancashire-north' // a members-only forum in the demo data

type Member = Awaited<ReturnType<typeof createMember>>
type Story = { id: number | string; slug: string; path: string }

let author: Member
let moderator: any
const localityIds = new Map<string, number | string>()
const published: Story[] = []
let pendingStory: Story
let draftStory: Story
let membersOnlyStory: Story
let publicThread: string
let membersForumThread: string
let unpublishedThread: string

// ---------------------------------------------------------------------------------------------
// Arranging through the real commands
// ---------------------------------------------------------------------------------------------
const readStory = async (id: number | string) => (await hostile.payload.findByID({ collection: 'stories', id, overrideAccess: true, depth: 0 })) as any
const readThread = async (id: number | string) => (await hostile.payload.findByID({ collection: 'threads', id, overrideAccess: true, depth: 0 })) as any

async function writtenStory(key: string): Promise<Story> {
  const marker = unique(key)
  const user = await userAsActor(hostile.payload, author.id)
  const story = await settle(() =>
    createStory({
      payload: hostile.payload,
      user,
      content: {
        title: `Story ${marker}`,
        summary: `Summary of ${marker}.`,
        body: `The year I learned about ${marker} and kept going.`,
        localityId: localityIds.get(NORTH)!,
        themes: ['connection'],
        contentWarnings: [],
        contentWarningNote: '',
      },
    }),
  )
  const stored = await readStory(story.id)
  return { id: story.id, slug: stored.slug, path: `/stories/${stored.slug}` }
}

/** Written, consented, submitted and (unless `approve` is false) approved: the way members and moderators do it. */
async function sharedStory(key: string, audience: ConsentAudience = 'public', approve = true): Promise<Story> {
  const story = await writtenStory(key)
  const user = await userAsActor(hostile.payload, author.id)
  await settle(() => giveConsent(hostile.payload, user, story.id, { audience, byline: 'anonymous', quoteInReports: false }, { quiet: true }))
  await settle(() => submitStory(hostile.payload, user, story.id, { quiet: true }))
  if (approve) await settle(() => moderateStory({ payload: hostile.payload, moderator, storyId: story.id, action: 'approve', quiet: true }))
  const status = (await readStory(story.id)).status
  if (approve && status !== 'published') throw new Error(`Arrange failed: story ${key} is ${status}, not published`)
  if (!approve && status === 'published') throw new Error(`Arrange failed: story ${key} was published without approval`)
  return story
}

async function publishedStory(key: string): Promise<Story> {
  const story = await sharedStory(key)
  published.push(story)
  return story
}

/** A new member starts a thread (startThread, as the member); the moderator approves it if it waits in the newcomer queue. */
async function thread(locality: string, approve: boolean): Promise<{ id: string; status: string }> {
  const member = await createMember(hostile.payload)
  const user = await userAsActor(hostile.payload, member.id)
  const title = `Thread ${unique('th')}`
  const doc = (await settle(() => startThread({ payload: hostile.payload, user, title, body: `Opening words of ${title}.`, localityId: localityIds.get(locality)! }))) as any
  let status = (await readThread(doc.id)).status
  if (approve && status === 'pending') {
    await settle(() => moderatePost(hostile.payload, { collection: 'threads', id: doc.id, action: 'approve', user: moderator }))
    status = (await readThread(doc.id)).status
  }
  return { id: String(doc.id), status }
}

beforeAll(async () => {
  const payload = hostile.payload
  for (const l of (await payload.find({ collection: 'localities', overrideAccess: true, limit: 100, depth: 0 })).docs as any[]) localityIds.set(String(l.slug), l.id)
  moderator = await userAsActor(payload, (await findUserByEmail(payload, 'moderator@waymark.example'))!.id)
  author = await createMember(payload)

  for (let i = 0; i < 8; i++) await publishedStory(`pub${i}`)
  pendingStory = await sharedStory('pending', 'public', false)
  draftStory = await writtenStory('draft')
  membersOnlyStory = await sharedStory('members', 'members')

  const open = await thread(COUNTY, true)
  if (open.status !== 'published') throw new Error(`Arrange failed: the public forum's thread is ${open.status}`)
  publicThread = `/threads/${open.id}`
  const closed = await thread(NORTH, true)
  if (closed.status !== 'published') throw new Error(`Arrange failed: the members-only forum's thread is ${closed.status}`)
  membersForumThread = `/threads/${closed.id}`
  // A thread in the public forum that is not published: left in the newcomer queue, or hidden by the moderator.
  const held = await thread(COUNTY, false)
  if (held.status === 'published') await settle(() => moderatePost(payload, { collection: 'threads', id: held.id, action: 'hide', user: moderator }))
  const heldStatus = (await readThread(held.id)).status
  if (heldStatus === 'published') throw new Error('Arrange failed: could not keep a thread unpublished')
  unpublishedThread = `/threads/${held.id}`
}, 170_000)

// ---------------------------------------------------------------------------------------------
// Reading the sitemap as a crawler
// ---------------------------------------------------------------------------------------------
function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, '&')
}

/** The inner text of every <name>…</name>. */
const elements = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'g'))].map((m) => m[1]!)
const count = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}(?=[\\s>/])`, 'g'))].length

type SitemapFile = { n: number; status: number; type: string; cache: string | null; paths: string[] }
type Crawl = { index: { status: number; type: string; cache: string | null; body: string }; numbers: number[]; files: SitemapFile[]; all: string[]; problems: string[] }

const origin = () => new URL(hostile.server.url).origin

/** A listed URL as a path on this site, or a problem if it is not an absolute URL of this site. */
function pathOf(loc: string, where: string, problems: string[]): string | undefined {
  let url: URL
  try {
    url = new URL(loc)
  } catch {
    problems.push(`${where}: <loc> "${loc}" is not an absolute URL`)
    return undefined
  }
  if (url.origin !== origin()) problems.push(`${where}: <loc> "${loc}" is not on ${origin()}`)
  return url.pathname + url.search
}

/** Reads /sitemap.xml and every file it lists (all at once, as a crawler may); records what is wrong. */
async function crawl(): Promise<Crawl> {
  const client = new WebClient(hostile.server.url)
  const problems: string[] = []
  const response = await client.get('/sitemap.xml')
  const index = { status: response.status, type: response.headers.get('content-type') ?? '', cache: response.headers.get(CACHE_HEADER), body: await response.text() }
  if (index.status !== 200) problems.push(`/sitemap.xml answered ${index.status}`)
  if (!/^application\/xml\b/.test(index.type)) problems.push(`/sitemap.xml content type "${index.type}"`)
  if (!new RegExp(`<sitemapindex\\b[^>]*\\bxmlns="${NS.replace(/[./]/g, '\\$&')}"`).test(index.body)) problems.push(`/sitemap.xml has no <sitemapindex xmlns="${NS}">: ${index.body.slice(0, 200)}`)
  if (count(index.body, 'url') > 0) problems.push('/sitemap.xml holds <url> entries: an index lists files only')
  const entries = elements(index.body, 'sitemap')
  if (count(index.body, 'loc') !== entries.length) problems.push(`/sitemap.xml: ${count(index.body, 'loc')} <loc> for ${entries.length} <sitemap>`)
  const numbers: number[] = []
  for (const [i, entry] of entries.entries()) {
    const locs = elements(entry, 'loc')
    if (locs.length !== 1) {
      problems.push(`/sitemap.xml entry ${i + 1} has ${locs.length} <loc>`)
      continue
    }
    const loc = decodeXml(locs[0]!.trim())
    const path = pathOf(loc, '/sitemap.xml', problems)
    const n = path?.match(/^\/sitemap-([1-9]\d*)\.xml$/)?.[1]
    if (!n) problems.push(`/sitemap.xml lists "${loc}", not a /sitemap-N.xml`)
    else numbers.push(Number(n))
  }
  const wanted = Array.from({ length: numbers.length }, (_, i) => i + 1)
  if (JSON.stringify(numbers) !== JSON.stringify(wanted)) problems.push(`/sitemap.xml lists files ${JSON.stringify(numbers)}, expected 1..${numbers.length} in order with no gaps`)
  if (numbers.length === 0) problems.push('/sitemap.xml lists no file (file 1 always exists)')

  const files = await Promise.all(
    numbers.map(async (n): Promise<SitemapFile> => {
      const path = `/sitemap-${n}.xml`
      const r = await client.get(path)
      const body = await r.text()
      const file: SitemapFile = { n, status: r.status, type: r.headers.get('content-type') ?? '', cache: r.headers.get(CACHE_HEADER), paths: [] }
      if (r.status !== 200) {
        problems.push(`${path} (listed in the index) answered ${r.status}`)
        return file
      }
      if (!/^application\/xml\b/.test(file.type)) problems.push(`${path} content type "${file.type}"`)
      if (!new RegExp(`<urlset\\b[^>]*\\bxmlns="${NS.replace(/[./]/g, '\\$&')}"`).test(body)) problems.push(`${path} has no <urlset xmlns="${NS}">: ${body.slice(0, 200)}`)
      const urls = elements(body, 'url')
      if (count(body, 'loc') !== urls.length) problems.push(`${path}: ${count(body, 'loc')} <loc> for ${urls.length} <url>`)
      if (urls.length > F) problems.push(`${path} lists ${urls.length} URLs, more than ${F}`)
      for (const url of urls) {
        const locs = elements(url, 'loc')
        if (locs.length !== 1) {
          problems.push(`${path}: a <url> with ${locs.length} <loc>`)
          continue
        }
        const p = pathOf(decodeXml(locs[0]!.trim()), path, problems)
        if (p !== undefined) file.paths.push(p)
      }
      return file
    }),
  )
  return { index, numbers, files, all: files.flatMap((f) => f.paths), problems }
}

/** URLs listed more than once, with the files that list them. */
function duplicates(c: Crawl): string[] {
  const where = new Map<string, number[]>()
  for (const f of c.files) for (const p of f.paths) where.set(p, [...(where.get(p) ?? []), f.n])
  return [...where].filter(([, ns]) => ns.length > 1).map(([p, ns]) => `${p} in files ${ns.join(', ')}`)
}

const filesListing = (c: Crawl, path: string) => c.files.filter((f) => f.paths.includes(path)).map((f) => f.n)

// ---------------------------------------------------------------------------------------------
// What a visitor may open: every candidate page from the database, opened as a visitor
// ---------------------------------------------------------------------------------------------

async function visitorStatuses(paths: string[]): Promise<Map<string, number>> {
  const visitor = new WebClient(hostile.server.url)
  const statuses = await pool(paths, 4, async (p) => {
    const r = await visitor.get(p)
    await r.arrayBuffer()
    return r.status
  })
  return new Map(paths.map((p, i) => [p, statuses[i]!]))
}

type Expected = {
  /** Candidate pages a visitor opens (200): each must be listed exactly once. */
  required: Set<string>
  /** Candidate pages that must not be listed, with why. */
  forbidden: Map<string, string>
  /** Every detail page the database holds (stories, threads, meetings, localities), listable or not. */
  candidates: Set<string>
}

async function expectedPages(): Promise<Expected> {
  const payload = hostile.payload
  const all = async (collection: 'localities' | 'meetings' | 'stories' | 'threads') =>
    (await payload.find({ collection, overrideAccess: true, depth: 0, limit: 10_000, pagination: false })).docs as any[]
  const [localities, meetings, stories, threads] = await Promise.all([all('localities'), all('meetings'), all('stories'), all('threads')])
  const forumOf = new Map(localities.map((l) => [String(l.id), String(l.forumVisibility)]))
  const forbidden = new Map<string, string>()
  for (const s of stories) if (s.status !== 'published') forbidden.set(`/stories/${s.slug}`, `story is ${s.status}`)
  for (const t of threads) {
    const forum = forumOf.get(String(typeof t.locality === 'object' ? t.locality?.id : t.locality))
    if (forum !== 'public') forbidden.set(`/threads/${t.id}`, `thread in a ${forum} forum`)
    else if (t.status !== 'published') forbidden.set(`/threads/${t.id}`, `thread is ${t.status}`)
  }
  const paths = [
    '/',
    '/stories',
    '/meetings',
    '/you-said-we-did',
    ...localities.map((l) => `/localities/${l.slug}`),
    ...meetings.map((m) => `/meetings/${m.id}`),
    ...stories.filter((s) => s.slug).map((s) => `/stories/${s.slug}`),
    ...threads.map((t) => `/threads/${t.id}`),
  ]
  const statuses = await visitorStatuses(paths)
  const required = new Set<string>()
  for (const [p, status] of statuses) {
    if (status === 200 && !forbidden.has(p)) required.add(p)
    else if (status !== 200 && !forbidden.has(p)) forbidden.set(p, `a visitor gets ${status}`)
  }
  return { required, forbidden, candidates: new Set(paths) }
}

/** Everything wrong with the union of the files against what a visitor may open. */
async function coverageProblems(c: Crawl, expected: Expected): Promise<string[]> {
  const listed = new Set(c.all)
  const problems: string[] = []
  for (const d of duplicates(c)) problems.push(`listed more than once: ${d}`)
  for (const p of expected.required) if (!listed.has(p)) problems.push(`missing: ${p} (a visitor opens it)`)
  for (const p of listed) if (expected.forbidden.has(p)) problems.push(`listed but must not be: ${p} (${expected.forbidden.get(p)}) in files ${filesListing(c, p).join(', ')}`)
  // Anything else listed (not a page the database knows of) must at least open for a visitor.
  const others = [...listed].filter((p) => !expected.candidates.has(p))
  for (const p of others) if (/^\/(stories|threads|meetings|localities)\/[^/]+$/.test(p)) problems.push(`listed but no such page: ${p}`)
  for (const [p, status] of await visitorStatuses(others.filter((p) => !/^\/(stories|threads|meetings|localities)\/[^/]+$/.test(p)))) {
    if (status !== 200) problems.push(`listed but a visitor gets ${status}: ${p}`)
  }
  return problems
}

// ---------------------------------------------------------------------------------------------
// 1. The files together
// ---------------------------------------------------------------------------------------------
describe('the sitemap index and its files, 3 URLs to a file', () => {
  test('files 1..N with no gaps, at most 3 URLs each, every page a visitor may open exactly once and nothing else', async () => {
    const c = await crawl()
    expect(c.problems, 'the index and files as a crawler reads them').toEqual([])
    // The point of the test: enough pages to cross many file boundaries.
    expect(c.numbers.length, `files listed (${c.all.length} URLs)`).toBeGreaterThanOrEqual(4)
    const expected = await expectedPages()
    expect(await coverageProblems(c, expected)).toEqual([])

    // Named controls: what must be there is there, what must not is not, for pages a visitor can and cannot open.
    const listed = new Set(c.all)
    for (const p of ['/', '/stories', '/meetings', '/you-said-we-did', ...[...localityIds.keys()].map((slug) => `/localities/${slug}`)]) expect(listed.has(p), `${p} listed`).toBe(true)
    expect(
      published.filter((s) => !listed.has(s.path)).map((s) => s.path),
      'published stories not listed',
    ).toEqual([])
    expect(c.all.filter((p) => p.startsWith('/meetings/')).length, 'meetings listed').toBeGreaterThan(0)
    expect(listed.has(publicThread), `${publicThread} (published, public forum) listed`).toBe(true)
    const visitor = await visitorStatuses([pendingStory.path, draftStory.path, membersOnlyStory.path, membersForumThread, unpublishedThread, publicThread, published[0]!.path])
    expect(visitor.get(published[0]!.path), 'control: a visitor opens a published story').toBe(200)
    expect(visitor.get(publicThread), 'control: a visitor opens the public thread').toBe(200)
    for (const [what, p] of [
      ['pending (submitted, not approved) story', pendingStory.path],
      ['draft story', draftStory.path],
      ['members-only story', membersOnlyStory.path],
      ['thread in a members-only forum', membersForumThread],
      ['unpublished thread in a public forum', unpublishedThread],
    ] as const) {
      expect(visitor.get(p), `control: a visitor cannot open the ${what}`).not.toBe(200)
      expect(filesListing(c, p), `files listing the ${what} ${p}`).toEqual([])
    }
    // The members-only thread exists and a member reads it: it is left out because of who may read it, not because it is broken.
    const reader = await createMember(hostile.payload)
    const member = await signedIn(hostile.server, reader.email, reader.password)
    expect((await member.get(membersForumThread)).status, 'control: a member opens the members-only thread').toBe(200)

    // Past the end: 404.
    expect((await new WebClient(hostile.server.url).get(`/sitemap-${c.numbers.length + 1}.xml`)).status).toBe(404)
  })
})

// ---------------------------------------------------------------------------------------------
// 2. Withdrawal
// ---------------------------------------------------------------------------------------------

async function withdrawThroughTheCommand(story: Story): Promise<void> {
  await settle(async () => withdrawStory(hostile.payload, await userAsActor(hostile.payload, author.id), story.id, { quiet: true }))
}

describe('a withdrawal leaves every file of the sitemap on the very next request', () => {
  test.each([
    [
      "the author's form (the server's own process)",
      async (story: Story) => {
        const response = await withdrawThroughTheForm(await signedIn(hostile.server, author.email, author.password), story.id)
        if (![200, 303].includes(response.status)) throw new Error(`The withdrawal form answered ${response.status}: ${(await response.text()).slice(0, 300)}`)
      },
    ],
    ['withdrawStory() (another process on the same database)', withdrawThroughTheCommand],
  ] as const)(
    'through %s, with every file warm in the page cache',
    async (_how, withdraw) => {
      // With files packed 3 to a file, one fewer URL than 3k+1 needs one file fewer: make it so, so that
      // the last file may go away too (a cached copy of it must not outlive it).
      const total = (await crawl()).all.length
      for (let i = 0; i < (((1 - total) % F) + F) % F; i++) await publishedStory(`topup${i}`)
      const victim = published[Math.floor(published.length / 2)]!
      const others = published.filter((s) => s !== victim)

      // Before: the story is listed, everything is right, and a second read is served from the page cache.
      const before = await crawl()
      expect(before.problems).toEqual([])
      const expectedBefore = await expectedPages()
      expect(await coverageProblems(before, expectedBefore)).toEqual([])
      expect(filesListing(before, victim.path).length, `control: ${victim.path} listed once before`).toBe(1)
      const warm = await crawl()
      expect(warm.problems).toEqual([])
      expect(warm.numbers).toEqual(before.numbers)
      expect(
        [{ n: 0, cache: warm.index.cache }, ...warm.files].filter((f) => f.cache !== 'hit').map((f) => `${f.n === 0 ? '/sitemap.xml' : `/sitemap-${f.n}.xml`}: ${f.cache}`),
        'control: the second read of the index and every file is served from the page cache',
      ).toEqual([])

      await withdraw(victim)

      // Immediately: the index and every file it lists.
      const after = await crawl()
      const stale = await Promise.all(
        before.numbers
          .filter((n) => n > after.numbers.length)
          .map(async (n) => {
            const r = await new WebClient(hostile.server.url).get(`/sitemap-${n}.xml`)
            const body = await r.text()
            return { n, status: r.status, listsVictim: body.includes(victim.slug) }
          }),
      )
      expect(after.problems, 'the index and files right after the withdrawal').toEqual([])
      expect(filesListing(after, victim.path), `files still listing the withdrawn story ${victim.path}`).toEqual([])
      expect(after.index.body.includes(victim.slug), 'the index mentions the withdrawn story').toBe(false)
      expect(stale.filter((s) => s.status !== 404).map((s) => `/sitemap-${s.n}.xml (no longer in the index) answered ${s.status}${s.listsVictim ? ', listing the withdrawn story' : ''}`)).toEqual([])
      expect(duplicates(after), 'URLs listed twice after the withdrawal').toEqual([])
      const listed = new Set(after.all)
      expect(
        [...expectedBefore.required].filter((p) => p !== victim.path && !listed.has(p)),
        'pages lost from the sitemap by the withdrawal',
      ).toEqual([])
      expect(
        others.filter((s) => !listed.has(s.path)).map((s) => s.path),
        'other published stories',
      ).toEqual([])
      expect(after.all.length, 'URLs listed: one fewer').toBe(before.all.length - 1)
      // The withdrawal did happen: the story is gone for visitors too.
      const page = await new WebClient(hostile.server.url).get(victim.path)
      expect(page.status, `${victim.path} after the withdrawal`).toBe(410)
      expect((await readStory(victim.id)).status).toBe('withdrawn')
      // And the sitemap still agrees with what a visitor may open.
      expect(await coverageProblems(after, await expectedPages())).toEqual([])
      published.splice(published.indexOf(victim), 1)
      console.log(`sitemap withdrawal (${_how}): ${before.all.length} URLs in ${before.numbers.length} files before, ${after.all.length} in ${after.numbers.length} after`)
    },
    120_000,
  )
})

// ---------------------------------------------------------------------------------------------
// 3. Junk file numbers
// ---------------------------------------------------------------------------------------------
const STACK = /\n\s+at \S.*:\d+:\d+|node_modules|\/src\/|\.tsx?:\d+|Error: /

describe('file numbers that are not files', () => {
  test('answer 404 with no stack trace, never 500; files 1 and N still answer', async () => {
    const c = await crawl()
    expect(c.problems).toEqual([])
    const n = c.numbers.length
    const client = new WebClient(hostile.server.url)
    const junk = [
      '/sitemap-0.xml',
      '/sitemap-01x.xml',
      '/sitemap--1.xml',
      '/sitemap-99999999999999.xml',
      `/sitemap-${n + 1}.xml`,
      `/sitemap-${n + 2}.xml`,
      '/sitemap-999999999.xml',
      '/sitemap-2147483648.xml',
      '/sitemap-4294967297.xml',
      '/sitemap-9007199254740993.xml',
      `/sitemap-${'9'.repeat(400)}.xml`,
      '/sitemap-.xml',
      '/sitemap-abc.xml',
      '/sitemap-1.5.xml',
      '/sitemap-1e3.xml',
      '/sitemap-0x1.xml',
      '/sitemap--0.xml',
      '/sitemap-00.xml',
    ]
    const wrong: string[] = []
    // Twice each: the second may come from the page cache, which must not turn a 404 into anything else.
    for (const round of [1, 2]) {
      for (const path of junk) {
        const r = await client.get(path)
        const body = await r.text()
        if (r.status !== 404) wrong.push(`${path} (round ${round}): ${r.status}`)
        if (STACK.test(body)) wrong.push(`${path} (round ${round}): stack trace or source path in the body: ${body.match(STACK)![0]}`)
        if (/<urlset|<sitemapindex/.test(body)) wrong.push(`${path} (round ${round}): a sitemap body`)
      }
    }
    expect(wrong).toEqual([])
    // Controls: the real files answer, before and after all that.
    for (const path of ['/sitemap-1.xml', `/sitemap-${n}.xml`, '/sitemap.xml']) {
      const r = await client.get(path)
      const body = await r.text()
      expect(r.status, path).toBe(200)
      expect(body, path).toMatch(/<urlset|<sitemapindex/)
    }
  })
})

// ---------------------------------------------------------------------------------------------
// 4. robots.txt
// ---------------------------------------------------------------------------------------------
describe('/robots.txt', () => {
  test('is text/plain and names the sitemap index by its absolute URL', async () => {
    const client = new WebClient(hostile.server.url)
    const r = await client.get('/robots.txt')
    const text = await r.text()
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type') ?? '').toMatch(/^text\/plain\b/)
    const lines = [...text.matchAll(/^sitemap:[ \t]*(\S+)[ \t]*\r?$/gim)].map((m) => m[1]!)
    expect(lines, `Sitemap: lines in\n${text}`).toEqual([`${origin()}/sitemap.xml`])
    // The line leads a crawler to the index.
    const index = await new WebClient(hostile.server.url).get(new URL(lines[0]!).pathname)
    expect(index.status).toBe(200)
    expect(await index.text()).toMatch(/<sitemapindex\b/)
  })
})
