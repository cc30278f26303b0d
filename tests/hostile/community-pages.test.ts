// Hostile (issue 16, section B): reporting a story, house rules and the privacy notice, feeds and robots.txt.
//
// - Reporting a story: only a signed-in member reports, through the story page's form or REST; a visitor
//   gets a sign-in prompt, and posting the form or REST as a visitor stores nothing. A member reports a
//   story once (409 after), only one they can see (a story they cannot see is a 404 with nothing of it in
//   the answer), never their own (no form), and is told plainly that the report was received. A member's
//   page with the form (and their form token) is never served to a visitor by the page cache.
// - /house-rules and /privacy-notice answer without JavaScript, are linked from every page's footer and the
//   join form, are kept by the page cache and renewed when an admin changes the retention settings, and the
//   notice states the periods in force.
// - Feeds are announced in <head> (rel="alternate") and linked on their pages; every advertised feed
//   answers with its declared type; a members-only forum advertises none.
// - /robots.txt names the sitemap by its absolute address, keeps crawlers out of private paths and forms,
//   and disallows nothing the sitemap lists.
import { beforeAll, describe, expect, test } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { createStory } from '../../src/commands/stories/authorDrafts.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { formsOn, readPage } from '../support/pageCache.js'
import { findUserByEmail, restToken, settle, signedIn, unique, useHostileServer, userAsActor } from './helpers.js'

const hostile = useHostileServer('community-pages')

type Member = Awaited<ReturnType<typeof createMember>>
type Story = { id: number | string; slug: string; path: string; marker: string }

let author: Member
let reporter: Member
let other: Member
let moderator: Record<string, any> & { id: number | string }
let published: Story
let pending: Story
const localityIds = new Map<string, number | string>()

async function story(key: string, approve: boolean): Promise<Story> {
  const marker = unique(key)
  const user = await userAsActor(hostile.payload, author.id)
  const doc = await settle(() =>
    createStory({
      payload: hostile.payload,
      user,
      content: {
        title: `Story ${marker}`,
        summary: `Summary ${marker}.`,
        body: `Body ${marker}.`,
        localityId: localityIds.get('lancashire-north')!,
        themes: ['hope'],
        contentWarnings: [],
        contentWarningNote: '',
      },
    }),
  )
  await settle(() => giveConsent(hostile.payload, user, doc.id, { audience: 'public', byline: 'anonymous', quoteInReports: false }, { quiet: true }))
  await settle(() => submitStory(hostile.payload, user, doc.id, { quiet: true }))
  if (approve) await settle(() => moderateStory({ payload: hostile.payload, moderator, storyId: doc.id, action: 'approve', quiet: true }))
  const stored = (await hostile.payload.findByID({ collection: 'stories', id: doc.id, overrideAccess: true, depth: 0 })) as any
  if (stored.status !== (approve ? 'published' : 'submitted')) throw new Error(`Arrange failed: story ${key} is ${stored.status}`)
  return { id: doc.id, slug: stored.slug, path: `/stories/${stored.slug}`, marker }
}

const flagsOn = async (storyId: number | string) =>
  (await hostile.payload.find({ collection: 'flags', where: { and: [{ targetCollection: { equals: 'stories' } }, { targetId: { equals: String(storyId) } }] }, overrideAccess: true, depth: 0 }))
    .docs as any[]

const rest = async (who: Member | null, method: string, path: string, body?: unknown) => {
  const headers: Record<string, string> = who ? { authorization: `JWT ${await restToken(hostile.server, who.email, who.password)}` } : {}
  const response = await new WebClient(hostile.server.url).json(method, path, body, { headers })
  return { status: response.status, text: await response.text() }
}

/** The story page's report form as the member's browser has it: its action and hidden fields, with a reason chosen. */
async function reportThroughTheForm(client: WebClient, path: string, fields: Record<string, string> = { reason: 'personal-information', note: 'It names my neighbour.' }) {
  const page = await readPage(client, path)
  const [form] = formsOn(page.body, '/flags')
  if (!form) throw new Error(`No report form on ${path}`)
  return client.postForm('/flags', { ...form.fields, ...fields })
}

beforeAll(async () => {
  const payload = hostile.payload
  for (const l of (await payload.find({ collection: 'localities', overrideAccess: true, limit: 100, depth: 0 })).docs as any[]) localityIds.set(String(l.slug), l.id)
  moderator = await userAsActor(payload, (await findUserByEmail(payload, 'moderator@waymark.example'))!.id)
  author = await createMember(payload)
  reporter = await createMember(payload)
  other = await createMember(payload)
  published = await story('pub', true)
  pending = await story('pending', false)
})

