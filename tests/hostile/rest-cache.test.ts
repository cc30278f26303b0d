// Hostile: visitors' REST reads answered from the page cache (issue 14) are never stale.
//
// Promised: `GET /api/<collection>` (a list, with its query string) and `GET /api/<collection>/<id>`, asked
// with no credentials (no session cookie, no Authorization) and no Origin, may be answered from the
// server's page cache, marked `X-Waymark-Cache: hit` (or `miss` when freshly computed). Every write that
// changes what a visitor may read through REST is seen by the very next REST request.
//
// Each scenario
//   (a) reads every REST URL the write will change twice as a visitor, and requires the second answer to
//       be a cache hit still showing the old state (so the cache is really exercised);
//   (b) makes the write through the server, the way a person does: the author through the site's forms,
//       a moderator or an admin through the admin's REST API (never the Local API from this process);
//   (c) requires the change on the very next request for each URL.
// The audiences, the query surface, Origin and non-200 answers are in rest-cache-doors.test.ts; the
// clock (consent that ends with no write) in rest-cache-time.test.ts.
import { beforeAll, describe, expect, test } from 'vitest'

import type { WebClient } from '../support/http.js'
import { createMember, DEFAULT_TEST_PASSWORD } from '../support/members.js'
import { RELAXED_LIMITS, updateSettings } from './forumHelpers.js'
import { settle, unique, useHostileServer, withdrawThroughTheForm } from './helpers.js'
import { fromNow, moderateStory, planMeeting, replyTo, restAs, restOk, shareStory, signIn, startThread, submitForm, type Rest } from './pageCacheSite.js'
import { check, describeRead, expectCacheState, GONE, gone, isList, q, shown, storyUrls, tinyPng, visitorGet, visitorTwice, type Check } from './restCache.js'

const hostile = useHostileServer('rest-cache')
const COUNTY = 'lancashire-county' // the public forum: visitors read its threads over REST too
const NORTH = 'lancashire-north'

let moderatorRest: Rest
let adminRest: Rest
let moderatorSite: WebClient
const locality: Record<string, number | string> = {}
const people = {} as Record<'author' | 'writer' | 'replier' | 'renamer' | 'erasee', WebClient>
const memberIds = {} as Record<keyof typeof people, number | string>
const memberNames = {} as Record<keyof typeof people, string>

beforeAll(async () => {
  const { payload, server } = hostile
  // Posting limits would get in the way of the arrangement; they have their own tests.
  await updateSettings(hostile, RELAXED_LIMITS)
  const found = await payload.find({ collection: 'localities', overrideAccess: true, depth: 0, limit: 100 })
  for (const doc of found.docs) locality[String(doc.slug)] = doc.id
  for (const key of ['author', 'writer', 'replier', 'renamer', 'erasee'] as const) {
    const member = await settle(() => createMember(payload, { displayName: `${key} ${unique('')}`.slice(0, 40) }))
    memberIds[key] = member.id
    memberNames[key] = String(member.displayName)
    // Established members (3 approved posts) post at once, without waiting for review.
    await settle(() => payload.update({ collection: 'users', id: member.id, data: { approvedPostCount: 3 } as never, overrideAccess: true }))
    people[key] = await signIn(server, member.email, DEFAULT_TEST_PASSWORD)
  }
  moderatorRest = await restAs(server, 'moderator@waymark.example', server.seedPassword)
  adminRest = await restAs(server, 'admin@waymark.example', server.seedPassword)
  moderatorSite = await signIn(server, 'moderator@waymark.example', server.seedPassword)
}, 120_000)

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------
/** `maybeUncached`: a URL of the promised shape whose caching is not itself promised (e.g. /count): not required to be a hit before, but never stale. */
type Look = { path: string; before: Check; after: Check; maybeUncached?: boolean }
type Scenario<S = any> = {
  title: string
  arrange: () => Promise<S>
  looks: (state: S) => Look[]
  write: (state: S) => Promise<unknown>
  cleanup?: (state: S) => Promise<unknown>
}
const scenario = <S>(s: Scenario<S>): Scenario => s as Scenario

