// Hostile: roles that are what they claim (issue 12, part C; /work/i12-spec.md "C. Roles that are what
// they claim").
//
// "Professional" and "Commissioner" are claimed member types. Unconfirmed, a byline shows
// <span class="badge badge--self">Says: professional</span>; once a moderator confirms it,
// <span class="badge badge--role">Professional</span>. One real server; a professional member posts in
// the public (county) forum over REST, and everything is then asked over HTTP:
// - the thread page and the site header show "Says: professional" and no role badge;
// - nobody confirms a role with PATCH /api/users/:id (or /me, or a bulk PATCH, or the /account form),
//   not the member, not a moderator, not an admin; nor by sending a forged byline with a post;
// - POST /api/users/:id/confirm-role: a visitor gets 401/403, a member 403 (their own or another's),
//   a moderator or an admin confirming their own role 403 with a message that says "your own";
// - a moderator confirms: the next request shows the role badge on the thread page and in the header,
//   and the confirmation records who and when; unconfirming brings "Says: professional" back;
// - stories: the display-name byline carries the role badge; a pen-name or anonymous byline never does;
// - a member who changes their member type (through /account or REST) loses the confirmation.
import { beforeAll, describe, expect, test } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import {
  RELAXED_LIMITS,
  api,
  arrangeModeration,
  localityIds,
  newReply,
  newThread,
  seededAdmin,
  seededModerator,
  stored,
  textOf,
  updateSettings,
  type Member,
  type Posted,
  type Who,
} from './forumHelpers.js'
import { readUser, settle, signedIn, unique, useHostileServer, userAsActor } from './helpers.js'

const hostile = useHostileServer('role-badges')
const db = () => hostile.payload as any

const PUBLIC_FORUM = 'lancashire-county'
const ROLE = 'Professional'

let localities: Record<string, number | string> = {}
/** A verified, established member whose memberType is professional (unconfirmed). */
let pro: Member
/** An ordinary member (in recovery): the control for "other member types show as today". */
let ordinary: Member
/** A moderator and an admin who both claim to be professionals. */
let proModerator: Member
let proAdmin: Member
let thread: Posted
let reply: Posted
let ordinaryReply: Posted
let moderatorId: number | string

const whoOf = (m: Member): Who => ({ email: m.email, password: m.password })

// ---------------------------------------------------------------------------------------------
// Reading badges out of HTML
// ---------------------------------------------------------------------------------------------
type Badge = { classes: string[]; text: string }

/** Every element whose class list holds "badge" (badge, badge--role, badge--self...). */
function badgesIn(html: string): Badge[] {
  const out: Badge[] = []
  // The lookahead reads each element's content without consuming it, so badges nested inside a byline are found too.
  for (const m of html.matchAll(/<([a-z][a-z0-9]*)\b[^>]*\bclass="([^"]*)"[^>]*>(?=([\s\S]*?)<\/\1>)/gi)) {
    const classes = m[2]!.split(/\s+/).filter(Boolean)
    if (classes.some((c) => c === 'badge' || c.startsWith('badge--'))) out.push({ classes, text: textOf(m[3]!).trim() })
  }
  return out
}

const withClass = (badges: Badge[], cls: string) => badges.filter((b) => b.classes.includes(cls))
const describeBadges = (badges: Badge[]) => badges.map((b) => `.${b.classes.join('.')} "${b.text}"`).join(', ') || '(no badges)'

/** The HTML of the <article> on a page that holds `marker`. */
function articleWith(html: string, marker: string): string {
  const found = [...html.matchAll(/<article\b[\s\S]*?<\/article>/g)].map((m) => m[0]).filter((a) => textOf(a).includes(marker))
  expect(found.length, `arrangement: one <article> holds ${marker}`).toBe(1)
  return found[0]!
}

/** The site header: the page's first <header> (or role="banner"). */
function siteHeader(html: string): string {
  const body = html.slice(Math.max(0, html.search(/<body\b/i)))
  const banner = body.match(/<header\b[\s\S]*?<\/header>/i)?.[0] ?? body.match(/<[a-z]+\b[^>]*role="banner"[\s\S]*?<\/[a-z]+>/i)?.[0]
  expect(banner, 'the page has a site header').toBeTruthy()
  return banner!
}

