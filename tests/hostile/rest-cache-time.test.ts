// Hostile: visitors' REST reads answered from the page cache (issue 14) expire with the clock.
//
// Promised: a visitor's `GET /api/<collection>` and `GET /api/<collection>/<id>` may be answered from the
// page cache (`X-Waymark-Cache: hit`), and every promise still holds on the very next request, including
// consent that ends by the clock: after a story's consent ends, the next REST request no longer shows the
// story, nor its cover picture, even though nothing was written. As in page-cache-time.test.ts, "a
// controllable clock" is a few seconds: consent given a year ago, less a few seconds.
import { describe, expect, test } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory as moderateStoryCommand } from '../../src/commands/stories/moderateStory.js'
import { recordConsent } from '../../src/commands/stories/recordConsent.js'
import { inTransaction } from '../../src/db/transaction.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { createMember, DEFAULT_TEST_PASSWORD } from '../support/members.js'
import { settle, unique, uploadMedia, useHostileServer, userAsActor } from './helpers.js'
import { signIn } from './pageCacheSite.js'
import { check, describeRead, expectCacheState, gone, shown, storyUrls, tinyPng, visitorGet, visitorTwice } from './restCache.js'

const hostile = useHostileServer('rest-cache-time')
const NORTH = 'lancashire-north'
/** How far ahead the end is: long enough to read every URL twice first, short enough to wait for. */
const LEAD_MS = 6000
const AFTER_MS = 250

describe('time bounds', () => {
  test('a story whose consent ends in a few seconds is gone from /api/stories/<id>, the lists and its cover from /api/media right after the end', async () => {
    const { payload, server } = hostile
    // No door of the site gives consent "a year ago": arranged through the Local API, as page-cache-time
    // does, before any of this story's URLs is read (the server learns of these writes through the
    // cross-process invalidation log; the test checks the story shows before the end, so a miss there fails).
    const north = (await payload.find({ collection: 'localities', where: { slug: { equals: NORTH } }, overrideAccess: true, depth: 0, limit: 1 })).docs[0]!
    const member = await settle(() => createMember(payload))
    const moderator = (await payload.find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, depth: 0, limit: 1 })).docs[0]!
    const user = await userAsActor(payload, member.id)
    const alt = `Picture ${unique('exp')}`
    const upload = await uploadMedia(await signIn(server, member.email, DEFAULT_TEST_PASSWORD), await tinyPng(), 'cover.png', 'image/png', { alt })
    if (upload.status !== 201) throw new Error(`Arrange failed: the cover upload gave ${upload.status}`)
    const mediaId = String(((await upload.json()) as any).doc.id)
    const title = `Story ${unique('expiring')}`
    const created = await settle(() =>
      payload.create({
        collection: 'stories',
        data: { title, summary: `About ${title}`, body: markdownToLexical(`The text of ${title}.`), themes: ['connection'], locality: north.id, coverImage: Number(mediaId) } as never,
        overrideAccess: false,
        user,
      }),
    )
    const choices = { audience: 'public' as const, byline: 'anonymous' as const, quoteInReports: false }
    await settle(() => giveConsent(payload, user, created.id, choices))
    await settle(() => submitStory(payload, user, created.id))
    await settle(() => moderateStoryCommand({ payload, moderator: { ...moderator, collection: 'users' } as never, storyId: created.id, action: 'approve' }))
    const ends = new Date(Date.now() + LEAD_MS)
    const givenAt = new Date(ends)
    givenAt.setUTCMonth(givenAt.getUTCMonth() - 12)
    await settle(() =>
      inTransaction(payload, user, async (req) => {
        const stored = await payload.findByID({ collection: 'stories', id: created.id, overrideAccess: true, depth: 0, req })
        return recordConsent({ payload, req, story: stored as never, choices, now: givenAt })
      }),
    )
    const stored = await payload.findByID({ collection: 'stories', id: created.id, overrideAccess: true, depth: 0 })
    if (stored.status !== 'published') throw new Error(`Arrange failed: the story is ${stored.status}`)
    const endsAt = Date.parse(String(stored.consentExpiresAt))
    if (Math.abs(endsAt - ends.getTime()) > 1000) throw new Error(`Arrange failed: consent ends at ${stored.consentExpiresAt}, not ${ends.toISOString()}`)
    const cover = await payload.findByID({ collection: 'media', id: mediaId, overrideAccess: true, depth: 0 })
    if (Math.abs(Date.parse(String(cover.storyVisibleUntil)) - endsAt) > 1000) throw new Error(`Arrange failed: the cover is visible until ${cover.storyVisibleUntil}, not the end of consent`)
    const s = { id: String(created.id), title }
    const picture = { id: mediaId, title: alt }

    const looks = [...storyUrls(s, north.id).map((path) => ({ path, shows: s })), ...[`/api/media/${mediaId}`, `/api/media?where[id][equals]=${mediaId}`].map((path) => ({ path, shows: picture }))]
    for (const { path, shows } of looks) {
      const { second } = await visitorTwice(server, path)
      const label = `before the consent ends, visitor ${path}`
      expect(second.cache, `${label}: the second request must be a cache hit (${describeRead(second)})`).toBe('hit')
      check(second, shown(shows, path), label)
    }
    if (Date.now() >= endsAt - 200) throw new Error('Arrange too slow: the consent ended before the URLs were cached; raise LEAD_MS')

    const wait = endsAt + AFTER_MS - Date.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    for (const { path, shows } of looks) {
      const read = await visitorGet(server, path)
      const label = `after the consent ended (no write since), visitor ${path}`
      expectCacheState(read, label, true)
      check(read, gone(shows, path), label, true)
    }
  }, 60_000)
})