/** A story shared through the site (consent given, sent for review); approved by the moderator in the admin unless `pending`. */
async function story(key: string, options: { pending?: boolean; cover?: { png: Buffer; alt: string } } = {}) {
  const title = `Story ${unique(key)}`
  const id = await shareStory(people.author, { title, summary: `Summary of ${title}`, body: `What happened to ${title}, in my own words.`, localityId: locality[NORTH]! }, options.cover)
  if (!options.pending) await moderateStory(moderatorRest, id, 'approve')
  return { id, title }
}

const storyDoors = (s: { id: string; title: string }) => storyUrls(s, locality[NORTH]!)

async function countyThread(key: string, by: WebClient = people.writer, where = COUNTY) {
  const title = `Thread ${unique(key)}`
  const id = await startThread(by, where, title, `Opening words of ${title}.`)
  return { id, title }
}

const nameIs = (name: string) => `"name":${JSON.stringify(name)}`

/** A published story with a cover picture, and the picture's id. */
async function storyWithCover(key: string) {
  const alt = `Picture ${unique('alt')}`
  const s = await story(key, { cover: { png: await tinyPng(), alt } })
  const stored = await hostile.payload.findByID({ collection: 'stories', id: s.id, overrideAccess: true, depth: 0 })
  if (!stored.coverImage) throw new Error('Arrange failed: the story has no cover')
  return { ...s, alt, mediaId: String(stored.coverImage) }
}

