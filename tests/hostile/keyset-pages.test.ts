// Hostile: lists read a page at a time by cursor (issue 14). A long thread, a forum's thread list and
// the story list are walked as a visitor forwards by `?after=`, backwards by `?before=`, and by the old
// `?page=N` links: every visible row appears exactly once and in order, the three walks agree page for
// page, and nothing held back (pending, hidden, draft, submitted) appears on any page, whatever cursor
// is sent. Damaged and forged cursors get a 400 page or rows the visitor could see anyway, never a 500.
import { beforeAll, describe, expect, test } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { encodeCursor } from '../../src/policies/pageCursor.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { db, localityIds, textOf } from './forumHelpers.js'
import { settle, signedIn, unique, useHostileServer, userAsActor } from './helpers.js'

const hostile = useHostileServer('keyset-pages')

const REPLIES_PER_PAGE = 30 // src/queries/forum.ts
const SEED = { seed: true, disableEmail: true }
const visitor = () => new WebClient(hostile.server.url)

type Walked = { pages: string[][]; htmls: string[] }

/** The href of the link with this rel on a page (&amp; decoded), or null. */
function linkWithRel(html: string, rel: 'next' | 'prev'): string | null {
  const match = new RegExp(`<a href="([^"]+)" rel="${rel}"`).exec(html)
  return match ? match[1]!.replace(/&amp;/g, '&') : null
}

async function getOk(client: WebClient, path: string): Promise<string> {
  const response = await client.get(path)
  const html = await response.text()
  if (response.status !== 200) throw new Error(`GET ${path} gave ${response.status}: ${textOf(html).slice(0, 300)}`)
  return html
}

/** Follows one rel from `start` until there is no such link, reading each page's items. */
async function walk(start: string, rel: 'next' | 'prev', itemsOf: (html: string) => string[], maxPages = 50): Promise<Walked> {
  const pages: string[][] = []
  const htmls: string[] = []
  const client = visitor()
  let path: string | null = start
  while (path) {
    if (pages.length >= maxPages) throw new Error(`More than ${maxPages} pages from ${start}: the walk does not end`)
    const html = await getOk(client, path)
    pages.push(itemsOf(html))
    htmls.push(html)
    path = linkWithRel(html, rel)
  }
  if (rel === 'prev') {
    pages.reverse()
    htmls.reverse()
  }
  return { pages, htmls }
}

