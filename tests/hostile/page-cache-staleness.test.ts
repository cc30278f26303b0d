// Hostile: the rendered-page cache never serves a page that a write has changed (issue 14, "Staleness").
//
// The scenarios are generated from the cache's own lists (src/cache/pageCollections.ts): every collection
// and global whose writes can change a cacheable page has at least one scenario here, or the coverage test
// fails, so a new collection cannot be forgotten. Each scenario
//   (a) reads the pages the write will change, twice, as the people who will look, and requires the second
//       answer to be a cache hit that still shows the old state (so the test really exercises the cache);
//   (b) makes the write the way a person would: a member through the site's forms, a moderator or an
//       admin through the admin's REST API;
//   (c) reads the same pages again, as the same people, and requires the change on every one.
// Writes go only through the server: a write from this process (the Local API) would be invisible to the
// server's hooks. The Local API here only creates the members in beforeAll, before any page is read, and
// reads ids.
import sharp from 'sharp'
import { beforeAll, describe, expect, test } from 'vitest'

import { awaitingReviewBanner } from '../../src/policies/postQueue.js'
import { FORMER_MEMBER } from '../../src/policies/privacy.js'
import { WebClient } from '../support/http.js'
import { createMember, DEFAULT_TEST_PASSWORD } from '../support/members.js'
import { readPage, readTwice, type Page } from '../support/pageCache.js'
import { RELAXED_LIMITS, updateSettings } from './forumHelpers.js'
import { settle, unique, useHostileServer } from './helpers.js'
import { asId, fromNow, moderateStory, planMeeting, replyTo, restAs, restOk, shareStory, signIn, startThread, submitForm, type Rest } from './pageCacheSite.js'

// ---------------------------------------------------------------------------------------------
// The cache's lists. Loaded by path so that this file (and `npm run typecheck`) does not depend on the
// module before the cache lands; until then every test in the file fails here.
// ---------------------------------------------------------------------------------------------
type PageLists = {
  PAGE_COLLECTIONS: readonly string[]
  NOT_ON_PAGES: Readonly<Record<string, string>>
  PAGE_GLOBALS: readonly string[]
  GLOBALS_NOT_ON_PAGES: Readonly<Record<string, string>>
}
const LISTS_MODULE = '../../src/cache/pageCollections.js'
const lists: PageLists = await import(/* @vite-ignore */ LISTS_MODULE).catch((error: Error) => {
  throw new Error(`src/cache/pageCollections.ts could not be loaded (the page cache has not landed?): ${error.message}`)
})

const hostile = useHostileServer('page-cache-staleness')
const COUNTY = 'lancashire-county' // the public forum: visitors read its threads
const NORTH = 'lancashire-north' // a members-only forum

// ---------------------------------------------------------------------------------------------
// The people and places, made before any page is read
// ---------------------------------------------------------------------------------------------
type Member = Awaited<ReturnType<typeof createMember>>
type Person = { member: Member; client: WebClient }

let visitor: WebClient
let moderatorRest: Rest
let adminRest: Rest
let moderatorSite: WebClient
const locality: Record<string, number | string> = {}
const people = {} as Record<'writer' | 'flagger' | 'author' | 'renamer' | 'erasee' | 'leaver' | 'newcomer' | 'troubled', Person>

beforeAll(async () => {
  const { payload, server } = hostile
  // Posting limits would get in the way of the arrangement; they have their own tests.
  await updateSettings(hostile, { ...RELAXED_LIMITS, flagHideThreshold: 3 })
  const found = await payload.find({ collection: 'localities', overrideAccess: true, depth: 0, limit: 100 })
  for (const doc of found.docs) locality[String(doc.slug)] = doc.id
  const established = ['writer', 'flagger', 'renamer', 'erasee', 'leaver'] as const
  for (const key of ['writer', 'flagger', 'author', 'renamer', 'erasee', 'leaver', 'newcomer', 'troubled'] as const) {
    const member = await settle(() => createMember(payload, { displayName: `${key[0]!.toUpperCase()}${key.slice(1)} ${unique('')}`.slice(0, 40) }))
    // Established members (3 approved posts) post at once; the newcomer and the troubled member are pre-moderated.
    if ((established as readonly string[]).includes(key)) {
      await settle(() => payload.update({ collection: 'users', id: member.id, data: { approvedPostCount: 3 } as never, overrideAccess: true }))
    }
    people[key] = { member, client: undefined as unknown as WebClient }
  }
  for (const person of Object.values(people)) person.client = await signIn(server, person.member.email, DEFAULT_TEST_PASSWORD)
  visitor = new WebClient(server.url)
  moderatorRest = await restAs(server, 'moderator@waymark.example', server.seedPassword)
  adminRest = await restAs(server, 'admin@waymark.example', server.seedPassword)
  moderatorSite = await signIn(server, 'moderator@waymark.example', server.seedPassword)
}, 120_000)

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------
type Check = { status?: number | number[]; has?: string[]; lacks?: string[] }
type Look = { who: WebClient; as: string; path: string; before: Check; after: Check }
type Scenario<S = any> = {
  /** The collections and globals this write goes through (the scenario counts for each). */
  slugs: string[]
  title: string
  arrange: () => Promise<S>
  looks: (state: S) => Look[]
  write: (state: S) => Promise<unknown>
  /** Puts shared things (localities, settings) back, through the same doors. */
  cleanup?: (state: S) => Promise<unknown>
}
const scenario = <S>(s: Scenario<S>): Scenario => s as Scenario

const slugOf = async (storyId: string) => String((await hostile.payload.findByID({ collection: 'stories', id: storyId, overrideAccess: true, depth: 0 })).slug)

/** A story shared through the site and approved by a moderator in the admin. */
async function publishedStory(author: Person, key: string, options: { byline?: 'display-name' | 'anonymous'; cover?: { png: Buffer; alt: string }; theme?: string } = {}) {
  const title = `Story ${unique(key)}`
  const id = await shareStory(
    author.client,
    { title, summary: `Summary of ${title}`, body: `What happened to ${title}, in my own words.`, localityId: locality[NORTH]!, byline: options.byline, theme: options.theme },
    options.cover,
  )
  await moderateStory(moderatorRest, id, 'approve')
  return { id, title, slug: await slugOf(id) }
}