/** Asserts a byline shows the unconfirmed claim `Says: <type>` and no role badge. */
function expectSays(area: string, type: string, label: string) {
  const badges = badgesIn(area)
  expect(withClass(badges, 'badge--role'), `${label}: no confirmed-role badge (${describeBadges(badges)})`).toEqual([])
  const self = withClass(badges, 'badge--self')
  expect(
    self.map((b) => b.text),
    `${label}: one .badge--self reading "Says: ${type}" (${describeBadges(badges)})`,
  ).toEqual([`Says: ${type}`])
  expect(self[0]!.classes, `${label}: it is also a .badge`).toContain('badge')
}

/** Asserts a byline shows the confirmed role badge and no "Says:". */
function expectConfirmed(area: string, label: string) {
  const badges = badgesIn(area)
  const role = withClass(badges, 'badge--role')
  expect(
    role.map((b) => b.text),
    `${label}: one .badge--role reading "${ROLE}" (${describeBadges(badges)})`,
  ).toEqual([ROLE])
  expect(role[0]!.classes, `${label}: it is also a .badge`).toContain('badge')
  expect(withClass(badges, 'badge--self'), `${label}: no .badge--self`).toEqual([])
  expect(textOf(area), `${label}: no "Says:"`).not.toMatch(/Says:/)
}

async function threadPage(): Promise<string> {
  const response = await new WebClient(hostile.server.url).get(`/threads/${thread.id}`)
  expect(response.status).toBe(200)
  return response.text()
}

async function headerFor(m: Member): Promise<string> {
  const client = await signedIn(hostile.server, m.email, m.password)
  const response = await client.get('/')
  expect(response.status).toBe(200)
  const header = siteHeader(await response.text())
  expect(textOf(header), 'arrangement: the header names the signed-in member').toContain(m.displayName)
  return header
}

async function expectUnconfirmedEverywhere(type: string, label: string) {
  const html = await threadPage()
  expectSays(articleWith(html, thread.bodyMarker), type, `${label}: the thread’s byline`)
  expectSays(articleWith(html, reply.bodyMarker), type, `${label}: the reply’s byline`)
  expectSays(await headerFor(pro), type, `${label}: the site header`)
}

async function expectConfirmedEverywhere(label: string) {
  const html = await threadPage()
  expectConfirmed(articleWith(html, thread.bodyMarker), `${label}: the thread’s byline`)
  expectConfirmed(articleWith(html, reply.bodyMarker), `${label}: the reply’s byline`)
  expectConfirmed(await headerFor(pro), `${label}: the site header`)
}

const confirmRole = (who: Who | null, id: number | string, confirmed: boolean) => api(hostile, who, 'POST', `/api/users/${id}/confirm-role`, { confirmed })

/** The stored confirmation, read back as an admin through REST and through the Local API. */
async function confirmation(id: number | string) {
  const asAdmin = await api(hostile, seededAdmin(hostile), 'GET', `/api/users/${id}?depth=0`)
  expect(asAdmin.status, asAdmin.text.slice(0, 200)).toBe(200)
  const local = await readUser(hostile.payload, id)
  return {
    rest: Boolean(asAdmin.json?.memberTypeConfirmed),
    stored: Boolean(local.memberTypeConfirmed),
    by: local.memberTypeConfirmedBy,
    at: local.memberTypeConfirmedAt,
    memberType: local.memberType,
  }
}

async function expectNotConfirmed(id: number | string, label: string) {
  const c = await confirmation(id)
  expect(c.rest, `${label}: memberTypeConfirmed read back as an admin`).toBe(false)
  expect(c.stored, `${label}: memberTypeConfirmed in the database`).toBe(false)
}

async function saveProfile(m: Member, fields: { memberType: string; displayName?: string }) {
  const client = await signedIn(hostile.server, m.email, m.password)
  const current = await readUser(hostile.payload, m.id)
  const csrf = await client.csrfToken('/account')
  const response = await client.postForm('/account', {
    _csrf: csrf,
    displayName: fields.displayName ?? current.displayName,
    memberType: fields.memberType,
    homeLocality: '',
    digest: 'never',
    replyDelivery: 'immediately',
  })
  return { status: response.status, html: await response.text() }
}

/**
 * For tests about bylines, not the endpoint: when the endpoint has not confirmed the member (it is
 * tested on its own), the confirmation is written the way server code would, through the Local API.
 */