const replyIdsOf = (html: string) => [...html.matchAll(/<article class="post" id="reply-([^"]+)"/g)].map((m) => m[1]!)
const threadIdsOf = (html: string) => [...(/<ol class="thread-list">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '').matchAll(/<h3><a href="\/threads\/([^"]+)">/g)].map((m) => m[1]!)
const storySlugsOf = (html: string) => [...(/<ul class="card-list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '').matchAll(/<a href="\/stories\/([^"]+)">/g)].map((m) => m[1]!)

const leaksIn = (htmls: string[], markers: string[]) => markers.filter((marker) => htmls.some((html) => html.includes(marker)))

/** Cursors that are not ours, in shapes a crawler or an attacker would send. */
function tamperedCursors(good: string): string[] {
  const b64 = (text: string) => Buffer.from(text).toString('base64url')
  return [
    '',
    'x',
    good.slice(0, -4),
    `${good}A`,
    `${good}==`,
    'A'.repeat(5000),
    b64('[]'),
    b64('{"$gt":0}'),
    b64('["2027-01-01T00:00:00.000Z","1 OR 1=1"]'),
    b64('["2027-01-01T00:00:00.000Z",{"$ne":null}]'),
    b64('["not a date",1]'),
    b64('[true,"2027-01-01T00:00:00.000Z",1,9]'),
    '%00',
    '../../etc/passwd',
  ]
}

// ---------------------------------------------------------------------------------------------
// Arrangement: one long public thread, extra threads in the public county forum, and stories.
// ---------------------------------------------------------------------------------------------
let threadId: string
/** The replies a visitor may see, in the order the thread shows them (the order they were made in). */
const visibleReplyIds: string[] = []
const heldReplies: { id: string; createdAt: string; marker: string }[] = []
const myThreads: { id: string; pinned: boolean }[] = []
const heldThreadMarkers: string[] = []
const myStorySlugs: string[] = [] // in the order they were published
const heldStoryMarkers: string[] = []
let poster: Awaited<ReturnType<typeof createMember>>

beforeAll(async () => {
  const loc = await localityIds(hostile)
  const county = loc['lancashire-county']!
  const north = loc['lancashire-north']!
  const payload = db(hostile)
  const author = await settle(() => createMember(hostile.payload, { displayName: `Kw ${unique('a')}`.slice(0, 40) }))
  poster = await settle(() => createMember(hostile.payload, { displayName: `Kp ${unique('p')}`.slice(0, 40) }))
  await settle(() => payload.update({ collection: 'users', id: poster.id, data: { approvedPostCount: 5 }, overrideAccess: true }))

  // The long thread: 67 published replies and 8 held back, four to a timestamp so that ties in
  // createdAt straddle the page boundaries (the id decides their order).
  const thread = await settle<any>(() =>
    payload.create({
      collection: 'threads',
      data: { locality: county, title: `Long ${unique('t')}`, body: 'A long conversation.', author: author.id, status: 'published' },
      overrideAccess: true,
      context: SEED,
    }),
  )
  threadId = String(thread.id)
  const start = Date.parse('2020-06-01T09:00:00.000Z')
  for (let i = 0; i < 75; i++) {
    const held = i % 9 === 4
    const marker = unique(held ? 'kheld' : 'kvis')
    const createdAt = new Date(start + Math.floor(i / 4) * 1000).toISOString()
    const status = held ? (i % 2 ? 'pending' : 'hidden') : 'published'
    const reply = await settle<any>(() =>
      payload.create({ collection: 'replies', data: { thread: thread.id, body: `Reply ${i}: ${marker}.`, author: author.id, status, createdAt }, overrideAccess: true, context: SEED }),
    )
    if (reply.createdAt !== createdAt) throw new Error(`Arrange failed: reply ${i} was stored at ${reply.createdAt}, not ${createdAt}`)
    if (held) heldReplies.push({ id: String(reply.id), createdAt, marker })
    else visibleReplyIds.push(String(reply.id))
  }
  if (visibleReplyIds.length !== 67) throw new Error(`Arrange failed: ${visibleReplyIds.length} visible replies`)

  // 21 more threads in the county forum (two pinned), and 4 held back.
  for (let i = 0; i < 25; i++) {
    const held = i % 7 === 3
    const marker = unique(held ? 'kheldthread' : 'kthread')
    const pinned = i === 5 || i === 20
    const doc = await settle<any>(() =>
      payload.create({
        collection: 'threads',
        data: { locality: county, title: `Thread ${marker}`, body: `About ${marker}.`, author: author.id, status: held ? 'pending' : 'published', pinned },
        overrideAccess: true,
        context: SEED,
      }),
    )
    if (held) heldThreadMarkers.push(marker)
    else myThreads.push({ id: String(doc.id), pinned })
  }

  // 13 published stories in Lancashire North, and a draft and a submitted one that must never show.
  const storyAuthor = await userAsActor(hostile.payload, author.id)
  const moderatorId = (await hostile.payload.find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, limit: 1 })).docs[0]!.id
  const moderator = await userAsActor(hostile.payload, moderatorId)
  for (let i = 0; i < 15; i++) {
    const marker = unique('kstory')
    const story = (await settle(() =>
      hostile.payload.create({
        collection: 'stories',
        data: { title: `Story ${marker}`, summary: `Summary ${marker}`, body: markdownToLexical(`The road back, ${marker}.`), themes: ['hope'], locality: north, contentWarnings: [] } as any,
        overrideAccess: false,
        user: storyAuthor,
      }),
    )) as any
    await settle(() => giveConsent(hostile.payload, storyAuthor, story.id, { audience: 'public', byline: 'anonymous', quoteInReports: false }))
    if (i === 13) {
      heldStoryMarkers.push(marker)
      continue
    }
    await settle(() => submitStory(hostile.payload, storyAuthor, story.id))
    if (i === 14) {
      heldStoryMarkers.push(marker)
      continue
    }
    await settle(() => moderateStory({ payload: hostile.payload, moderator, storyId: story.id, action: 'approve', quiet: true }))
    const stored = await hostile.payload.findByID({ collection: 'stories', id: story.id, overrideAccess: true, depth: 0 })
    myStorySlugs.push(String(stored.slug))
  }
}, 300_000)