/** One reader's session finds both stories helpful, the first named first: the pair gains one reader. */
async function bothHelpful(reader: WebClient, ...stories: { slug: string }[]) {
  for (const story of stories) await submitForm(reader, `/stories/${story.slug}`, `/stories/${story.slug}/feedback`, { hope: '5', connection: '4' })
}

/** A published thread in the public county forum, by the established writer (or `by`). */
async function countyThread(key: string, by: Person = people.writer) {
  const title = `Thread ${unique(key)}`
  const id = await startThread(by.client, COUNTY, title, `Opening words of ${title}.`)
  return { id, title }
}

/** The troubled member's reply with crisis words, held for the safeguarding leads (made once, used twice). */
let heldReply: Promise<{ threadId: string; alertId: string }> | undefined
function crisisReply() {
  heldReply ??= (async () => {
    const thread = await countyThread('crisis')
    await replyTo(people.troubled.client, thread.id, 'I feel suicidal and I do not know who to tell.')
    const alerts = await hostile.payload.find({ collection: 'crisis-alerts', where: { member: { equals: people.troubled.member.id } }, overrideAccess: true, depth: 0, limit: 1 })
    const alert = alerts.docs[0]
    if (!alert) throw new Error('Arrange failed: the crisis reply raised no crisis alert')
    return { threadId: thread.id, alertId: String(alert.id) }
  })()
  return heldReply
}

async function pastMeetingRecordedByModerator(key: string) {
  const title = `Past meeting ${unique(key)}`
  const id = await planMeeting(moderatorRest, { localityId: locality[COUNTY]!, title, startsAt: fromNow(-50 * 3600_000), endsAt: fromNow(-48 * 3600_000) })
  const minutes = `Minutes ${unique(key)}: we agreed to meet again.`
  await submitForm(moderatorSite, `/meetings/${id}/close`, `/meetings/${id}/close`, { attendanceTotal: '12', firstTimers: '3', minutes, minutesVisibility: 'public' })
  return { id, title, minutes }
}

const tinyPng = () =>
  sharp({ create: { width: 32, height: 32, channels: 3, background: '#446688' } })
    .png()
    .toBuffer()

