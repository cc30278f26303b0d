// Hostile: a cached page never carries another person's personal parts (issue 14, "A member never
// receives another member's personal parts").
//
// Two members (the seeded demo member and one made for this file) each have posts waiting for review that
// only they (and the moderators) can see: a reply in a public thread and a thread of their own in the
// county forum. They and a visitor then make 1,000 requests, interleaved and several at a time, to the
// same cacheable pages: the thread, the county forum's page, /stories and the home page. Every answer
// must carry the requester's own display name in the header's account part, their own waiting post and
// never the other member's, and form tokens (`_csrf`) made for the requester's own browser cookie; the
// visitor sees neither member's parts. The pages must really be served from the cache (hits for each
// person and page), or the test proves nothing.
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { createMember, DEFAULT_TEST_PASSWORD } from '../support/members.js'
import { CSRF_COOKIE, csrfTokensIn, expectedCsrfToken, readPage, readTwice, type Page } from '../support/pageCache.js'
import { RELAXED_LIMITS, updateSettings } from './forumHelpers.js'
import { settle, unique, useHostileServer } from './helpers.js'
import { replyTo, signIn, startThread } from './pageCacheSite.js'

const hostile = useHostileServer('page-cache-personal')
const COUNTY = 'lancashire-county'
const REQUESTS = 1000
const IN_FLIGHT = 8

type Person = {
  name: string
  client: WebClient
  /** Their display name: shown in their own header, and nowhere else on these pages. */
  displayName: string | null
  /** Their posts waiting for review, by the page that shows them to them. */
  own: Record<string, string[]>
}

let threadId: string
let pages: string[]
let first: Person
let second: Person
let visitor: Person

beforeAll(async () => {
  const { payload, server } = hostile
  await updateSettings(hostile, RELAXED_LIMITS) // posting limits have their own tests
  const threads = await payload.find({ collection: 'threads', where: { status: { equals: 'published' } }, overrideAccess: true, depth: 1, limit: 50 })
  const county = threads.docs.find((t) => (t.locality as { slug?: string } | null)?.slug === COUNTY)
  if (!county) throw new Error('Arrange failed: no seeded thread in the county forum')
  threadId = String(county.id)
  pages = [`/threads/${threadId}`, `/localities/${COUNTY}`, '/stories', '/']

  const made = await settle(() => createMember(payload, { displayName: `Second ${unique('')}`.slice(0, 40) }))
  const demo = (await payload.find({ collection: 'users', where: { email: { equals: 'member@waymark.example' } }, overrideAccess: true, depth: 0, limit: 1 })).docs[0]!
  // Both are newcomers (fewer approved posts than the queue's threshold): what they post waits for review.
  for (const id of [demo.id, made.id]) await settle(() => payload.update({ collection: 'users', id, data: { approvedPostCount: 0 } as never, overrideAccess: true }))

  const person = async (name: string, email: string, password: string, displayName: string): Promise<Person> => {
    const client = await signIn(server, email, password)
    const reply = `Waiting reply ${unique(name)}`
    const title = `Waiting thread ${unique(name)}`
    await replyTo(client, threadId, reply)
    await startThread(client, COUNTY, title, `Opening words of ${title}.`)
    return { name, client, displayName, own: { [`/threads/${threadId}`]: [reply], [`/localities/${COUNTY}`]: [title] } }
  }
  first = await person('the demo member', 'member@waymark.example', server.seedPassword, String(demo.displayName))
  second = await person('the second member', made.email, DEFAULT_TEST_PASSWORD, made.displayName)
  visitor = { name: 'a visitor', client: new WebClient(server.url), displayName: null, own: {} }

  // The arrangement worked: the posts wait for review (nobody else may see them).
  const waiting = await payload.count({
    collection: 'replies',
    where: { and: [{ thread: { equals: county.id } }, { author: { in: [demo.id, made.id] } }, { status: { equals: 'pending' } }] },
    overrideAccess: true,
  })
  if (waiting.totalDocs !== 2) throw new Error(`Arrange failed: ${waiting.totalDocs} of the 2 replies wait for review`)
}, 120_000)

