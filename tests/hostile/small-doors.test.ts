// Hostile: the smaller doors (issue 11, item 5).
//
// - Feeds: a member's thread (title and body) and story (title and summary) carrying
//   <img src=x onerror=alert(1)> and <script> reach /feed.xml and /localities/<public forum>/feed.xml
//   only as text: no entry's title, summary or content holds a raw <img or <script (CDATA counts as
//   raw), and where an element is declared type="html" (or xhtml), what a feed reader gets after
//   XML decoding holds no <img or <script tag either. The entries are there (the control).
// - Export links work only in the session that asked for them: the same member signed in
//   separately (a second browser, or REST with a token) gets 404 and no zip; the asking session
//   gets the zip (the control).
// - /account/delete: a wrong password counts towards the account lockout, as at sign-in and
//   /account/credentials (the control): after 5 wrong passwords there, the right password is
//   refused at /login for the lockout period, and a locked account takes no more guesses there.
import { beforeAll, describe, expect, test } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { RELAXED_LIMITS, api, expectStatus, localityIds, makeMember, textOf } from './forumHelpers.js'
import { readUser, restToken, settle, signedIn, unique, useHostileServer, userAsActor } from './helpers.js'

const hostile = useHostileServer('small-doors')
const db = () => hostile.payload as any

const PUBLIC_FORUM = 'lancashire-county'
const IMG = '<img src=x onerror=alert(1)>'
const SCRIPT = '<script>alert(1)</script>'
const LOCKOUT_ATTEMPTS = 5

beforeAll(async () => {
  // Failed sign-ins from one address have their own limit and tests (ip-limits.test.ts); here it is
  // raised so that only the per-account lockout is seen.
  await settle(() => db().updateGlobal({ slug: 'moderation-settings', data: { ...RELAXED_LIMITS, failedLoginsPerIpPerHour: 10_000 }, overrideAccess: true }))
}, 60_000)

// =============================================================================================
// Feeds
// =============================================================================================
type FeedField = { entry: number; element: string; type: string; raw: string; decoded: string }

const decodeXml = (text: string) =>
  text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, inner: string) => inner.replace(/&/g, '\u0000amp;'))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, '&')
    // eslint-disable-next-line no-control-regex -- the NUL placeholder stands for an escaped ampersand
    .replace(/\u0000amp;/g, '&')

/** Every title, summary and content element of every entry (Atom) or item (RSS), raw and decoded. */
function feedFields(xml: string): FeedField[] {
  const fields: FeedField[] = []
  const entries = [...xml.matchAll(/<(entry|item)\b[^>]*>([\s\S]*?)<\/\1>/g)]
  entries.forEach((entry, i) => {
    for (const m of entry[2]!.matchAll(/<(title|summary|content|description|content:encoded)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
      const type = m[2]!.match(/\btype="([^"]*)"/)?.[1] ?? (m[1] === 'description' || m[1] === 'content:encoded' ? 'html' : 'text')
      fields.push({ entry: i, element: m[1]!, type, raw: m[3]!, decoded: decodeXml(m[3]!) })
    }
  })
  return fields
}

const TAG = /<\s*\/?\s*(img|script)\b/i

/** Raw markup anywhere, or markup in what a reader renders as HTML. */
function unsafe(fields: FeedField[]): string[] {
  const problems: string[] = []
  for (const f of fields) {
    if (TAG.test(f.raw)) problems.push(`entry ${f.entry} <${f.element} type="${f.type}">: raw markup: ${f.raw.slice(0, 160)}`)
    else if (/html/i.test(f.type) && TAG.test(f.decoded)) problems.push(`entry ${f.entry} <${f.element} type="${f.type}">: decodes to HTML with a tag: ${f.decoded.slice(0, 160)}`)
  }
  return problems
}