const SCENARIOS: Scenario[] = [
  scenario({
    title: "the author withdraws consent through the site's form: gone from /api/stories/<id>, every list, and its cover from /api/media",
    arrange: () => storyWithCover('wdr'),
    looks: (s) => [
      ...storyDoors(s).map((path) => ({ path, before: shown(s, path), after: gone(s, path) })),
      { path: `/api/media/${s.mediaId}`, before: { has: [s.alt] }, after: { status: GONE, lacks: [s.alt] } },
      { path: `/api/media?where[id][equals]=${s.mediaId}`, before: { has: [s.alt], ids: { has: [s.mediaId] } }, after: { lacks: [s.alt], ids: { lacks: [s.mediaId] } } },
    ],
    write: async (s) => {
      const response = await withdrawThroughTheForm(people.author, s.id)
      if (![200, 303].includes(response.status)) throw new Error(`the withdrawal form answered ${response.status}`)
    },
  }),
  scenario({
    title: 'a moderator unpublishes a story in the admin (REST, as the moderator): gone from /api/stories/<id> and every list',
    arrange: () => story('unpub'),
    looks: (s) => storyDoors(s).map((path) => ({ path, before: shown(s, path), after: gone(s, path) })),
    write: (s) => moderateStory(moderatorRest, s.id, 'unpublish', 'It names someone.'),
  }),
  scenario({
    title: 'a moderator approves a new story: it appears in the lists and at /api/stories/<id>',
    arrange: () => story('appr', { pending: true }),
    looks: (s) => [
      ...storyDoors(s)
        .filter(isList)
        .map((path) => ({ path, before: gone(s, path), after: shown(s, path) })),
      { path: `/api/stories?where[title][equals]=${q(s.title)}&limit=5&depth=0`, before: { totalDocs: 0 }, after: { totalDocs: 1, has: [s.title] } },
      { path: `/api/stories/count?where[title][equals]=${q(s.title)}`, before: { totalDocs: 0 }, after: { totalDocs: 1 }, maybeUncached: true },
      // Not cacheable before (a 404 is never served from the cache), but it must be a 200 right after.
      { path: `/api/stories/${s.id}`, before: { status: GONE, lacks: [s.title] }, after: { has: [s.title], ids: { has: [s.id] } } },
    ],
    write: (s) => moderateStory(moderatorRest, s.id, 'approve'),
  }),
  scenario({
    title: 'a moderator hides a thread in the admin: gone from /api/threads/<id> and the lists, and its replies with it',
    arrange: async () => {
      const thread = await countyThread('hide')
      const body = `Reply ${unique('hide')}`
      return { ...thread, reply: { id: await replyTo(people.replier, thread.id, body), title: body } }
    },
    looks: (s) => [
      ...[`/api/threads/${s.id}`, `/api/threads/${s.id}?depth=1`, `/api/threads?where[locality][equals]=${locality[COUNTY]}&limit=1000`, `/api/threads?where[title][equals]=${q(s.title)}`].map(
        (path) => ({
          path,
          before: shown(s, path),
          after: gone(s, path),
        }),
      ),
      // Replies are readable only while their thread is: the thread's write changes the replies' answers
      // (at depth 0 too, where the answer does not carry the thread).
      ...[
        `/api/replies/${s.reply.id}`,
        `/api/replies/${s.reply.id}?depth=0`,
        `/api/replies?where[thread][equals]=${s.id}&limit=100`,
        `/api/replies?where[thread][equals]=${s.id}&limit=100&depth=0`,
      ].map((path) => ({
        path,
        before: shown(s.reply, path),
        after: gone(s.reply, path),
      })),
    ],
    write: (s) => restOk(moderatorRest, 'POST', `/api/threads/${s.id}/moderate`, { action: 'hide', reason: 'Under review.' }),
  }),
  scenario({
    title: 'a moderator restores a hidden thread: it and its replies come back in REST',
    arrange: async () => {
      const thread = await countyThread('rest')
      const body = `Reply ${unique('rest')}`
      const reply = { id: await replyTo(people.replier, thread.id, body), title: body }
      await restOk(moderatorRest, 'POST', `/api/threads/${thread.id}/moderate`, { action: 'hide', reason: 'Under review.' })
      return { ...thread, reply }
    },
    looks: (s) => [
      { path: `/api/threads?where[title][equals]=${q(s.title)}`, before: { totalDocs: 0 }, after: { totalDocs: 1, ids: { has: [s.id] } } },
      { path: `/api/replies?where[thread][equals]=${s.id}&limit=100`, before: { totalDocs: 0 }, after: { totalDocs: 1, has: [s.reply.title] } },
      { path: `/api/replies?where[body][equals]=${q(s.reply.title)}`, before: { totalDocs: 0 }, after: { totalDocs: 1, has: [s.reply.title] } },
      { path: `/api/replies/${s.reply.id}`, before: { status: GONE, lacks: [s.reply.title] }, after: { has: [s.reply.title] } },
    ],
    write: (s) => restOk(moderatorRest, 'POST', `/api/threads/${s.id}/moderate`, { action: 'restore', reason: 'Reviewed: fine.' }),
  }),
  scenario({
    title: 'a moderator removes a reply in the admin: gone from /api/replies/<id> and the thread’s replies',
    arrange: async () => {
      const thread = await countyThread('rm')
      const body = `Reply ${unique('rm')}`
      const id = await replyTo(people.replier, thread.id, body)
      return { thread, id, title: body }
    },
    looks: (s) =>
      [`/api/replies/${s.id}`, `/api/replies?where[thread][equals]=${s.thread.id}&limit=100`, `/api/replies?where[locality][equals]=${locality[COUNTY]}&limit=1000&sort=-createdAt`].map((path) => ({
        path,
        before: shown(s, path),
        after: gone(s, path),
      })),
    write: (s) => restOk(moderatorRest, 'POST', `/api/replies/${s.id}/moderate`, { action: 'remove', reason: 'Off topic.' }),
  }),
  scenario({
    title: 'an admin renames a locality: /api/localities, the locality by id, and stories at depth 1 show the new name',
    arrange: async () => {
      const stored = await hostile.payload.findByID({ collection: 'localities', id: locality[NORTH]!, overrideAccess: true, depth: 0 })
      return { story: await story('loc'), oldName: String(stored.name), newName: `North ${unique('')}` }
    },
    looks: (s) =>
      [
        '/api/localities?limit=100',
        `/api/localities/${locality[NORTH]}`,
        `/api/localities?where[slug][equals]=${NORTH}`,
        `/api/stories/${s.story.id}?depth=1`,
        `/api/stories?where[locality][equals]=${locality[NORTH]}&limit=1000&depth=1`,
      ].map((path) => ({ path, before: { has: [nameIs(s.oldName)], lacks: [s.newName] }, after: { has: [nameIs(s.newName)], lacks: [nameIs(s.oldName)] } })),
    write: (s) => restOk(adminRest, 'PATCH', `/api/localities/${locality[NORTH]}`, { name: s.newName }),
    cleanup: (s) => restOk(adminRest, 'PATCH', `/api/localities/${locality[NORTH]}`, { name: s.oldName }),
  }),
  scenario({
    title: 'a moderator renames a meeting in the admin: /api/meetings/<id> and the lists show the new title',
    arrange: async () => {
      const oldTitle = `Meeting ${unique('ren')}`
      const id = await planMeeting(moderatorRest, { localityId: locality[COUNTY]!, title: oldTitle, startsAt: fromNow(26 * 3600_000), endsAt: fromNow(28 * 3600_000) })
      return { id, oldTitle, newTitle: `Meeting ${unique('ren')}` }
    },
    looks: (s) => [
      ...[`/api/meetings/${s.id}`, `/api/meetings?where[locality][equals]=${locality[COUNTY]}&limit=1000&sort=startsAt`, '/api/meetings?limit=1000'].map((path) => ({
        path,
        before: { has: [s.oldTitle], lacks: [s.newTitle] },
        after: { has: [s.newTitle], lacks: [s.oldTitle] },
      })),
      { path: `/api/meetings?where[title][equals]=${q(s.oldTitle)}`, before: { has: [s.oldTitle], totalDocs: 1 }, after: { lacks: [s.oldTitle], totalDocs: 0 } },
    ],
    write: (s) => restOk(moderatorRest, 'PATCH', `/api/meetings/${s.id}`, { title: s.newTitle }),
  }),
  scenario({
    title: "a moderator publishes a meeting's minutes through the meeting's page: /api/meetings/<id> then carries them",
    arrange: async () => {
      const title = `Past meeting ${unique('min')}`
      const id = await planMeeting(moderatorRest, { localityId: locality[COUNTY]!, title, startsAt: fromNow(-50 * 3600_000), endsAt: fromNow(-48 * 3600_000) })
      const minutes = `Minutes ${unique('min')}: we agreed to meet again.`
      await submitForm(moderatorSite, `/meetings/${id}/close`, `/meetings/${id}/close`, { attendanceTotal: '12', firstTimers: '3', minutes, minutesVisibility: 'public' })
      await submitForm(moderatorSite, `/meetings/${id}`, `/meetings/${id}/minutes`, { decision: 'approve' })
      return { id, title, minutes }
    },
    looks: (s) =>
      [`/api/meetings/${s.id}`, `/api/meetings?where[title][equals]=${q(s.title)}`].map((path) => ({ path, before: { has: [s.title], lacks: [s.minutes] }, after: { has: [s.title, s.minutes] } })),
    write: (s) => submitForm(moderatorSite, `/meetings/${s.id}`, `/meetings/${s.id}/minutes`, { decision: 'publish' }),
  }),
  scenario({
    title: 'a member replies through the form: /api/threads/<id> counts it and /api/replies lists it',
    arrange: async () => ({ thread: await countyThread('rep'), body: `Reply ${unique('rep')}` }),
    looks: (s) => [
      { path: `/api/threads/${s.thread.id}`, before: { has: [s.thread.title], fields: { replyCount: 0 } }, after: { has: [s.thread.title], fields: { replyCount: 1 } } },
      { path: `/api/replies?where[thread][equals]=${s.thread.id}&limit=100`, before: { totalDocs: 0 }, after: { has: [s.body], totalDocs: 1 } },
    ],
    write: (s) => replyTo(people.replier, s.thread.id, s.body),
  }),
  scenario({
    title: "an admin opens a members' forum to visitors: its threads then appear in /api/threads and by id",
    arrange: () => countyThread('open', people.writer, NORTH),
    looks: (s) => [
      { path: `/api/threads?where[locality][equals]=${locality[NORTH]}&limit=1000`, before: { lacks: [s.title], ids: { lacks: [s.id] } }, after: { has: [s.title], ids: { has: [s.id] } } },
      { path: `/api/threads?where[locality][equals]=${locality[NORTH]}&limit=1000&depth=0`, before: { totalDocs: 0 }, after: { has: [s.title], ids: { has: [s.id] } } },
      // A list that already shows the public forum's threads (and so names a locality) but not this one.
      { path: '/api/threads?limit=1000', before: { lacks: [s.title], ids: { lacks: [s.id] } }, after: { has: [s.title], ids: { has: [s.id] } } },
      { path: `/api/threads?where[title][equals]=${q(s.title)}`, before: { totalDocs: 0 }, after: { totalDocs: 1, has: [s.title] } },
      { path: `/api/threads/${s.id}`, before: { status: GONE, lacks: [s.title] }, after: { has: [s.title] } },
    ],
    write: () => restOk(adminRest, 'PATCH', `/api/localities/${locality[NORTH]}`, { forumVisibility: 'public' }),
    cleanup: () => restOk(adminRest, 'PATCH', `/api/localities/${locality[NORTH]}`, { forumVisibility: 'members' }),
  }),
  scenario({
    title: "an admin makes the public forum members-only: its threads and replies are gone from visitors' REST",
    arrange: async () => {
      const thread = await countyThread('close')
      const body = `Reply ${unique('close')}`
      return { ...thread, reply: { id: await replyTo(people.replier, thread.id, body), title: body } }
    },
    looks: (s) => [
      // At depth 0 too, where the answer does not carry the locality.
      ...[
        `/api/threads/${s.id}`,
        `/api/threads/${s.id}?depth=0`,
        `/api/threads?where[locality][equals]=${locality[COUNTY]}&limit=1000`,
        `/api/threads?where[locality][equals]=${locality[COUNTY]}&limit=1000&depth=0`,
        `/api/threads?where[title][equals]=${q(s.title)}&depth=0`,
      ].map((path) => ({ path, before: shown(s, path), after: gone(s, path) })),
      ...[`/api/replies/${s.reply.id}`, `/api/replies?where[thread][equals]=${s.id}&limit=100`, `/api/replies?where[thread][equals]=${s.id}&limit=100&depth=0`].map((path) => ({
        path,
        before: shown(s.reply, path),
        after: gone(s.reply, path),
      })),
    ],
    write: () => restOk(adminRest, 'PATCH', `/api/localities/${locality[COUNTY]}`, { forumVisibility: 'members' }),
    cleanup: () => restOk(adminRest, 'PATCH', `/api/localities/${locality[COUNTY]}`, { forumVisibility: 'public' }),
  }),
  scenario({
    title: 'a member changes their display name on /account: the byline on their thread and reply in REST follows',
    arrange: async () => {
      const thread = await countyThread('name', people.renamer)
      const body = `Reply ${unique('name')}`
      await replyTo(people.renamer, thread.id, body)
      return { thread, oldName: memberNames.renamer, newName: `Renamed ${unique('')}`.slice(0, 40) }
    },
    looks: (s) =>
      [`/api/threads/${s.thread.id}`, `/api/threads?where[title][equals]=${q(s.thread.title)}`, `/api/replies?where[thread][equals]=${s.thread.id}&limit=100`].map((path) => ({
        path,
        before: { has: [s.oldName], lacks: [s.newName] },
        after: { has: [s.newName], lacks: [s.oldName] },
      })),
    write: (s) => submitForm(people.renamer, '/account', '/account', { displayName: s.newName }),
  }),
  scenario({
    title: 'a moderator erases a member (everything): their thread and reply are gone from REST, and so is their name',
    arrange: async () => {
      const theirs = await countyThread('eras', people.erasee)
      const other = await countyThread('erasw')
      const body = `Reply ${unique('eras')}`
      const replyId = await replyTo(people.erasee, other.id, body)
      return { theirs, other, body, replyId, name: memberNames.erasee }
    },
    looks: (s) => [
      { path: `/api/threads/${s.theirs.id}`, before: { has: [s.theirs.title, s.name] }, after: { status: GONE, lacks: [s.theirs.title, s.name] } },
      { path: `/api/threads?where[locality][equals]=${locality[COUNTY]}&limit=1000`, before: { has: [s.theirs.title, s.name] }, after: { lacks: [s.theirs.title, s.name] } },
      { path: `/api/replies/${s.replyId}`, before: { has: [s.body, s.name] }, after: { status: GONE, lacks: [s.body, s.name] } },
      { path: `/api/replies?where[thread][equals]=${s.other.id}&limit=100`, before: { has: [s.body, s.name] }, after: { lacks: [s.body, s.name] } },
    ],
    write: () => restOk(moderatorRest, 'POST', `/api/users/${memberIds.erasee}/erase`, { mode: 'everything' }),
  }),
  scenario({
    title: "a moderator corrects the description of a story's picture in the admin: /api/media/<id> and the story at depth 1 show it",
    arrange: async () => ({ ...(await storyWithCover('cover')), newAlt: `Picture ${unique('alt')}` }),
    looks: (s) =>
      [`/api/media/${s.mediaId}`, `/api/stories/${s.id}?depth=1`, `/api/stories?where[title][equals]=${q(s.title)}&depth=1`].map((path) => ({
        path,
        before: { has: [s.alt], lacks: [s.newAlt] },
        after: { has: [s.newAlt], lacks: [s.alt] },
      })),
    write: (s) => restOk(moderatorRest, 'PATCH', `/api/media/${s.mediaId}`, { alt: s.newAlt }),
  }),
]

