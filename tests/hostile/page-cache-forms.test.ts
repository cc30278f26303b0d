// Hostile: forms keep working when pages come from the cache, and the cache keeps to its bounds (issue 14,
// "Forms still carry a valid CSRF token from a cached page"; "form pages never cached").
//
// - A page served as a cache hit carries the form token of the browser that asked: posting a reply, a
//   report and signing out with it succeed.
// - A second browser of the same member reading the same cached page gets its own, different token; the
//   first browser's token is refused in the second browser, and nothing is stored.
// - Form pages (/login, /join, /forgot, /stories/new, /account…), POST answers and redirects never carry
//   X-Waymark-Cache: they are never cached.
// - Unknown query parameters are answered correctly and leave no trace in the entry for the clean address;
//   known ones (a theme filter) are part of the key; a forged Host header reaches no cached page.
// - Browsers are still told not to store pages (withdrawals must take effect at once).
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { createMember, DEFAULT_TEST_PASSWORD } from '../support/members.js'
import { CACHE_HEADER, CSRF_COOKIE, csrfTokensIn, expectedCsrfToken, formsOn, readPage, readTwice } from '../support/pageCache.js'
import { RELAXED_LIMITS, updateSettings } from './forumHelpers.js'
import { rawRequest, settle, unique, useHostileServer } from './helpers.js'
import { signIn } from './pageCacheSite.js'

const hostile = useHostileServer('page-cache-forms')
const COUNTY = 'lancashire-county'

type Member = Awaited<ReturnType<typeof createMember>>
let member: Member
let threadId: string
let threadPath: string

beforeAll(async () => {
  const { payload } = hostile
  await updateSettings(hostile, RELAXED_LIMITS) // posting limits have their own tests
  member = await settle(() => createMember(payload, { displayName: `Former ${unique('')}`.slice(0, 40) }))
  await settle(() => payload.update({ collection: 'users', id: member.id, data: { approvedPostCount: 3 } as never, overrideAccess: true }))
  const threads = await payload.find({ collection: 'threads', where: { status: { equals: 'published' } }, overrideAccess: true, depth: 1, limit: 50 })
  const county = threads.docs.find((t) => (t.locality as { slug?: string } | null)?.slug === COUNTY)
  if (!county) throw new Error('Arrange failed: no seeded thread in the county forum')
  threadId = String(county.id)
  threadPath = `/threads/${threadId}`
}, 120_000)

const browserToken = (client: WebClient) => expectedCsrfToken(hostile.server.secret, client.cookies.get(CSRF_COOKIE) ?? '')

/** Posts `fields` to `action` as a browser on our own site would, with the given form token. */
function post(client: WebClient, action: string, token: string, fields: Record<string, string>) {
  return client.postForm(action, { ...fields, _csrf: token })
}

async function repliesContaining(marker: string): Promise<number> {
  return (await hostile.payload.count({ collection: 'replies', where: { body: { contains: marker } }, overrideAccess: true })).totalDocs
}

/** The thread page, read twice by `client`: the second answer must come from the cache. Returns it. */
async function cachedThreadPage(client: WebClient, who: string) {
  const { second } = await readTwice(client, threadPath)
  expect(second.cache, `${who}: the second read of ${threadPath} must be a cache hit`).toBe('hit')
  expect(second.status).toBe(200)
  return second
}

