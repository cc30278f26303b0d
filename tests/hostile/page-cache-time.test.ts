// Hostile: cached pages expire with time (issue 14, "Time bounds"): at the earliest consent expiry of any
// story on the page, and at the next start or end of a meeting it shows.
//
// The server runs on the real clock, so "a controllable clock" is a few seconds: a story whose consent
// (given a year ago, less a few seconds) ends shortly, and a meeting that starts a few seconds from now and
// ends a few seconds later. The pages are read until they are cache hits, then read again just after each
// moment: nothing was written in between, so only the cache's own time bounds can make them right.
import { describe, expect, test } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { recordConsent } from '../../src/commands/stories/recordConsent.js'
import { inTransaction } from '../../src/db/transaction.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { readPage, readTwice, type Page } from '../support/pageCache.js'
import { settle, unique, useHostileServer, userAsActor } from './helpers.js'
import { fromNow, planMeeting, restAs, signIn } from './pageCacheSite.js'

const hostile = useHostileServer('page-cache-time')
const NORTH = 'lancashire-north'
const COUNTY = 'lancashire-county'
/** How far ahead the moments are: long enough to read every page twice first, short enough to wait for. */
const LEAD_MS = 6000
/** Read just after the moment (the database keeps milliseconds; this only covers the requests' own time). */
const AFTER_MS = 250

const waitUntil = async (at: number) => {
  const ms = at - Date.now()
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms))
}

/** The arrangement must leave the moment in the future, or the test would check nothing. */
function stillAhead(at: number, what: string) {
  if (Date.now() >= at - 200) throw new Error(`Arrange too slow: ${what} came before the pages were cached; raise LEAD_MS`)
}

function section(html: string, headingId: string): string {
  return html.match(new RegExp(`<section[^>]*aria-labelledby="${headingId}"[^>]*>[\\s\\S]*?</section>`))?.[0] ?? ''
}

/** Reads each page twice; the second must be a hit. Returns the second answers by path. */
async function cachedPages(client: WebClient, paths: string[], who: string): Promise<Map<string, Page>> {
  const pages = new Map<string, Page>()
  for (const path of paths) {
    const { second } = await readTwice(client, path)
    expect(second.cache, `${who} ${path}: the second request must be a cache hit`).toBe('hit')
    pages.set(path, second)
  }
  return pages
}

