// Hostile: privacy rights (issue 6, "Tests → Hostile", "Export completeness", "Erasure completeness").
//
// One real server. Members and their content are arranged through REST (threads, replies, flags,
// uploads: the server decides status and author) and the Local API on the server's database
// (stories, consent, moderation decisions, meeting-reminder rows, queued emails). Then, over HTTP:
// - export: only the member who made a download link gets the zip, through any door and any
//   spelling of the link; the link dies when that member signs out (even for an old cookie, another
//   session or a new one); CSRF and the daily limit hold; the zip holds every item the member gave
//   (by id and by a unique word), the media bytes as stored, and nothing of anyone else;
// - erasure: refused without the right password, without CSRF, to visitors; the moderators' REST
//   erasure is refused to members; after erasure (both modes) the display name, email, story titles
//   and other unique words are found through no door (pages, feeds, sitemap, search, REST as admin)
//   and in no collection (Local API, overrideAccess); consent shrinks to a tombstone; the erasure
//   log (collection and file) holds ids only; the moderation log names who ran it.
// Controls before erasure prove each door's check can fail.
import fs from 'node:fs'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { giveConsent, respondToRedaction, submitStory, withdrawStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import {
  RELAXED_LIMITS,
  api,
  arrangeModeration,
  drainJobs,
  expectStatus,
  localityIds,
  newReply,
  newThread,
  objectsIn,
  seededAdmin,
  seededModerator,
  stored,
  textOf,
  tryJson,
  updateSettings,
  type Posted,
  type Who,
} from './forumHelpers.js'
import { findUserByEmail, listFiles, parseSetCookies, readUser, restToken, settle, signedIn, unique, uploadMedia, useHostileServer, userAsActor } from './helpers.js'

const hostile = useHostileServer('privacy-doors')
const db = () => hostile.payload as any
const url = () => hostile.server.url

const DAY = 24 * 60 * 60 * 1000
const THEME = 'connection'
const PRIVACY = 'privacy-settings'
const FORMER_MEMBER = 'A former member'
const DELETED_THREAD_TITLE = 'Deleted conversation'
const DELETED_THREAD_BODY = 'This conversation was started by a former member who deleted their account.'
const TOKEN_PATH = /^\/account\/export\/([A-Za-z0-9_-]{43,})$/

// ---------------------------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------------------------
type M = { id: number | string; email: string; password: string; displayName: string }

/** A verified member with their own password, display name and email (all unique words). */
async function member(key: string, options: { established?: boolean; roles?: ('member' | 'moderator' | 'admin')[] } = {}): Promise<M> {
  const displayName = `${key[0]!.toUpperCase()}${unique(key.slice(1))}`.slice(0, 40)
  const email = `${unique('mail')}@example.org`.toLowerCase()
  const password = `amber-${unique('pw')}-harbour-7`
  const doc = await settle(() => createMember(hostile.payload, { displayName, email, password, roles: options.roles }))
  await settle(() => db().update({ collection: 'users', id: doc.id, data: { approvedPostCount: options.established === false ? 0 : 3 }, overrideAccess: true }))
  return { id: doc.id, email, password, displayName }
}

const asUser = (id: number | string) => userAsActor(hostile.payload, id)
const readStory = async (id: number | string) => (await db().findByID({ collection: 'stories', id, overrideAccess: true, depth: 0 })) as any

type Story = { id: number | string; slug: string; title: string; titleMarker: string; bodyMarker: string; summaryMarker: string; markers: string[] }

let moderatorUser: any

async function story(
  owner: M,
  key: string,
  options: { publish?: boolean; consent?: boolean; byline?: 'display-name' | 'anonymous' | 'pen-name'; penName?: string; cover?: number | string; locality: number | string },
): Promise<Story> {
  const titleMarker = unique(`${key}title`)
  const bodyMarker = unique(`${key}body`)
  const summaryMarker = unique(`${key}summ`)
  const title = `Story ${titleMarker}`
  const user = await asUser(owner.id)
  const doc = (await settle(() =>
    db().create({
      collection: 'stories',
      data: {
        title,
        summary: `Summary ${summaryMarker}`,
        body: markdownToLexical(`The year I learned about ${bodyMarker} and kept going.`),
        themes: [THEME],
        locality: options.locality,
        ...(options.cover != null ? { coverImage: options.cover } : {}),
      },
      overrideAccess: false,
      user,
    }),
  )) as any
  if (options.consent || options.publish) {
    await settle(() => giveConsent(hostile.payload, user, doc.id, { audience: 'public', byline: options.byline ?? 'display-name', penName: options.penName, quoteInReports: false }))
  }
  if (options.publish) {
    await settle(() => submitStory(hostile.payload, user, doc.id))
    await settle(() => moderateStory({ payload: hostile.payload, moderator: moderatorUser, storyId: doc.id, action: 'approve' }))
    const s = await readStory(doc.id)
    if (s.status !== 'published') throw new Error(`Arrange failed: story ${doc.id} is ${s.status}`)
  }
  const s = await readStory(doc.id)
  return { id: doc.id, slug: s.slug, title, titleMarker, bodyMarker, summaryMarker, markers: [titleMarker, bodyMarker, summaryMarker] }
}

async function upload(client: WebClient, key: string): Promise<{ id: number | string; filename: string; stem: string }> {
  const stem = unique(`${key}file`)
  const colour = `#${Math.floor(Math.random() * 0xffffff)
    .toString(16)
    .padStart(6, '0')}`
  const image = await sharp({ create: { width: 48, height: 36, channels: 3, background: colour } })
    .png()
    .toBuffer()
  const response = await uploadMedia(client, image, `${stem}.png`, 'image/png', { alt: `Picture ${unique('alt')}` })
  const body = (await response.json().catch(() => ({}))) as any
  if (response.status !== 201) throw new Error(`Arrange failed: upload gave ${response.status}: ${JSON.stringify(body).slice(0, 300)}`)
  const doc = (await db().findByID({ collection: 'media', id: body.doc.id, overrideAccess: true, depth: 0 })) as any
  return { id: doc.id, filename: doc.filename, stem }
}

async function flag(who: Who, targetCollection: string, targetId: number | string, note: string) {
  const r = await api(hostile, who, 'POST', '/api/flags', { targetCollection, targetId: String(targetId), reason: 'other', note })
  if (r.status !== 201) throw new Error(`Arrange failed: flag gave ${r.status}: ${r.text.slice(0, 300)}`)
  return r.json.doc.id as number | string
}

async function reminderRow(who: M, meetingId: number | string) {
  const key = unique('remkey')
  const doc: any = await settle(() => db().create({ collection: 'meeting-reminders', data: { key, meeting: meetingId, member: who.id, sentAt: new Date().toISOString() }, overrideAccess: true }))
  return { id: doc.id, key }
}

/** An email waiting in the queue for next week: erasure must delete it. */
async function queuedEmailTo(who: M, marker: string) {
  await settle(() =>
    hostile.payload.jobs.queue({
      task: 'sendEmail' as never,
      input: { to: who.email, subject: `A note about ${marker}`, html: `<p>${marker}</p>` } as never,
      queue: 'default',
      waitUntil: new Date(Date.now() + 7 * DAY),
    }),
  )
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers
// ---------------------------------------------------------------------------------------------
const visitor = () => new WebClient(url())
const signIn = (who: { email: string; password: string }) => signedIn(hostile.server, who.email, who.password)
const pathOf = (location: string | null) => (location ? new URL(location, url()).pathname : '')
const isLoginRedirect = (r: Response) => [301, 302, 303, 307, 308].includes(r.status) && /^\/login\b/.test(pathOf(r.headers.get('location')))

function copyOf(client: WebClient): WebClient {
  const copy = new WebClient(url())
  for (const [k, v] of client.cookies) copy.cookies.set(k, v)
  return copy
}

/** POST /account/export as `client`; returns the response and the token of the link it redirects to. */
async function requestExport(client: WebClient, extra: Record<string, string> = {}, query = '') {
  const csrf = await client.csrfToken('/account/export')
  const response = await client.postForm(`/account/export${query}`, { _csrf: csrf, ...extra })
  const text = await response.text()
  const token = pathOf(response.headers.get('location')).match(TOKEN_PATH)?.[1]
  return { response, status: response.status, text, token }
}

async function exportToken(client: WebClient, extra: Record<string, string> = {}, query = ''): Promise<string> {
  const r = await requestExport(client, extra, query)
  if (r.status !== 303 || !r.token) {
    throw new Error(`Arrange failed: POST /account/export gave ${r.status} location=${r.response.headers.get('location')}: ${textOf(r.text).slice(0, 300)}`)
  }
  return r.token
}

type Got = { status: number; headers: Headers; body: Buffer }
async function fetchRaw(client: WebClient, p: string, init: RequestInit = {}): Promise<Got> {
  const response = await client.request(p, init)
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) }
}

