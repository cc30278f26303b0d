// Hostile: one visibility rule, every door (issue 3, "One visibility rule, every door" and "Tests → Hostile").
//
// Eight hidden stories (a draft, a submitted story, one in changes_requested, a crisis-held one, a
// withdrawn one, an expired one, a members-only one read by a visitor, and another member's draft
// read by a member) each carry unique marker words in title, summary, body, content-warning note,
// cover alt text and cover file name, and are written by an author whose display name and email
// are unique too. Every door (story page, lists, locality pages, feed, sitemap, search, REST with
// every trick, GraphQL, the cover file, queued and sent emails) is asked, as each viewer who must
// not see the story, and no response may carry any marker, the slug, the author's name or email,
// or the story's id. A published control story proves each door's check can fail.
import fs from 'node:fs'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import sharp from 'sharp'
import { beforeAll, describe, expect, test } from 'vitest'

import { giveConsent, submitStory, withdrawStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { pool, restToken, settle, signedIn, unique, uploadMedia, useHostileServer, userAsActor } from './helpers.js'

const hostile = useHostileServer('stories-doors')

const LOCALITY_SLUGS = ['lancashire-north', 'lancashire-central', 'lancashire-east', 'lancashire-county']
const STORY_LOCALITY = 'lancashire-north'
const THEME = 'hope'
const CRISIS_PHRASE = "I don't want to wake up tomorrow"

// ---------------------------------------------------------------------------------------------
// Small tools
// ---------------------------------------------------------------------------------------------
type Member = Awaited<ReturnType<typeof createMember>>
type Viewer = { name: string; client: WebClient; restHeaders?: Record<string, string> }

const asUser = (id: number | string) => userAsActor(hostile.payload, id)

const png = (seed: number) =>
  sharp({ create: { width: 48, height: 48, channels: 3, background: { r: seed % 255, g: (seed * 7) % 255, b: (seed * 13) % 255 } } })
    .png()
    .toBuffer()

const readStory = async (id: number | string) => (await hostile.payload.findByID({ collection: 'stories', id, overrideAccess: true, depth: 0 })) as any

function tryJson(text: string): any {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Every object in a JSON tree. */
function* objectsIn(value: any): Generator<Record<string, any>> {
  if (Array.isArray(value)) for (const v of value) yield* objectsIn(v)
  else if (value && typeof value === 'object') {
    yield value
    for (const v of Object.values(value)) yield* objectsIn(v)
  }
}

const idOf = (ref: any) => (ref == null ? undefined : typeof ref === 'object' ? ref.id : ref)

// ---------------------------------------------------------------------------------------------
// Stories under test
// ---------------------------------------------------------------------------------------------
type StoryFixture = {
  key: string
  id: number | string
  slug: string
  markers: string[] // strings that must never reach a viewer who may not see the story
  titleMarker: string
  bodyMarker: string
  coverId: number | string
  coverPaths: string[]
  consentIds: (number | string)[]
  author: Member
}

const localityIds: Record<string, number | string> = {}
let moderatorUser: any
let safeguardingLeadEmails: string[] = []
let moderatorEmails: string[] = []

/** Creates a story as `author` through the Local API (access enforced), with a cover uploaded over HTTP. */
async function makeStory(
  key: string,
  author: Member,
  authorClient: WebClient,
  options: { crisis?: boolean; audience?: 'public' | 'members' | 'moderators'; byline?: 'display-name' | 'anonymous' | 'pen-name' } = {},
): Promise<StoryFixture> {
  const titleMarker = unique(`${key}title`)
  const bodyMarker = unique(`${key}body`)
  const summaryMarker = unique(`${key}summ`)
  const noteMarker = unique(`${key}note`)
  const altMarker = unique(`${key}alt`)
  const fileMarker = unique(`${key}file`)
  const upload = await uploadMedia(authorClient, await png(titleMarker.length * 31 + key.length), `${fileMarker}.png`, 'image/png', { alt: `Cover ${altMarker}` })
  const uploaded = (await upload.json()) as any
  if (upload.status !== 201 || !uploaded?.doc?.id) throw new Error(`Arrange failed: cover upload gave ${upload.status}: ${JSON.stringify(uploaded).slice(0, 300)}`)
  const cover = (await hostile.payload.findByID({ collection: 'media', id: uploaded.doc.id, overrideAccess: true, depth: 0 })) as any
  const coverPaths = [cover.filename, ...Object.values(cover.sizes ?? {}).map((s: any) => s?.filename)].filter(Boolean).map((f: string) => `/api/media/file/${encodeURIComponent(f)}`)
  const user = await asUser(author.id)
  const body = `I want to write about ${bodyMarker} and the long road back.${options.crisis ? ` Some nights ${CRISIS_PHRASE}.` : ''}`
  const story = (await settle(async () =>
    hostile.payload.create({
      collection: 'stories',
      data: {
        title: `Story ${titleMarker}`,
        summary: `Summary ${summaryMarker}`,
        body: markdownToLexical(body),
        themes: [THEME],
        locality: localityIds[STORY_LOCALITY],
        contentWarnings: ['relapse'],
        contentWarningNote: `Note ${noteMarker}`,
        coverImage: cover.id,
      } as any,
      overrideAccess: false,
      user,
    }),
  )) as any
  const consent = (await settle(async () =>
    giveConsent(hostile.payload, user, story.id, {
      audience: options.audience ?? 'public',
      byline: options.byline ?? 'anonymous',
      quoteInReports: false,
    }),
  )) as any
  const stored = await readStory(story.id)
  if (!stored.slug) throw new Error('Arrange failed: story has no slug')
  return {
    key,
    id: story.id,
    slug: stored.slug,
    titleMarker,
    bodyMarker,
    markers: [titleMarker, bodyMarker, summaryMarker, noteMarker, altMarker, fileMarker, stored.slug],
    coverId: cover.id,
    coverPaths,
    consentIds: [consent?.id].filter((x) => x != null),
    author,
  }
}

async function submit(story: StoryFixture) {
  await settle(async () => submitStory(hostile.payload, await asUser(story.author.id), story.id))
}
async function approve(story: StoryFixture) {
  await settle(async () => moderateStory({ payload: hostile.payload, moderator: moderatorUser, storyId: story.id, action: 'approve' }))
}

// ---------------------------------------------------------------------------------------------
// The doors
// ---------------------------------------------------------------------------------------------
type DoorResult = { door: string; path: string; status: number; leaks: string[]; contentType: string | null }

type Door = { door: string; path: string; method?: 'GET' | 'POST'; body?: unknown; form?: string; rest?: boolean; cover?: boolean; echo?: string }

function doorsFor(story: StoryFixture): Door[] {
  const id = story.id
  const authorId = story.author.id
  const doors: Door[] = [
    { door: 'story page', path: `/stories/${story.slug}` },
    { door: 'story page (draft=true)', path: `/stories/${story.slug}?draft=true` },
    { door: 'story page (preview)', path: `/stories/${story.slug}?preview=true` },
    { door: 'story page (by id)', path: `/stories/${id}` },
    { door: 'story list', path: '/stories' },
    { door: 'story list page 2', path: '/stories?page=2' },
    { door: 'story list page 3', path: '/stories?page=3' },
    { door: 'story list (theme+locality)', path: `/stories?theme=${THEME}&locality=${STORY_LOCALITY}` },
    { door: 'story list (theme)', path: `/stories?theme=${THEME}` },
    { door: 'story list (locality)', path: `/stories?locality=${STORY_LOCALITY}` },
    ...LOCALITY_SLUGS.map((slug) => ({ door: `locality page ${slug}`, path: `/localities/${slug}` })),
    { door: 'feed', path: '/feed.xml' },
    { door: 'sitemap', path: '/sitemap-1.xml' },
    // The search page echoes the query back ("results for …"); the echo is removed before checking.
    { door: 'search (title word)', path: `/search?q=${encodeURIComponent(story.titleMarker)}`, echo: story.titleMarker },
    { door: 'search (body word)', path: `/search?q=${encodeURIComponent(story.bodyMarker)}`, echo: story.bodyMarker },
    { door: 'search (slug)', path: `/search?q=${encodeURIComponent(story.slug)}`, echo: story.slug },
    { door: 'home page', path: '/' },
    // REST
    { door: 'REST list', path: '/api/stories', rest: true },
    ...[0, 1, 2, 3].map((d) => ({ door: `REST list depth=${d}`, path: `/api/stories?limit=1000&depth=${d}`, rest: true })),
    { door: 'REST list draft=true', path: '/api/stories?limit=1000&draft=true&depth=1', rest: true },
    { door: 'REST list pagination=false', path: '/api/stories?pagination=false&depth=1', rest: true },
    { door: 'REST by id', path: `/api/stories/${id}`, rest: true },
    ...[0, 1, 2, 3].map((d) => ({ door: `REST by id depth=${d}`, path: `/api/stories/${id}?depth=${d}`, rest: true })),
    { door: 'REST by id draft=true', path: `/api/stories/${id}?draft=true&depth=2`, rest: true },
    { door: 'REST versions', path: '/api/stories/versions?limit=1000&depth=1', rest: true },
    { door: 'REST versions of story', path: `/api/stories/versions?where[parent][equals]=${id}&depth=1`, rest: true },
    ...[1, 2, 3].map((v) => ({ door: `REST version ${v}`, path: `/api/stories/versions/${v}?depth=1`, rest: true })),
    { door: 'REST where author', path: `/api/stories?where[author][equals]=${authorId}&depth=1&limit=1000`, rest: true },
    { door: 'REST where author (draft)', path: `/api/stories?where[author][equals]=${authorId}&draft=true&depth=1`, rest: true },
    { door: 'REST sort author', path: '/api/stories?sort=author&limit=1000&depth=1', rest: true },
    { door: 'REST sort -author', path: '/api/stories?sort=-author&limit=1000&depth=1', rest: true },
    { door: 'REST where status=draft', path: '/api/stories?where[status][equals]=draft&limit=1000&depth=1', rest: true },
    { door: 'REST where status=submitted', path: '/api/stories?where[status][equals]=submitted&limit=1000&depth=1', rest: true },
    { door: 'REST where status=withdrawn', path: '/api/stories?where[status][equals]=withdrawn&limit=1000&depth=1', rest: true },
    { door: 'REST where id', path: `/api/stories?where[id][equals]=${id}&depth=1`, rest: true },
    { door: 'REST where slug', path: `/api/stories?where[slug][equals]=${story.slug}&depth=1`, rest: true },
    { door: 'REST where title like', path: `/api/stories?where[title][like]=${story.titleMarker}&depth=1`, rest: true },
    { door: 'REST where crisisHold', path: '/api/stories?where[crisisHold][equals]=true&limit=1000&depth=1', rest: true },
    { door: 'REST consents', path: '/api/consents?limit=1000&depth=2', rest: true },
    { door: 'REST consents of story', path: `/api/consents?where[story][equals]=${id}&depth=2`, rest: true },
    ...story.consentIds.map((c) => ({ door: 'REST consent by id', path: `/api/consents/${c}?depth=2`, rest: true })),
    { door: 'REST moderation-events', path: '/api/moderation-events?limit=1000&depth=2', rest: true },
    { door: 'REST watched-words', path: '/api/watched-words?limit=1000', rest: true },
    { door: 'REST payload-jobs', path: '/api/payload-jobs?limit=1000&depth=0', rest: true },
    { door: 'REST media list', path: '/api/media?limit=1000&depth=1', rest: true },
    { door: 'REST media by id', path: `/api/media/${story.coverId}?depth=2`, rest: true },
    { door: 'REST list trash=true', path: '/api/stories?trash=true&limit=1000&depth=1', rest: true },
    { door: 'REST by id trash=true', path: `/api/stories/${id}?trash=true&depth=1`, rest: true },
    // Payload lets a POST stand in for a long GET query.
    { door: 'REST method override (GET by POST)', path: '/api/stories', method: 'POST', form: `where[id][equals]=${id}&depth=1&draft=true`, rest: true },
    { door: 'REST author user document', path: `/api/users/${authorId}?depth=2`, rest: true },
    { door: 'REST users list', path: `/api/users?limit=1000&depth=2`, rest: true },
    { door: 'GraphQL', path: '/api/graphql', method: 'POST', body: { query: `{ Stories(limit: 1000) { docs { id title slug summary } } }` }, rest: true },
    ...story.coverPaths.map((p) => ({ door: 'cover file', path: p, cover: true })),
  ]
  return doors
}

async function visit(viewer: Viewer, door: Door): Promise<{ status: number; text: string; contentType: string | null }> {
  const headers: Record<string, string> = door.rest ? { ...(viewer.restHeaders ?? {}) } : {}
  const response = door.form
    ? await viewer.client.request(door.path, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', 'x-payload-http-method-override': 'GET' },
        body: door.form,
      })
    : door.method === 'POST'
      ? await viewer.client.json('POST', door.path, door.body, { headers })
      : await viewer.client.get(door.path, { headers })
  const buffer = Buffer.from(await response.arrayBuffer())
  return { status: response.status, text: buffer.toString('utf8'), contentType: response.headers.get('content-type') }
}

/** What a response gives away about `story` (empty: nothing). */
function leaksIn(story: StoryFixture, door: Door, status: number, text: string, contentType: string | null, extraMarkers: string[] = []): string[] {
  const leaks: string[] = []
  if (door.cover) {
    if (status === 200 || status === 304 || (contentType ?? '').startsWith('image/')) leaks.push(`cover file served (${status} ${contentType})`)
    return leaks
  }
  let lower = text.toLowerCase()
  if (door.echo) lower = lower.split(door.echo.toLowerCase()).join(' ')
  for (const marker of [...story.markers, ...extraMarkers]) if (lower.includes(marker.toLowerCase())) leaks.push(`contains "${marker}"`)
  if (door.rest) {
    const json = tryJson(text)
    const sid = String(story.id)
    if (door.path.startsWith(`/api/stories/${story.id}`) && status === 200) leaks.push('REST by id answered 200')
    if (json && door.path.startsWith('/api/stories') && !door.path.startsWith('/api/stories/versions')) {
      const docs: any[] = Array.isArray(json.docs) ? json.docs : json.id != null ? [json] : []
      if (docs.some((d) => String(d?.id) === sid)) leaks.push('story id listed')
    }
    if (json && door.path.startsWith('/api/stories/versions')) {
      const docs: any[] = Array.isArray(json.docs) ? json.docs : json.id != null ? [json] : []
      if (docs.some((d) => String(idOf(d?.parent)) === sid)) leaks.push('a version of the story listed')
    }
    if (json && (door.path.startsWith('/api/consents') || door.path.startsWith('/api/moderation-events'))) {
      for (const obj of objectsIn(json)) {
        for (const [k, v] of Object.entries(obj)) {
          if (/story|target|doc|parent/i.test(k) && String(idOf(v)) === sid) leaks.push(`${door.door}: ${k} → story id`)
        }
      }
    }
    if (json && door.path.startsWith('/api/users')) {
      // A join field or any reference from a user document to the hidden story.
      for (const obj of objectsIn(json)) {
        for (const [k, v] of Object.entries(obj)) {
          if (/stor/i.test(k) && JSON.stringify(v ?? null).match(new RegExp(`(^|[^0-9])${sid}([^0-9]|$)`))) leaks.push(`user document: ${k} → ${JSON.stringify(v).slice(0, 60)}`)
        }
      }
    }
    if (json && door.path.startsWith('/api/media/') && status === 200) {
      for (const obj of objectsIn(json)) if (String(obj.id) === String(story.coverId) && obj.filename) leaks.push('cover media document served')
    }
    if (door.door === 'GraphQL' && status !== 404) leaks.push(`GraphQL answered ${status} (should be disabled: 404)`)
  }
  return [...new Set(leaks)]
}

async function sweep(viewer: Viewer, story: StoryFixture, extraMarkers: string[] = [], doors = doorsFor(story)): Promise<DoorResult[]> {
  return pool(doors, 6, async (door) => {
    const { status, text, contentType } = await visit(viewer, door)
    return { door: door.door, path: door.path, status, contentType, leaks: leaksIn(story, door, status, text, contentType, extraMarkers) }
  })
}

const leaking = (results: DoorResult[]) => results.filter((r) => r.leaks.length).map((r) => `${r.door} [${r.status}] ${r.path}: ${r.leaks.join('; ')}`)

// ---------------------------------------------------------------------------------------------
// Arrange
// ---------------------------------------------------------------------------------------------
let hiddenAuthor: Member
let hiddenAuthorClient: WebClient
let otherMemberUser: Member
let visitor: Viewer
let member: Viewer
let memberJwt: Viewer
let moderatorViewer: Viewer
let controlAuthor: Member
const stories: Record<string, StoryFixture> = {}
const authorMarkers: string[] = []

type HiddenCase = { key: string; label: string; pageStatus: number; viewers: string[] }
const HIDDEN_CASES: HiddenCase[] = [
  { key: 'draft', label: 'a draft', pageStatus: 404, viewers: ['visitor', 'another member (cookie)', 'another member (JWT)'] },
  { key: 'submitted', label: 'a submitted story', pageStatus: 404, viewers: ['visitor', 'another member (cookie)', 'another member (JWT)'] },
  { key: 'changes', label: 'a story in changes_requested', pageStatus: 404, viewers: ['visitor', 'another member (cookie)', 'another member (JWT)'] },
  { key: 'crisis', label: 'a crisis-held story', pageStatus: 404, viewers: ['visitor', 'another member (cookie)', 'another member (JWT)'] },
  { key: 'withdrawn', label: 'a withdrawn story', pageStatus: 410, viewers: ['visitor', 'another member (cookie)', 'another member (JWT)'] },
  { key: 'expired', label: 'an expired story', pageStatus: 404, viewers: ['visitor', 'another member (cookie)', 'another member (JWT)'] },
  { key: 'membersonly', label: 'a members-only story read by a visitor', pageStatus: 404, viewers: ['visitor'] },
  { key: 'otherdraft', label: "another member's draft read by a member", pageStatus: 404, viewers: ['another member (cookie)', 'another member (JWT)'] },
]

beforeAll(async () => {
  const payload = hostile.payload
  for (const slug of LOCALITY_SLUGS) {
    const found = await payload.find({ collection: 'localities', where: { slug: { equals: slug } }, overrideAccess: true, limit: 1 })
    if (!found.docs[0]) throw new Error(`Arrange failed: no locality ${slug}`)
    localityIds[slug] = found.docs[0].id
  }
  const mods = await payload.find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, limit: 1 })
  moderatorUser = { ...mods.docs[0], collection: 'users' }

  const nameMarker = unique('authname')
  hiddenAuthor = await createMember(payload, { displayName: `Writer ${nameMarker}` })
  authorMarkers.push(nameMarker, hiddenAuthor.email)
  otherMemberUser = await createMember(payload, { displayName: `Reader ${unique('r')}` })
  controlAuthor = await createMember(payload, { displayName: `Control ${unique('ctlname')}` })

  hiddenAuthorClient = await signedIn(hostile.server, hiddenAuthor.email, hiddenAuthor.password)
  const controlClient = await signedIn(hostile.server, controlAuthor.email, controlAuthor.password)
  visitor = { name: 'visitor', client: new WebClient(hostile.server.url) }
  member = { name: 'another member (cookie)', client: await signedIn(hostile.server, otherMemberUser.email, otherMemberUser.password) }
  const token = await restToken(hostile.server, otherMemberUser.email, otherMemberUser.password)
  memberJwt = { name: 'another member (JWT)', client: new WebClient(hostile.server.url), restHeaders: { authorization: `JWT ${token}` } }
  moderatorViewer = { name: 'moderator', client: await signedIn(hostile.server, 'moderator@waymark.example', hostile.server.seedPassword) }

  // A draft (with consent, never submitted).
  stories.draft = await makeStory('draft', hiddenAuthor, hiddenAuthorClient)
  // Submitted.
  stories.submitted = await makeStory('submitted', hiddenAuthor, hiddenAuthorClient)
  await submit(stories.submitted)
  // Changes requested.
  stories.changes = await makeStory('changes', hiddenAuthor, hiddenAuthorClient)
  await submit(stories.changes)
  await settle(async () => moderateStory({ payload, moderator: moderatorUser, storyId: stories.changes!.id, action: 'request_changes', reason: 'Please take out the name of the street.' }))
  // Crisis-held.
  stories.crisis = await makeStory('crisis', hiddenAuthor, hiddenAuthorClient, { crisis: true })
  await submit(stories.crisis)
  // Withdrawn (after being published).
  stories.withdrawn = await makeStory('withdrawn', hiddenAuthor, hiddenAuthorClient)
  await submit(stories.withdrawn)
  await approve(stories.withdrawn)
  await settle(async () => withdrawStory(payload, await asUser(hiddenAuthor.id), stories.withdrawn!.id))
  // Expired (published, then consent expiry moved into the past).
  stories.expired = await makeStory('expired', hiddenAuthor, hiddenAuthorClient)
  await submit(stories.expired)
  await approve(stories.expired)
  await payload.update({
    collection: 'stories',
    id: stories.expired.id,
    data: { consentExpiresAt: '2020-01-01T00:00:00.000Z' } as any,
    overrideAccess: true,
    context: { storyCommand: true },
  })
  // Members only, published.
  stories.membersonly = await makeStory('membersonly', hiddenAuthor, hiddenAuthorClient, { audience: 'members' })
  await submit(stories.membersonly)
  await approve(stories.membersonly)
  // Another member's draft (no consent given yet would also be a draft; this one has none of the above).
  stories.otherdraft = await makeStory('otherdraft', hiddenAuthor, hiddenAuthorClient)

  // The control: published, public, signed with the display name. Created last, so newest.
  stories.control = await makeStory('control', controlAuthor, controlClient, { byline: 'display-name' })
  await submit(stories.control)
  await approve(stories.control)

  // Arrange checks: each story is in the state the test claims.
  const expected: Record<string, string> = {
    draft: 'draft',
    submitted: 'submitted',
    changes: 'changes_requested',
    crisis: 'submitted',
    withdrawn: 'withdrawn',
    expired: 'published',
    membersonly: 'published',
    otherdraft: 'draft',
    control: 'published',
  }
  for (const [key, status] of Object.entries(expected)) {
    const stored = await readStory(stories[key]!.id)
    if (stored.status !== status) throw new Error(`Arrange failed: ${key} is ${stored.status}, expected ${status}`)
  }
  if (!(await readStory(stories.crisis.id)).crisisHold) throw new Error('Arrange failed: the crisis story is not held')
  const expired = await readStory(stories.expired.id)
  if (!(new Date(expired.consentExpiresAt).getTime() < Date.now())) throw new Error(`Arrange failed: expired story expires ${expired.consentExpiresAt}`)
  if ((await readStory(stories.membersonly.id)).consentAudience !== 'members') throw new Error('Arrange failed: members-only audience')

  const users = await payload.find({ collection: 'users', overrideAccess: true, depth: 0, limit: 1000 })
  safeguardingLeadEmails = users.docs.filter((u: any) => u.isSafeguardingLead).map((u: any) => String(u.email).toLowerCase())
  moderatorEmails = users.docs.filter((u: any) => (u.roles ?? []).some((r: string) => r === 'moderator' || r === 'admin')).map((u: any) => String(u.email).toLowerCase())
}, 240_000)