/** What one answer must and must not contain, for the person who asked. */
function problemsWith(page: Page, who: Person, others: Person[]): string[] {
  const problems: string[] = []
  const where = `${who.name} ${page.path} [${page.status}, X-Waymark-Cache: ${page.cache}]`
  if (page.status !== 200) problems.push(`${where}: status ${page.status}`)
  if (page.cache !== 'hit' && page.cache !== 'miss') problems.push(`${where}: not answered as a cacheable page`)
  const account = page.body.match(/<nav aria-label="Account"[\s\S]*?<\/nav>/)?.[0] ?? ''
  if (who.displayName ? !account.includes(who.displayName) : !/href="\/login(\?next=[^"]*)?"/.test(account)) problems.push(`${where}: the header's account part is not theirs`)
  for (const text of who.own[page.path] ?? []) if (!page.body.includes(text)) problems.push(`${where}: their own waiting post "${text}" is missing`)
  for (const other of others) {
    for (const text of [other.displayName, ...Object.values(other.own).flat()]) {
      if (text && page.body.includes(text)) problems.push(`${where}: shows ${other.name}'s "${text}"`)
    }
  }
  const browserId = who.client.cookies.get(CSRF_COOKIE)
  const tokens = csrfTokensIn(page.body)
  if (who.displayName && tokens.length === 0) problems.push(`${where}: no form token (the sign-out form is missing)`)
  const expected = browserId ? expectedCsrfToken(hostile.server.secret, browserId) : undefined
  for (const token of new Set(tokens)) if (token !== expected) problems.push(`${where}: a form token that is not made for this browser`)
  return problems
}

/** A fixed shuffle (mulberry32), so that a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed
  const random = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe("a member never receives another member's personal parts", () => {
  test('each page, read twice by each person, is served from the cache the second time and is theirs', async () => {
    const everyone = [first, second, visitor]
    for (const page of pages) {
      for (const who of everyone) {
        const { second: again } = await readTwice(who.client, page)
        expect(again.cache, `${who.name} ${page}: the second request must be a cache hit`).toBe('hit')
        expect(
          problemsWith(
            again,
            who,
            everyone.filter((o) => o !== who),
          ),
        ).toEqual([])
      }
    }
  })

  test(`${REQUESTS} interleaved requests by two members and a visitor (${IN_FLIGHT} at a time): each answer is the requester's own`, async () => {
    const everyone = [first, second, visitor]
    // Without a cache this test would prove nothing (and take long): it stops at once.
    const { second: probe } = await readTwice(first.client, pages[0]!)
    expect(probe.cache, `${first.name} ${pages[0]}: the second request must be a cache hit`).toBe('hit')
    const plan = shuffled(
      Array.from({ length: REQUESTS }, (_, i) => ({ who: everyone[i % everyone.length]!, path: pages[Math.floor(i / everyone.length) % pages.length]! })),
      14,
    )
    const problems: string[] = []
    const hits = new Map<string, number>()
    let next = 0
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        for (let i = next++; i < plan.length; i = next++) {
          const { who, path } = plan[i]!
          const page = await readPage(who.client, path)
          problems.push(
            ...problemsWith(
              page,
              who,
              everyone.filter((o) => o !== who),
            ),
          )
          if (page.cache === 'hit') hits.set(`${who.name} ${path}`, (hits.get(`${who.name} ${path}`) ?? 0) + 1)
        }
      }),
    )
    expect(problems.length, `answers with someone else's parts, or not the requester's own:\n${[...new Set(problems)].slice(0, 20).join('\n')}`).toBe(0)
    // Not hollow: every person got cached answers on every page.
    const neverHit = everyone.flatMap((who) => pages.map((path) => `${who.name} ${path}`)).filter((key) => !hits.get(key))
    expect(neverHit, 'person and page never served from the cache').toEqual([])
  }, 180_000)
})