/** Something that looks like the zip was sent. */
function streamed(got: Got, secrets: string[]): string[] {
  const why: string[] = []
  const type = got.headers.get('content-type') ?? ''
  if (/zip/i.test(type)) why.push(`content-type ${type}`)
  if (/attachment/i.test(got.headers.get('content-disposition') ?? '')) why.push('content-disposition attachment')
  if (got.body.subarray(0, 2).toString('latin1') === 'PK') why.push('body is a zip')
  const text = got.body.toString('utf8').toLowerCase()
  const found = secrets.filter((s) => text.includes(s.toLowerCase()))
  if (found.length) why.push(`body carries ${found.join(', ')}`)
  return why
}

type Zip = { files: Record<string, Uint8Array>; json: any; jsonText: string; html: string; allText: string }
function readZip(body: Buffer): Zip {
  const files = unzipSync(new Uint8Array(body))
  const jsonText = files['waymark-export.json'] ? strFromU8(files['waymark-export.json']) : ''
  const html = files['waymark-export.html'] ? strFromU8(files['waymark-export.html']) : ''
  const allText = Object.entries(files)
    .filter(([name]) => !name.startsWith('media/'))
    .map(([, data]) => strFromU8(data))
    .join('\n')
  return { files, json: tryJson(jsonText), jsonText, html, allText }
}

const includesAny = (text: string, words: string[]) => {
  const lower = text.toLowerCase()
  return words.filter((w) => w && lower.includes(w.toLowerCase()))
}

async function allCollectionSlugs(): Promise<string[]> {
  return (hostile.payload.config.collections as { slug: string }[]).map((c) => c.slug)
}

async function allDocs(slug: string): Promise<any[]> {
  const found = await db().find({ collection: slug, overrideAccess: true, showHiddenFields: true, depth: 0, pagination: false, limit: 0 })
  return found.docs
}

/** Every stored document of every collection (access ignored) that carries one of the words. */
async function scanDatabase(words: string[]): Promise<string[]> {
  const hits: string[] = []
  for (const slug of await allCollectionSlugs()) {
    for (const doc of await allDocs(slug)) {
      const found = includesAny(JSON.stringify(doc), words)
      if (found.length) hits.push(`${slug}/${doc.id}: ${found.join(', ')}`)
    }
  }
  return hits
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------
let loc: Record<string, number | string> = {}
const localityNames: Record<string, string> = {}
let meetingId: number | string
let savedPrivacy: Record<string, unknown> = {}

let A: M // the export owner
let B: M // another member
let E: M // another member active around A's content
let R: M // replier in C's and D's threads
let G: M // erasure refused
let C: M // erased: everything
let D: M // erased: keep-posts
let F: M // erased by a moderator over REST
let H: M // erased by an admin over REST (keep-posts)

const moderator = (): Who => seededModerator(hostile)
const admin = (): Who => seededAdmin(hostile)

// A's content
const a = {} as {
  client: WebClient
  draft: Story
  pub: Story
  revisionTitleMarker: string
  withdrawn: Story
  redacted: Story
  redactionTitleMarker: string
  storyPrivateNote: string
  t1: Posted
  t2: Posted
  t3: Posted
  t3PrivateNote: string
  r1: Posted
  r2: Posted
  eThread: Posted
  eReply: Posted
  flagId: number | string
  flagNote: string
  eFlagId: number | string
  eFlagNote: string
  media: { id: number | string; filename: string; stem: string }
  reminder: { id: number | string; key: string }
}

// C's and D's content
type Erasable = {
  client: WebClient
  stories: Story[]
  draft?: Story
  penName: string
  thread: Posted // with a reply from R
  lonelyThread?: Posted // no replies from anyone else
  threadReplyFromR: Posted
  replyInR: Posted // their reply in R's thread
  flagNote: string
  flagId: number | string
  reminder: { id: number | string; key: string }
  cover?: { id: number | string; filename: string; stem: string }
  exportToken: string
  consentIds: string[]
  emailMarker: string
}
const c = {} as Erasable
const d = {} as Erasable
let rThread: Posted // R's own public thread where C and D reply

beforeAll(async () => {
  await updateSettings(hostile, RELAXED_LIMITS)
  savedPrivacy = await db().findGlobal({ slug: PRIVACY, overrideAccess: true, depth: 0 })
  await settle(() => db().updateGlobal({ slug: PRIVACY, data: { exportsPerDay: 50 }, overrideAccess: true }))
  loc = await localityIds(hostile)
  const locs = await db().find({ collection: 'localities', overrideAccess: true, limit: 100, depth: 0 })
  for (const l of locs.docs) localityNames[l.slug] = l.name
  const meetings = await db().find({ collection: 'meetings', overrideAccess: true, limit: 1, depth: 0 })
  if (!meetings.docs[0]) throw new Error('Arrange failed: no seeded meeting')
  meetingId = meetings.docs[0].id
  const mods = await db().find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, limit: 1 })
  moderatorUser = { ...mods.docs[0], collection: 'users' }

  ;[A, B, E, R, G, C, D, F, H] = (await Promise.all(['aowner', 'bother', 'eother', 'rreplier', 'gkeeper', 'cgone', 'dkeep', 'fmodgone', 'hadmgone'].map((k) => member(k)))) as [
    M,
    M,
    M,
    M,
    M,
    M,
    M,
    M,
    M,
  ]

  // ---- A: something in every collection --------------------------------------------------
  a.client = await signIn(A)
  await settle(() =>
    db().update({
      collection: 'users',
      id: A.id,
      data: {
        homeLocality: loc['lancashire-north'],
        followedLocalities: [loc['lancashire-county'], loc['lancashire-east']],
        notifications: { notifyReplies: false, notifyMeetingReminders: true, notifyMeetingChanges: false, replyDelivery: 'digest', digest: 'weekly' },
      },
      overrideAccess: true,
    }),
  )
  a.media = await upload(a.client, 'amedia')
  a.draft = await story(A, 'adraft', { locality: loc['lancashire-north']! })
  a.pub = await story(A, 'apub', { publish: true, locality: loc['lancashire-north']! })
  // A second consent version, then an edit that waits for review as a revision.
  await settle(async () => giveConsent(hostile.payload, await asUser(A.id), a.pub.id, { audience: 'members', byline: 'anonymous', quoteInReports: false }))
  a.revisionTitleMarker = unique('arevtitle')
  await settle(async () => db().update({ collection: 'stories', id: a.pub.id, data: { title: `Revised ${a.revisionTitleMarker}` }, overrideAccess: false, user: await asUser(A.id) }))
  if ((await readStory(a.pub.id)).revisionState !== 'submitted') throw new Error('Arrange failed: no submitted revision')
  a.withdrawn = await story(A, 'awd', { publish: true, locality: loc['lancashire-north']! })
  await settle(async () => withdrawStory(hostile.payload, await asUser(A.id), a.withdrawn.id))
  // A submitted story with a moderator's proposed redaction that A declined.
  a.redacted = await story(A, 'ared', { consent: true, locality: loc['lancashire-north']! })
  await settle(async () => submitStory(hostile.payload, await asUser(A.id), a.redacted.id))
  a.redactionTitleMarker = unique('aredtitle')
  a.storyPrivateNote = unique('modsonlystory')
  await settle(() =>
    moderateStory({
      payload: hostile.payload,
      moderator: moderatorUser,
      storyId: a.redacted.id,
      action: 'propose_redaction',
      proposal: { title: `Redacted ${a.redactionTitleMarker}`, note: 'A place name could identify you.' },
      privateNote: a.storyPrivateNote,
    }),
  )
  await settle(async () => respondToRedaction(hostile.payload, await asUser(A.id), a.redacted.id, false))

  a.t1 = await newThread(hostile, A, loc['lancashire-county']!)
  a.t2 = await newThread(hostile, A, loc['lancashire-north']!)
  a.t3 = await newThread(hostile, A, loc['lancashire-county']!)
  a.t3PrivateNote = unique('modsonlypost')
  await arrangeModeration(hostile, 'threads', a.t3.id, 'hide', 'hidden', { reason: 'Off topic', privateNote: a.t3PrivateNote })
  a.eThread = await newThread(hostile, E, loc['lancashire-county']!)
  a.eReply = await newReply(hostile, E, a.t1.id)
  a.r1 = await newReply(hostile, A, a.eThread.id)
  await settle(() => db().update({ collection: 'users', id: A.id, data: { approvedPostCount: 0 }, overrideAccess: true }))
  a.r2 = await newReply(hostile, A, a.eThread.id)
  await settle(() => db().update({ collection: 'users', id: A.id, data: { approvedPostCount: 5 }, overrideAccess: true }))
  await expectStatus(hostile, 'replies', a.r2.id, 'pending')
  a.flagNote = unique('aflagnote')
  a.flagId = await flag(A, 'threads', a.eThread.id, `Please look: ${a.flagNote}`)
  a.eFlagNote = unique('eflagnote')
  a.eFlagId = await flag(E, 'threads', a.t1.id, `Someone else's note ${a.eFlagNote}`)
  a.reminder = await reminderRow(A, meetingId)

  // ---- C and D: public stories, posts, flags, a reminder, a queued email ------------------
  rThread = await newThread(hostile, R, loc['lancashire-county']!)
  for (const [who, e, key] of [
    [C, c, 'c'],
    [D, d, 'd'],
  ] as const) {
    e.client = await signIn(who)
    e.penName = unique(`${key}pen`)
    if (key === 'c') e.cover = await upload(e.client, 'ccover')
    e.stories = [
      await story(who, `${key}named`, { publish: true, byline: 'display-name', cover: e.cover?.id, locality: loc['lancashire-county']! }),
      await story(who, `${key}penned`, { publish: true, byline: 'pen-name', penName: e.penName, locality: loc['lancashire-county']! }),
    ]
    if (key === 'c') e.draft = await story(who, 'cdraft', { locality: loc['lancashire-county']! })
    e.thread = await newThread(hostile, who, loc['lancashire-county']!)
    e.threadReplyFromR = await newReply(hostile, R, e.thread.id)
    if (key === 'c') e.lonelyThread = await newThread(hostile, who, loc['lancashire-county']!)
    e.replyInR = await newReply(hostile, who, rThread.id)
    e.flagNote = unique(`${key}flagnote`)
    e.flagId = await flag(who, 'threads', rThread.id, `Worried about ${e.flagNote}`)
    e.reminder = await reminderRow(who, meetingId)
    e.emailMarker = unique(`${key}queuedmail`)
    await queuedEmailTo(who, e.emailMarker)
    e.exportToken = await exportToken(e.client)
    const consents = await db().find({ collection: 'consents', where: { author: { equals: who.id } }, overrideAccess: true, limit: 100, depth: 0 })
    e.consentIds = consents.docs.map((x: any) => String(x.id))
  }
  // F (moderator erasure) and H (admin erasure) and G (refused erasure) have content too.
  for (const who of [F, G, H]) {
    await newThread(hostile, who, loc['lancashire-county']!)
    await story(who, 'other', { publish: who !== G, locality: loc['lancashire-county']! })
  }
}, 600_000)