describe('reporting a story', () => {
  test('a visitor sees a sign-in prompt that returns to the story, and no report form', async () => {
    const page = await readPage(new WebClient(hostile.server.url), published.path)
    expect(page.status).toBe(200)
    expect(formsOn(page.body, '/flags')).toEqual([])
    expect(page.body).toContain(`/login?next=${encodeURIComponent(published.path)}`)
    expect(page.body).toMatch(/Sign in to report it/)
  })

  test('a visitor posting the form is sent to sign in, and through REST is refused: no report is stored', async () => {
    const visitor = new WebClient(hostile.server.url)
    const token = await visitor.csrfToken('/login')
    const form = await visitor.postForm('/flags', { _csrf: token, targetCollection: 'stories', targetId: String(published.id), reason: 'spam', note: '' })
    expect(form.status).toBe(303)
    expect(form.headers.get('location') ?? '').toMatch(/^\/login\?next=/)
    const viaRest = await rest(null, 'POST', '/api/flags', { targetCollection: 'stories', targetId: String(published.id), reason: 'spam' })
    expect([401, 403]).toContain(viaRest.status)
    expect(await flagsOn(published.id)).toEqual([])
  })

  test('a member reports through the form without JavaScript, is told it was received, and cannot report it twice', async () => {
    const client = await signedIn(hostile.server, reporter.email, reporter.password)
    const page = await readPage(client, published.path)
    expect(page.body).toMatch(/Report this story to the moderators/)
    const response = await reportThroughTheForm(client, published.path)
    expect(response.status).toBe(303)
    const back = response.headers.get('location')!
    expect(back).toBe(`${published.path}?flagged=1`)
    const thanks = await readPage(client, back)
    expect(thanks.status).toBe(200)
    expect(thanks.body).toContain('Thank you. The moderators will look at your report.')
    const flags = await flagsOn(published.id)
    expect(flags).toHaveLength(1)
    expect(flags[0]).toMatchObject({ reason: 'personal-information', status: 'open', note: 'It names my neighbour.' })
    expect(String(flags[0].flagger)).toBe(String(reporter.id))

    const again = await reportThroughTheForm(client, published.path, { reason: 'spam', note: '' })
    expect(again.status).toBe(409)
    expect(await again.text()).toMatch(/already/i)
    expect(await flagsOn(published.id)).toHaveLength(1)
  })

  test('"something else" without a note is refused with a message, and nothing is stored', async () => {
    const client = await signedIn(hostile.server, other.email, other.password)
    const response = await reportThroughTheForm(client, published.path, { reason: 'other', note: '' })
    expect(response.status).toBe(422)
    expect(await response.text()).toMatch(/Tell the moderators what is wrong/)
    expect((await flagsOn(published.id)).filter((f) => String(f.flagger) === String(other.id))).toEqual([])
  })

  test('through REST a member reports once (201, then 409), and the flag is theirs', async () => {
    const first = await rest(other, 'POST', '/api/flags', { targetCollection: 'stories', targetId: String(published.id), reason: 'harmful' })
    expect(first.status).toBe(201)
    const second = await rest(other, 'POST', '/api/flags', { targetCollection: 'stories', targetId: String(published.id), reason: 'spam' })
    expect(second.status).toBe(409)
    const mine = (await flagsOn(published.id)).filter((f) => String(f.flagger) === String(other.id))
    expect(mine).toHaveLength(1)
  })

  test('a story the member cannot see is a 404 through the form and REST, with nothing of it in the answer', async () => {
    const client = await signedIn(hostile.server, reporter.email, reporter.password)
    const token = await client.csrfToken('/')
    const form = await client.postForm('/flags', { _csrf: token, targetCollection: 'stories', targetId: String(pending.id), reason: 'spam', note: '' })
    expect(form.status).toBe(404)
    const viaRest = await rest(reporter, 'POST', '/api/flags', { targetCollection: 'stories', targetId: String(pending.id), reason: 'spam' })
    expect(viaRest.status).toBe(404)
    for (const text of [await form.text(), viaRest.text]) {
      expect(text).not.toContain(pending.marker)
      expect(text).not.toContain(pending.slug)
    }
    expect(await flagsOn(pending.id)).toEqual([])
  })

  test('the author sees no report form on their own story', async () => {
    const client = await signedIn(hostile.server, author.email, author.password)
    const page = await readPage(client, published.path)
    expect(page.status).toBe(200)
    expect(formsOn(page.body, '/flags')).toEqual([])
  })

  test("a member's page with the form is never what a visitor is served, before or after the member's visit", async () => {
    const visitor = new WebClient(hostile.server.url)
    await readPage(visitor, published.path)
    const cached = await readPage(visitor, published.path)
    expect(cached.cache).toBe('hit')
    const member = await signedIn(hostile.server, other.email, other.password)
    const memberPage = await readPage(member, published.path)
    expect(formsOn(memberPage.body, '/flags')).toHaveLength(1)
    const after = await readPage(new WebClient(hostile.server.url), published.path)
    expect(formsOn(after.body, '/flags')).toEqual([])
    expect(after.body).not.toContain(other.displayName as string)
  })
})