describe('the form token on a page served from the cache', () => {
  test('belongs to the browser that asked, and posting a reply, a report and signing out with it succeed', async () => {
    const browser = await signIn(hostile.server, member.email, DEFAULT_TEST_PASSWORD)

    const page = await cachedThreadPage(browser, 'the member')
    const tokens = [...new Set(csrfTokensIn(page.body))]
    expect(tokens, 'every form on the cached page carries this browser’s token').toEqual([browserToken(browser)])
    const marker = unique('cached-token')
    const reply = await post(browser, `/threads/${threadId}/replies`, tokens[0]!, { body: `A reply posted from a cached page, ${marker}.` })
    expect(reply.status, 'the reply form answered').toBe(303)
    expect(await repliesContaining(marker)).toBe(1)

    const again = await cachedThreadPage(browser, 'the member')
    const flag = formsOn(again.body, '/flags')[0]
    expect(flag, 'a report form under the thread').toBeDefined()
    const report = await post(browser, '/flags', csrfTokensIn(again.body)[0]!, { ...flag!.fields, reason: 'other', note: 'Checking the report form from a cached page.' })
    expect(report.status, 'the report form answered').toBe(303)

    const last = await cachedThreadPage(browser, 'the member')
    const signOut = formsOn(last.body, '/logout')[0]
    expect(signOut?.fields._csrf, 'the sign-out form in the header').toBe(browserToken(browser))
    const out = await post(browser, '/logout', signOut!.fields._csrf!, {})
    expect(out.status, 'sign out answered').toBe(303)
    const account = await browser.get('/account')
    expect(account.status, 'signed out: /account sends to the sign-in page').toBe(303)
    expect(account.headers.get('location') ?? '').toMatch(/^\/login/)
  })

  test("a second browser of the same member gets its own token from the same cached page, and the first browser's token is refused there", async () => {
    const one = await signIn(hostile.server, member.email, DEFAULT_TEST_PASSWORD)
    const two = await signIn(hostile.server, member.email, DEFAULT_TEST_PASSWORD)
    expect(one.cookies.get(CSRF_COOKIE)).not.toBe(two.cookies.get(CSRF_COOKIE))

    const pageOne = await cachedThreadPage(one, 'the first browser')
    const pageTwo = await cachedThreadPage(two, 'the second browser')
    const tokenOne = [...new Set(csrfTokensIn(pageOne.body))]
    const tokenTwo = [...new Set(csrfTokensIn(pageTwo.body))]
    expect(tokenOne).toEqual([browserToken(one)])
    expect(tokenTwo).toEqual([browserToken(two)])
    expect(tokenTwo[0]).not.toBe(tokenOne[0])

    const refused = unique('foreign-token')
    const wrong = await post(two, `/threads/${threadId}/replies`, tokenOne[0]!, { body: `Posted with another browser's token, ${refused}.` })
    expect(wrong.status, "the first browser's token in the second browser").toBe(403)
    expect(await repliesContaining(refused), 'nothing stored').toBe(0)

    const accepted = unique('own-token')
    const right = await post(two, `/threads/${threadId}/replies`, tokenTwo[0]!, { body: `Posted with this browser's own token, ${accepted}.` })
    expect(right.status).toBe(303)
    expect(await repliesContaining(accepted)).toBe(1)

    // A visitor's browser reading the cached page is given no member's token either.
    const visitor = new WebClient(hostile.server.url)
    const { second } = await readTwice(visitor, threadPath)
    expect(second.cache).toBe('hit')
    for (const token of csrfTokensIn(second.body)) expect(token).toBe(browserToken(visitor))
    expect(second.body).not.toContain(tokenOne[0]!)
    expect(second.body).not.toContain(tokenTwo[0]!)
  })
})

describe('what is never cached', () => {
  test('form pages, for visitors and members, never carry X-Waymark-Cache', async () => {
    const visitor = new WebClient(hostile.server.url)
    const signedIn = await signIn(hostile.server, member.email, DEFAULT_TEST_PASSWORD)
    const formPages: [WebClient, string][] = [
      [visitor, '/login'],
      [visitor, '/join'],
      [visitor, '/forgot'],
      [signedIn, '/stories/new'],
      [signedIn, `/threads/new?locality=${COUNTY}`],
      [signedIn, '/account'],
      [signedIn, '/account/stories'],
      [signedIn, '/account/messages'],
      [signedIn, '/account/export'],
      [signedIn, '/account/delete'],
    ]
    const cached: string[] = []
    for (const [client, path] of formPages) {
      const { first, second } = await readTwice(client, path)
      expect(second.status, `${path} answers`).toBe(200)
      for (const page of [first, second]) if (page.cache !== null) cached.push(`${path}: X-Waymark-Cache ${page.cache}`)
    }
    expect(cached).toEqual([])
  })

  test('POST answers and redirects never carry X-Waymark-Cache', async () => {
    const visitor = new WebClient(hostile.server.url)
    const token = await visitor.csrfToken('/login')
    const refusedLogin = await visitor.postForm('/login', { _csrf: token, email: member.email, password: 'not-the-password-at-all' })
    expect(refusedLogin.status).toBeGreaterThanOrEqual(400)
    expect(refusedLogin.headers.get(CACHE_HEADER)).toBeNull()
    const detour = await visitor.get('/account')
    expect(detour.status).toBe(303)
    expect(detour.headers.get(CACHE_HEADER)).toBeNull()
    const login = await visitor.postForm('/login', { _csrf: await visitor.csrfToken('/login'), email: member.email, password: DEFAULT_TEST_PASSWORD })
    expect(login.status).toBe(303)
    expect(login.headers.get(CACHE_HEADER)).toBeNull()
  })
})