async function ensureConfirmed() {
  if ((await confirmation(pro.id)).stored) return
  await settle(() =>
    db().update({ collection: 'users', id: pro.id, data: { memberTypeConfirmed: true, memberTypeConfirmedBy: moderatorId, memberTypeConfirmedAt: new Date().toISOString() }, overrideAccess: true }),
  )
  expect((await confirmation(pro.id)).stored, 'arrangement: confirmed').toBe(true)
}

beforeAll(async () => {
  await updateSettings(hostile, RELAXED_LIMITS)
  localities = await localityIds(hostile)
  const mods = await db().find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, limit: 1, depth: 0 })
  moderatorId = mods.docs[0].id
  pro = await settle(() => createMember(hostile.payload, { memberType: 'professional', displayName: `Pro ${unique('p')}`.slice(0, 40) }))
  ordinary = await settle(() => createMember(hostile.payload, { memberType: 'in-recovery', displayName: `Heron ${unique('o')}`.slice(0, 40) }))
  proModerator = await settle(() => createMember(hostile.payload, { memberType: 'professional', roles: ['moderator'], displayName: `Kestrel ${unique('m')}`.slice(0, 40) }))
  proAdmin = await settle(() => createMember(hostile.payload, { memberType: 'professional', roles: ['admin'], displayName: `Plover ${unique('a')}`.slice(0, 40) }))
  for (const m of [pro, ordinary]) await settle(() => db().update({ collection: 'users', id: m.id, data: { approvedPostCount: 3 }, overrideAccess: true }))

  thread = await newThread(hostile, whoOf(pro), localities[PUBLIC_FORUM]!)
  reply = await newReply(hostile, whoOf(pro), thread.id)
  ordinaryReply = await newReply(hostile, whoOf(ordinary), thread.id)
  for (const [collection, post] of [
    ['threads', thread],
    ['replies', reply],
    ['replies', ordinaryReply],
  ] as const) {
    if ((await stored(hostile, collection, post.id))?.status !== 'published') await arrangeModeration(hostile, collection, post.id, 'approve', 'published')
  }
  for (const m of [pro, proModerator, proAdmin]) {
    if ((await readUser(hostile.payload, m.id)).memberTypeConfirmed) throw new Error(`Arrange failed: ${m.displayName} starts confirmed`)
  }
}, 180_000)

describe('an unconfirmed claim reads as the member’s own description', () => {
  test('the thread page: the professional’s thread and reply show .badge--self "Says: professional" and no .badge--role', async () => {
    const html = await threadPage()
    expectSays(articleWith(html, thread.bodyMarker), 'professional', 'the thread’s byline')
    expectSays(articleWith(html, reply.bodyMarker), 'professional', 'the reply’s byline')
  })

  test('other member types show as today: a plain .badge, neither "Says:" nor a role badge', async () => {
    const area = articleWith(await threadPage(), ordinaryReply.bodyMarker)
    const badges = badgesIn(area)
    expect(withClass(badges, 'badge--self'), describeBadges(badges)).toEqual([])
    expect(withClass(badges, 'badge--role'), describeBadges(badges)).toEqual([])
    expect(
      badges.some((b) => b.classes.includes('badge') && b.text !== ''),
      `a member-type badge (${describeBadges(badges)})`,
    ).toBe(true)
    expect(textOf(area)).not.toMatch(/Says:/)
  })

  test('the site header, when the professional is signed in: "Says: professional", no role badge', async () => {
    expectSays(await headerFor(pro), 'professional', 'the site header')
  })

  test('a forged byline sent with a post does not confirm anything', async () => {
    const forged = { memberType: 'professional', memberTypeConfirmed: true, displayName: pro.displayName }
    const marker = unique('forged')
    const posted = await api(hostile, whoOf(pro), 'POST', '/api/replies', { thread: thread.id, body: `Forged byline ${marker}.`, authorByline: forged })
    expect(posted.status, posted.text.slice(0, 200)).toBeLessThan(500)
    if (posted.status === 201) {
      const id = posted.json?.doc?.id
      if ((await stored(hostile, 'replies', id))?.status !== 'published') await arrangeModeration(hostile, 'replies', id, 'approve', 'published')
      expectSays(articleWith(await threadPage(), marker), 'professional', 'a reply sent with a forged byline')
      expect((await stored(hostile, 'replies', id))?.authorByline?.memberTypeConfirmed ?? false, 'the stored byline snapshot').toBe(false)
    }
    await expectNotConfirmed(pro.id, 'after a forged byline')
  })
})