// ---------------------------------------------------------------------------------------------
// The control: every door does show a visible story (so the checks below can fail)
// ---------------------------------------------------------------------------------------------
describe('control: a published public story shows through every door', () => {
  test('a visitor sees the control story through page, lists, locality page, feed, sitemap, search, REST and cover file', async () => {
    const story = stories.control!
    const controlName = (await asUser(controlAuthor.id)).displayName as string
    const results = await sweep(visitor, story, [controlName])
    const seen = new Set(results.filter((r) => r.leaks.length).map((r) => r.door))
    const page = results.find((r) => r.door === 'story page')!
    expect(page.status).toBe(200)
    // The control's display-name byline is shown on its page: the name check works.
    expect(page.leaks.join(' ')).toContain(controlName)
    const mustShow = [
      'story page',
      'story list (theme+locality)',
      'story list (theme)',
      'story list (locality)',
      `locality page ${STORY_LOCALITY}`,
      'feed',
      'sitemap',
      'search (title word)',
      'REST list depth=0',
      'REST list depth=1',
      'REST by id',
      'REST by id depth=2',
      'REST where slug',
      'cover file',
    ]
    const missing = mustShow.filter((d) => !seen.has(d))
    expect(missing, `doors that did not show the visible control story`).toEqual([])
    expect(seen.has('story list') || seen.has('story list page 2')).toBe(true)
  })

  test('the members-only story is shown to a signed-in member (page and REST), but never in the feed', async () => {
    const story = stories.membersonly!
    for (const viewer of [member, memberJwt]) {
      const results = await sweep(viewer, story)
      const seen = new Set(results.filter((r) => r.leaks.length).map((r) => r.door))
      if (viewer === member) {
        expect(seen.has('story page'), `${viewer.name} sees the members-only story page`).toBe(true)
        expect(results.find((r) => r.door === 'story page')!.status).toBe(200)
      }
      expect(seen.has('REST by id'), `${viewer.name} sees the members-only story over REST`).toBe(true)
      // The feed is always the visitor's view.
      expect(seen.has('feed'), `${viewer.name}: members-only story in /feed.xml`).toBe(false)
    }
  })

  test('the author sees each of their hidden stories over REST (the markers are detectable)', async () => {
    const author: Viewer = { name: 'author', client: hiddenAuthorClient }
    for (const c of HIDDEN_CASES) {
      const story = stories[c.key]!
      const { status, text } = await visit(author, { door: 'REST by id', path: `/api/stories/${story.id}?depth=1`, rest: true })
      expect(status, `author reads ${c.key}`).toBe(200)
      expect(text).toContain(story.titleMarker)
      expect(text).toContain(story.bodyMarker)
    }
  })
})