const SCENARIOS: Scenario[] = [
  scenario({
    slugs: ['stories'],
    title: 'a moderator approves a story in the admin: it appears on its page, the lists, the feeds and the sitemap',
    arrange: async () => {
      const title = `Story ${unique('appr')}`
      const id = await shareStory(people.author.client, { title, summary: `About ${title}`, body: `The text of ${title}.`, localityId: locality[NORTH]! })
      return { id, title, slug: await slugOf(id) }
    },
    looks: (s) => [
      { who: visitor, as: 'visitor', path: `/stories/${s.slug}`, before: { status: 404, lacks: [s.title] }, after: { status: 200, has: [s.title] } },
      { who: visitor, as: 'visitor', path: '/stories', before: { lacks: [s.title] }, after: { has: [s.title] } },
      { who: visitor, as: 'visitor', path: `/localities/${NORTH}`, before: { lacks: [s.title] }, after: { has: [s.title] } },
      { who: visitor, as: 'visitor', path: '/feed.xml', before: { lacks: [s.title] }, after: { has: [s.title] } },
      { who: visitor, as: 'visitor', path: '/sitemap-1.xml', before: { lacks: [s.slug] }, after: { has: [s.slug] } },
    ],
    write: (s) => moderateStory(moderatorRest, s.id, 'approve'),
  }),
  scenario({
    slugs: ['stories'],
    title: 'a moderator unpublishes a story: it is gone from its page, the lists and the feed',
    arrange: () => publishedStory(people.author, 'unpub'),
    looks: (s) => [
      { who: visitor, as: 'visitor', path: `/stories/${s.slug}`, before: { status: 200, has: [s.title] }, after: { status: [404, 410], lacks: [s.title] } },
      { who: people.writer.client, as: 'member', path: `/stories/${s.slug}`, before: { status: 200, has: [s.title] }, after: { status: [404, 410], lacks: [s.title] } },
      { who: visitor, as: 'visitor', path: '/stories', before: { has: [s.title] }, after: { lacks: [s.title] } },
      { who: visitor, as: 'visitor', path: '/feed.xml', before: { has: [s.title] }, after: { lacks: [s.title] } },
    ],
    write: (s) => moderateStory(moderatorRest, s.id, 'unpublish', 'It names someone.'),
  }),
  scenario({
    slugs: ['consents'],
    title: 'the author signs the story with a pen name instead: its page, the list and the feed show the pen name',
    arrange: async () => ({ ...(await publishedStory(people.author, 'pen')), penName: `Pen ${unique('')}`.slice(0, 30) }),
    looks: (s) => [
      { who: visitor, as: 'visitor', path: `/stories/${s.slug}`, before: { has: [s.title], lacks: [s.penName] }, after: { has: [s.title, s.penName] } },
      { who: visitor, as: 'visitor', path: '/stories', before: { lacks: [s.penName] }, after: { has: [s.penName] } },
      { who: visitor, as: 'visitor', path: '/feed.xml', before: { lacks: [s.penName] }, after: { has: [s.penName] } },
    ],
    write: (s) =>
      submitForm(people.author.client, `/account/stories/${s.id}`, `/account/stories/${s.id}/consent`, {
        audience: 'public',
        byline: 'pen-name',
        penName: s.penName,
        quoteInReports: 'no',
        agree: 'on',
      }),
  }),
  scenario({
    slugs: ['consents', 'stories'],
    title: 'the author withdraws consent: 410 on its page, gone from the lists, the locality page, the feed and the sitemap',
    arrange: () => publishedStory(people.author, 'wdr'),
    looks: (s) => [
      { who: visitor, as: 'visitor', path: `/stories/${s.slug}`, before: { status: 200, has: [s.title] }, after: { status: 410, lacks: [s.title] } },
      { who: people.writer.client, as: 'member', path: `/stories/${s.slug}`, before: { status: 200, has: [s.title] }, after: { status: 410, lacks: [s.title] } },
      { who: visitor, as: 'visitor', path: '/stories', before: { has: [s.title] }, after: { lacks: [s.title, s.slug] } },
      { who: visitor, as: 'visitor', path: `/stories?locality=${NORTH}&theme=connection`, before: { has: [s.title] }, after: { lacks: [s.title, s.slug] } },
      { who: visitor, as: 'visitor', path: `/localities/${NORTH}`, before: { has: [s.title] }, after: { lacks: [s.title, s.slug] } },
      { who: visitor, as: 'visitor', path: '/feed.xml', before: { has: [s.title] }, after: { lacks: [s.title, s.slug] } },
      { who: visitor, as: 'visitor', path: '/sitemap-1.xml', before: { has: [s.slug] }, after: { lacks: [s.slug] } },
    ],
    write: (s) => submitForm(people.author.client, `/account/stories/${s.id}/withdraw`, `/account/stories/${s.id}/withdraw`, {}),
  }),
  scenario({
    slugs: ['media'],
    title: "a moderator corrects the description of a story's picture in the admin: the story page shows the new one",
    arrange: async () => {
      const oldAlt = `Picture ${unique('alt')}`
      const story = await publishedStory(people.author, 'cover', { cover: { png: await tinyPng(), alt: oldAlt } })
      const stored = await hostile.payload.findByID({ collection: 'stories', id: story.id, overrideAccess: true, depth: 0 })
      return { ...story, oldAlt, newAlt: `Picture ${unique('alt')}`, mediaId: String(stored.coverImage) }
    },
    looks: (s) => [{ who: visitor, as: 'visitor', path: `/stories/${s.slug}`, before: { has: [s.title, s.oldAlt], lacks: [s.newAlt] }, after: { has: [s.newAlt], lacks: [s.oldAlt] } }],
    write: (s) => restOk(moderatorRest, 'PATCH', `/api/media/${s.mediaId}`, { alt: s.newAlt }),
  }),
  scenario({
    slugs: ['threads'],
    title: "a member starts a thread in the public forum: the forum's page and feed list it",
    arrange: async () => ({ title: `Thread ${unique('new')}` }),
    looks: (s) => [
      { who: visitor, as: 'visitor', path: `/localities/${COUNTY}`, before: { lacks: [s.title] }, after: { has: [s.title] } },
      { who: people.flagger.client, as: 'member', path: `/localities/${COUNTY}`, before: { lacks: [s.title] }, after: { has: [s.title] } },
      { who: visitor, as: 'visitor', path: `/localities/${COUNTY}/feed.xml`, before: { lacks: [s.title] }, after: { has: [s.title] } },
    ],
    write: (s) => startThread(people.writer.client, COUNTY, s.title, `Opening words of ${s.title}.`),
  }),
  scenario({
    slugs: ['threads'],
    title: 'a moderator hides a thread in the admin: its page is gone, and so is its place in the forum and the feed',
    arrange: () => countyThread('hide'),
    looks: (s) => [
      { who: visitor, as: 'visitor', path: `/threads/${s.id}`, before: { status: 200, has: [s.title] }, after: { status: 404, lacks: [s.title] } },
      { who: people.flagger.client, as: 'member', path: `/threads/${s.id}`, before: { status: 200, has: [s.title] }, after: { status: 404, lacks: [s.title] } },
      { who: visitor, as: 'visitor', path: `/localities/${COUNTY}`, before: { has: [s.title] }, after: { lacks: [s.title] } },
      { who: visitor, as: 'visitor', path: `/localities/${COUNTY}/feed.xml`, before: { has: [s.title] }, after: { lacks: [s.title] } },
    ],
    write: (s) => restOk(moderatorRest, 'POST', `/api/threads/${s.id}/moderate`, { action: 'hide', reason: 'Under review.' }),
  }),
  scenario({
    slugs: ['replies'],
    title: 'a member replies: the thread shows the reply, and the forum page the new count',
    arrange: async () => ({ ...(await countyThread('rep')), body: `Reply ${unique('rep')}` }),
    looks: (s) => [
      { who: visitor, as: 'visitor', path: `/threads/${s.id}`, before: { has: [s.title, '0 replies'], lacks: [s.body] }, after: { has: [s.body, '1 reply'] } },
      { who: people.flagger.client, as: 'member', path: `/threads/${s.id}`, before: { lacks: [s.body] }, after: { has: [s.body] } },
    ],
    write: (s) => replyTo(people.flagger.client, s.id, `${s.body}: the same happened to me.`),
  }),
  scenario({
    slugs: ['replies'],
    title: 'a moderator removes a reply in the admin: the thread no longer shows it',
    arrange: async () => {
      const thread = await countyThread('rm')
      const body = `Reply ${unique('rm')}`
      const replyId = await replyTo(people.flagger.client, thread.id, body)
      return { ...thread, body, replyId }
    },
    looks: (s) => [{ who: visitor, as: 'visitor', path: `/threads/${s.id}`, before: { has: [s.body] }, after: { lacks: [s.body] } }],
    write: (s) => restOk(moderatorRest, 'POST', `/api/replies/${s.replyId}/moderate`, { action: 'remove', reason: 'Off topic.' }),
  }),
  scenario({
    slugs: ['flags'],
    title: "a member's flag hides a reply (the admin set one flag to be enough): the thread no longer shows it",
    arrange: async () => {
      await restOk(adminRest, 'POST', '/api/globals/moderation-settings', { flagHideThreshold: 1 })
      const thread = await countyThread('flag')
      const body = `Reply ${unique('flag')}`
      const replyId = await replyTo(people.writer.client, thread.id, body)
      return { ...thread, body, replyId }
    },
    looks: (s) => [
      { who: visitor, as: 'visitor', path: `/threads/${s.id}`, before: { has: [s.body] }, after: { lacks: [s.body] } },
      { who: people.author.client, as: 'member', path: `/threads/${s.id}`, before: { has: [s.body] }, after: { lacks: [s.body] } },
    ],
    // The flag form under the reply (the first on the page is the thread's: its target is changed to the reply).
    write: (s) => submitForm(people.flagger.client, `/threads/${s.id}`, '/flags', { targetCollection: 'replies', targetId: s.replyId, reason: 'spam', note: '' }),
    cleanup: () => restOk(adminRest, 'POST', '/api/globals/moderation-settings', { flagHideThreshold: 3 }),
  }),
  scenario({
    slugs: ['meetings'],
    title: "a moderator renames a meeting in the admin: the meetings page, the meeting's page, the locality page and every calendar show the new title",
    arrange: async () => {
      const oldTitle = `Meeting ${unique('ren')}`
      // Sooner than any seeded meeting, so it is the county's next meeting.
      const id = await planMeeting(moderatorRest, { localityId: locality[COUNTY]!, title: oldTitle, startsAt: fromNow(26 * 3600_000), endsAt: fromNow(28 * 3600_000) })
      return { id, oldTitle, newTitle: `Meeting ${unique('ren')}` }
    },
    looks: (s) => [
      ...['/meetings', `/meetings/${s.id}`, `/localities/${COUNTY}`, '/meetings.ics', `/localities/${COUNTY}/meetings.ics`, `/meetings/${s.id}/calendar.ics`].map((path) => ({
        who: visitor,
        as: 'visitor',
        path,
        before: { has: [s.oldTitle], lacks: [s.newTitle] },
        after: { has: [s.newTitle], lacks: [s.oldTitle] },
      })),
      { who: people.writer.client, as: 'member', path: `/meetings/${s.id}`, before: { has: [s.oldTitle] }, after: { has: [s.newTitle], lacks: [s.oldTitle] } },
    ],
    write: (s) => restOk(moderatorRest, 'PATCH', `/api/meetings/${s.id}`, { title: s.newTitle }),
  }),
  scenario({
    slugs: ['meetings'],
    title: "a moderator publishes a meeting's minutes through the meeting's page: visitors read them",
    arrange: async () => {
      const meeting = await pastMeetingRecordedByModerator('min')
      await submitForm(moderatorSite, `/meetings/${meeting.id}`, `/meetings/${meeting.id}/minutes`, { decision: 'approve' })
      return meeting
    },
    looks: (s) => [
      { who: visitor, as: 'visitor', path: `/meetings/${s.id}`, before: { has: [s.title], lacks: [s.minutes] }, after: { has: [s.minutes] } },
      { who: people.writer.client, as: 'member', path: `/meetings/${s.id}`, before: { lacks: [s.minutes] }, after: { has: [s.minutes] } },
    ],
    write: (s) => submitForm(moderatorSite, `/meetings/${s.id}`, `/meetings/${s.id}/minutes`, { decision: 'publish' }),
  }),
  scenario({
    slugs: ['actions'],
    title: 'a moderator records what a meeting raised, then marks it done: "You said, we did" and the meeting page follow',
    arrange: async () => {
      const meetingId = await planMeeting(moderatorRest, { localityId: locality[COUNTY]!, title: `Meeting ${unique('act')}`, startsAt: fromNow(30 * 3600_000), endsAt: fromNow(32 * 3600_000) })
      const description = `Raised ${unique('act')}`
      const action = await restOk(moderatorRest, 'POST', '/api/actions', { description, meeting: asId(meetingId), status: 'open', owner: 'The chair' })
      return { meetingId, actionId: String(action.doc.id), description, outcome: `Outcome ${unique('act')}` }
    },
    looks: (s) => [
      { who: visitor, as: 'visitor', path: '/you-said-we-did', before: { has: [s.description], lacks: [s.outcome] }, after: { has: [s.description, s.outcome] } },
      { who: visitor, as: 'visitor', path: `/meetings/${s.meetingId}`, before: { has: [s.description], lacks: [s.outcome] }, after: { has: [s.outcome] } },
    ],
    write: (s) => restOk(moderatorRest, 'PATCH', `/api/actions/${s.actionId}`, { status: 'done', outcome: s.outcome }),
  }),
  scenario({
    slugs: ['actions'],
    title: 'a moderator adds an action raised in a thread: "You said, we did" lists it',
    arrange: async () => ({ description: `Raised ${unique('new')}`, threadId: (await countyThread('act')).id }),
    looks: (s) => [{ who: visitor, as: 'visitor', path: '/you-said-we-did', before: { lacks: [s.description] }, after: { has: [s.description] } }],
    write: (s) => restOk(moderatorRest, 'POST', '/api/actions', { description: s.description, thread: asId(s.threadId), status: 'open' }),
  }),
  scenario({
    slugs: ['localities'],
    title: "an admin renames a locality: every page's navigation shows the new name",
    arrange: async () => {
      const stored = await hostile.payload.findByID({ collection: 'localities', id: locality[COUNTY]!, overrideAccess: true, depth: 0 })
      const thread = await countyThread('loc')
      return { oldName: String(stored.name), newName: `County ${unique('')}`, threadId: thread.id }
    },
    looks: (s) =>
      ['/', '/stories', '/meetings', '/you-said-we-did', `/localities/${COUNTY}`, `/threads/${s.threadId}`].flatMap((path) => [
        { who: visitor, as: 'visitor', path, before: { lacks: [s.newName] }, after: { has: [s.newName] } },
        { who: people.writer.client, as: 'member', path, before: { lacks: [s.newName] }, after: { has: [s.newName] } },
      ]),
    write: (s) => restOk(adminRest, 'PATCH', `/api/localities/${locality[COUNTY]}`, { name: s.newName }),
    cleanup: (s) => restOk(adminRest, 'PATCH', `/api/localities/${locality[COUNTY]}`, { name: s.oldName }),
  }),
  scenario({
    slugs: ['localities'],
    title: "an admin opens a members' forum to visitors: visitors then read its threads",
    arrange: async () => {
      const title = `Thread ${unique('open')}`
      const id = await startThread(people.writer.client, NORTH, title, `Opening words of ${title}.`)
      return { id, title }
    },
    looks: (s) => [
      { who: visitor, as: 'visitor', path: `/localities/${NORTH}`, before: { lacks: [s.title] }, after: { has: [s.title] } },
      { who: visitor, as: 'visitor', path: `/threads/${s.id}`, before: { status: 404, lacks: [s.title] }, after: { status: 200, has: [s.title] } },
      { who: people.flagger.client, as: 'member', path: `/threads/${s.id}`, before: { status: 200, has: [s.title] }, after: { status: 200, has: [s.title] } },
    ],
    write: () => restOk(adminRest, 'PATCH', `/api/localities/${locality[NORTH]}`, { forumVisibility: 'public' }),
    cleanup: () => restOk(adminRest, 'PATCH', `/api/localities/${locality[NORTH]}`, { forumVisibility: 'members' }),
  }),
  scenario({
    slugs: ['users'],
    title: "a member changes their display name on /account: their posts, their story's byline, the forum page and the feed follow",
    arrange: async () => {
      const thread = await countyThread('name', people.renamer)
      const story = await publishedStory(people.renamer, 'name', { byline: 'display-name' })
      return { thread, story, oldName: people.renamer.member.displayName, newName: `Renamed ${unique('')}`.slice(0, 40) }
    },
    looks: (s) => [
      { who: visitor, as: 'visitor', path: `/threads/${s.thread.id}`, before: { has: [s.oldName] }, after: { has: [s.newName], lacks: [s.oldName] } },
      { who: visitor, as: 'visitor', path: `/localities/${COUNTY}`, before: { has: [s.oldName] }, after: { has: [s.newName], lacks: [s.oldName] } },
      { who: visitor, as: 'visitor', path: `/stories/${s.story.slug}`, before: { has: [s.oldName] }, after: { has: [s.newName], lacks: [s.oldName] } },
      { who: visitor, as: 'visitor', path: '/stories', before: { has: [s.oldName] }, after: { has: [s.newName], lacks: [s.oldName] } },
      { who: visitor, as: 'visitor', path: '/feed.xml', before: { has: [s.oldName] }, after: { has: [s.newName], lacks: [s.oldName] } },
      { who: people.writer.client, as: 'member', path: `/threads/${s.thread.id}`, before: { has: [s.oldName] }, after: { has: [s.newName], lacks: [s.oldName] } },
      // Their own header is a personal part: it follows too.
      { who: people.renamer.client, as: 'the member', path: '/stories', before: { has: [s.oldName] }, after: { has: [s.newName], lacks: [s.oldName] } },
    ],
    write: (s) => submitForm(people.renamer.client, '/account', '/account', { displayName: s.newName }),
  }),
  scenario({
    slugs: ['users', 'erasure-log', 'stories', 'consents', 'threads', 'replies'],
    title: 'a moderator erases a member (everything): their name, posts and story are gone from every page',
    arrange: async () => {
      const theirThread = await countyThread('eras', people.erasee)
      const otherThread = await countyThread('erasw')
      const replyBody = `Reply ${unique('eras')}`
      await replyTo(people.erasee.client, otherThread.id, replyBody)
      const story = await publishedStory(people.erasee, 'eras', { byline: 'display-name' })
      return { theirThread, otherThread, replyBody, story, name: people.erasee.member.displayName }
    },
    looks: (s) => [
      { who: visitor, as: 'visitor', path: `/threads/${s.otherThread.id}`, before: { has: [s.replyBody, s.name] }, after: { status: 200, lacks: [s.replyBody, s.name] } },
      // Their thread had no replies from anyone else: it is deleted (a 404), or at most a "deleted conversation".
      { who: visitor, as: 'visitor', path: `/threads/${s.theirThread.id}`, before: { status: 200, has: [s.theirThread.title] }, after: { status: [200, 404], lacks: [s.theirThread.title, s.name] } },
      { who: people.writer.client, as: 'member', path: `/threads/${s.otherThread.id}`, before: { has: [s.replyBody] }, after: { lacks: [s.replyBody, s.name] } },
      { who: visitor, as: 'visitor', path: `/localities/${COUNTY}`, before: { has: [s.theirThread.title] }, after: { lacks: [s.theirThread.title, s.name] } },
      { who: visitor, as: 'visitor', path: `/stories/${s.story.slug}`, before: { status: 200, has: [s.story.title] }, after: { status: [404, 410], lacks: [s.story.title, s.name] } },
      { who: visitor, as: 'visitor', path: '/stories', before: { has: [s.story.title] }, after: { lacks: [s.story.title, s.name] } },
      { who: visitor, as: 'visitor', path: '/feed.xml', before: { has: [s.story.title] }, after: { lacks: [s.story.title, s.name] } },
      { who: visitor, as: 'visitor', path: `/localities/${COUNTY}/feed.xml`, before: { has: [s.theirThread.title] }, after: { lacks: [s.theirThread.title, s.name] } },
      { who: visitor, as: 'visitor', path: '/sitemap-1.xml', before: { has: [s.story.slug] }, after: { lacks: [s.story.slug] } },
    ],
    write: () => restOk(moderatorRest, 'POST', `/api/users/${people.erasee.member.id}/erase`, { mode: 'everything' }),
  }),
  scenario({
    slugs: ['users', 'erasure-log', 'replies'],
    title: 'a member deletes their own account and keeps their posts: the posts stay, signed "a former member"',
    arrange: async () => {
      const thread = await countyThread('leave')
      const replyBody = `Reply ${unique('leave')}`
      await replyTo(people.leaver.client, thread.id, replyBody)
      return { thread, replyBody, name: people.leaver.member.displayName }
    },
    looks: (s) => [
      { who: visitor, as: 'visitor', path: `/threads/${s.thread.id}`, before: { has: [s.replyBody, s.name] }, after: { has: [s.replyBody, FORMER_MEMBER], lacks: [s.name] } },
      { who: people.writer.client, as: 'member', path: `/threads/${s.thread.id}`, before: { has: [s.name] }, after: { has: [s.replyBody, FORMER_MEMBER], lacks: [s.name] } },
    ],
    write: () => submitForm(people.leaver.client, '/account/delete', '/account/delete', { password: DEFAULT_TEST_PASSWORD, mode: 'keep-posts', confirm: 'on' }),
  }),
  scenario({
    slugs: ['moderation-settings'],
    title: 'an admin changes how soon posts are reviewed: the waiting member sees the new promise on their pending reply',
    arrange: async () => {
      const thread = await countyThread('rh')
      const body = `Pending ${unique('rh')}`
      await submitForm(people.newcomer.client, `/threads/${thread.id}`, `/threads/${thread.id}/replies`, { body })
      const settings = await hostile.payload.findGlobal({ slug: 'moderation-settings', overrideAccess: true, depth: 0 })
      const hours = Number(settings.reviewHours)
      return { thread, body, oldHours: hours, newHours: hours + 7 }
    },
    looks: (s) => [
      {
        who: people.newcomer.client,
        as: 'the waiting member',
        path: `/threads/${s.thread.id}`,
        before: { has: [s.body, awaitingReviewBanner(s.oldHours)] },
        after: { has: [s.body, awaitingReviewBanner(s.newHours)], lacks: [awaitingReviewBanner(s.oldHours)] },
      },
      { who: visitor, as: 'visitor', path: `/threads/${s.thread.id}`, before: { lacks: [s.body] }, after: { lacks: [s.body] } },
    ],
    write: (s) => restOk(adminRest, 'POST', '/api/globals/moderation-settings', { reviewHours: s.newHours }),
    cleanup: (s) => restOk(adminRest, 'POST', '/api/globals/moderation-settings', { reviewHours: s.oldHours }),
  }),
  scenario({
    slugs: ['meeting-settings'],
    title: 'an admin requires a second moderator for minutes: the recording moderator no longer sees "Approve the minutes"',
    arrange: () => pastMeetingRecordedByModerator('two'),
    looks: (s) => [
      { who: moderatorSite, as: 'the recording moderator', path: `/meetings/${s.id}`, before: { has: [s.minutes, 'value="approve"'] }, after: { has: [s.minutes], lacks: ['value="approve"'] } },
    ],
    write: () => restOk(adminRest, 'POST', '/api/globals/meeting-settings', { minutesNeedSecondModerator: true }),
    cleanup: () => restOk(adminRest, 'POST', '/api/globals/meeting-settings', { minutesNeedSecondModerator: false }),
  }),
  scenario({
    slugs: ['privacy-settings'],
    title: 'an admin changes how long unconfirmed accounts are kept: the privacy notice states the new period',
    arrange: async () => {
      const settings = await hostile.payload.findGlobal({ slug: 'privacy-settings', overrideAccess: true, depth: 0 })
      const days = Number(settings.unverifiedAccountDays)
      return { oldDays: days, newDays: days + 9 }
    },
    looks: (s) => [
      {
        who: visitor,
        as: 'visitor',
        path: '/privacy-notice',
        before: { has: [`deleted after ${s.oldDays} days`] },
        after: { has: [`deleted after ${s.newDays} days`], lacks: [`deleted after ${s.oldDays} days`] },
      },
    ],
    write: (s) => restOk(adminRest, 'POST', '/api/globals/privacy-settings', { unverifiedAccountDays: s.newDays }),
    cleanup: (s) => restOk(adminRest, 'POST', '/api/globals/privacy-settings', { unverifiedAccountDays: s.oldDays }),
  }),
  scenario({
    slugs: ['join-codes'],
    title: "a moderator opens a join code on the meeting's page: the page shows the code to its moderators",
    arrange: async () => {
      const title = `Meeting ${unique('code')}`
      const id = await planMeeting(moderatorRest, { localityId: locality[COUNTY]!, title, startsAt: fromNow(3 * 3600_000), endsAt: fromNow(5 * 3600_000) })
      return { id, title }
    },
    looks: (s) => [
      { who: moderatorSite, as: 'moderator', path: `/meetings/${s.id}`, before: { has: ['No join code is open for this meeting.'], lacks: ['data-join-code='] }, after: { has: ['data-join-code='] } },
      // The code is for the meeting's moderators only: never served from their entry to anyone else.
      { who: visitor, as: 'visitor', path: `/meetings/${s.id}`, before: { lacks: ['data-join-code='] }, after: { lacks: ['data-join-code='] } },
      { who: people.writer.client, as: 'member', path: `/meetings/${s.id}`, before: { lacks: ['data-join-code='] }, after: { lacks: ['data-join-code='] } },
    ],
    write: (s) => submitForm(moderatorSite, `/meetings/${s.id}`, `/meetings/${s.id}/join-code`, { hours: '3' }),
  }),
  scenario({
    slugs: ['crisis-services'],
    title: "a moderator adds a local crisis service: the crisis panel on the member's held reply lists it",
    arrange: async () => ({ ...(await crisisReply()), service: `Helpline ${unique('svc')}` }),
    looks: (s) => [{ who: people.troubled.client, as: 'the member whose reply is held', path: `/threads/${s.threadId}`, before: { lacks: [s.service] }, after: { has: [s.service] } }],
    write: (s) => restOk(moderatorRest, 'POST', '/api/crisis-services', { locality: locality[COUNTY], name: s.service, phone: '0800 123 456', hours: '24 hours' }),
  }),
  scenario({
    slugs: ['volunteer-opportunities'],
    title: 'a moderator adds a volunteering role: /volunteer lists it at once',
    arrange: async () => ({ role: `Role ${unique('vol')}` }),
    looks: (s) => [
      { who: visitor, as: 'visitor', path: '/volunteer', before: { lacks: [s.role] }, after: { has: [s.role] } },
      { who: visitor, as: 'visitor', path: `/volunteer?locality=${COUNTY}`, before: { lacks: [s.role] }, after: { has: [s.role] } },
    ],
    write: (s) =>
      restOk(moderatorRest, 'POST', '/api/volunteer-opportunities', {
        title: s.role,
        kind: 'volunteer',
        locality: locality[COUNTY],
        commitment: 'Weekly',
        contactRole: 'Volunteer coordinator',
        description: 'A role added in the admin.',
      }),
  }),
  scenario({
    slugs: ['volunteer-interests'],
    title: 'a member says they are interested: their own page of the role shows where it stands (a visitor’s does not change)',
    arrange: async () => {
      const created = await restOk(moderatorRest, 'POST', '/api/volunteer-opportunities', {
        title: `Role ${unique('int')}`,
        kind: 'peer-mentor',
        locality: locality[COUNTY],
        commitment: 'Weekly',
        contactRole: 'Volunteer coordinator',
        description: 'A role to be interested in.',
      })
      return { id: String(created.doc.id) }
    },
    looks: (s) => [
      {
        who: people.author.client,
        as: 'the member',
        path: `/volunteer/${s.id}`,
        before: { has: [`/volunteer/${s.id}/interest`], lacks: ['Where it stands'] },
        after: { has: ['Where it stands'], lacks: [`/volunteer/${s.id}/interest`] },
      },
      { who: visitor, as: 'visitor', path: `/volunteer/${s.id}`, before: { lacks: ['Where it stands'] }, after: { lacks: ['Where it stands'] } },
    ],
    write: (s) => submitForm(people.author.client, `/volunteer/${s.id}`, `/volunteer/${s.id}/interest`, { note: 'Weekends suit me.' }),
  }),
  scenario({
    slugs: ['directory-entries'],
    title: "a moderator approves a member's directory suggestion: the directory and the locality page list it",
    arrange: async () => {
      const name = `Aaa Drop-in ${unique('dir')}`
      await submitForm(people.writer.client, '/directory/suggest', '/directory/suggest', { name, kind: 'housing', locality: COUNTY, meets: 'Mon 10:00' })
      const found = await hostile.payload.find({ collection: 'directory-entries', where: { name: { equals: name } }, overrideAccess: true, depth: 0 })
      return { name, id: String(found.docs[0]!.id) }
    },
    looks: (s) => [
      { who: visitor, as: 'a visitor', path: `/directory?locality=${COUNTY}`, before: { lacks: [s.name] }, after: { has: [s.name] } },
      { who: visitor, as: 'a visitor', path: `/localities/${COUNTY}`, before: { lacks: [s.name] }, after: { has: [s.name] } },
    ],
    write: (s) => restOk(moderatorRest, 'PATCH', `/api/directory-entries/${s.id}`, { status: 'approved' }),
  }),
  scenario({
    slugs: ['story-tags'],
    title: 'a moderator renames an experience tag: the page of a story carrying it says the new name at once',
    arrange: async () => {
      const tagged = await hostile.payload.find({
        collection: 'stories',
        where: { and: [{ status: { equals: 'published' } }, { consentAudience: { equals: 'public' } }, { experienceTags: { exists: true } }] },
        overrideAccess: true,
        depth: 1,
        limit: 1,
      })
      const story = tagged.docs[0] as any
      const tag = story?.experienceTags?.[0]
      if (!story || !tag?.id) throw new Error('Arrange failed: the demo has no public story with an experience tag')
      return { slug: String(story.slug), id: String(tag.id), old: String(tag.label), renamed: `Renamed ${unique('tag')}` }
    },
    looks: (s) => [{ who: visitor, as: 'a visitor', path: `/stories/${s.slug}`, before: { has: [s.old], lacks: [s.renamed] }, after: { has: [s.renamed] } }],
    write: (s) => restOk(moderatorRest, 'PATCH', `/api/story-tags/${s.id}`, { label: s.renamed }),
    cleanup: (s) => restOk(moderatorRest, 'PATCH', `/api/story-tags/${s.id}`, { label: s.old }),
  }),
  scenario({
    slugs: ['story-pair-marks'],
    title: 'a fifth reader finds two stories helpful: "readers who found this helpful also found" appears beside the first at once',
    arrange: async () => {
      // Two stories that share no characteristic, so the second is never among the first's "more like this".
      const first = await publishedStory(people.author, 'pairA', { theme: 'be-active' })
      const second = await publishedStory(people.author, 'pairB', { theme: 'take-notice' })
      // Four readers before this one, each in their own session, through the site: one short of the five a pair needs.
      for (let reader = 0; reader < 4; reader++) await bothHelpful(new WebClient(hostile.server.url), second, first)
      return { first, second }
    },
    looks: (s) => [{ who: visitor, as: 'a visitor', path: `/stories/${s.first.slug}`, before: { lacks: [s.second.title] }, after: { has: [s.second.title] } }],
    write: (s) => bothHelpful(new WebClient(hostile.server.url), s.second, s.first),
  }),
  scenario({
    slugs: ['directory-kinds'],
    title: "a moderator renames a kind of directory entry: the directory's filters and entries show the new name",
    arrange: async () => {
      const kind = (await hostile.payload.find({ collection: 'directory-kinds', where: { slug: { equals: 'employment' } }, overrideAccess: true, depth: 0 })).docs[0]!
      return { id: String(kind.id), old: String(kind.name), renamed: `Work and jobs ${unique('kind')}` }
    },
    looks: (s) => [{ who: visitor, as: 'a visitor', path: '/directory', before: { lacks: [s.renamed] }, after: { has: [s.renamed] } }],
    write: (s) => restOk(moderatorRest, 'PATCH', `/api/directory-kinds/${s.id}`, { name: s.renamed }),
    cleanup: (s) => restOk(moderatorRest, 'PATCH', `/api/directory-kinds/${s.id}`, { name: s.old }),
  }),
  scenario({
    slugs: ['conversations', 'messages'],
    title: "a safeguarding lead opens a private line: the member's header shows the new message",
    arrange: () => crisisReply(),
    looks: () => [
      { who: people.troubled.client, as: 'the member', path: '/stories', before: { lacks: ['badge--new'] }, after: { has: ['1 new'] } },
      { who: people.troubled.client, as: 'the member', path: '/', before: { lacks: ['badge--new'] }, after: { has: ['1 new'] } },
    ],
    write: (s) => restOk(moderatorRest, 'POST', '/api/conversations/start', { alertId: s.alertId, body: 'We saw your post. Would you like to talk?' }),
  }),
  scenario({
    slugs: ['notifications'],
    title: "a reply to a member's thread: their header counts the new notification",
    arrange: async () => {
      const thread = await countyThread('notified')
      // Start from nothing unread, through the page's own form (there is none when nothing is unread).
      await submitForm(people.writer.client, '/notifications', '/notifications/read', { id: 'all' }).catch(() => undefined)
      return thread
    },
    looks: () => [{ who: people.writer.client, as: 'the thread author', path: '/stories', before: { lacks: ['badge--unread'] }, after: { has: ['badge--unread', '1 new'] } }],
    write: (s) => replyTo(people.flagger.client, s.id, `A reply that ${people.writer.member.displayName} hears about.`),
  }),
  scenario({
    slugs: ['thread-reads'],
    title: 'a member opens a thread: the forum list stops counting its new reply',
    arrange: async () => {
      const thread = await countyThread('unread')
      await readPage(people.flagger.client, `/threads/${thread.id}`) // their place: the thread as it was
      await replyTo(people.writer.client, thread.id, `Something new in ${thread.title}.`)
      return thread
    },
    looks: (s) => [
      {
        who: people.flagger.client,
        as: 'member',
        path: `/localities/${COUNTY}`,
        before: { has: [`${s.title}</a> <span class="badge badge--unread">1 new reply</span>`] },
        after: { has: [s.title], lacks: [`${s.title}</a> <span class="badge badge--unread">1 new reply</span>`] },
      },
    ],
    write: (s) => readPage(people.flagger.client, `/threads/${s.id}`),
  }),
]