describe('feeds carry members’ titles and summaries as text, never as markup', () => {
  let threadMarker: string
  let storyMarker: string

  beforeAll(async () => {
    const loc = await localityIds(hostile)
    const member = await makeMember(hostile, { established: true, name: 'Wren' })
    const who = { email: member.email, password: member.password }

    threadMarker = unique('feedthread')
    const thread = await api(hostile, who, 'POST', '/api/threads', {
      locality: loc[PUBLIC_FORUM],
      title: `T ${threadMarker} ${IMG} ${SCRIPT}`,
      body: `Body ${threadMarker} ${IMG} and ${SCRIPT} and <iframe src=x></iframe> here.`,
    })
    if (thread.status !== 201) throw new Error(`Arrange failed: POST /api/threads gave ${thread.status}: ${thread.text.slice(0, 300)}`)
    await expectStatus(hostile, 'threads', thread.json.doc.id, 'published')

    storyMarker = unique('feedstory')
    const author = await userAsActor(hostile.payload, member.id)
    const story = (await settle(() =>
      db().create({
        collection: 'stories',
        data: {
          title: `S ${storyMarker} ${IMG} ${SCRIPT}`,
          summary: `Summary ${storyMarker} ${IMG} ${SCRIPT}`,
          body: markdownToLexical(`The year I kept going, ${storyMarker}.`),
          themes: ['connection'],
          locality: loc[PUBLIC_FORUM],
        },
        overrideAccess: false,
        user: author,
      }),
    )) as any
    const mods = await db().find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, limit: 1, depth: 0 })
    const moderator = await userAsActor(hostile.payload, mods.docs[0].id)
    await settle(() => giveConsent(hostile.payload, author, story.id, { audience: 'public', byline: 'anonymous', quoteInReports: false }))
    await settle(() => submitStory(hostile.payload, author, story.id))
    await settle(() => moderateStory({ payload: hostile.payload, moderator, storyId: story.id, action: 'approve' }))
    const published = await db().findByID({ collection: 'stories', id: story.id, overrideAccess: true, depth: 0 })
    if (published.status !== 'published') throw new Error(`Arrange failed: story is ${published.status}`)
  }, 120_000)

  async function feed(path: string): Promise<FeedField[]> {
    const response = await new WebClient(hostile.server.url).get(path)
    expect(response.status, path).toBe(200)
    return feedFields(await response.text())
  }

  test('/feed.xml: the story’s title and summary', async () => {
    const fields = await feed('/feed.xml')
    const ours = fields.filter((f) => f.decoded.includes(storyMarker))
    expect(
      ours.map((f) => f.element),
      'control: the story’s entry is in the feed with its title',
    ).toContain('title')
    expect(unsafe(fields)).toEqual([])
  })

  test(`/localities/${PUBLIC_FORUM}/feed.xml: the thread’s title and summary`, async () => {
    const fields = await feed(`/localities/${PUBLIC_FORUM}/feed.xml`)
    const ours = fields.filter((f) => f.decoded.includes(threadMarker))
    expect(
      ours.map((f) => f.element),
      'control: the thread’s entry is in the feed with its title',
    ).toContain('title')
    expect(unsafe(fields)).toEqual([])
  })
})

// =============================================================================================
// Export links belong to the session that asked
// =============================================================================================
describe('an export link works only in the session that asked for it', () => {
  test('the same member signed in separately (a second browser, or REST with a token) gets 404 and no zip; the asking session gets the zip', async () => {
    const member = await createMember(hostile.payload)
    const asking = await signedIn(hostile.server, member.email, member.password)
    const secondBrowser = await signedIn(hostile.server, member.email, member.password)
    const jwt = await restToken(hostile.server, member.email, member.password)

    const csrf = await asking.csrfToken('/account/export')
    const made = await asking.postForm('/account/export', { _csrf: csrf })
    const location = made.headers.get('location') ?? ''
    const token = new URL(location, hostile.server.url).pathname.match(/^\/account\/export\/([A-Za-z0-9_-]{43,})$/)?.[1]
    expect(made.status, 'arrangement: the export link is made').toBe(303)
    expect(token, `arrangement: redirected to the link (${location})`).toBeTruthy()
    const link = `/account/export/${token}`

    const zipLike = async (response: Response) => {
      const body = Buffer.from(await response.arrayBuffer())
      return {
        status: response.status,
        zip: body.subarray(0, 2).toString('latin1') === 'PK' || /zip/i.test(response.headers.get('content-type') ?? '') || /attachment/i.test(response.headers.get('content-disposition') ?? ''),
      }
    }
    // Control: the second browser is really signed in as the member.
    expect((await secondBrowser.get('/account')).status, 'arrangement: the second browser is signed in').toBe(200)
    const second = await zipLike(await secondBrowser.get(link))
    const rest = await zipLike(await new WebClient(hostile.server.url).get(link, { headers: { authorization: `JWT ${jwt}` } }))
    expect({ second, rest }, 'other sessions of the same member').toEqual({ second: { status: 404, zip: false }, rest: { status: 404, zip: false } })

    const own = await zipLike(await asking.get(link))
    expect(own, 'control: the session that asked gets the zip').toEqual({ status: 200, zip: true })
  })
})

// =============================================================================================
// /account/delete counts wrong passwords towards the lockout
// =============================================================================================
type Member = Awaited<ReturnType<typeof createMember>>

async function wrongAtDelete(client: WebClient, attempt: number) {
  const csrf = await client.csrfToken('/account/delete')
  const response = await client.postForm('/account/delete', { _csrf: csrf, password: `not-the-password-${attempt}`, mode: 'everything', confirm: 'on' })
  const html = await response.text()
  expect(response.status, `wrong password ${attempt} at /account/delete`).toBe(400)
  expect(textOf(html)).toContain('That password is not right')
}