// ---------------------------------------------------------------------------------------------
// The eight hidden cases, through every door, for every viewer who must not see them
// ---------------------------------------------------------------------------------------------
const viewerNamed = (name: string) => [visitor, member, memberJwt, moderatorViewer].find((v) => v.name === name)!

describe.each(HIDDEN_CASES)('$label leaks nothing', (hiddenCase) => {
  test.each(hiddenCase.viewers)('to %s', async (viewerName) => {
    const viewer = viewerNamed(viewerName)
    const story = stories[hiddenCase.key]!
    const results = await sweep(viewer, story, authorMarkers)
    expect(leaking(results), `${hiddenCase.label} seen by ${viewer.name}`).toEqual([])
    const page = results.find((r) => r.door === 'story page')!
    expect(page.status, `${hiddenCase.label}: story page status for ${viewer.name}`).toBe(hiddenCase.pageStatus)
  })
})

describe('extra: a draft that was never submitted is not shown to a moderator either', () => {
  test('moderator, through every door', async () => {
    const story = stories.draft!
    // Moderators see "everything that has been submitted": a never-submitted draft is the author's alone.
    // Only the draft's own words are checked (the moderator may see the same author's submitted
    // stories), and media doors are left out (moderators see every upload, by the media rules).
    const doors = doorsFor(story).filter((d) => !d.cover && !d.path.startsWith('/api/media'))
    const results = (await sweep(moderatorViewer, story, [], doors)).map((r) => ({
      ...r,
      // Consent records and the moderation log may name the story by id to a moderator (they keep the
      // records); what must not reach the moderator is the draft's content.
      leaks: /^\/api\/(consents|moderation-events)/.test(r.path) ? r.leaks.filter((l) => !l.endsWith('→ story id')) : r.leaks,
    }))
    expect(leaking(results), 'a never-submitted draft seen by a moderator').toEqual([])
  })
})