afterAll(async () => {
  if (!hostile.payload || !savedPrivacy || savedPrivacy.exportsPerDay === undefined) return
  await settle(() => db().updateGlobal({ slug: PRIVACY, data: { exportsPerDay: savedPrivacy.exportsPerDay }, overrideAccess: true })).catch(() => undefined)
})

// =============================================================================================
// Export: the doors
// =============================================================================================
describe('export: the page, the form and its guards', () => {
  test('a visitor is sent to /login (page and form); the member sees a page with a CSRF form', async () => {
    const v = visitor()
    const page = await v.get('/account/export')
    expect(isLoginRedirect(page), `visitor GET /account/export gave ${page.status} ${page.headers.get('location')}`).toBe(true)
    const csrf = await v.csrfToken('/login')
    const post = await v.postForm('/account/export', { _csrf: csrf })
    expect(post.status === 303 ? isLoginRedirect(post) : [401, 403].includes(post.status), `visitor POST gave ${post.status} ${post.headers.get('location')}`).toBe(true)
    expect(pathOf(post.headers.get('location'))).not.toMatch(/^\/account\/export\//)

    const own = await a.client.get('/account/export')
    const html = await own.text()
    expect(own.status).toBe(200)
    expect(html).toMatch(/<form\b[^>]*action="\/account\/export"[^>]*>/i)
    expect(html).toMatch(/method="post"/i)
    expect(html).toMatch(/name="_csrf"/)
  })

  test('POST /account/export without the CSRF token, or from another site, makes no link (403)', async () => {
    const noToken = await a.client.postForm('/account/export', {})
    expect(noToken.status).toBe(403)
    expect(pathOf(noToken.headers.get('location'))).not.toMatch(/^\/account\/export\//)
    const wrongToken = await a.client.postForm('/account/export', { _csrf: 'x'.repeat(43) })
    expect(wrongToken.status).toBe(403)
    const csrf = await a.client.csrfToken('/account/export')
    const crossSite = await a.client.postForm('/account/export', { _csrf: csrf }, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })
    expect(crossSite.status).toBe(403)
    expect(pathOf(crossSite.headers.get('location'))).not.toMatch(/^\/account\/export\//)
  })
})

let aZip: Zip | undefined
let aZipHeaders: Headers | undefined

describe('export: only the member who made the link gets it', () => {
  test('another member, a visitor, a moderator and an admin get 404 through every spelling of the link; the owner gets the zip', async () => {
    const token = await exportToken(a.client)
    const base = `/account/export/${token}`
    const upper = token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase()
    const variants: { path: string; method?: string; exact404: boolean }[] = [
      { path: base, exact404: true },
      { path: base, method: 'HEAD', exact404: true },
      { path: `${base}/`, exact404: true },
      { path: `${base}/`, method: 'HEAD', exact404: true },
      { path: `/account/export/${upper}`, exact404: true },
      { path: `${base}x`, exact404: true },
      { path: `${base}%20`, exact404: true },
      { path: `${base}%00`, exact404: true },
      { path: `${base}?download=1`, exact404: true },
      { path: `/ACCOUNT/EXPORT/${token}`, exact404: true },
      { path: `/account//export/${token}`, exact404: false },
      { path: `/account/export/${encodeURIComponent(token)}`, exact404: true },
      { path: `/account/export?token=${token}`, exact404: false },
    ]
    const secrets = [A.email, A.displayName, a.pub.titleMarker, a.draft.titleMarker]
    const [bCookie, mod, adm] = await Promise.all([signIn(B), signIn(moderator()), signIn(admin())])
    const bJwt = new WebClient(url())
    const bJwtHeaders = { authorization: `JWT ${await restToken(hostile.server, B.email, B.password)}` }
    const admJwt = new WebClient(url())
    const admJwtHeaders = { authorization: `JWT ${await restToken(hostile.server, admin().email, admin().password)}` }
    const viewers: [string, WebClient, Record<string, string>][] = [
      ['member B (cookie)', bCookie, {}],
      ['member B (JWT)', bJwt, bJwtHeaders],
      ['visitor', visitor(), {}],
      ['moderator (cookie)', mod, {}],
      ['admin (cookie)', adm, {}],
      ['admin (JWT)', admJwt, admJwtHeaders],
    ]
    const problems: string[] = []
    for (const [name, client, headers] of viewers) {
      for (const v of variants) {
        const got = await fetchRaw(client, v.path, { method: v.method ?? 'GET', headers })
        const why = streamed(got, secrets)
        if (why.length) problems.push(`${name} ${v.method ?? 'GET'} ${v.path} [${got.status}]: ${why.join('; ')}`)
        if (v.exact404 && got.status !== 404) problems.push(`${name} ${v.method ?? 'GET'} ${v.path}: status ${got.status}, expected 404`)
      }
    }
    // The owner, with a link that is not exactly theirs, gets nothing either (their own name is in the page header).
    const ownerSecrets = [a.pub.titleMarker, a.draft.titleMarker, a.t1.titleMarker]
    for (const p of [`/account/export/${upper}`, `${base}x`, `/account/export/${token.slice(0, -1)}`, `/account/export/${unique('random').padEnd(43, 'Q')}`]) {
      const got = await fetchRaw(a.client, p)
      if (got.status !== 404) problems.push(`owner GET ${p}: status ${got.status}, expected 404`)
      const why = streamed(got, ownerSecrets)
      if (why.length) problems.push(`owner GET ${p}: ${why.join('; ')}`)
    }
    // No REST listing shows the token to another member or a visitor.
    for (const slug of await allCollectionSlugs()) {
      for (const who of [B, null] as (Who | null)[]) {
        const r = await api(hostile, who, 'GET', `/api/${slug}?limit=1000&depth=2`)
        if (r.text.includes(token)) problems.push(`${who ? 'member B' : 'visitor'} GET /api/${slug} shows the token`)
      }
    }
    expect(problems).toEqual([])

    // Control: the owner gets the zip.
    const got = await fetchRaw(a.client, base)
    expect(got.status, got.body.toString('utf8').slice(0, 300)).toBe(200)
    expect(got.headers.get('content-type') ?? '').toMatch(/^application\/zip\b/)
    expect(got.headers.get('content-disposition') ?? '').toMatch(/^attachment\b/i)
    expect(got.headers.get('cache-control') ?? '').toMatch(/no-store/)
    aZipHeaders = got.headers
    aZip = readZip(got.body)
    expect(aZip.json?.format).toBe('waymark-export')
  })

  test('a member who sends someone else\u2019s id with the form still gets only their own data', async () => {
    const bClient = await signIn(B)
    const token = await exportToken(bClient, { user: String(A.id), member: String(A.id), memberId: String(A.id), id: String(A.id), email: A.email }, `?user=${A.id}&member=${A.id}`)
    const got = await fetchRaw(bClient, `/account/export/${token}`)
    expect(got.status).toBe(200)
    const zip = readZip(got.body)
    expect(String(zip.json?.profile?.id)).toBe(String(B.id))
    expect(zip.json?.profile?.email).toBe(B.email)
    expect(includesAny(zip.allText, [A.email, A.displayName, a.pub.titleMarker, a.draft.titleMarker, a.t1.titleMarker, a.flagNote])).toEqual([])
  })

  test('the link dies when its owner signs out: for the old cookie, for their other session, and after signing in again', async () => {
    const other = await signIn(A) // a second browser, still signed in afterwards
    const session = await signIn(A)
    const token = await exportToken(session)
    const old = copyOf(session)
    const csrf = await session.csrfToken('/account')
    const out = await session.postForm('/logout', { _csrf: csrf })
    expect(out.status).toBe(303)
    const secrets = [A.email, A.displayName, a.pub.titleMarker]
    // A signed-in page of A's own shows A's name in its header: only the content counts there.
    const contentSecrets = [a.pub.titleMarker, a.draft.titleMarker, a.t1.titleMarker]

    const replay = await fetchRaw(old, `/account/export/${token}`)
    expect(replay.status, 'old cookie replayed after sign-out').toBe(404)
    expect(streamed(replay, secrets)).toEqual([])

    expect((await other.get('/account')).status, 'control: the other browser is still signed in').toBe(200)
    const otherTry = await fetchRaw(other, `/account/export/${token}`)
    expect(otherTry.status, "the owner's other session after sign-out").toBe(404)
    expect(streamed(otherTry, contentSecrets)).toEqual([])

    const again = await signIn(A)
    const newSession = await fetchRaw(again, `/account/export/${token}`)
    expect(newSession.status, 'a new session after sign-out').toBe(404)
    expect(streamed(newSession, contentSecrets)).toEqual([])

    // An unknown, well-formed token is 404 too.
    const random = Buffer.from(Array.from({ length: 32 }, () => Math.floor(Math.random() * 256))).toString('base64url')
    expect((await fetchRaw(again, `/account/export/${random}`)).status).toBe(404)

    // Control: the new session can still make and use a link of its own.
    const fresh = await exportToken(again)
    const ok = await fetchRaw(again, `/account/export/${fresh}`)
    expect(ok.status).toBe(200)
    expect(ok.body.subarray(0, 2).toString('latin1')).toBe('PK')
  })

  test('the (exportsPerDay + 1)-th export in a day is refused with 429 and Retry-After; another member is not affected', async () => {
    const [m, n] = await Promise.all([member('mlimit'), member('nlimit')])
    const [mClient, nClient] = await Promise.all([signIn(m), signIn(n)])
    await settle(() => db().updateGlobal({ slug: PRIVACY, data: { exportsPerDay: 2 }, overrideAccess: true }))
    try {
      await exportToken(mClient)
      await exportToken(mClient)
      const third = await requestExport(mClient)
      expect(third.status, textOf(third.text).slice(0, 300)).toBe(429)
      expect(third.token).toBeUndefined()
      const retryAfter = third.response.headers.get('retry-after') ?? ''
      const seconds = /^\d+$/.test(retryAfter) ? Number(retryAfter) : (Date.parse(retryAfter) - Date.now()) / 1000
      expect(retryAfter, 'Retry-After header').not.toBe('')
      expect(seconds).toBeGreaterThan(0)
      expect(seconds).toBeLessThanOrEqual(24 * 3600 + 60)
      expect(textOf(third.text)).toMatch(/try again/i)
      // Still refused on a second try.
      expect((await requestExport(mClient)).status).toBe(429)
      // Control: the limit is per member.
      const nFirst = await requestExport(nClient)
      expect(nFirst.status).toBe(303)
      expect(nFirst.token).toBeDefined()
    } finally {
      await settle(() => db().updateGlobal({ slug: PRIVACY, data: { exportsPerDay: 50 }, overrideAccess: true }))
    }
  })
})

// =============================================================================================
// Export: completeness
// =============================================================================================
describe('export: everything the member gave, and nothing of anyone else', () => {
  async function zip(): Promise<Zip> {
    if (aZip) return aZip
    const client = await signIn(A)
    const token = await exportToken(client)
    const got = await fetchRaw(client, `/account/export/${token}`)
    if (got.status !== 200) throw new Error(`Arrange failed: export download gave ${got.status}`)
    aZipHeaders = got.headers
    aZip = readZip(got.body)
    return aZip
  }

  const byId = (list: any, id: number | string) => (Array.isArray(list) ? list.find((x: any) => String(x?.id) === String(id)) : undefined)

  test('waymark-export.json: format, profile and notification preferences', async () => {
    const { json } = await zip()
    expect(json, 'waymark-export.json parses').toBeTruthy()
    expect(json.format).toBe('waymark-export')
    expect(json.version).toBe(1)
    expect(Number.isNaN(Date.parse(json.exportedAt))).toBe(false)
    for (const key of ['profile', 'notificationPreferences', 'stories', 'consents', 'threads', 'replies', 'flags', 'media', 'meetingReminders']) {
      expect(json, key).toHaveProperty(key)
    }
    const p = json.profile
    expect(String(p.id)).toBe(String(A.id))
    expect(p.email).toBe(A.email)
    expect(p.displayName).toBe(A.displayName)
    expect(p.memberType).toBe('in-recovery')
    expect(JSON.stringify(p.homeLocality)).toContain(localityNames['lancashire-north'])
    expect(JSON.stringify(p.followedLocalities)).toContain(localityNames['lancashire-county'])
    expect(JSON.stringify(p.followedLocalities)).toContain(localityNames['lancashire-east'])
    expect(p.roles).toContain('member')
    expect(p.createdAt).toBeTruthy()
    expect(p._verified).toBe(true)
    const prefs = [...objectsIn(json.notificationPreferences)].find((o) => 'digest' in o)
    expect(prefs, JSON.stringify(json.notificationPreferences)).toBeTruthy()
    expect(prefs).toMatchObject({ notifyReplies: false, notifyMeetingReminders: true, notifyMeetingChanges: false, replyDelivery: 'digest', digest: 'weekly' })
  })

  test('every story (draft, published with a submitted revision, withdrawn, declined redaction) with its text and revisions', async () => {
    const { json } = await zip()
    const cases: [string, Story, string][] = [
      ['draft', a.draft, 'draft'],
      ['published', a.pub, 'published'],
      ['withdrawn', a.withdrawn, 'withdrawn'],
      ['submitted', a.redacted, 'submitted'],
    ]
    for (const [name, s, status] of cases) {
      const entry = byId(json.stories, s.id)
      expect(entry, `${name} story ${s.id} in the export`).toBeTruthy()
      expect(entry.title, name).toContain(s.titleMarker)
      expect(entry.summary, name).toContain(s.summaryMarker)
      expect(typeof entry.body, `${name}: body is plain text`).toBe('string')
      expect(entry.body, name).toContain(s.bodyMarker)
      expect(JSON.stringify(entry.bodyRichText ?? null), name).toContain(s.bodyMarker)
      expect(entry.themes, name).toContain(THEME)
      expect(entry.status, name).toBe(status)
      expect(entry.createdAt, name).toBeTruthy()
      expect(Array.isArray(entry.revisions), `${name}: revisions is a list`).toBe(true)
    }
    expect(byId(json.stories, a.pub.id).publishedAt).toBeTruthy()
    expect(JSON.stringify(byId(json.stories, a.pub.id).revisions), 'the submitted revision').toContain(a.revisionTitleMarker)
    expect(JSON.stringify(byId(json.stories, a.redacted.id).revisions), 'the declined redaction').toContain(a.redactionTitleMarker)
    expect(json.stories.length).toBe(4)
  })

  test('every consent record (all versions, the withdrawn ones too)', async () => {
    const { json } = await zip()
    const stored = await db().find({ collection: 'consents', where: { author: { equals: A.id } }, overrideAccess: true, limit: 100, depth: 0 })
    expect(stored.docs.length, 'arrangement: consent records of A').toBeGreaterThanOrEqual(4)
    const exported = (json.consents ?? []).map((x: any) => String(x.id))
    expect(exported.sort()).toEqual(stored.docs.map((x: any) => String(x.id)).sort())
    for (const doc of stored.docs) {
      const entry = byId(json.consents, doc.id)
      expect(entry.version).toBe(doc.version)
      if (doc.withdrawnAt) expect(entry.withdrawnAt, `consent ${doc.id} withdrawn`).toBeTruthy()
    }
    expect(
      stored.docs.some((x: any) => x.withdrawnAt),
      'arrangement: a withdrawn consent',
    ).toBe(true)
  })

  test('every thread and reply, any status (published, members-only, hidden, pending)', async () => {
    const { json } = await zip()
    for (const [name, t, status, locality] of [
      ['county thread', a.t1, 'published', 'lancashire-county'],
      ['north thread', a.t2, 'published', 'lancashire-north'],
      ['hidden thread', a.t3, 'hidden', 'lancashire-county'],
    ] as const) {
      const entry = byId(json.threads, t.id)
      expect(entry, `${name} ${t.id}`).toBeTruthy()
      expect(entry.title).toContain(t.titleMarker)
      expect(entry.body).toContain(t.bodyMarker)
      expect(entry.status).toBe(status)
      expect(JSON.stringify(entry.locality)).toContain(localityNames[locality])
      expect(entry.createdAt).toBeTruthy()
    }
    expect(json.threads.length).toBe(3)
    for (const [name, r, status] of [
      ['published reply', a.r1, 'published'],
      ['pending reply', a.r2, 'pending'],
    ] as const) {
      const entry = byId(json.replies, r.id)
      expect(entry, `${name} ${r.id}`).toBeTruthy()
      expect(entry.body).toContain(r.bodyMarker)
      expect(entry.status).toBe(status)
    }
    expect(json.replies.length).toBe(2)
  })

  test('flags the member raised, the uploads (byte-identical) and the meeting-reminder ledger', async () => {
    const { json, files } = await zip()
    const f = byId(json.flags, a.flagId)
    expect(f, 'the flag A raised').toBeTruthy()
    expect(f.targetCollection).toBe('threads')
    expect(String(f.targetId)).toBe(String(a.eThread.id))
    expect(f.reason).toBe('other')
    expect(f.note).toContain(a.flagNote)
    expect(f.status).toBe('open')
    expect(f.createdAt).toBeTruthy()
    expect(json.flags.length).toBe(1)

    const m = byId(json.media, a.media.id)
    expect(m, 'the upload').toBeTruthy()
    expect(m.filename).toBe(a.media.filename)
    expect(m.alt).toBeTruthy()
    expect(m.file).toBe(`media/${a.media.filename}`)
    const original = fs.readFileSync(path.join(hostile.server.mediaDir, a.media.filename))
    const inZip = files[`media/${a.media.filename}`]
    expect(inZip, `media/${a.media.filename} in the zip`).toBeTruthy()
    expect(Buffer.from(inZip!).equals(original), 'byte-identical to the stored original').toBe(true)

    expect(Array.isArray(json.meetingReminders)).toBe(true)
    expect(json.meetingReminders.length).toBe(1)
  })

  test('waymark-export.html: a heading per section, every story title and thread title', async () => {
    const { html } = await zip()
    expect(html.length).toBeGreaterThan(0)
    expect((html.match(/<h[1-4]\b/gi) ?? []).length).toBeGreaterThanOrEqual(6)
    const text = textOf(html)
    for (const s of [a.draft, a.pub, a.withdrawn, a.redacted]) expect(text, `story ${s.id}`).toContain(s.titleMarker)
    for (const t of [a.t1, a.t2, a.t3]) expect(text, `thread ${t.id}`).toContain(t.titleMarker)
    expect(text).toContain(a.r2.bodyMarker)
  })

  test('nothing of anyone else: no other email, no flag by others, no moderators\u2019 private notes, no credentials', async () => {
    const { json, allText } = await zip()
    const users = await allDocs('users')
    const otherEmails = users.map((u: any) => String(u.email).toLowerCase()).filter((e: string) => e !== A.email.toLowerCase())
    expect(otherEmails.length).toBeGreaterThan(5)
    expect(includesAny(allText, otherEmails), 'other members\u2019 emails').toEqual([])
    expect(byId(json.flags, a.eFlagId), 'the flag E raised on A\u2019s thread').toBeUndefined()
    expect(includesAny(allText, [a.eFlagNote, E.displayName, a.eReply.bodyMarker, a.t3PrivateNote, a.storyPrivateNote])).toEqual([])
    const forbidden = /^(hash|salt|password|resetPasswordToken|resetPasswordExpiration|_verificationToken|loginAttempts|lockUntil|sessions|apiKey|apiKeyIndex|enableAPIKey|.*token.*)$/i
    const keys = [...objectsIn(json)].flatMap((o) => Object.keys(o)).filter((k) => forbidden.test(k))
    expect([...new Set(keys)]).toEqual([])
    const secret = await readUser(hostile.payload, A.id)
    const secrets = [secret.hash, secret.salt, ...(secret.sessions ?? []).map((s: any) => s.id)].filter((x) => typeof x === 'string' && x.length >= 8)
    expect(secrets.length).toBeGreaterThan(0)
    expect(includesAny(allText, secrets).length, 'stored hash, salt or session ids in the zip').toBe(0)
    expect(aZipHeaders?.get('cache-control') ?? '').toMatch(/no-store/)
  })
})

// =============================================================================================
// Erasure: refused
// =============================================================================================
describe('erasure is refused without the password, without CSRF, to visitors, and to members over REST', () => {
  async function gIsIntact() {
    const user = await findUserByEmail(hostile.payload, G.email)
    expect(user, 'G still exists').toBeTruthy()
    expect(String(user!.id)).toBe(String(G.id))
    expect(user!.displayName).toBe(G.displayName)
    const [threads, stories] = await Promise.all([
      db().count({ collection: 'threads', where: { author: { equals: G.id } }, overrideAccess: true }),
      db().count({ collection: 'stories', where: { author: { equals: G.id } }, overrideAccess: true }),
    ])
    expect(threads.totalDocs, "G's thread").toBe(1)
    expect(stories.totalDocs, "G's story").toBe(1)
    const log = (await allDocs('erasure-log')).filter((x: any) => String(x.memberId) === String(G.id))
    expect(log.length, 'no erasure-log entry for G').toBe(0)
    const events = await db().count({ collection: 'moderation-events', where: { and: [{ action: { equals: 'erase-member' } }, { targetId: { equals: String(G.id) } }] }, overrideAccess: true })
    expect(events.totalDocs).toBe(0)
  }

  test('wrong, empty or another member\u2019s password: 400 "That password is not right", nothing erased; missing mode or confirmation: 400', async () => {
    const g = await signIn(G)
    const page = await g.get('/account/delete')
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toMatch(/name="password"/)
    expect(html).toMatch(/everything/)
    expect(html).toMatch(/keep-posts/)
    // Four wrong tries (fewer than the sign-in lockout), both modes.
    for (const [name, password, mode] of [
      ['wrong', `${G.password}x`, 'everything'],
      ['empty', '', 'keep-posts'],
      ['another member\u2019s', B.password, 'everything'],
      ['upper-cased', G.password.toUpperCase(), 'keep-posts'],
    ] as const) {
      const csrf = await g.csrfToken('/account/delete')
      const r = await g.postForm('/account/delete', { _csrf: csrf, password, mode, confirm: 'on' })
      const text = await r.text()
      expect(r.status, `${name} password, ${mode}`).toBe(400)
      expect(textOf(text), `${name} password, ${mode}`).toContain('That password is not right')
    }
    for (const [name, fields] of [
      ['no mode', { password: G.password, confirm: 'on' }],
      ['unknown mode', { password: G.password, mode: 'all', confirm: 'on' }],
      ['no confirmation', { password: G.password, mode: 'everything' }],
    ] as const) {
      const csrf = await g.csrfToken('/account/delete')
      const r = await g.postForm('/account/delete', { _csrf: csrf, ...fields })
      expect(r.status, name).toBe(400)
    }
    await gIsIntact()
    expect((await g.get('/account')).status, 'G is still signed in').toBe(200)
  })

  test('without the CSRF token or from another site: 403; a visitor is sent to /login; nothing erased', async () => {
    const g = await signIn(G)
    const noToken = await g.postForm('/account/delete', { password: G.password, mode: 'everything', confirm: 'on' })
    expect(noToken.status).toBe(403)
    const csrf = await g.csrfToken('/account/delete')
    const crossSite = await g.postForm(
      '/account/delete',
      { _csrf: csrf, password: G.password, mode: 'everything', confirm: 'on' },
      { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } },
    )
    expect(crossSite.status).toBe(403)

    const v = visitor()
    const page = await v.get('/account/delete')
    expect(isLoginRedirect(page), `visitor GET /account/delete gave ${page.status}`).toBe(true)
    const vcsrf = await v.csrfToken('/login')
    const post = await v.postForm('/account/delete', { _csrf: vcsrf, password: G.password, mode: 'everything', confirm: 'on', email: G.email })
    expect(post.status === 303 ? isLoginRedirect(post) : [401, 403].includes(post.status), `visitor POST gave ${post.status} ${post.headers.get('location')}`).toBe(true)
    await gIsIntact()
  })

  test('POST /api/users/:id/erase is refused to members (403), the member themself and visitors', async () => {
    const gCookie = await signIn(G)
    const bCookie = await signIn(B)
    const attempts: [string, () => Promise<number>][] = [
      ['member B (JWT)', async () => (await api(hostile, B, 'POST', `/api/users/${G.id}/erase`, { mode: 'everything' })).status],
      ['G themself (JWT)', async () => (await api(hostile, G, 'POST', `/api/users/${G.id}/erase`, { mode: 'everything' })).status],
      ['member B (cookie)', async () => (await bCookie.json('POST', `/api/users/${G.id}/erase`, { mode: 'everything' })).status],
      ['G themself (cookie)', async () => (await gCookie.json('POST', `/api/users/${G.id}/erase`, { mode: 'keep-posts' })).status],
    ]
    for (const [name, run] of attempts) expect(await run(), name).toBe(403)
    const anon = await api(hostile, null, 'POST', `/api/users/${G.id}/erase`, { mode: 'everything' })
    expect([401, 403], `visitor gave ${anon.status}`).toContain(anon.status)
    const get = await api(hostile, B, 'GET', `/api/users/${G.id}/erase`)
    expect(get.status >= 400 && get.status < 500).toBe(true)
    // An unknown member is 404 for a moderator.
    const unknown = await api(hostile, moderator(), 'POST', '/api/users/987654321/erase', { mode: 'everything' })
    expect(unknown.status).toBe(404)
    await gIsIntact()
    // Control: G can still sign in.
    expect((await new WebClient(url()).signIn(G.email, G.password)).status).toBe(303)
  })
})

// =============================================================================================
// Erasure: completeness
// =============================================================================================
const markersOf = (who: M, e: Erasable, mode: 'everything' | 'keep-posts') => {
  const words = [
    who.displayName,
    who.email,
    e.penName,
    e.flagNote,
    e.reminder.key,
    e.emailMarker,
    e.exportToken,
    ...e.stories.flatMap((s) => [s.title, ...s.markers, s.slug]),
    ...(e.draft ? [e.draft.title, ...e.draft.markers] : []),
    ...(e.cover ? [e.cover.stem] : []),
  ]
  if (mode === 'everything') words.push(...e.thread.markers, ...(e.lonelyThread?.markers ?? []), ...e.replyInR.markers)
  return words
}

const searchWords = (who: M, e: Erasable) => [who.displayName, who.email, e.penName, ...e.stories.map((s) => s.titleMarker), ...e.stories.map((s) => s.title)]

type Viewer = { name: string; client: WebClient }
let viewers: Viewer[] = []

function pagesFor(who: M, e: Erasable): string[] {
  return [
    '/',
    '/stories',
    ...e.stories.map((s) => `/stories/${s.slug}`),
    ...Object.keys(loc).map((slug) => `/localities/${slug}`),
    `/threads/${e.thread.id}`,
    ...(e.lonelyThread ? [`/threads/${e.lonelyThread.id}`] : []),
    `/threads/${rThread.id}`,
    '/feed.xml',
    '/localities/lancashire-county/feed.xml',
    '/sitemap.xml',
    '/sitemap-1.xml',
    '/you-said-we-did',
    '/meetings',
    ...searchWords(who, e).map((w) => `/search?q=${encodeURIComponent(w)}`),
  ]
}

/** The page text with the search query's echo removed. */
function withoutEcho(p: string, body: string): string {
  const q = p.startsWith('/search?q=') ? decodeURIComponent(p.slice('/search?q='.length)) : ''
  if (!q) return body
  let out = body
  for (const form of [q, encodeURIComponent(q), q.replace(/ /g, '+'), q.replace(/@/g, '&#64;'), q.replace(/@/g, '&#x40;')]) out = out.split(form).join(' ')
  // Case-insensitively too.
  return out.replace(new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ' ')
}

async function doorLeaks(who: M, e: Erasable, mode: 'everything' | 'keep-posts'): Promise<string[]> {
  const words = markersOf(who, e, mode)
  const problems: string[] = []
  for (const viewer of viewers) {
    for (const p of pagesFor(who, e)) {
      const response = await viewer.client.get(p)
      const body = await response.text()
      if (response.status >= 500) problems.push(`${viewer.name} ${p}: ${response.status}`)
      const found = includesAny(withoutEcho(p, body), words)
      if (found.length) problems.push(`${viewer.name} ${p} [${response.status}]: ${found.join(', ')}`)
      if (p.startsWith('/stories/') && p !== '/stories' && ![404, 410].includes(response.status)) problems.push(`${viewer.name} ${p}: ${response.status}, expected 410 or 404`)
      if (p.startsWith('/search?q=') && e.stories.some((s) => body.includes(`/stories/${s.slug}`))) problems.push(`${viewer.name} ${p}: links to an erased story`)
    }
  }
  return problems
}

async function restLeaks(who: M, e: Erasable, mode: 'everything' | 'keep-posts'): Promise<string[]> {
  const words = markersOf(who, e, mode)
  const problems: string[] = []
  const enc = encodeURIComponent
  const paths = [
    `/api/users?where[email][equals]=${enc(who.email)}`,
    `/api/users?where[displayName][equals]=${enc(who.displayName)}`,
    `/api/users?limit=1000&depth=1`,
    `/api/users/${who.id}`,
    ...e.stories.map((s) => `/api/stories?where[title][equals]=${enc(s.title)}`),
    ...e.stories.map((s) => `/api/stories/${s.id}`),
    `/api/stories?limit=1000&depth=1`,
    `/api/threads?depth=1&limit=1000`,
    `/api/threads?where[authorByline.displayName][equals]=${enc(who.displayName)}`,
    `/api/replies?depth=1&limit=1000`,
    `/api/consents?limit=1000&depth=1`,
    `/api/media?limit=1000&depth=1`,
    `/api/flags?limit=1000&depth=1`,
    `/api/moderation-events?limit=1000&depth=1`,
    `/api/meeting-reminders?limit=1000&depth=1`,
    `/api/erasure-log?limit=1000&depth=1`,
    `/api/payload-jobs?limit=1000&depth=0`,
  ]
  for (const p of paths) {
    const r = await api(hostile, admin(), 'GET', p)
    if (r.status >= 500) problems.push(`${p}: ${r.status}`)
    const found = includesAny(r.text, words)
    if (found.length) problems.push(`${p} [${r.status}]: ${found.join(', ')}`)
    if (/where\[(email|displayName|title|authorByline)/.test(p) && r.status === 200 && (r.json?.totalDocs ?? r.json?.docs?.length) !== 0) problems.push(`${p}: totalDocs ${r.json?.totalDocs}`)
    if (/^\/api\/(users|stories)\/[^?/]+$/.test(p) && r.status === 200) problems.push(`${p}: 200`)
  }
  return problems
}

async function expectControlsShow(who: M, e: Erasable) {
  const v = visitor()
  const named = e.stories[0]!
  const page = await v.get(`/stories/${named.slug}`)
  const html = await page.text()
  expect(page.status, 'control: the public story page').toBe(200)
  expect(textOf(html), 'control: the byline shows the display name').toContain(who.displayName)
  expect(html).toContain(named.titleMarker)
  expect(await (await v.get(`/stories/${e.stories[1]!.slug}`)).text(), 'control: pen name').toContain(e.penName)
  const search = await (await v.get(`/search?q=${named.titleMarker}`)).text()
  expect(search, 'control: search finds the story').toContain(`/stories/${named.slug}`)
  expect(await (await v.get('/feed.xml')).text(), 'control: feed').toContain(named.titleMarker)
  expect(await (await v.get('/sitemap-1.xml')).text(), 'control: sitemap').toContain(named.slug)
  const thread = await (await v.get(`/threads/${e.thread.id}`)).text()
  expect(textOf(thread), 'control: the thread byline').toContain(who.displayName)
  expect(await (await v.get('/localities/lancashire-county/feed.xml')).text(), 'control: forum feed').toContain(e.thread.titleMarker)
  const rest = await api(hostile, admin(), 'GET', `/api/users?where[email][equals]=${encodeURIComponent(who.email)}`)
  expect(rest.json?.totalDocs, 'control: REST finds the member').toBe(1)
  const restStory = await api(hostile, admin(), 'GET', `/api/stories?where[title][equals]=${encodeURIComponent(named.title)}`)
  expect(restStory.json?.totalDocs, 'control: REST finds the story by title').toBe(1)
  const scan = await scanDatabase([who.email, who.displayName, named.titleMarker, e.penName, e.emailMarker, e.reminder.key, e.exportToken])
  for (const w of [who.email, who.displayName, named.titleMarker, e.penName, e.emailMarker, e.reminder.key]) {
    expect(
      scan.some((h) => h.includes(w)),
      `control: the database scan finds ${w}`,
    ).toBe(true)
  }
}

async function eraseThroughTheForm(who: M, e: Erasable, mode: 'everything' | 'keep-posts') {
  const page = await e.client.get('/account/delete')
  expect(page.status).toBe(200)
  const csrf = await e.client.csrfToken('/account/delete')
  const old = copyOf(e.client)
  const response = await e.client.postForm('/account/delete', { _csrf: csrf, password: who.password, mode, confirm: 'on' })
  const body = await response.text()
  expect(response.status, textOf(body).slice(0, 300)).toBe(303)
  expect(pathOf(response.headers.get('location'))).toBe('/account/deleted')
  const cleared = parseSetCookies(response).filter((cookie) => /token$/i.test(cookie.name))
  expect(cleared.length, 'the session cookie is cleared').toBeGreaterThan(0)
  for (const cookie of cleared) {
    const expired = cookie.value === '' || /1970/.test(cookie.attributes.get('expires') ?? '') || cookie.attributes.get('max-age') === '0'
    expect(expired, cookie.line).toBe(true)
  }
  const deleted = await e.client.get('/account/deleted')
  expect(deleted.status).toBe(200)
  // The old cookie is no session any more.
  expect(isLoginRedirect(await old.get('/account')), 'old cookie after erasure').toBe(true)
  return old
}

describe('erasure completeness: everything (C) and keep-posts (D)', () => {
  let erasedAt = 0
  let oldC: WebClient | undefined
  let oldD: WebClient | undefined

  test('before: every door shows them (the controls); then each erases their account through the form', async () => {
    viewers = [
      { name: 'visitor', client: visitor() },
      { name: 'member', client: await signIn(B) },
      { name: 'admin', client: await signIn(admin()) },
    ]
    await drainJobs(hostile)
    await expectControlsShow(C, c)
    await expectControlsShow(D, d)
    erasedAt = Date.now()
    oldC = await eraseThroughTheForm(C, c, 'everything')
    oldD = await eraseThroughTheForm(D, d, 'keep-posts')
    await drainJobs(hostile)
  })

  test('the erased members can no longer sign in (form or REST), and their export links are dead', async () => {
    for (const who of [C, D]) {
      const r = await new WebClient(url()).signIn(who.email, who.password)
      expect(r.status, `${who.email} sign-in`).not.toBe(303)
      expect([400, 401, 403]).toContain(r.status)
      const rest = await api(hostile, null, 'POST', '/api/users/login', { email: who.email, password: who.password })
      expect(rest.status).not.toBe(200)
      expect(rest.json?.token).toBeUndefined()
    }
    for (const [old, e] of [
      [oldC, c],
      [oldD, d],
    ] as const) {
      const got = await fetchRaw(old!, `/account/export/${e.exportToken}`)
      expect(got.status).toBe(404)
      expect(streamed(got, [])).toEqual([])
    }
  })

  test('no page, feed, sitemap or search shows their name, email or story titles (visitor, member, admin)', async () => {
    expect(await doorLeaks(C, c, 'everything')).toEqual([])
    expect(await doorLeaks(D, d, 'keep-posts')).toEqual([])
  })

  test('REST as an admin finds nothing of them', async () => {
    expect.soft(await restLeaks(C, c, 'everything'), 'everything (C)').toEqual([])
    expect.soft(await restLeaks(D, d, 'keep-posts'), 'keep-posts (D)').toEqual([])
  })

  test('no stored document of any collection (Local API, access ignored) carries their name, email, titles or other words', async () => {
    const hits = await scanDatabase([...markersOf(C, c, 'everything'), ...markersOf(D, d, 'keep-posts')])
    expect.soft(hits).toEqual([])
    for (const who of [C, D]) expect(await findUserByEmail(hostile.payload, who.email)).toBeUndefined()
    for (const e of [c, d]) {
      for (const s of [...e.stories, ...(e.draft ? [e.draft] : [])]) expect(await stored(hostile, 'stories', s.id), `story ${s.id}`).toBeUndefined()
      expect(await stored(hostile, 'flags', e.flagId), 'their flag').toBeUndefined()
      expect(await stored(hostile, 'meeting-reminders', e.reminder.id), 'their reminder row').toBeUndefined()
    }
    expect(await stored(hostile, 'media', c.cover!.id), 'their upload').toBeUndefined()
    expect(
      listFiles(hostile.server.mediaDir).filter((f) => f.includes(c.cover!.stem)),
      'their files on disk',
    ).toEqual([])
  })

  test('consent records are tombstones: ids, given-at and withdrawn-at, nothing else', async () => {
    for (const [who, e] of [
      [C, c],
      [D, d],
    ] as const) {
      const storyIds = e.stories.map((s) => String(s.id))
      const found = await db().find({ collection: 'consents', where: { authorRef: { equals: String(who.id) } }, overrideAccess: true, showHiddenFields: true, limit: 100, depth: 0 })
      expect(found.docs.length, `${who.email}: tombstones`).toBe(e.consentIds.length)
      const none = await db().count({ collection: 'consents', where: { author: { equals: who.id } }, overrideAccess: true })
      expect(none.totalDocs).toBe(0)
      for (const t of found.docs as any[]) {
        expect(t.tombstone, `consent ${t.id}`).toBe(true)
        expect(storyIds).toContain(String(t.storyRef))
        expect(String(t.authorRef)).toBe(String(who.id))
        expect(Number.isNaN(Date.parse(t.givenAt))).toBe(false)
        expect(Number.isNaN(Date.parse(t.withdrawnAt)), `consent ${t.id} withdrawnAt`).toBe(false)
        expect(Date.parse(t.withdrawnAt)).toBeLessThanOrEqual(Date.now())
        expect(typeof t.version).toBe('number')
        for (const field of ['statementText', 'penName', 'byline', 'audience', 'story', 'author']) {
          expect(t[field] === '' ? null : (t[field] ?? null), `consent ${t.id}.${field}`).toBeNull()
        }
      }
      const r = await api(hostile, admin(), 'GET', `/api/consents?where[authorRef][equals]=${who.id}&limit=100&depth=2`)
      expect(includesAny(r.text, [e.penName, who.displayName, who.email, 'Who can read my story'])).toEqual([])
    }
  })

  test('everything: their threads and replies are gone; a thread with others\u2019 replies stays as "Deleted conversation" with those replies', async () => {
    const kept = await stored(hostile, 'threads', c.thread.id)
    expect(kept, 'the thread with a reply from R').toBeTruthy()
    expect(kept!.title).toBe(DELETED_THREAD_TITLE)
    expect(kept!.body).toBe(DELETED_THREAD_BODY)
    expect(kept!.author ?? null).toBeNull()
    expect.soft(includesAny(JSON.stringify(kept), [C.displayName, ...c.thread.markers]), 'the kept thread carries none of the old words').toEqual([])
    const rReply = await stored(hostile, 'replies', c.threadReplyFromR.id)
    expect(rReply?.status, "R's reply stays").toBe('published')
    expect(await stored(hostile, 'threads', c.lonelyThread!.id), 'the thread nobody answered').toBeUndefined()
    expect(await stored(hostile, 'replies', c.replyInR.id), "C's reply in R's thread").toBeUndefined()
    const page = await visitor().get(`/threads/${c.thread.id}`)
    const text = textOf(await page.text())
    expect(page.status).toBe(200)
    expect(text).toContain(c.threadReplyFromR.bodyMarker)
    expect(text).toContain(DELETED_THREAD_TITLE)
    const rPage = textOf(await (await visitor().get(`/threads/${rThread.id}`)).text())
    expect(rPage).toContain(rThread.titleMarker)
    expect(rPage).not.toContain(c.replyInR.bodyMarker)
  })

  test('keep-posts: their thread and reply stay, signed "A former member", with no author and no member type', async () => {
    const t = await stored(hostile, 'threads', d.thread.id)
    expect(t, "D's thread").toBeTruthy()
    expect(t!.title).toContain(d.thread.titleMarker)
    expect(t!.author ?? null).toBeNull()
    expect(t!.authorByline?.displayName).toBe(FORMER_MEMBER)
    expect(t!.authorByline?.memberType || null).toBeNull()
    const reply = await stored(hostile, 'replies', d.replyInR.id)
    expect(reply, "D's reply in R's thread").toBeTruthy()
    expect(reply!.author ?? null).toBeNull()
    expect(reply!.authorByline?.displayName).toBe(FORMER_MEMBER)
    expect(reply!.authorByline?.memberType || null).toBeNull()
    expect((await stored(hostile, 'replies', d.threadReplyFromR.id))?.status, "R's reply in D's thread").toBe('published')
    for (const client of [visitor(), viewers[1]!.client]) {
      const page = await client.get(`/threads/${d.thread.id}`)
      const text = textOf(await page.text())
      expect(page.status).toBe(200)
      expect(text).toContain(d.thread.titleMarker)
      expect(text).toContain(FORMER_MEMBER)
      expect(text).toContain(d.threadReplyFromR.bodyMarker)
      expect(text).not.toContain(D.displayName)
      const rPage = textOf(await (await client.get(`/threads/${rThread.id}`)).text())
      expect(rPage).toContain(d.replyInR.bodyMarker)
      expect(rPage).toContain(FORMER_MEMBER)
    }
    const rest = await api(hostile, admin(), 'GET', `/api/threads/${d.thread.id}?depth=1`)
    expect(rest.status).toBe(200)
    expect(rest.json?.author ?? null).toBeNull()
  })

  test('the erasure log (collection and file) has one entry per erasure, with ids only; the moderation log has erase-member', async () => {
    const file = path.join(hostile.server.dataDir, 'erasure-log.jsonl')
    expect(fs.existsSync(file), file).toBe(true)
    const raw = fs.readFileSync(file, 'utf8')
    const lines = raw
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l))
    // The file is not served by the site.
    for (const p of ['/erasure-log.jsonl', '/data/erasure-log.jsonl', '/api/media/file/..%2F..%2Fdata%2Ferasure-log.jsonl', '/assets/..%2F..%2Fdata%2Ferasure-log.jsonl']) {
      const r = await visitor().get(p)
      expect(await r.text(), p).not.toContain('"memberId"')
    }
    const allWords = [...markersOf(C, c, 'everything'), ...markersOf(D, d, 'keep-posts'), ...d.thread.markers, ...d.replyInR.markers]
    expect(includesAny(raw, allWords), 'the log file').toEqual([])

    for (const [who, e, mode] of [
      [C, c, 'everything'],
      [D, d, 'keep-posts'],
    ] as const) {
      const entries = (await allDocs('erasure-log')).filter((x: any) => String(x.memberId) === String(who.id))
      expect(entries.length, `${mode}: erasure-log entries`).toBe(1)
      const entry = entries[0]
      expect(entry.mode).toBe(mode)
      expect(String(entry.actorId)).toBe(String(who.id))
      expect(entry.actorRole).toBe('self')
      expect(Date.parse(entry.erasedAt)).toBeGreaterThanOrEqual(erasedAt - 1000)
      expect(includesAny(JSON.stringify(entry), allWords)).toEqual([])
      const ids = entry.ids
      for (const key of ['users', 'stories', 'consents', 'threads', 'replies', 'flags', 'media']) expect(Array.isArray(ids?.[key]), `ids.${key}`).toBe(true)
      const all = Object.values(ids).flat() as unknown[]
      expect(
        all.filter((x) => !(typeof x === 'number' || (typeof x === 'string' && /^[0-9a-f-]{1,40}$/i.test(x)))),
        'ids only',
      ).toEqual([])
      const asText = (list: unknown[]) => list.map(String)
      expect(asText(ids.users)).toContain(String(who.id))
      for (const s of [...e.stories, ...(e.draft ? [e.draft] : [])]) expect(asText(ids.stories)).toContain(String(s.id))
      for (const id of e.consentIds) expect(asText(ids.consents)).toContain(id)
      expect(asText(ids.flags)).toContain(String(e.flagId))
      if (mode === 'everything') {
        expect(asText(ids.threads)).toContain(String(c.thread.id))
        expect(asText(ids.threads)).toContain(String(c.lonelyThread!.id))
        expect(asText(ids.replies)).toContain(String(c.replyInR.id))
        expect(asText(ids.media)).toContain(String(c.cover!.id))
      }
      const line = lines.filter((l: any) => String(l.memberId) === String(who.id))
      expect(line.length, `${mode}: lines in the log file`).toBe(1)
      expect(line[0].mode).toBe(mode)
      expect(String(line[0].actorId)).toBe(String(who.id))
      expect(asText(line[0].ids?.stories ?? [])).toContain(String(e.stories[0]!.id))

      const events = await db().find({
        collection: 'moderation-events',
        where: { and: [{ action: { equals: 'erase-member' } }, { targetId: { equals: String(who.id) } }] },
        overrideAccess: true,
        depth: 0,
      })
      expect(events.docs.length, `${mode}: erase-member event`).toBe(1)
      expect(events.docs[0].targetCollection).toBe('users')
      expect(events.docs[0].actor ?? null).toBeNull()
    }
  })

  test('the erasure log: admins read it; members and moderators do not; nobody writes it through REST', async () => {
    const adminRead = await api(hostile, admin(), 'GET', '/api/erasure-log?limit=100')
    expect(adminRead.status).toBe(200)
    const entry = (adminRead.json?.docs ?? []).find((x: any) => String(x.memberId) === String(C.id))
    expect(entry, 'admin reads the entry').toBeTruthy()
    for (const who of [B, moderator()]) {
      const r = await api(hostile, who, 'GET', '/api/erasure-log?limit=100')
      expect(r.status === 403 || (r.status === 200 && (r.json?.docs ?? []).length === 0), `${who.email}: ${r.status}`).toBe(true)
    }
    const before = (await allDocs('erasure-log')).length
    const writes = [
      await api(hostile, admin(), 'POST', '/api/erasure-log', { memberId: String(B.id), mode: 'everything', actorRole: 'self', ids: {} }),
      await api(hostile, admin(), 'PATCH', `/api/erasure-log/${entry.id}`, { mode: 'keep-posts' }),
      await api(hostile, admin(), 'DELETE', `/api/erasure-log/${entry.id}`),
      await api(hostile, B, 'POST', '/api/erasure-log', { memberId: String(B.id), mode: 'everything' }),
    ]
    for (const w of writes) expect(w.status, w.text.slice(0, 200)).toBeGreaterThanOrEqual(400)
    const after = await allDocs('erasure-log')
    expect(after.length).toBe(before)
    expect(after.find((x: any) => String(x.id) === String(entry.id))?.mode).toBe('everything')
  })
})