describe('nobody confirms a role by writing the field', () => {
  test('PATCH /api/users/:id, /api/users/me and a bulk PATCH with memberTypeConfirmed never confirm: not as the member, a moderator or an admin', async () => {
    const claim = { memberTypeConfirmed: true, memberTypeConfirmedBy: moderatorId, memberTypeConfirmedAt: new Date().toISOString() }
    const attempts: [string, Who, string, unknown][] = [
      ['member, by id', whoOf(pro), `/api/users/${pro.id}`, claim],
      ['member, by id, with the same memberType', whoOf(pro), `/api/users/${pro.id}`, { memberType: 'professional', ...claim }],
      ['member, by id, "true" as a string', whoOf(pro), `/api/users/${pro.id}`, { memberTypeConfirmed: 'true' }],
      ['member, by id, depth=0', whoOf(pro), `/api/users/${pro.id}?depth=0`, { memberTypeConfirmed: 1 }],
      ['member, /me', whoOf(pro), '/api/users/me', claim],
      ['member, bulk', whoOf(pro), `/api/users?where[id][equals]=${pro.id}`, claim],
      ['moderator, by id', seededModerator(hostile), `/api/users/${pro.id}`, claim],
      ['admin, by id', seededAdmin(hostile), `/api/users/${pro.id}`, claim],
      ['admin, bulk', seededAdmin(hostile), `/api/users?where[id][equals]=${pro.id}`, claim],
    ]
    const problems: string[] = []
    for (const [label, who, path, body] of attempts) {
      const r = await api(hostile, who, 'PATCH', path, body)
      if (r.status >= 500) problems.push(`${label}: ${r.status} ${r.text.slice(0, 120)}`)
      const c = await confirmation(pro.id)
      if (c.rest || c.stored || c.by || c.at) {
        problems.push(`${label} (${r.status}): confirmed ${JSON.stringify(c)}`)
        await settle(() => db().update({ collection: 'users', id: pro.id, data: { memberTypeConfirmed: false, memberTypeConfirmedBy: null, memberTypeConfirmedAt: null }, overrideAccess: true }))
      }
    }
    expect(problems).toEqual([])
    await expectUnconfirmedEverywhere('professional', 'after the PATCHes')
  })

  test('the /account form with memberTypeConfirmed=on does not confirm', async () => {
    const client = await signedIn(hostile.server, pro.email, pro.password)
    const csrf = await client.csrfToken('/account')
    const response = await client.postForm('/account', {
      _csrf: csrf,
      displayName: pro.displayName,
      memberType: 'professional',
      memberTypeConfirmed: 'on',
      memberTypeConfirmedBy: String(moderatorId),
      homeLocality: '',
      digest: 'never',
      replyDelivery: 'immediately',
    })
    expect(response.status).toBeLessThan(500)
    await expectNotConfirmed(pro.id, 'after the /account form')
  })
})

describe('POST /api/users/:id/confirm-role: moderators and admins only, never for themselves', () => {
  test('a visitor: 401/403', async () => {
    const r = await confirmRole(null, pro.id, true)
    expect([401, 403], r.text.slice(0, 200)).toContain(r.status)
    await expectNotConfirmed(pro.id, 'a visitor')
  })

  test('the member confirming their own role: 403 (they are not a moderator); confirming another member: 403', async () => {
    const own = await confirmRole(whoOf(pro), pro.id, true)
    expect(own.status, own.text.slice(0, 200)).toBe(403)
    const other = await confirmRole(whoOf(ordinary), pro.id, true)
    expect(other.status, other.text.slice(0, 200)).toBe(403)
    await expectNotConfirmed(pro.id, 'a member')
    await expectUnconfirmedEverywhere('professional', 'after members tried')
  })

  test('a moderator confirming their own role: 403, and the message says "your own"', async () => {
    const r = await confirmRole(whoOf(proModerator), proModerator.id, true)
    expect(r.status, r.text.slice(0, 200)).toBe(403)
    expect(r.text, 'the refusal says why').toMatch(/your own/i)
    await expectNotConfirmed(proModerator.id, 'the moderator’s own role')
  })

  test('an admin confirming their own role: 403, and the message says "your own"', async () => {
    const r = await confirmRole(whoOf(proAdmin), proAdmin.id, true)
    expect(r.status, r.text.slice(0, 200)).toBe(403)
    expect(r.text, 'the refusal says why').toMatch(/your own/i)
    await expectNotConfirmed(proAdmin.id, 'the admin’s own role')
  })

  test('from another site with the moderator’s session cookie: refused, nothing confirmed', async () => {
    const client = await signedIn(hostile.server, seededModerator(hostile).email, seededModerator(hostile).password)
    const response = await client.json('POST', `/api/users/${pro.id}/confirm-role`, { confirmed: true }, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })
    expect(response.status, (await response.text()).slice(0, 200)).toBeGreaterThanOrEqual(400)
    await expectNotConfirmed(pro.id, 'a cross-site request')
  })
})