// ---------------------------------------------------------------------------------------------
describe('a long thread, as a visitor', () => {
  let forward: Walked

  beforeAll(async () => {
    forward = await walk(`/threads/${threadId}`, 'next', replyIdsOf)
  })

  test('walking forward by cursor shows every visible reply exactly once, in order, 30 to a page', () => {
    expect(forward.pages.flat()).toEqual(visibleReplyIds)
    expect(forward.pages.map((p) => p.length)).toEqual([REPLIES_PER_PAGE, REPLIES_PER_PAGE, 67 - 2 * REPLIES_PER_PAGE])
    expect(linkWithRel(forward.htmls[0]!, 'next')).toMatch(new RegExp(`^/threads/${threadId}\\?after=[A-Za-z0-9_-]+$`))
  })

  test('walking back from the last page by ?before= gives the same pages', async () => {
    const lastPage = linkWithRel(forward.htmls[forward.htmls.length - 2]!, 'next')!
    const back = await walk(lastPage, 'prev', replyIdsOf)
    expect(back.pages).toEqual(forward.pages)
  })

  test('"Latest replies" (?page=last) shows the newest 30, has no later page, and walks back over every reply once', async () => {
    const first = forward.htmls[0]!
    const latest = /<a href="([^"]+)">Latest replies<\/a>/.exec(first)?.[1]?.replace(/&amp;/g, '&')
    expect(latest).toBe(`/threads/${threadId}?page=last`)
    expect(first, 'the jump link above the replies').toContain(`<a href="/threads/${threadId}?page=last">Jump to the latest replies</a>`)
    const last = await getOk(visitor(), latest!)
    expect(replyIdsOf(last)).toEqual(visibleReplyIds.slice(-REPLIES_PER_PAGE))
    expect(linkWithRel(last, 'next')).toBeNull()
    expect(last).not.toContain('>Latest replies</a>')
    expect(last).not.toContain('Jump to the latest replies')
    const back = await walk(latest!, 'prev', replyIdsOf)
    expect(back.pages.flat()).toEqual(visibleReplyIds)
    expect(back.pages.map((p) => p.length)).toEqual([67 - 2 * REPLIES_PER_PAGE, REPLIES_PER_PAGE, REPLIES_PER_PAGE])
  })

  test('old ?page=N links show the same pages, lead on by cursor, and a page past the end says so', async () => {
    const client = visitor()
    for (let n = 1; n <= forward.pages.length; n++) {
      const html = await getOk(client, `/threads/${threadId}?page=${n}`)
      expect(replyIdsOf(html), `page ${n}`).toEqual(forward.pages[n - 1])
      const next = linkWithRel(html, 'next')
      if (n < forward.pages.length) expect(replyIdsOf(await getOk(client, next!)), `after page ${n}`).toEqual(forward.pages[n])
      else expect(next).toBeNull()
    }
    const past = await getOk(client, `/threads/${threadId}?page=${forward.pages.length + 1}`)
    expect(replyIdsOf(past)).toEqual([])
    expect(textOf(past)).toContain('There is nothing more to show here.')
  })

  test('no held reply appears on any page, nor with a cursor forged at a held reply', async () => {
    const markers = heldReplies.map((r) => r.marker)
    expect(leaksIn(forward.htmls, markers)).toEqual([])
    const client = visitor()
    for (const held of heldReplies) {
      for (const direction of ['after', 'before']) {
        const html = await getOk(client, `/threads/${threadId}?${direction}=${encodeCursor([held.createdAt, Number(held.id)])}`)
        expect(leaksIn([html], markers), `${direction} held reply ${held.id}`).toEqual([])
        const ids = replyIdsOf(html)
        expect(ids.length, `${direction} held reply ${held.id}`).toBeGreaterThan(0)
        expect(ids.every((id) => visibleReplyIds.includes(id))).toBe(true)
      }
    }
  })

  test('a member posting a reply is sent to its page and anchor, and it is there', async () => {
    const client = await signedIn(hostile.server, poster.email, poster.password)
    const token = await client.csrfToken(`/threads/${threadId}`)
    const marker = unique('knew')
    const response = await client.postForm(`/threads/${threadId}/replies`, { _csrf: token, body: `Late to this, ${marker}.` })
    expect(response.status).toBe(303)
    const location = response.headers.get('location')!
    expect(location).toMatch(new RegExp(`^/threads/${threadId}\\?page=3#reply-[^/]+$`))
    const html = await getOk(client, location.split('#')[0]!)
    const anchor = location.split('#')[1]!
    expect(html).toContain(`id="${anchor}"`)
    expect(html).toContain(marker)
    expect(replyIdsOf(html).at(-1)).toBe(anchor.replace('reply-', ''))
  })
})