describe('house rules and the privacy notice', () => {
  test.each(['/house-rules', '/privacy-notice'])('%s answers 200 as plain HTML (no script needed) and the page cache keeps it', async (path) => {
    const visitor = new WebClient(hostile.server.url)
    const first = await readPage(visitor, path)
    expect(first.status).toBe(200)
    expect(first.body).not.toMatch(/<script\b/i)
    expect(first.body).toMatch(/<h1>(House rules|Privacy notice)<\/h1>/)
    const second = await readPage(visitor, path)
    expect(second.cache).toBe('hit')
    expect(second.body).toContain(first.body.match(/<h1>[^<]+<\/h1>/)![0])
  })

  test.each(['/house-rules', '/privacy-notice'])("%s: a member's copy (their name in the header, their form token) is theirs, never a visitor's", async (path) => {
    const member = await signedIn(hostile.server, other.email, other.password)
    await readPage(member, path)
    const mine = await readPage(member, path)
    expect(mine.body).toContain(String(other.displayName))
    const visitor = await readPage(new WebClient(hostile.server.url), path)
    expect(visitor.status).toBe(200)
    expect(visitor.body).not.toContain(String(other.displayName))
    expect(visitor.body).not.toMatch(/Sign out/)
  })

  test('every page links both from its footer, and the join form links both', async () => {
    const visitor = new WebClient(hostile.server.url)
    for (const path of ['/', '/stories', published.path, '/join', '/login', '/this-page-does-not-exist']) {
      const page = await visitor.get(path)
      const html = await page.text()
      const footer = html.slice(html.indexOf('<footer'))
      expect(footer, path).toContain('href="/house-rules"')
      expect(footer, path).toContain('href="/privacy-notice"')
    }
    const join = await (await visitor.get('/join')).text()
    const form = join.slice(join.indexOf('<form'), join.indexOf('</form>'))
    expect(form).toContain('href="/house-rules"')
    expect(form).toContain('href="/privacy-notice"')
  })

  test('the notice says what is stored, who sees it and how long, for every kind of personal record', async () => {
    const html = await (await new WebClient(hostile.server.url).get('/privacy-notice')).text()
    for (const words of ['Your account', 'Your stories', 'Your consent records', 'Private messages', 'Safeguarding alerts', 'Server logs', 'Backups', 'Who sees it', 'How long we keep it'])
      expect(html).toContain(words)
    expect(html).toMatch(/never[^.]*your IP address/i)
    expect(html).toContain('30 days')
  })

  test("an admin's change to the retention settings reaches the very next read of the notice", async () => {
    const visitor = new WebClient(hostile.server.url)
    const before = await readPage(visitor, '/privacy-notice')
    expect(before.body).toContain('deleted after 30 days')
    await readPage(visitor, '/privacy-notice')
    const admin = await restToken(hostile.server, 'admin@waymark.example', hostile.server.seedPassword)
    const headers = { authorization: `JWT ${admin}` }
    const client = new WebClient(hostile.server.url)
    try {
      expect((await client.json('POST', '/api/globals/privacy-settings', { unverifiedAccountDays: 41 }, { headers })).status).toBe(200)
      const after = await readPage(visitor, '/privacy-notice')
      expect(after.body).toContain('deleted after 41 days')
      expect(after.body).not.toContain('deleted after 30 days')
    } finally {
      await client.json('POST', '/api/globals/privacy-settings', { unverifiedAccountDays: 30 }, { headers })
    }
  })
})

const alternates = (html: string) =>
  [...html.matchAll(/<link\b[^>]*\brel="alternate"[^>]*>/g)].map((m) => ({ type: /type="([^"]+)"/.exec(m[0])?.[1], href: /href="([^"]+)"/.exec(m[0])?.[1]?.replace(/&amp;/g, '&') }))
const bodyOf = (html: string) => html.slice(html.indexOf('<body'))