describe('a moderator confirms; the badge follows on the next request', () => {
  test('the demo moderator confirms the professional: who and when are recorded; the thread page and the header show .badge--role "Professional" and no "Says:"', async () => {
    const r = await confirmRole(seededModerator(hostile), pro.id, true)
    expect(r.status, r.text.slice(0, 300)).toBeGreaterThanOrEqual(200)
    expect(r.status, r.text.slice(0, 300)).toBeLessThan(300)
    const c = await confirmation(pro.id)
    expect(c.rest, 'confirmed, read back as an admin').toBe(true)
    expect(c.stored).toBe(true)
    expect(String(typeof c.by === 'object' && c.by ? c.by.id : c.by), 'memberTypeConfirmedBy is the moderator').toBe(String(moderatorId))
    expect(Math.abs(new Date(c.at).getTime() - Date.now()), 'memberTypeConfirmedAt is now').toBeLessThan(5 * 60_000)
    await expectConfirmedEverywhere('after the moderator confirmed')
  })

  test('an admin may confirm another member’s role (the same badge)', async () => {
    const r = await confirmRole(whoOf(proAdmin), proModerator.id, true)
    expect(r.status, r.text.slice(0, 300)).toBeLessThan(300)
    expect((await confirmation(proModerator.id)).stored).toBe(true)
  })

  test('saving the profile without changing the member type keeps the confirmation', async () => {
    await ensureConfirmed()
    const saved = await saveProfile(pro, { memberType: 'professional' })
    expect(saved.status, textOf(saved.html).slice(0, 300)).toBe(303)
    expect((await confirmation(pro.id)).stored, 'still confirmed').toBe(true)
    await expectConfirmedEverywhere('after saving the profile unchanged')
  })
})