/**
 * Writes that can change a cacheable page but that no person can make through the site or the admin.
 * Each entry needs a reason; an entry for a slug the cache does not list as a page collection fails.
 */
const NO_SCENARIO_POSSIBLE: Record<string, string> = {}

// ---------------------------------------------------------------------------------------------
// Running a scenario
// ---------------------------------------------------------------------------------------------
function checkPage(page: Page, check: Check, label: string) {
  if (check.status !== undefined) {
    const statuses = Array.isArray(check.status) ? check.status : [check.status]
    expect(statuses, `${label}: status ${page.status}`).toContain(page.status)
  } else {
    expect(page.status, `${label}: status`).toBe(200)
  }
  // React separates adjacent text with <!-- -->: "1<!-- --> new" reads "1 new".
  const body = page.body.replace(/<!-- -->/g, '')
  for (const text of check.has ?? []) expect(body.includes(text), `${label}: should show "${text}"`).toBe(true)
  for (const text of check.lacks ?? []) expect(body.includes(text), `${label}: should not show "${text}"`).toBe(false)
}

async function run(s: Scenario) {
  const state = await s.arrange()
  const looks = s.looks(state)
  try {
    // (a) Each page twice: the second must come from the cache, still showing the old state.
    for (const look of looks) {
      const { second } = await readTwice(look.who, look.path)
      const label = `before the write, ${look.as} ${look.path}`
      expect(second.cache, `${label}: the second request must be a cache hit`).toBe('hit')
      checkPage(second, look.before, label)
    }
    // (b) The write, through the site or the admin.
    await s.write(state)
    // (c) The very next request for each page shows the change.
    for (const look of looks) {
      const page = await readPage(look.who, look.path)
      const label = `after the write, ${look.as} ${look.path} (X-Waymark-Cache: ${page.cache})`
      expect(['hit', 'miss'], `${label}: still a cacheable page`).toContain(page.cache)
      checkPage(page, look.after, label)
    }
  } finally {
    await s.cleanup?.(state)
  }
}

