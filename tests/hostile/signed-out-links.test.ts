// Hostile (issue 16, "Signed-out links" and "A personal home").
//
// A signed-out visitor who follows a link to a members-only thread, and one who follows a link to a
// thread that does not exist, was removed or is held, get the same sign-in prompt: the same status,
// the same page once the address in it is blanked out, the same headers. An attacker comparing the
// answers learns nothing about which threads exist. The prompt signs in and comes back; after that the
// member sees the thread or a plain "Page not found". The way back (`next`) cannot be bent into an
// open redirect. The home page never shows a visitor a members-only or unpublished thread, an
// unpublished or withdrawn story, nor one member the news of another member's forums.
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { CACHE_HEADER } from '../support/pageCache.js'
import { RELAXED_LIMITS, arrangeModeration, db, expectStatus, localityIds, makeMember, newThread, seededModerator, updateSettings, type Member, type Posted } from './forumHelpers.js'
import { signedIn, unique, useHostileServer, withdrawThroughTheForm } from './helpers.js'
import { moderateStory, restAs, shareStory, type Rest } from './pageCacheSite.js'

const hostile = useHostileServer('signed-out-links')

let loc: Record<string, number | string> = {}
let author: Member
let newcomer: Member
let membersOnly: Posted // lancashire-north is a members' forum
let removed: Posted
let held: Posted // a newcomer's thread, waiting for review
let hidden: Posted
let missingId: number
let control: Posted // published in the public county forum

const visitor = () => new WebClient(hostile.server.url)
const signIn = (who: { email: string; password: string }) => signedIn(hostile.server, who.email, who.password)
const threadPath = (id: number | string) => `/threads/${id}`

beforeAll(async () => {
  await updateSettings(hostile, RELAXED_LIMITS)
  loc = await localityIds(hostile)
  ;[author, newcomer] = await Promise.all([makeMember(hostile, { established: true, name: 'Author' }), makeMember(hostile, { established: false, name: 'Newcomer' })])
  membersOnly = await newThread(hostile, author, loc['lancashire-north']!)
  removed = await newThread(hostile, author, loc['lancashire-county']!)
  hidden = await newThread(hostile, author, loc['lancashire-county']!)
  held = await newThread(hostile, newcomer, loc['lancashire-county']!)
  await expectStatus(hostile, 'threads', membersOnly.id, 'published')
  await expectStatus(hostile, 'threads', held.id, 'pending')
  await arrangeModeration(hostile, 'threads', removed.id, 'remove', 'removed')
  await arrangeModeration(hostile, 'threads', hidden.id, 'hide', 'hidden')
  control = await newThread(hostile, author, loc['lancashire-county']!)
  await expectStatus(hostile, 'threads', control.id, 'published')
  const newest = await db(hostile).find({ collection: 'threads', sort: '-id', limit: 1, depth: 0, overrideAccess: true })
  // An id with the same number of digits as the others, so even the length of the answer cannot differ.
  missingId = Number(newest.docs[0].id) + 7
  if (String(missingId).length !== String(membersOnly.id).length) missingId = Number(membersOnly.id) + 900
  const taken = await db(hostile).find({ collection: 'threads', where: { id: { equals: missingId } }, limit: 1, depth: 0, overrideAccess: true })
  if (taken.docs.length > 0) throw new Error('Arrange failed: the "missing" thread id exists')
}, 180_000)

type Answer = { status: number; body: string; headers: Record<string, string> }

async function ask(client: WebClient, path: string): Promise<Answer> {
  const response = await client.get(path)
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => (headers[name] = value))
  return { status: response.status, body: await response.text(), headers }
}

/** The page with its own address (plain and as a `next=` value) blanked out, and the form token left out. */
function normalised(body: string, id: number | string): string {
  return body
    .split(encodeURIComponent(threadPath(id)))
    .join('{PATH}')
    .split(threadPath(id))
    .join('{PATH}')
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value="{TOKEN}"')
}

/** Headers that must be the same, with those that vary by body length, clock or request (the log's id) left out. */
function comparableHeaders(headers: Record<string, string>): Record<string, string> {
  const { date: _date, etag: _etag, 'content-length': _length, 'x-request-id': _requestId, ...rest } = headers
  return rest
}

const hiddenCases = () =>
  [
    ['a thread in a members-only forum', membersOnly.id, membersOnly.markers],
    ['a removed thread', removed.id, removed.markers],
    ['a hidden thread', hidden.id, hidden.markers],
    ['a thread held for review', held.id, held.markers],
  ] as const