describe('feeds are discoverable', () => {
  test.each([
    ['/', '/feed.xml'],
    ['/stories', '/feed.xml'],
    ['/localities/lancashire-county', '/localities/lancashire-county/feed.xml'],
    ['/localities/lancashire-county', '/localities/lancashire-county/meetings.ics'],
    ['/meetings', '/meetings.ics'],
  ])('%s announces %s in <head> and links it on the page', async (path, feed) => {
    const html = await (await new WebClient(hostile.server.url).get(path)).text()
    const head = html.slice(0, html.indexOf('</head>'))
    expect(alternates(head).map((a) => a.href)).toContain(feed)
    expect(bodyOf(html)).toContain(`href="${feed}"`)
  })

  test('every advertised feed answers 200 with the type it was announced with', async () => {
    const client = new WebClient(hostile.server.url)
    const seen = new Map<string, string>()
    for (const path of ['/', '/stories', '/meetings', ...[...localityIds.keys()].map((slug) => `/localities/${slug}`)]) {
      for (const { href, type } of alternates(await (await client.get(path)).text())) seen.set(href!, type!)
    }
    expect(seen.size).toBeGreaterThanOrEqual(3)
    expect([...seen.values()]).toContain('application/atom+xml')
    for (const [href, type] of seen) {
      const response = await client.get(href)
      expect(response.status, href).toBe(200)
      expect(response.headers.get('content-type') ?? '', href).toContain(type)
    }
  })

  test('a members-only forum advertises no feed of its conversations, to a visitor or a member', async () => {
    const member = await signedIn(hostile.server, reporter.email, reporter.password)
    for (const client of [new WebClient(hostile.server.url), member]) {
      const html = await (await client.get('/localities/lancashire-north')).text()
      expect(html).not.toContain('/localities/lancashire-north/feed.xml')
    }
    expect((await new WebClient(hostile.server.url).get('/localities/lancashire-north/feed.xml')).status).toBe(404)
  })
})

// RFC 9309, as a crawler reads it: the longest matching rule wins, Allow over Disallow on a tie.
function crawlerMayRead(robots: string, pathAndQuery: string): boolean {
  const rules = [...robots.matchAll(/^(allow|disallow):[ \t]*(\S*)[ \t]*$/gim)].map((m) => ({ allow: m[1]!.toLowerCase() === 'allow', pattern: m[2]! }))
  let best: { allow: boolean; length: number } | null = null
  for (const rule of rules) {
    if (!rule.pattern) continue
    const anchored = rule.pattern.endsWith('$')
    const source = (anchored ? rule.pattern.slice(0, -1) : rule.pattern)
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')
    if (!new RegExp(`^${source}${anchored ? '$' : ''}`).test(pathAndQuery)) continue
    if (!best || rule.pattern.length > best.length || (rule.pattern.length === best.length && rule.allow)) best = { allow: rule.allow, length: rule.pattern.length }
  }
  return best ? best.allow : true
}

describe('/robots.txt', () => {
  let robots: string
  beforeAll(async () => {
    const response = await new WebClient(hostile.server.url).get('/robots.txt')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type') ?? '').toMatch(/^text\/plain\b/)
    robots = await response.text()
  })

  test('speaks to every crawler and names the sitemap by the configured absolute address', () => {
    expect(robots).toMatch(/^User-agent: \*$/m)
    expect([...robots.matchAll(/^sitemap:[ \t]*(\S+)/gim)].map((m) => m[1])).toEqual([`${new URL(hostile.server.url).origin}/sitemap.xml`])
  })

  test('keeps crawlers out of the admin, the API, members’ own pages, forms and search', () => {
    for (const path of [
      '/admin',
      '/admin/collections/users',
      '/api/users',
      '/api/stories?where[status][equals]=draft',
      '/account',
      '/account/messages/1',
      '/account/stories',
      '/account/export',
      '/messages',
      '/notifications',
      '/login',
      '/login?next=/account',
      '/join',
      '/forgot',
      '/reset?token=abc',
      '/verify?token=abc',
      '/unsubscribe?token=abc',
      '/stories/new',
      '/threads/new?locality=lancashire-county',
      '/search?q=recovery',
      '/reports',
      '/reports.csv',
    ])
      expect(crawlerMayRead(robots, path), path).toBe(false)
  })

  test('lets crawlers read the public pages, and everything the sitemap lists', async () => {
    for (const path of ['/', '/stories', published.path, '/meetings', '/localities/lancashire-county', '/house-rules', '/privacy-notice', '/feed.xml', '/you-said-we-did'])
      expect(crawlerMayRead(robots, path), path).toBe(true)
    const client = new WebClient(hostile.server.url)
    const index = await (await client.get('/sitemap.xml')).text()
    const files = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname)
    const listed: string[] = []
    for (const file of files) listed.push(...[...(await (await client.get(file)).text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, '&')).pathname))
    expect(listed.length).toBeGreaterThan(5)
    expect(listed.filter((path) => !crawlerMayRead(robots, path))).toEqual([])
  })

  test('is the same for a signed-in member, and is never a page with a form token', async () => {
    const member = await signedIn(hostile.server, reporter.email, reporter.password)
    const response = await member.get('/robots.txt')
    expect(await response.text()).toBe(robots)
    expect(robots).not.toContain('_csrf')
  })
})