// ---------------------------------------------------------------------------------------------
// The tests: coverage of the lists, then one test per scenario
// ---------------------------------------------------------------------------------------------
const pageSlugs = [...lists.PAGE_COLLECTIONS, ...lists.PAGE_GLOBALS]
const covered = new Set(SCENARIOS.flatMap((s) => s.slugs))

describe('the lists of what can change a page', () => {
  test('every collection and global of the Payload config is in exactly one of its two lists', () => {
    const config = hostile.payload.config
    const problems: string[] = []
    const place = (slug: string, onPages: readonly string[], notOnPages: Readonly<Record<string, string>>, internal: boolean) => {
      const count = Number(onPages.includes(slug)) + Number(Object.hasOwn(notOnPages, slug))
      // Payload's own collections (payload-jobs, payload-preferences…) may be left off, never listed twice.
      if (count > 1 || (count === 0 && !internal)) problems.push(`${slug} is in ${count} lists`)
    }
    for (const c of config.collections) place(c.slug, lists.PAGE_COLLECTIONS, lists.NOT_ON_PAGES, c.slug.startsWith('payload-'))
    for (const g of config.globals) place(g.slug, lists.PAGE_GLOBALS, lists.GLOBALS_NOT_ON_PAGES, g.slug.startsWith('payload-'))
    const known = new Set<string>([...config.collections.map((c) => c.slug), ...config.globals.map((g) => g.slug)])
    for (const slug of [...pageSlugs, ...Object.keys(lists.NOT_ON_PAGES), ...Object.keys(lists.GLOBALS_NOT_ON_PAGES)]) {
      if (!known.has(slug)) problems.push(`${slug} is listed but is no collection or global`)
    }
    for (const [slug, why] of Object.entries({ ...lists.NOT_ON_PAGES, ...lists.GLOBALS_NOT_ON_PAGES })) if (!String(why).trim()) problems.push(`${slug} has no reason`)
    expect(problems).toEqual([])
  })

  test('every collection and global that can change a page has a staleness scenario here (or a reason why none can exist)', () => {
    const missing = pageSlugs.filter((slug) => !covered.has(slug) && !Object.hasOwn(NO_SCENARIO_POSSIBLE, slug))
    expect(missing, 'write a scenario for each (or, if nothing on a cacheable page shows it, list it in NOT_ON_PAGES with the reason)').toEqual([])
  })

  test('a slug declared impossible to write through the site or admin is one the cache lists, and says why', () => {
    const stray = Object.keys(NO_SCENARIO_POSSIBLE).filter((slug) => !pageSlugs.includes(slug))
    expect(stray, 'declared without scenario, but not a page collection or global').toEqual([])
    expect(Object.entries(NO_SCENARIO_POSSIBLE).filter(([, why]) => !why.trim())).toEqual([])
  })

  test('every scenario names collections or globals that exist', () => {
    const config = hostile.payload.config
    const known = new Set<string>([...config.collections.map((c) => c.slug), ...config.globals.map((g) => g.slug)])
    expect([...covered].filter((slug) => !known.has(slug))).toEqual([])
  })
})

// One test per scenario, under the first listed slug it covers. A scenario whose every slug the lists call
// "never on a page" still runs: its write does change a page, and the cache must still not serve it stale.
const scenarioSlug = (s: Scenario) => s.slugs.find((slug) => pageSlugs.includes(slug)) ?? s.slugs[0]!
describe.each(pageSlugs.filter((slug) => SCENARIOS.some((s) => scenarioSlug(s) === slug)))('writes to %s', (slug) => {
  test.each(SCENARIOS.filter((s) => scenarioSlug(s) === slug).map((s) => [s.title, s] as const))('%s', (_title, s) => run(s), 90_000)
})
const others = SCENARIOS.filter((s) => !pageSlugs.includes(scenarioSlug(s)))
if (others.length > 0) {
  describe('writes the lists call "never on a page" that do change one', () => {
    test.each(others.map((s) => [`${s.slugs.join(', ')}: ${s.title}`, s] as const))('%s', (_title, s) => run(s), 90_000)
  })
}