describe('the cache key', () => {
  test('unknown query parameters are answered correctly and leave no trace in the entry for the clean address', async () => {
    const visitor = new WebClient(hostile.server.url)
    const marker = unique('poison')
    const hostile1 = `/stories?x=${encodeURIComponent(`<script>alert("${marker}")</script>`)}&utm_source=${marker}&__proto__=${marker}`
    for (let i = 0; i < 2; i++) {
      const page = await readPage(visitor, hostile1)
      expect(page.status).toBe(200)
      expect(['hit', 'miss'], 'a cacheable page, whatever the extra parameters').toContain(page.cache)
      expect(page.body).not.toContain(marker)
      expect(page.body).toContain('Recovery stories')
    }
    const { second: clean } = await readTwice(visitor, '/stories')
    expect(clean.cache).toBe('hit')
    expect(clean.body).not.toContain(marker)
    expect(clean.body).toContain('Recovery stories')
  })

  test('a known parameter is part of the key: a filtered list is never served for the plain list, nor the other way round', async () => {
    const visitor = new WebClient(hostile.server.url)
    const selectedTheme = (html: string) => formsOn(html, '/stories')[0]?.fields.theme
    const { second: filtered } = await readTwice(visitor, '/stories?theme=connection')
    expect(filtered.cache).toBe('hit')
    expect(selectedTheme(filtered.body)).toBe('connection')
    const { second: plain } = await readTwice(visitor, '/stories')
    expect(plain.cache).toBe('hit')
    expect(selectedTheme(plain.body), 'the plain list has no theme chosen').toBe('')
    const again = await readPage(visitor, '/stories?theme=connection')
    expect(selectedTheme(again.body)).toBe('connection')
    // A value that is not a theme is the plain list, not a new page that echoes it.
    const odd = await readPage(visitor, `/stories?theme=${encodeURIComponent('<b>bold</b>')}`)
    expect(odd.status).toBe(200)
    expect(odd.body).not.toContain('<b>bold</b>')
  })

  test('a forged Host or X-Forwarded-Host header leaves no trace in a cached page or feed', async () => {
    const marker = `${unique('evil')}.example`
    for (const path of ['/stories', '/feed.xml', '/sitemap.xml', '/sitemap-1.xml']) {
      const forged = await rawRequest(`${hostile.server.url}${path}`, { method: 'GET', headers: { host: marker, 'x-forwarded-host': marker }, body: Buffer.alloc(0) })
      expect(forged.body.toString('utf8'), `${path} with a forged host`).not.toContain(marker)
      const { second } = await readTwice(new WebClient(hostile.server.url), path)
      expect(second.cache, `${path}: the second read must be a cache hit`).toBe('hit')
      expect(second.body, `${path} for the next reader`).not.toContain(marker)
    }
  })
})

describe('browsers and HEAD', () => {
  test('pages served from the cache still tell browsers not to store them', async () => {
    const visitor = new WebClient(hostile.server.url)
    const problems: string[] = []
    for (const path of ['/', '/stories', threadPath, `/localities/${COUNTY}`, '/meetings', '/you-said-we-did']) {
      const { second } = await readTwice(visitor, path)
      expect(second.cache, `${path}: the second read must be a cache hit`).toBe('hit')
      if (!/no-store/.test(second.cacheControl ?? '')) problems.push(`${path}: Cache-Control "${second.cacheControl}"`)
    }
    for (const path of ['/feed.xml', '/sitemap.xml', '/sitemap-1.xml', '/meetings.ics']) {
      const { second } = await readTwice(visitor, path)
      expect(second.cache, `${path}: the second read must be a cache hit`).toBe('hit')
      // A feed reader may keep a copy only if it asks again before every use.
      if (!/no-store|no-cache/.test(second.cacheControl ?? '')) problems.push(`${path}: Cache-Control "${second.cacheControl}"`)
    }
    expect(problems).toEqual([])
  })

  test('HEAD is answered from the cache too, without a body', async () => {
    const visitor = new WebClient(hostile.server.url)
    await readTwice(visitor, '/stories')
    const head = await visitor.request('/stories', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get(CACHE_HEADER)).toBe('hit')
    expect((await head.arrayBuffer()).byteLength).toBe(0)
  })
})