async function wrongAtCredentials(client: WebClient, attempt: number) {
  const csrf = await client.csrfToken('/account')
  const response = await client.postForm('/account/credentials', { _csrf: csrf, newEmail: '', newPassword: `another-long-password-${attempt}-x`, currentPassword: `not-the-password-${attempt}` })
  expect(response.status, `wrong password ${attempt} at /account/credentials`).toBe(400)
}

async function wrongAtLogin(member: Member, attempt: number) {
  const client = new WebClient(hostile.server.url)
  const response = await client.postForm('/login', { _csrf: await client.csrfToken('/login'), email: member.email, password: `not-the-password-${attempt}` })
  expect(response.status, `wrong password ${attempt} at /login`).toBe(401)
}

/** Counting may finish just after the refusal is sent: give the lock a moment to be written. */
async function lockSettles(member: Member) {
  const deadline = Date.now() + 5000
  while (Date.now() < deadline) {
    const stored = await readUser(hostile.payload, member.id)
    if (stored.lockUntil && Date.parse(stored.lockUntil) > Date.now()) return
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** The right password at /login is refused, and the lock lasts the lockout period (10 minutes). */
async function expectLockedOut(member: Member, label: string) {
  await lockSettles(member)
  const client = new WebClient(hostile.server.url)
  const response = await client.postForm('/login', { _csrf: await client.csrfToken('/login'), email: member.email, password: member.password })
  const html = await response.text()
  expect(response.status, `${label}: the right password at /login`).not.toBe(303)
  expect(response.status, label).toBeGreaterThanOrEqual(400)
  expect(response.status, label).toBeLessThan(500)
  expect(textOf(html), label).toMatch(/locked|too many/i)
  expect(client.cookies.has('payload-token'), `${label}: no session`).toBe(false)
  const stored = await readUser(hostile.payload, member.id)
  expect(Date.parse(stored.lockUntil ?? '') - Date.now(), `${label}: locked for the lockout period`).toBeGreaterThan(9 * 60_000)
}

async function stillThere(member: Member): Promise<boolean> {
  return (await db().count({ collection: 'users', where: { id: { equals: member.id } }, overrideAccess: true })).totalDocs === 1
}

describe('/account/delete: a wrong password counts towards the lockout', () => {
  test(`control: ${LOCKOUT_ATTEMPTS} wrong current passwords at /account/credentials lock the account`, async () => {
    const member = await createMember(hostile.payload)
    const session = await signedIn(hostile.server, member.email, member.password)
    for (let i = 1; i <= LOCKOUT_ATTEMPTS; i++) await wrongAtCredentials(session, i)
    await expectLockedOut(member, `after ${LOCKOUT_ATTEMPTS} wrong at /account/credentials`)
  })

  test(`${LOCKOUT_ATTEMPTS} wrong passwords at /account/delete: the right password is refused at /login for the lockout period`, async () => {
    const member = await createMember(hostile.payload)
    const session = await signedIn(hostile.server, member.email, member.password)
    for (let i = 1; i <= LOCKOUT_ATTEMPTS; i++) await wrongAtDelete(session, i)
    expect(await stillThere(member), 'nothing erased').toBe(true)
    await expectLockedOut(member, `after ${LOCKOUT_ATTEMPTS} wrong at /account/delete`)
  })

  test('wrong passwords at /login and at /account/delete add up (3 + 2)', async () => {
    const member = await createMember(hostile.payload)
    const session = await signedIn(hostile.server, member.email, member.password)
    for (let i = 1; i <= 3; i++) await wrongAtLogin(member, i)
    for (let i = 4; i <= LOCKOUT_ATTEMPTS; i++) await wrongAtDelete(session, i)
    await expectLockedOut(member, 'after 3 wrong at /login and 2 at /account/delete')
  })

  test(`after ${LOCKOUT_ATTEMPTS} wrong passwords at /account/delete, the locked account takes no more guesses there: the right password erases nothing`, async () => {
    const member = await createMember(hostile.payload)
    const session = await signedIn(hostile.server, member.email, member.password)
    for (let i = 1; i <= LOCKOUT_ATTEMPTS; i++) await wrongAtDelete(session, i)
    await lockSettles(member)
    const csrf = await session.csrfToken('/account/delete')
    const response = await session.postForm('/account/delete', { _csrf: csrf, password: member.password, mode: 'everything', confirm: 'on' })
    expect(response.headers.get('location') ?? '', 'not sent to /account/deleted').not.toMatch(/\/account\/deleted/)
    expect(response.status, 'refused').toBeGreaterThanOrEqual(400)
    expect(await stillThere(member), 'the account is still there').toBe(true)
  })
})