describe('the withdrawn story answers 410 Gone, with no title', () => {
  test('410 page carries no title, summary, body, author name or slug-based content', async () => {
    const story = stories.withdrawn!
    for (const viewer of [visitor, member]) {
      const response = await viewer.client.get(`/stories/${story.slug}`)
      const text = await response.text()
      expect(response.status, viewer.name).toBe(410)
      for (const marker of [...story.markers.filter((m) => m !== story.slug), ...authorMarkers]) expect(text, `${viewer.name}: ${marker}`).not.toContain(marker)
    }
  })
})

// ---------------------------------------------------------------------------------------------
// The author never leaves the server for a published story
// ---------------------------------------------------------------------------------------------
describe('a published story never reveals its author to visitors or other members', () => {
  let anon: StoryFixture
  let named: StoryFixture
  let anonAuthor: Member
  let namedAuthor: Member
  let anonName: string

  beforeAll(async () => {
    anonName = unique('anonname')
    anonAuthor = await createMember(hostile.payload, { displayName: `Hidden ${anonName}` })
    namedAuthor = await createMember(hostile.payload, { displayName: `Shown ${unique('shown')}` })
    anon = await makeStory('pubanon', anonAuthor, await signedIn(hostile.server, anonAuthor.email, anonAuthor.password), { byline: 'anonymous' })
    named = await makeStory('pubnamed', namedAuthor, await signedIn(hostile.server, namedAuthor.email, namedAuthor.password), { byline: 'display-name' })
    for (const s of [anon, named]) {
      await submit(s)
      await approve(s)
      if ((await readStory(s.id)).status !== 'published') throw new Error('Arrange failed: not published')
    }
  }, 120_000)

  const AUTHOR_KEYS = /^(author|authorId|author_id|uploader|uploadedBy|owner|createdBy|updatedBy|user|userId|actor|penNameOwner)$/i

  function authorLeaksInJson(json: any, author: Member, authorName?: string): string[] {
    const leaks: string[] = []
    for (const obj of objectsIn(json)) {
      for (const [k, v] of Object.entries(obj)) {
        if (AUTHOR_KEYS.test(k) && v != null && !(Array.isArray(v) && v.length === 0)) leaks.push(`key "${k}" = ${JSON.stringify(v).slice(0, 80)}`)
      }
      if (obj.email && String(obj.email).toLowerCase() === author.email.toLowerCase()) leaks.push('author email object')
    }
    const text = JSON.stringify(json ?? '')
    if (text.toLowerCase().includes(author.email.toLowerCase())) leaks.push('author email')
    if (authorName && text.includes(authorName)) leaks.push('author display name (anonymous byline)')
    return leaks
  }

  test.each(['visitor', 'another member (cookie)', 'another member (JWT)'])('REST, any depth, by id and in lists, as %s', async (viewerName) => {
    const viewer = [visitor, member, memberJwt].find((v) => v.name === viewerName)!
    const problems: string[] = []
    let sawAnon = false
    for (const [story, author, name] of [
      [anon, anonAuthor, anonName],
      [named, namedAuthor, undefined],
    ] as const) {
      const paths = [
        ...[0, 1, 2, 3].map((d) => `/api/stories/${story.id}?depth=${d}`),
        `/api/stories/${story.id}?draft=true&depth=3`,
        ...[0, 1, 2, 3].map((d) => `/api/stories?limit=1000&depth=${d}`),
        `/api/stories?draft=true&limit=1000&depth=3`,
        `/api/stories?where[slug][equals]=${story.slug}&depth=3`,
        `/api/stories?select[author]=true&depth=1`,
        `/api/stories/${story.id}?select[author]=true&depth=1`,
        `/api/stories/${story.id}?populate[users][email]=true&depth=2`,
        ...[0, 1, 2, 3].map((d) => `/api/media/${story.coverId}?depth=${d}`),
        `/api/media?limit=1000&depth=2`,
        `/api/consents?limit=1000&depth=2`,
        `/api/moderation-events?limit=1000&depth=2`,
        `/api/stories?trash=true&limit=1000&depth=2`,
      ]
      for (const p of paths) {
        const response = await viewer.client.get(p, { headers: viewer.restHeaders ?? {} })
        const text = await response.text()
        const json = tryJson(text)
        if (p === `/api/stories/${story.id}?depth=0` && response.status === 200 && text.includes(story.titleMarker)) sawAnon = sawAnon || story === anon
        for (const leak of authorLeaksInJson(json ?? text, author, name)) problems.push(`${p} [${response.status}]: ${leak}`)
      }
    }
    expect(sawAnon, 'control: the published story is readable over REST').toBe(true)
    expect(problems).toEqual([])
  })

  test.each(['visitor', 'another member (cookie)', 'another member (JWT)'])("the author's user document does not list their stories (no join), as %s", async (viewerName) => {
    const viewer = [visitor, member, memberJwt].find((v) => v.name === viewerName)!
    const problems: string[] = []
    for (const [story, author] of [
      [anon, anonAuthor],
      [named, namedAuthor],
    ] as const) {
      for (const p of [`/api/users/${author.id}?depth=2`, `/api/users/${author.id}?depth=0&joins[stories][limit]=100`, `/api/users?where[id][equals]=${author.id}&depth=2`]) {
        const response = await viewer.client.get(p, { headers: viewer.restHeaders ?? {} })
        const text = await response.text()
        if (text.includes(story.titleMarker) || text.includes(story.slug)) problems.push(`${p} [${response.status}]: names the story`)
        for (const obj of objectsIn(tryJson(text)))
          for (const [k, v] of Object.entries(obj)) if (/stor/i.test(k) && v != null && JSON.stringify(v).includes(String(story.id))) problems.push(`${p}: ${k} → ${JSON.stringify(v).slice(0, 80)}`)
      }
    }
    expect(problems).toEqual([])
  })

  test.each(['visitor', 'another member (cookie)', 'another member (JWT)'])('covers cannot be filtered or sorted by uploader (which would tie a cover to its author), as %s', async (viewerName) => {
    const viewer = [visitor, member, memberJwt].find((v) => v.name === viewerName)!
    const answer = async (p: string, keepOrder = false) => {
      const response = await viewer.client.get(p, { headers: viewer.restHeaders ?? {} })
      const json = tryJson(await response.text())
      if (response.status !== 200 || !json?.docs) return `status ${response.status}`
      const ids = json.docs.map((d: any) => String(d.id))
      return JSON.stringify(keepOrder ? ids : [...ids].sort())
    }
    // Control: both published covers are visible to this viewer.
    const all = await answer('/api/media?limit=1000&depth=0')
    expect(all, 'control: published covers listed').toContain(`"${anon.coverId}"`)
    expect(all).toContain(`"${named.coverId}"`)
    const problems: string[] = []
    for (const template of [
      (id: unknown) => `/api/media?limit=1000&depth=0&where[uploader][equals]=${id}`,
      (id: unknown) => `/api/media?limit=1000&depth=0&where[uploader][in]=${id}`,
      (id: unknown) => `/api/media?limit=1000&depth=0&where[uploader][not_equals]=${id}`,
    ]) {
      const a = await answer(template(anonAuthor.id))
      const b = await answer(template(namedAuthor.id))
      if (a !== b) problems.push(`${template('X')}: ${a} vs ${b}`)
    }
    const up = await answer('/api/media?limit=1000&depth=0&sort=uploader', true)
    const down = await answer('/api/media?limit=1000&depth=0&sort=-uploader', true)
    if (up !== down) problems.push(`sort=uploader vs sort=-uploader: ${up} vs ${down}`)
    expect(problems).toEqual([])
  })

  test.each(['visitor', 'another member (cookie)'])('pages, feed and search, as %s', async (viewerName) => {
    const viewer = [visitor, member].find((v) => v.name === viewerName)!
    const problems: string[] = []
    let sawTitle = false
    for (const [story, author, name] of [
      [anon, anonAuthor, anonName],
      [named, namedAuthor, undefined],
    ] as const) {
      const paths = [
        `/stories/${story.slug}`,
        '/stories',
        `/stories?theme=${THEME}&locality=${STORY_LOCALITY}`,
        `/localities/${STORY_LOCALITY}`,
        '/feed.xml',
        '/sitemap.xml',
        '/sitemap-1.xml',
        `/search?q=${story.titleMarker}`,
        `/search?q=${encodeURIComponent(author.email)}`,
        '/',
      ]
      for (const p of paths) {
        const response = await viewer.client.get(p)
        // The search page echoes its query: remove the echo before checking.
        const text = p.startsWith('/search?q=member') ? (await response.text()).split(author.email).join(' ') : await response.text()
        if (p === `/stories/${story.slug}` && text.includes(story.titleMarker)) sawTitle = true
        if (text.toLowerCase().includes(author.email.toLowerCase())) problems.push(`${p}: author email`)
        if (name && text.includes(name)) problems.push(`${p}: display name of an anonymous author`)
        for (const re of [new RegExp(`/users/${author.id}(?![0-9])`), new RegExp(`author(?:Id|_id|-id)?["'=:\\s]+["']?${author.id}(?![0-9])`, 'i'), /data-author/i, /\/api\/users\//])
          if (re.test(text)) problems.push(`${p}: ${re} → ${text.match(re)![0]}`)
      }
    }
    expect(sawTitle, 'control: the published story page shows its title').toBe(true)
    expect(problems).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// Filtering and sorting by author
// ---------------------------------------------------------------------------------------------
describe('a member (or visitor) cannot filter or sort stories by author', () => {
  let authorA: Member
  let authorB: Member
  let storyIdsA: string[] = []
  let storyIdsB: string[] = []

  beforeAll(async () => {
    authorA = await createMember(hostile.payload, { displayName: `Alpha ${unique('a')}` })
    authorB = await createMember(hostile.payload, { displayName: `Beta ${unique('b')}` })
    const make = async (author: Member, n: number) => {
      const ids: string[] = []
      for (let i = 0; i < n; i++) {
        const user = await asUser(author.id)
        const s = (await hostile.payload.create({
          collection: 'stories',
          data: { title: `Filter ${unique('f')}`, summary: 'A short summary.', body: markdownToLexical('A short body about a walk.'), themes: [THEME], locality: localityIds[STORY_LOCALITY] } as any,
          overrideAccess: false,
          user,
        })) as any
        await settle(async () => giveConsent(hostile.payload, user, s.id, { audience: 'public', byline: 'anonymous', quoteInReports: false }))
        await settle(async () => submitStory(hostile.payload, user, s.id))
        await settle(async () => moderateStory({ payload: hostile.payload, moderator: moderatorUser, storyId: s.id, action: 'approve' }))
        ids.push(String(s.id))
      }
      return ids
    }
    // B writes first and more, so "by author" and "by date" orders disagree.
    storyIdsB = await make(authorB, 2)
    storyIdsA = await make(authorA, 1)
  }, 120_000)

  const fingerprint = async (viewer: Viewer, p: string, keepOrder = false) => {
    const response = await viewer.client.get(p, { headers: viewer.restHeaders ?? {} })
    const text = await response.text()
    const json = tryJson(text)
    if (response.status !== 200 || !json) return `status ${response.status}`
    if (Array.isArray(json.docs)) {
      const ids = json.docs.map((d: any) => String(d.id))
      return JSON.stringify({ total: json.totalDocs, ids: keepOrder ? ids : [...ids].sort() })
    }
    return JSON.stringify(json)
  }

  const WHERE_TEMPLATES: [string, (a: Member) => string][] = [
    ['where[author][equals]', (a) => `/api/stories?limit=1000&depth=0&where[author][equals]=${a.id}`],
    ['where[author][in]', (a) => `/api/stories?limit=1000&depth=0&where[author][in]=${a.id}`],
    ['where[author][not_equals]', (a) => `/api/stories?limit=1000&depth=0&where[author][not_equals]=${a.id}`],
    ['where[author.id][equals]', (a) => `/api/stories?limit=1000&depth=0&where[author.id][equals]=${a.id}`],
    ['where[author.email][equals]', (a) => `/api/stories?limit=1000&depth=0&where[author.email][equals]=${encodeURIComponent(a.email)}`],
    ['where[author.displayName][equals]', (a) => `/api/stories?limit=1000&depth=0&where[author.displayName][equals]=${encodeURIComponent(a.displayName as string)}`],
    ['where[or][0][author][equals]', (a) => `/api/stories?limit=1000&depth=0&where[or][0][author][equals]=${a.id}`],
    ['where[and][0][author][equals]', (a) => `/api/stories?limit=1000&depth=0&where[and][0][author][equals]=${a.id}`],
    ['draft=true where[author][equals]', (a) => `/api/stories?limit=1000&depth=0&draft=true&where[author][equals]=${a.id}`],
    ['count where[author][equals]', (a) => `/api/stories/count?where[author][equals]=${a.id}`],
    ['where[coverImage.uploader][equals]', (a) => `/api/stories?limit=1000&depth=0&where[coverImage.uploader][equals]=${a.id}`],
    ['consents where[author][equals]', (a) => `/api/consents?limit=1000&depth=0&where[author][equals]=${a.id}`],
    ['page /stories?author=', (a) => `/stories?author=${a.id}`],
  ]

  test.each(['visitor', 'another member (cookie)', 'another member (JWT)'])('where on author fields gives the same answer for any author, as %s', async (viewerName) => {
    const viewer = [visitor, member, memberJwt].find((v) => v.name === viewerName)!
    // Control: both authors' stories are visible to this viewer without any filter.
    const all = (await (await viewer.client.get('/api/stories?limit=1000&depth=0', { headers: viewer.restHeaders ?? {} })).json()) as any
    const allIds = all.docs.map((d: any) => String(d.id))
    for (const id of [...storyIdsA, ...storyIdsB]) expect(allIds, 'control: published stories listed').toContain(id)
    const problems: string[] = []
    for (const [name, template] of WHERE_TEMPLATES) {
      const a = await fingerprint(viewer, template(authorA))
      const b = await fingerprint(viewer, template(authorB))
      if (a !== b) problems.push(`${name}: author A → ${a.slice(0, 160)} | author B → ${b.slice(0, 160)}`)
    }
    expect(problems, 'filters whose answer depends on who the author is').toEqual([])
  })

  test.each(['visitor', 'another member (cookie)', 'another member (JWT)'])('sort on author fields does not order by author, as %s', async (viewerName) => {
    const viewer = [visitor, member, memberJwt].find((v) => v.name === viewerName)!
    const problems: string[] = []
    for (const field of ['author', 'author.id', 'author.displayName', 'author.email', 'coverImage.uploader']) {
      const up = await fingerprint(viewer, `/api/stories?limit=1000&depth=0&sort=${field}`, true)
      const down = await fingerprint(viewer, `/api/stories?limit=1000&depth=0&sort=-${field}`, true)
      if (up !== down) problems.push(`sort=${field} and sort=-${field} give different orders: ${up.slice(0, 160)} vs ${down.slice(0, 160)}`)
    }
    expect(problems).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// Emails: no email to anyone who may not see a hidden story carries its words
// ---------------------------------------------------------------------------------------------
describe('emails', () => {
  test('no queued or sent email carries a hidden story to anyone but its author, safeguarding leads (and moderators for submitted stories)', async () => {
    const payload = hostile.payload
    // Let the server's job queue work through what is waiting (bounded).
    const deadline = Date.now() + 90_000
    for (;;) {
      // Due jobs (not scheduled for later) that have neither finished nor failed.
      const open = await payload.find({ collection: 'payload-jobs' as any, overrideAccess: true, limit: 10_000, depth: 0 })
      const due = (open.docs as any[]).filter((j) => !j.completedAt && !j.hasError && (!j.waitUntil || new Date(j.waitUntil).getTime() <= Date.now()))
      if (due.length === 0 || Date.now() > deadline) break
      await new Promise((r) => setTimeout(r, 1000))
    }
    type Mail = { source: string; to: string[]; text: string }
    const mails: Mail[] = []
    const jobs = await payload.find({ collection: 'payload-jobs' as any, overrideAccess: true, limit: 10_000, depth: 0 })
    for (const job of jobs.docs as any[]) {
      const input = job.input ?? {}
      if (!input.to) continue
      const to = (Array.isArray(input.to) ? input.to : String(input.to).split(',')).map((t: string) => t.trim().toLowerCase())
      mails.push({ source: `job ${job.id}`, to, text: JSON.stringify(input) })
    }
    const outbox = path.join(hostile.server.dataDir, 'outbox')
    const files = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')) : []
    for (const file of files) {
      const parsed = await simpleParser(fs.readFileSync(path.join(outbox, file)))
      const groups = [parsed.to, parsed.cc, parsed.bcc].flatMap((g) => (Array.isArray(g) ? g : g ? [g] : []))
      const to = groups.flatMap((g) => g.value.map((v) => (v.address ?? '').toLowerCase()))
      mails.push({ source: `eml ${file}`, to, text: `${parsed.subject}\n${parsed.text ?? ''}\n${parsed.html || ''}` })
    }
    // Control: the author of the hidden stories has been told about at least one of them by title.
    const authorEmail = hiddenAuthor.email.toLowerCase()
    expect(
      mails.some((m) => m.to.includes(authorEmail) && HIDDEN_CASES.some((c) => m.text.includes(stories[c.key]!.titleMarker))),
      `control: an email to the author names one of their stories (saw ${mails.length} emails)`,
    ).toBe(true)

    const problems: string[] = []
    for (const c of HIDDEN_CASES) {
      if (c.key === 'membersonly') continue // members may see it; there are no visitor addresses to mail
      const story = stories[c.key]!
      const everSubmitted = !['draft', 'otherdraft'].includes(c.key)
      const allowed = new Set([authorEmail, ...safeguardingLeadEmails, ...(everSubmitted ? moderatorEmails : [])])
      for (const mail of mails) {
        const words = [...story.markers, ...authorMarkers.filter((m) => m !== hiddenAuthor.email)].filter((m) => mail.text.includes(m))
        if (!words.length) continue
        const strangers = mail.to.filter((t) => !allowed.has(t))
        if (strangers.length) problems.push(`${c.label}: ${mail.source} to ${strangers.join(', ')} contains ${words.join(', ')}`)
      }
    }
    expect(problems).toEqual([])
  }, 150_000)
})