// =============================================================================================
// Erasure by a moderator (offline request)
// =============================================================================================
describe('a moderator (or an admin) erases a member over REST, and the logs name them', () => {
  test('POST /api/users/:id/erase as the moderator: 200, the member is gone, the logs record the moderator', async () => {
    const modDoc = await findUserByEmail(hostile.payload, 'moderator@waymark.example')
    const adminDoc = await findUserByEmail(hostile.payload, 'admin@waymark.example')
    for (const [who, actor, actorDoc, mode] of [
      [F, moderator(), modDoc, 'everything'],
      [H, admin(), adminDoc, 'keep-posts'],
    ] as const) {
      const r = await api(hostile, actor, 'POST', `/api/users/${who.id}/erase`, { mode })
      expect(r.status, r.text.slice(0, 300)).toBe(200)
      expect(r.json?.ok).toBe(true)
      expect(String(r.json?.erased)).toBe(String(who.id))
      expect(await findUserByEmail(hostile.payload, who.email)).toBeUndefined()
      expect((await db().count({ collection: 'stories', where: { author: { equals: who.id } }, overrideAccess: true })).totalDocs).toBe(0)
      expect((await scanDatabase([who.email, who.displayName])).length, `${who.email} anywhere`).toBe(0)

      const entries = (await allDocs('erasure-log')).filter((x: any) => String(x.memberId) === String(who.id))
      expect(entries.length).toBe(1)
      expect(entries[0].mode).toBe(mode)
      expect(String(entries[0].actorId)).toBe(String(actorDoc!.id))
      expect(entries[0].actorRole).toBe('moderator')
      const lines = fs
        .readFileSync(path.join(hostile.server.dataDir, 'erasure-log.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l))
        .filter((l: any) => String(l.memberId) === String(who.id))
      expect(lines.length).toBe(1)
      expect(String(lines[0].actorId)).toBe(String(actorDoc!.id))
      const events = await db().find({
        collection: 'moderation-events',
        where: { and: [{ action: { equals: 'erase-member' } }, { targetId: { equals: String(who.id) } }] },
        overrideAccess: true,
        depth: 0,
      })
      expect(events.docs.length).toBe(1)
      expect(String(events.docs[0].actor?.id ?? events.docs[0].actor)).toBe(String(actorDoc!.id))
      expect(events.docs[0].targetCollection).toBe('users')

      // Once erased, the member is unknown.
      const again = await api(hostile, actor, 'POST', `/api/users/${who.id}/erase`, { mode })
      expect(again.status).toBe(404)
      expect((await new WebClient(url()).signIn(who.email, who.password)).status).not.toBe(303)
    }
  })
})