describe('signed out: members-only, removed, held and missing threads answer alike', () => {
  test('same status, same page apart from the address, same headers and cache behaviour, first and second time', async () => {
    const client = visitor()
    await client.get('/') // the browser's form-token cookie, so every answer below is for the same browser
    const missingFirst = await ask(client, threadPath(missingId))
    const missingSecond = await ask(client, threadPath(missingId))
    expect(missingFirst.status).toBe(404)
    expect(missingFirst.body).toContain('Sign in to see this page')
    expect(missingFirst.body).toContain(`/login?next=${encodeURIComponent(threadPath(missingId))}`)
    for (const [name, id, markers] of hiddenCases()) {
      const first = await ask(client, threadPath(id))
      const second = await ask(client, threadPath(id))
      for (const [which, answer, reference] of [
        ['first', first, missingFirst],
        ['second', second, missingSecond],
      ] as const) {
        expect(answer.status, `${name} (${which})`).toBe(reference.status)
        expect(normalised(answer.body, id), `${name} (${which}): the page differs from a missing thread's`).toBe(normalised(reference.body, missingId))
        expect(comparableHeaders(answer.headers), `${name} (${which}): headers`).toEqual(comparableHeaders(reference.headers))
        for (const marker of markers) expect(answer.body, `${name} leaks its words`).not.toContain(marker)
      }
      expect(first.headers['cache-control']).toBe('no-store')
    }
    // The control: a published public thread is shown, so the comparison above could have failed.
    const shown = await ask(client, threadPath(control.id))
    expect(shown.status).toBe(200)
    expect(shown.body).toContain(control.titleMarker)
    expect(normalised(shown.body, control.id)).not.toBe(normalised(missingFirst.body, missingId))
  })

  test('similar timing: a members-only thread is not slower or faster to refuse than a missing one', async () => {
    const client = visitor()
    const time = async (path: string) => {
      const started = performance.now()
      await (await client.get(path)).text()
      return performance.now() - started
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!
    const members: number[] = []
    const missing: number[] = []
    // Interleaved, so a busy moment on the machine falls on both alike.
    for (let round = 0; round < 15; round++) {
      members.push(await time(threadPath(membersOnly.id)))
      missing.push(await time(threadPath(missingId)))
    }
    const [a, b] = [median(members), median(missing)]
    expect(Math.max(a, b) / Math.min(a, b), `medians ${a.toFixed(1)} ms and ${b.toFixed(1)} ms`).toBeLessThan(3)
  })

  test('HEAD answers alike too', async () => {
    const client = visitor()
    const head = async (id: number | string) => (await client.request(threadPath(id), { method: 'HEAD' })).status
    const reference = await head(missingId)
    for (const [name, id] of hiddenCases()) expect(await head(id), name).toBe(reference)
  })
})

describe('the prompt signs in and comes back', () => {
  /** Follows the prompt's sign-in link and posts the form it leads to, as a browser without JavaScript would. */
  async function signInThroughPrompt(who: { email: string; password: string }, path: string) {
    const client = visitor()
    const prompt = await ask(client, path)
    const link = prompt.body.match(/href="(\/login\?next=[^"]+)"/)?.[1]?.replace(/&amp;/g, '&')
    expect(link, 'the prompt links to sign in with the way back').toBeTruthy()
    const login = await ask(client, link!)
    expect(login.status).toBe(200)
    const next = login.body.match(/name="next" value="([^"]*)"/)?.[1]?.replace(/&amp;/g, '&')
    expect(next, 'the sign-in form carries the way back').toBe(path)
    const token = login.body.match(/name="_csrf" value="([^"]+)"/)![1]!
    const posted = await client.postForm('/login', { _csrf: token, email: who.email, password: who.password, next: next! })
    return { client, posted }
  }

  test('a members-only thread: back to it, and it is shown', async () => {
    const { client, posted } = await signInThroughPrompt(author, threadPath(membersOnly.id))
    expect(posted.status).toBe(303)
    expect(posted.headers.get('location')).toBe(threadPath(membersOnly.id))
    const page = await ask(client, threadPath(membersOnly.id))
    expect(page.status).toBe(200)
    expect(page.body).toContain(membersOnly.titleMarker)
  })

  test('a missing or removed thread: back to it, and a plain "Page not found", no prompt', async () => {
    const reader = await makeMember(hostile, { established: true, name: 'Reader' })
    for (const id of [missingId, removed.id, held.id]) {
      const { client, posted } = await signInThroughPrompt(reader, threadPath(id))
      expect(posted.headers.get('location')).toBe(threadPath(id))
      const page = await ask(client, threadPath(id))
      expect(page.status).toBe(404)
      expect(page.body).toContain('Page not found')
      expect(page.body).not.toContain('Sign in to see this page')
      expect(page.body).not.toContain(removed.titleMarker)
    }
  })
})