// ---------------------------------------------------------------------------------------------
// Running a scenario
// ---------------------------------------------------------------------------------------------
async function run(s: Scenario) {
  const state = await s.arrange()
  const looks = s.looks(state)
  try {
    // (a) Each URL twice: the second must come from the cache (when it is a 200), still showing the old state.
    for (const look of looks) {
      const { second } = await visitorTwice(hostile.server, look.path)
      const label = `before the write, visitor ${look.path}`
      // A URL not cached at all (allowed only where caching is not promised) cannot be stale; it is still checked after the write.
      const uncachedAllowed = look.maybeUncached === true && second.cache === null
      if (!uncachedAllowed && (look.before.status ?? [200]).includes(200)) expect(second.cache, `${label}: the second request must be a cache hit (${describeRead(second)})`).toBe('hit')
      else if (!uncachedAllowed) expectCacheState(second, label)
      check(second, look.before, label)
    }
    // (b) The write, through the site or the admin.
    await s.write(state)
    // (c) The very next request for each URL shows the change.
    for (const look of looks) {
      const read = await visitorGet(hostile.server, look.path)
      // For the failure message only: the same request with the site's Origin, which the cache may not answer.
      const fresh = await visitorGet(hostile.server, look.path, { origin: new URL(hostile.server.url).origin })
      const label = `after the write, visitor ${look.path} (the same request with the site's Origin, uncached: ${describeRead(fresh)})`
      if (!(look.maybeUncached && read.cache === null)) expectCacheState(read, label, true)
      check(read, look.after, label, true)
    }
  } finally {
    await s.cleanup?.(state)
  }
}

describe('a write through the server is seen by the very next REST request', () => {
  test.each(SCENARIOS.map((s) => [s.title, s] as const))('%s', (_title, s) => run(s), 90_000)
})
