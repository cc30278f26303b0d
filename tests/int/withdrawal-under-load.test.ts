// Consent withdrawal under load, with the rendered-page cache on (issue 14's goal): of 10,000 requests for
// the story's page, /stories and /feed.xml, those issued after the withdrawal's response was received that
// still show the story: 0.
//
// The real server (on PostgreSQL when DATABASE_URL says so, as CI runs this suite a second time) serves a
// published story. Twenty requests are kept in flight over keep-alive connections, from a visitor and a
// signed-in member in turn; part-way through, the author withdraws consent through the site's form. Each
// request records when it was issued. Every request issued after the withdrawal's answer arrived must not
// show the story's title or address (its page must answer 410 or 404). The control: before the withdrawal
// the pages were served from the cache (hits), so the test exercises the cache and not only the database.
import http from 'node:http'
import { performance } from 'node:perf_hooks'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { createMember, DEFAULT_TEST_PASSWORD } from '../support/members.js'
import { dropOwnDatabase, ownDatabase } from '../support/ownDatabase.js'
import { CACHE_HEADER, formsOn, readPage, readTwice } from '../support/pageCache.js'
import { bootPayload, settle } from '../support/payload.js'
import { startTestServer, type TestServer } from '../support/server.js'
import { asUser, unique } from './helpers.js'

const TOTAL = 10_000
const IN_FLIGHT = 20
/** The withdrawal starts when this many requests have been issued, so thousands come after its answer. */
const WITHDRAW_AT = 3_000
const AT_LEAST_AFTER = 4_000

type Outcome = { path: string; as: string; issuedAt: number; answeredAt: number; status: number; cache: string | null; shows: boolean; error?: string }