describe('the way back cannot leave the site', () => {
  const attempts = [
    '//evil.example',
    '//evil.example/threads/1',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    '/%2F%2Fevil.example',
    '/%252F%252Fevil.example',
    '/%5Cevil.example',
    '/\t/evil.example',
    '/%09/evil.example',
    '/threads/1\r\nSet-Cookie: evil=1',
    '/threads/1%0D%0ASet-Cookie:%20evil=1',
    '/%E2%88%95%E2%88%95evil.example',
    'javascript:alert(1)',
    '/logout',
  ]

  test('posting the sign-in form with a hostile `next` lands on the account page, never elsewhere', async () => {
    for (const next of attempts) {
      const client = visitor()
      const token = (await ask(client, '/login')).body.match(/name="_csrf" value="([^"]+)"/)![1]!
      const posted = await client.postForm('/login', { _csrf: token, email: author.email, password: author.password, next })
      expect(posted.status, JSON.stringify(next)).toBe(303)
      expect(posted.headers.get('location'), JSON.stringify(next)).toBe('/account')
      expect(posted.headers.get('set-cookie') ?? '', JSON.stringify(next)).not.toContain('evil')
    }
  })

  test('a signed-in member opening /login?next=… is sent to the account page, and the sign-in page never carries the hostile value', async () => {
    const member = await signIn(author)
    for (const next of attempts) {
      const response = await member.get(`/login?next=${encodeURIComponent(next)}`)
      expect(response.status, JSON.stringify(next)).toBe(303)
      expect(response.headers.get('location'), JSON.stringify(next)).toBe('/account')
      const page = await ask(visitor(), `/login?next=${encodeURIComponent(next)}`)
      expect(page.status).toBe(200)
      expect(page.body, JSON.stringify(next)).not.toMatch(/evil|javascript:/i)
      expect(page.body).not.toContain('name="next"')
    }
  })

  test('the join page does not carry a hostile way back either', async () => {
    for (const next of attempts) {
      const page = await ask(visitor(), `/join?next=${encodeURIComponent(next)}`)
      expect(page.body, JSON.stringify(next)).not.toMatch(/evil|javascript:/i)
    }
    const kept = await ask(visitor(), `/join?next=${encodeURIComponent(threadPath(membersOnly.id))}`)
    expect(kept.body).toContain(`name="next" value="${threadPath(membersOnly.id)}"`)
    expect(kept.body).toContain(`/login?next=${encodeURIComponent(threadPath(membersOnly.id))}`)
  })

  test('every page’s "Sign in" link carries that page, and a hostile query on it cannot break out', async () => {
    const page = await ask(visitor(), '/stories?theme=%22%3E%3Cscript%3E')
    const links = [...page.body.matchAll(/href="(\/login[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))
    expect(links.length).toBeGreaterThan(0)
    for (const link of links) {
      const next = new URL(link, 'https://waymark.invalid').searchParams.get('next')
      if (next !== null) expect(new URL(next, 'https://waymark.invalid').origin).toBe('https://waymark.invalid')
    }
    const meetings = await ask(visitor(), '/meetings')
    expect(meetings.body).toContain(`href="/login?next=${encodeURIComponent('/meetings')}"`)
  })

  test('words typed into a search are never copied into sign-in links, and a 404 page does not repeat its address', async () => {
    const word = unique('sought')
    const search = await ask(visitor(), `/search?q=${word}`)
    const links = [...search.body.matchAll(/href="(\/(?:login|join)[^"]*)"/g)].map((m) => m[1]!)
    expect(links.length).toBeGreaterThan(0)
    for (const link of links) expect(link, 'a sign-in link on the search page').not.toContain(word)
    const address = `/stories/${unique('nostory')}`
    const missing = await ask(visitor(), address)
    expect(missing.status).toBe(404)
    expect(missing.body).toContain('Page not found')
    expect(missing.body).not.toContain(address.split('/').pop()!)
  })
})

describe('the home page', () => {
  let visibleStory: string
  let submittedStory: string
  let withdrawnStory: string
  let north: { member: Member; client: WebClient; thread: Posted }
  let east: { member: Member; client: WebClient; thread: Posted }

  beforeAll(async () => {
    const moderator: Rest = await restAs(hostile.server, seededModerator(hostile).email, seededModerator(hostile).password)
    const storyteller = await makeMember(hostile, { established: true, name: 'Storyteller' })
    const storytellerClient = await signIn(storyteller)
    const share = async (key: string) => {
      const title = `Story ${unique(key)}`
      const id = await shareStory(storytellerClient, { title, summary: `About ${key}.`, body: `Words about ${key}.`, localityId: loc['lancashire-county']! })
      return { id, title }
    }
    const submitted = await share('submitted')
    const withdrawn = await share('withdrawn')
    await moderateStory(moderator, withdrawn.id, 'approve')
    const withdrawal = await withdrawThroughTheForm(storytellerClient, withdrawn.id)
    if (withdrawal.status !== 303) throw new Error(`Arrange failed: withdrawal gave ${withdrawal.status}`)
    const visible = await share('visible')
    await moderateStory(moderator, visible.id, 'approve')
    ;[visibleStory, submittedStory, withdrawnStory] = [visible.title, submitted.title, withdrawn.title]

    const memberOf = async (slug: string) => {
      const member = await makeMember(hostile, { established: true, name: slug.slice(-5) })
      await db(hostile).update({ collection: 'users', id: member.id, data: { homeLocality: loc[slug] }, overrideAccess: true })
      return { member, client: await signIn(member), thread: await newThread(hostile, member, loc[slug]!) }
    }
    north = await memberOf('lancashire-north')
    east = await memberOf('lancashire-east')
  }, 180_000)

  const yourForums = (html: string) => html.match(/<section id="your-forums"[\s\S]*?<\/section>/)?.[0] ?? ''

  test('a visitor sees published public things only, and the same page as every other visitor', async () => {
    const first = await ask(visitor(), '/')
    const second = await ask(visitor(), '/')
    expect(first.status).toBe(200)
    expect(first.body, 'the control: a published story shows').toContain(visibleStory)
    expect(first.body, 'the control: a public conversation shows').toContain(control.titleMarker)
    const secrets = [submittedStory, withdrawnStory, north.thread.titleMarker, east.thread.titleMarker, membersOnly.titleMarker, removed.titleMarker, hidden.titleMarker, held.titleMarker]
    for (const answer of [first, second]) {
      for (const secret of secrets) expect(answer.body, `a visitor's home shows ${secret}`).not.toContain(secret)
      expect(answer.body).not.toContain('your-forums')
      expect(answer.body).not.toContain(north.member.displayName)
    }
    expect(second.headers[CACHE_HEADER], 'visitors share one cached home page').toBe('hit')
    expect(second.body.replace(/name="_csrf" value="[^"]*"/g, '')).toBe(first.body.replace(/name="_csrf" value="[^"]*"/g, ''))
  })

  test("each member sees their own forums' news first, never another member's, also from the cache", async () => {
    for (let round = 0; round < 2; round++) {
      for (const [me, other] of [
        [north, east],
        [east, north],
      ] as const) {
        const page = await ask(me.client, '/')
        expect(page.status).toBe(200)
        const mine = yourForums(page.body)
        expect(mine, `${me.member.displayName}'s home has a "Your forums" section`).not.toBe('')
        expect(page.body.indexOf('your-forums'), 'their forums come first').toBeLessThan(page.body.indexOf('stories-heading'))
        expect(mine).toContain(me.thread.titleMarker)
        expect(mine, "another member's forum").not.toContain(other.thread.titleMarker)
        expect(page.body).toContain(`Welcome back, ${me.member.displayName}`)
        expect(page.body).not.toContain(other.member.displayName)
        if (round === 1) expect(page.headers[CACHE_HEADER], 'the second look comes from their own cache entry').toBe('hit')
      }
    }
  })

  test('a new conversation in a member’s forum reaches their home at once (the cached page is invalidated)', async () => {
    const before = await ask(north.client, '/')
    const fresh = await newThread(hostile, author, loc['lancashire-north']!)
    const after = await ask(north.client, '/')
    expect(yourForums(before.body)).not.toContain(fresh.titleMarker)
    expect(yourForums(after.body)).toContain(fresh.titleMarker)
    const visitorHome = await ask(visitor(), '/')
    expect(visitorHome.body).not.toContain(fresh.titleMarker)
  })
})