describe('time bounds', () => {
  test('a story whose consent ends in a few seconds is gone from its page, the lists, the feed and the sitemap right after the end', async () => {
    const { payload, server } = hostile
    // Arranged here, before this file reads any page: the author, a published story, and consent that was
    // given a year ago (less a few seconds), so that it ends shortly.
    const author = await settle(() => createMember(payload))
    const moderator = (await payload.find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, depth: 0, limit: 1 })).docs[0]!
    const north = (await payload.find({ collection: 'localities', where: { slug: { equals: NORTH } }, overrideAccess: true, depth: 0, limit: 1 })).docs[0]!
    const user = await userAsActor(payload, author.id)
    const title = `Story ${unique('expiring')}`
    const created = await settle(() =>
      payload.create({
        collection: 'stories',
        data: { title, summary: `About ${title}`, body: markdownToLexical(`The text of ${title}.`), themes: ['connection'], locality: north.id } as never,
        overrideAccess: false,
        user,
      }),
    )
    const choices = { audience: 'public' as const, byline: 'anonymous' as const, quoteInReports: false }
    await settle(() => giveConsent(payload, user, created.id, choices))
    await settle(() => submitStory(payload, user, created.id))
    await settle(() => moderateStory({ payload, moderator: { ...moderator, collection: 'users' } as never, storyId: created.id, action: 'approve' }))
    const ends = new Date(Date.now() + LEAD_MS)
    const givenAt = new Date(ends)
    givenAt.setUTCMonth(givenAt.getUTCMonth() - 12)
    await settle(() =>
      inTransaction(payload, user, async (req) => {
        const story = await payload.findByID({ collection: 'stories', id: created.id, overrideAccess: true, depth: 0, req })
        return recordConsent({ payload, req, story: story as never, choices, now: givenAt })
      }),
    )
    const stored = await payload.findByID({ collection: 'stories', id: created.id, overrideAccess: true, depth: 0 })
    expect(stored.status).toBe('published')
    const endsAt = Date.parse(String(stored.consentExpiresAt))
    expect(Math.abs(endsAt - ends.getTime()), 'the renewal ends when planned').toBeLessThan(1000)
    const slug = String(stored.slug)

    const visitor = new WebClient(server.url)
    const member = await signIn(server, 'member@waymark.example', server.seedPassword)
    const paths = [`/stories/${slug}`, '/stories', `/localities/${NORTH}`, '/feed.xml', '/sitemap-1.xml']
    for (const [client, who] of [
      [visitor, 'visitor'],
      [member, 'member'],
    ] as const) {
      const before = await cachedPages(client, who === 'visitor' ? paths : paths.slice(0, 3), who)
      for (const [path, page] of before) expect(page.body, `${who} ${path} before the consent ends`).toContain(path === '/sitemap-1.xml' ? slug : title)
    }
    stillAhead(endsAt, 'the end of consent')

    await waitUntil(endsAt + AFTER_MS)
    for (const [client, who] of [
      [visitor, 'visitor'],
      [member, 'member'],
    ] as const) {
      for (const path of who === 'visitor' ? paths : paths.slice(0, 3)) {
        const page = await readPage(client, path)
        const label = `${who} ${path} after the consent ended (X-Waymark-Cache: ${page.cache})`
        expect(['hit', 'miss'], `${label}: still a cacheable page`).toContain(page.cache)
        if (path === `/stories/${slug}`) expect([404, 410], `${label}: status`).toContain(page.status)
        else expect(page.status, label).toBe(200)
        expect(page.body, label).not.toContain(title)
        expect(page.body, label).not.toContain(slug)
      }
    }
  }, 60_000)

  test('a meeting stops being "next" once it starts, and moves from upcoming to past once it ends', async () => {
    const { payload, server } = hostile
    const county = (await payload.find({ collection: 'localities', where: { slug: { equals: COUNTY } }, overrideAccess: true, depth: 0, limit: 1 })).docs[0]!
    const moderatorRest = await restAs(server, 'moderator@waymark.example', server.seedPassword)
    const moderator = await signIn(server, 'moderator@waymark.example', server.seedPassword)
    const visitor = new WebClient(server.url)
    const title = `Meeting ${unique('soon')}`
    // Before any seeded meeting, so it is the next one everywhere.
    const id = await planMeeting(moderatorRest, { localityId: county.id, title, startsAt: fromNow(LEAD_MS), endsAt: fromNow(LEAD_MS + 3000) })
    const stored = await payload.findByID({ collection: 'meetings', id, overrideAccess: true, depth: 0 })
    const startsAt = Date.parse(String(stored.startsAt))
    const endsAt = Date.parse(String(stored.endsAt))
    const lists = ['/meetings', `/meetings?locality=${COUNTY}`]
    const localityPage = `/localities/${COUNTY}`
    const meetingPage = `/meetings/${id}`
    const notYet = 'This meeting has not happened yet'

    const before = await cachedPages(visitor, [...lists, localityPage], 'visitor')
    for (const path of lists) {
      const upcoming = section(before.get(path)!.body, 'upcoming-heading')
      expect(upcoming.match(/<p class="next-meeting">[\s\S]*?<\/p>/)?.[0] ?? '', `${path}: the next meeting, before it starts`).toContain(title)
    }
    expect(section(before.get(localityPage)!.body, 'meetings-heading'), `${localityPage}: the next meeting, before it starts`).toContain(title)
    const managing = (await cachedPages(moderator, [meetingPage], 'moderator')).get(meetingPage)!
    expect(managing.body, "the moderator's meeting page before it starts").toContain(notYet)
    stillAhead(startsAt, 'the start of the meeting')

    await waitUntil(startsAt + AFTER_MS)
    for (const path of lists) {
      const page = await readPage(visitor, path)
      const label = `${path} once the meeting has started (X-Waymark-Cache: ${page.cache})`
      expect(['hit', 'miss'], label).toContain(page.cache)
      const upcoming = section(page.body, 'upcoming-heading')
      expect(upcoming.match(/<p class="next-meeting">[\s\S]*?<\/p>/)?.[0] ?? '', `${label}: no longer the next meeting`).not.toContain(title)
      expect(upcoming, `${label}: still listed as upcoming until it ends`).toContain(title)
    }
    const local = await readPage(visitor, localityPage)
    expect(section(local.body, 'meetings-heading'), `${localityPage} once the meeting has started (X-Waymark-Cache: ${local.cache})`).not.toContain(title)
    const started = await readPage(moderator, meetingPage)
    expect(started.body, `the moderator's meeting page once it has started (X-Waymark-Cache: ${started.cache})`).not.toContain(notYet)
    expect(started.body).toContain('Record attendance and minutes')
    stillAhead(endsAt, 'the end of the meeting')

    await waitUntil(endsAt + AFTER_MS)
    for (const path of lists) {
      const page = await readPage(visitor, path)
      const label = `${path} once the meeting has ended (X-Waymark-Cache: ${page.cache})`
      expect(section(page.body, 'upcoming-heading'), `${label}: no longer upcoming`).not.toContain(title)
      expect(section(page.body, 'past-heading'), `${label}: now a past meeting`).toContain(title)
    }
  }, 60_000)
})