describe('the county forum thread list, as a visitor', () => {
  test('forward, back and old ?page=N walks agree; pinned first, newest first; held threads never', async () => {
    const start = '/localities/lancashire-county'
    const forward = await walk(start, 'next', threadIdsOf)
    const all = forward.pages.flat()
    expect(new Set(all).size).toBe(all.length)
    expect(forward.pages.length).toBeGreaterThanOrEqual(2)
    // Mine: the two pinned ones first (newest first), then the rest newest first.
    const mine = all.filter((id) => myThreads.some((t) => t.id === id))
    const pinned = myThreads.filter((t) => t.pinned).map((t) => t.id)
    const unpinned = myThreads.filter((t) => !t.pinned).map((t) => t.id)
    expect(mine).toEqual([...[...pinned].reverse(), ...[...unpinned].reverse()])
    expect(leaksIn(forward.htmls, heldThreadMarkers)).toEqual([])

    const lastNext = linkWithRel(forward.htmls[forward.htmls.length - 2]!, 'next')!
    const back = await walk(lastNext, 'prev', threadIdsOf)
    expect(back.pages).toEqual(forward.pages)
    const client = visitor()
    for (let n = 1; n <= forward.pages.length; n++) expect(threadIdsOf(await getOk(client, `${start}?page=${n}`)), `page ${n}`).toEqual(forward.pages[n - 1])
  })
})

describe('the story list, as a visitor', () => {
  test('forward, back and old ?page=N walks agree, newest first, and no unpublished story shows', async () => {
    const start = '/stories?locality=lancashire-north'
    const forward = await walk(start, 'next', storySlugsOf)
    const all = forward.pages.flat()
    expect(new Set(all).size).toBe(all.length)
    expect(forward.pages[0]).toHaveLength(12)
    expect(all.filter((slug) => myStorySlugs.includes(slug))).toEqual([...myStorySlugs].reverse())
    expect(leaksIn(forward.htmls, heldStoryMarkers)).toEqual([])
    // The filter is kept in the page links.
    expect(linkWithRel(forward.htmls[0]!, 'next')).toMatch(/^\/stories\?locality=lancashire-north&after=/)

    const back = await walk(linkWithRel(forward.htmls[forward.htmls.length - 2]!, 'next')!, 'prev', storySlugsOf)
    expect(back.pages).toEqual(forward.pages)
    const client = visitor()
    for (let n = 1; n <= forward.pages.length; n++) expect(storySlugsOf(await getOk(client, `${start}&page=${n}`)), `page ${n}`).toEqual(forward.pages[n - 1])
  })
})

describe('damaged and forged cursors', () => {
  test('get a 400 page with the way back to the first page, never a 500, on every paged list', async () => {
    const good = encodeCursor(['2020-06-01T09:00:00.000Z', 1])
    const lists = [`/threads/${threadId}`, '/localities/lancashire-county', '/stories', '/stories?theme=hope', '/meetings', '/meetings?locality=lancashire-north']
    const problems: string[] = []
    const client = visitor()
    for (const list of lists) {
      const join = list.includes('?') ? '&' : '?'
      const attempts = [
        ...tamperedCursors(good).flatMap((bad) => [`after=${encodeURIComponent(bad)}`, `before=${encodeURIComponent(bad)}`]),
        `after=${good}&before=${good}`,
        `after=${good}&after=${good}`,
      ]
      for (const query of attempts) {
        const response = await client.get(`${list}${join}${query}`)
        const html = await response.text()
        if (response.status !== 400) problems.push(`${list}${join}${query} gave ${response.status}`)
        else if (!html.includes('This page link does not work') || !html.includes(`href="${list.replace(/&/g, '&amp;')}"`)) problems.push(`${list}${join}${query}: no way back`)
      }
    }
    expect(problems).toEqual([])
  })

  test('a well-formed cursor of the wrong list, or far beyond the end, is an empty page, not an error', async () => {
    const client = visitor()
    const farFuture = encodeCursor(['2999-01-01T00:00:00.000Z', 999_999])
    const html = await getOk(client, `/threads/${threadId}?after=${farFuture}`)
    expect(replyIdsOf(html)).toEqual([])
    expect(textOf(html)).toContain('There is nothing more to show here.')
    // The story list's cursor has the same shape as a reply's: it moves the window, nothing more.
    const stories = await getOk(client, `/stories?before=${farFuture}`)
    expect(leaksIn([stories], heldStoryMarkers)).toEqual([])
    // A thread-list cursor (three parts) is refused by the replies (two).
    expect((await client.get(`/threads/${threadId}?after=${encodeCursor([true, '2020-06-01T09:00:00.000Z', 1])}`)).status).toBe(400)
  })
})