describe('consent withdrawal under load, with the page cache', () => {
  let server: TestServer
  let payload: Payload
  let databaseUrl: string | undefined
  let author: WebClient
  let memberCookie: string
  let story: { id: number | string; title: string; slug: string }
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT })

  beforeAll(async () => {
    databaseUrl = await ownDatabase('withdrawal')
    // No demo data: the story, its author, a reader and a moderator are all this test needs.
    server = await startTestServer({ seed: false, databaseUrl })
    payload = await bootPayload({ databaseUrl: server.databaseUrl, dataDir: server.dataDir, mediaDir: server.mediaDir })
    // Arranged through the Local API before the server has read (or cached) any page.
    const writer = await settle(() => createMember(payload))
    const reader = await settle(() => createMember(payload))
    const moderator = await settle(() => createMember(payload, { roles: ['moderator'] }))
    const user = await asUser(payload, writer)
    const title = `Story ${unique()} under load`
    const created = await settle(() =>
      payload.create({
        collection: 'stories',
        data: { title, summary: `About ${title}`, body: markdownToLexical(`The text of ${title}.`), themes: ['connection'] } as never,
        overrideAccess: false,
        user,
      }),
    )
    await settle(() => giveConsent(payload, user, created.id, { audience: 'public', byline: 'anonymous', quoteInReports: false }))
    await settle(() => submitStory(payload, user, created.id))
    const moderatorUser = await asUser(payload, moderator)
    await settle(() => moderateStory({ payload, moderator: moderatorUser, storyId: created.id, action: 'approve' }))
    const stored = await payload.findByID({ collection: 'stories', id: created.id, overrideAccess: true, depth: 0 })
    expect(stored.status).toBe('published')
    story = { id: created.id, title, slug: String(stored.slug) }

    author = new WebClient(server.url)
    const signedIn = await author.signIn(writer.email, DEFAULT_TEST_PASSWORD)
    expect(signedIn.status, 'the author signs in').toBe(303)
    const readerClient = new WebClient(server.url)
    expect((await readerClient.signIn(reader.email, DEFAULT_TEST_PASSWORD)).status, 'the reader signs in').toBe(303)
    memberCookie = readerClient.cookieHeader()
  }, 180_000)

  afterAll(async () => {
    agent.destroy()
    await server?.stop()
    await dropOwnDatabase(databaseUrl, payload)
  })

  /** One GET over the keep-alive pool; `issuedAt` is taken just before the request leaves. */
  function get(path: string, cookie: string | undefined): Promise<Omit<Outcome, 'as'>> {
    return new Promise((resolve) => {
      const url = new URL(server.url)
      const issuedAt = performance.now()
      const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' }
      if (cookie) headers.cookie = cookie
      const req = http.request({ host: url.hostname, port: url.port, path, method: 'GET', agent, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8')
          const cache = res.headers[CACHE_HEADER]
          resolve({
            path,
            issuedAt,
            answeredAt: performance.now(),
            status: res.statusCode ?? 0,
            cache: typeof cache === 'string' ? cache : null,
            shows: body.includes(story.title) || body.includes(story.slug),
          })
        })
        res.on('error', (error) => resolve({ path, issuedAt, answeredAt: performance.now(), status: 0, cache: null, shows: false, error: error.message }))
      })
      req.on('error', (error) => resolve({ path, issuedAt, answeredAt: performance.now(), status: 0, cache: null, shows: false, error: error.message }))
      req.end()
    })
  }

  /** The author's confirmation form on /account/stories/:id/withdraw; resolves when its answer has arrived. */
  async function withdrawThroughTheForm(): Promise<{ status: number; answeredAt: number; startedAt: number }> {
    const startedAt = performance.now()
    const page = await readPage(author, `/account/stories/${story.id}/withdraw`)
    const form = formsOn(page.body, `/account/stories/${story.id}/withdraw`)[0]
    if (!form) throw new Error(`Arrange failed: no withdrawal form (status ${page.status})`)
    const response = await author.postForm(form.action, form.fields)
    const answeredAt = performance.now()
    return { status: response.status, answeredAt, startedAt }
  }

  test(`${TOTAL} requests, ${IN_FLIGHT} in flight, the author withdrawing part-way: 0 issued after the withdrawal's answer show the story`, async () => {
    const paths = [`/stories/${story.slug}`, '/stories', '/feed.xml']
    // Fail at once, not after 10,000 requests, when nothing is cached.
    for (const path of paths) {
      const { second } = await readTwice(new WebClient(server.url), path)
      expect(second.cache, `${path}: the second request must be a cache hit`).toBe('hit')
      expect(second.body, `${path} shows the story before the withdrawal`).toContain(story.title)
    }

    const outcomes: Outcome[] = []
    let next = 0
    let withdrawal: Promise<{ status: number; answeredAt: number; startedAt: number }> | undefined
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        for (let i = next++; i < TOTAL; i = next++) {
          if (i === WITHDRAW_AT) withdrawal = withdrawThroughTheForm()
          const as = i % 3 === 2 ? 'member' : 'visitor'
          const outcome = await get(paths[i % paths.length]!, as === 'member' ? memberCookie : undefined)
          outcomes.push({ ...outcome, as })
        }
      }),
    )
    const withdrawn = await withdrawal!
    expect(withdrawn.status, 'the withdrawal form answered').toBe(303)
    expect((await payload.findByID({ collection: 'stories', id: story.id, overrideAccess: true, depth: 0 })).status).toBe('withdrawn')

    const failed = outcomes.filter((o) => o.error || o.status === 0 || o.status === 429 || o.status >= 500)
    expect(failed.length, `failed requests: ${JSON.stringify(failed.slice(0, 5))}`).toBe(0)

    // The control: before the withdrawal started, the pages came from the cache.
    const before = outcomes.filter((o) => o.answeredAt < withdrawn.startedAt)
    const beforeHits = before.filter((o) => o.cache === 'hit').length
    expect(before.length, 'requests answered before the withdrawal started').toBeGreaterThan(1000)
    expect(
      before.every((o) => o.shows),
      'every page showed the story before the withdrawal',
    ).toBe(true)
    expect(beforeHits / before.length, `cache hits before the withdrawal: ${beforeHits} of ${before.length}`).toBeGreaterThanOrEqual(0.9)

    // The goal.
    const after = outcomes.filter((o) => o.issuedAt > withdrawn.answeredAt)
    const stale = after.filter((o) => o.shows)
    expect(after.length, 'requests issued after the withdrawal was answered').toBeGreaterThanOrEqual(AT_LEAST_AFTER)
    expect(stale.length, `stale answers issued after the withdrawal: ${JSON.stringify(stale.slice(0, 5))}`).toBe(0)
    const storyPages = after.filter((o) => o.path === paths[0])
    expect(
      storyPages.filter((o) => o.status !== 410 && o.status !== 404).map((o) => o.status),
      "the story's page after the withdrawal",
    ).toEqual([])
    expect(after.filter((o) => o.path !== paths[0] && o.status !== 200).length, 'the lists still answer').toBe(0)
  }, 180_000)
})