describe('stories: the role badge follows the byline the author chose', () => {
  type Story = { slug: string; title: string }

  async function publishedStory(byline: 'display-name' | 'pen-name' | 'anonymous', penName?: string): Promise<Story> {
    const admins = await db().find({ collection: 'users', where: { email: { equals: 'admin@waymark.example' } }, overrideAccess: true, limit: 1, depth: 0 })
    const approver = await userAsActor(hostile.payload, admins.docs[0]!.id)
    const user = await userAsActor(hostile.payload, pro.id)
    const title = `Story ${unique('byline')}`
    const doc = (await settle(() =>
      db().create({
        collection: 'stories',
        data: { title, summary: `Summary ${unique('s')}`, body: markdownToLexical(`What the clinic taught me ${unique('b')}.`), themes: ['connection'], locality: localities[PUBLIC_FORUM] },
        overrideAccess: false,
        user,
      }),
    )) as any
    await settle(() => giveConsent(hostile.payload, user, doc.id, { audience: 'public', byline, penName, quoteInReports: false }))
    await settle(() => submitStory(hostile.payload, user, doc.id))
    await settle(() => moderateStory({ payload: hostile.payload, moderator: approver, storyId: doc.id, action: 'approve' }))
    const s = (await db().findByID({ collection: 'stories', id: doc.id, overrideAccess: true, depth: 0 })) as any
    if (s.status !== 'published') throw new Error(`Arrange failed: story is ${s.status}`)
    return { slug: s.slug, title }
  }

  /** The story's article on its page and its card on /stories (HTML), as a visitor sees them. */
  async function bylineAreas(story: Story): Promise<[string, string][]> {
    const visitor = new WebClient(hostile.server.url)
    const page = await visitor.get(`/stories/${story.slug}`)
    expect(page.status).toBe(200)
    const article = articleWith(await page.text(), story.title)
    const list = await (await visitor.get('/stories')).text()
    const card = [...list.matchAll(/<li\b[\s\S]*?<\/li>/g)].map((m) => m[0]).find((li) => li.includes(`href="/stories/${story.slug}"`))
    expect(card, 'arrangement: /stories lists the story').toBeTruthy()
    return [
      ['the story page', article],
      ['the card on /stories', card!],
    ]
  }

  test('under their display name, the confirmed professional’s story page carries .badge--role "Professional"; the card never says "Says:"', async () => {
    await ensureConfirmed()
    const story = await publishedStory('display-name')
    const areas = await bylineAreas(story)
    const page = areas[0]![1]
    const card = areas[1]![1]
    expect(textOf(page), 'arrangement: the byline names the author').toContain(pro.displayName)
    expectConfirmed(page, 'display-name story, the story page')
    const cardBadges = badgesIn(card)
    expect(withClass(cardBadges, 'badge--self'), `the card (${describeBadges(cardBadges)})`).toEqual([])
    expect(textOf(card), 'the card').not.toMatch(/Says:/)
  })

  test('under a pen name, and anonymously: never a role badge, nor "Says:", on the page or the card', async () => {
    await ensureConfirmed()
    const penName = `Lantern ${unique('p')}`.slice(0, 30)
    const problems: string[] = []
    for (const [label, story] of [
      ['pen name', await publishedStory('pen-name', penName)],
      ['anonymous', await publishedStory('anonymous')],
    ] as const) {
      for (const [where, area] of await bylineAreas(story)) {
        const badges = badgesIn(area)
        if (withClass(badges, 'badge--role').length) problems.push(`${label}, ${where}: a role badge (${describeBadges(badges)})`)
        if (withClass(badges, 'badge--self').length || /Says:/.test(textOf(area))) problems.push(`${label}, ${where}: "Says:" (${describeBadges(badges)})`)
        if (textOf(area).includes(pro.displayName)) problems.push(`${label}, ${where}: the author’s display name`)
      }
    }
    expect(problems).toEqual([])
  })
})

describe('taking a confirmation back', () => {
  test('unconfirming ({confirmed: false}) brings back "Says: professional"', async () => {
    const r = await confirmRole(seededModerator(hostile), pro.id, false)
    expect(r.status, r.text.slice(0, 300)).toBeLessThan(300)
    await expectNotConfirmed(pro.id, 'after unconfirming')
    await expectUnconfirmedEverywhere('professional', 'after unconfirming')
  })

  test('a member who changes their member type through /account loses the confirmation, and changing back does not restore it', async () => {
    const again = await confirmRole(seededModerator(hostile), pro.id, true)
    expect(again.status, again.text.slice(0, 300)).toBeLessThan(300)
    await expectConfirmedEverywhere('confirmed again')

    const changed = await saveProfile(pro, { memberType: 'commissioner' })
    expect(changed.status, textOf(changed.html).slice(0, 300)).toBe(303)
    expect((await confirmation(pro.id)).memberType).toBe('commissioner')
    await expectNotConfirmed(pro.id, 'after changing to commissioner')
    await expectUnconfirmedEverywhere('commissioner', 'after changing to commissioner')

    const back = await saveProfile(pro, { memberType: 'professional' })
    expect(back.status, textOf(back.html).slice(0, 300)).toBe(303)
    await expectNotConfirmed(pro.id, 'after changing back to professional')
    await expectUnconfirmedEverywhere('professional', 'after changing back to professional')
  })

  test('changing the member type through REST loses the confirmation too', async () => {
    const again = await confirmRole(seededModerator(hostile), pro.id, true)
    expect(again.status, again.text.slice(0, 300)).toBeLessThan(300)
    expect((await confirmation(pro.id)).stored, 'arrangement: confirmed').toBe(true)
    const r = await api(hostile, whoOf(pro), 'PATCH', `/api/users/${pro.id}`, { memberType: 'commissioner' })
    expect(r.status, r.text.slice(0, 300)).toBe(200)
    await expectNotConfirmed(pro.id, 'after PATCH memberType')
    expectSays(articleWith(await threadPage(), thread.bodyMarker), 'commissioner', 'the thread’s byline after PATCH memberType')
  })
})
