// Hostile: withdrawal (issue 3, "Withdrawal" and "Withdrawal under load").
// - After the withdrawal returns (the server's own command, or the author's confirmation form on
//   /account/stories/:id/withdraw), the very next request through every door no longer shows the
//   story: 410 Gone with no title on its page, gone from lists, locality pages, feed, sitemap,
//   search and REST, and the cover file is private again.
// - Under load: 1,000 requests spread across the doors, 20 at a time, from loopback, immediately
//   after the withdrawal response: none may show the story (the same requests before withdrawal all
//   did — the control). A 304 to a conditional request counts as showing it (the browser would).
import sharp from 'sharp'
import { beforeAll, describe, expect, test } from 'vitest'

import { giveConsent, submitStory, withdrawStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { pool, restToken, settle, signedIn, unique, uploadMedia, useHostileServer, userAsActor, withdrawThroughTheForm } from './helpers.js'

const hostile = useHostileServer('stories-withdrawal')
const LOCALITY = 'lancashire-north'
const THEME = 'connection'

type Member = Awaited<ReturnType<typeof createMember>>
type Viewer = { name: string; client: WebClient; restHeaders?: Record<string, string> }

const asUser = (id: number | string) => userAsActor(hostile.payload, id)

const readStory = async (id: number | string) => (await hostile.payload.findByID({ collection: 'stories', id, overrideAccess: true, depth: 0 })) as any

type Story = {
  id: number | string
  slug: string
  titleMarker: string
  bodyMarker: string
  summaryMarker: string
  coverPath: string
  markers: string[]
}

let author: Member
let authorClient: WebClient
let moderatorUser: any
let localityId: number | string
let visitor: Viewer
let member: Viewer
let memberJwt: Viewer

async function publishedStory(key: string): Promise<Story> {
  const titleMarker = unique(`${key}title`)
  const bodyMarker = unique(`${key}body`)
  const summaryMarker = unique(`${key}summ`)
  const fileMarker = unique(`${key}file`)
  const image = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#335577' } })
    .png()
    .toBuffer()
  const upload = await uploadMedia(authorClient, image, `${fileMarker}.png`, 'image/png', { alt: `Cover for ${key}` })
  const uploaded = (await upload.json()) as any
  if (upload.status !== 201) throw new Error(`Arrange failed: upload ${upload.status}`)
  const cover = (await hostile.payload.findByID({ collection: 'media', id: uploaded.doc.id, overrideAccess: true, depth: 0 })) as any
  const user = await asUser(author.id)
  const story = (await settle(async () =>
    hostile.payload.create({
      collection: 'stories',
      data: {
        title: `Story ${titleMarker}`,
        summary: `Summary ${summaryMarker}`,
        body: markdownToLexical(`The year I learned about ${bodyMarker} and kept going.`),
        themes: [THEME],
        locality: localityId,
        coverImage: cover.id,
      } as any,
      overrideAccess: false,
      user,
    }),
  )) as any
  await settle(async () => giveConsent(hostile.payload, user, story.id, { audience: 'public', byline: 'anonymous', quoteInReports: false }))
  await settle(async () => submitStory(hostile.payload, user, story.id))
  await settle(async () => moderateStory({ payload: hostile.payload, moderator: moderatorUser, storyId: story.id, action: 'approve' }))
  const stored = await readStory(story.id)
  if (stored.status !== 'published') throw new Error(`Arrange failed: story is ${stored.status}`)
  return {
    id: story.id,
    slug: stored.slug,
    titleMarker,
    bodyMarker,
    summaryMarker,
    coverPath: `/api/media/file/${encodeURIComponent(cover.filename)}`,
    markers: [titleMarker, bodyMarker, summaryMarker, fileMarker, stored.slug],
  }
}

// ---------------------------------------------------------------------------------------------
// Doors and what "shows the story" means at each
// ---------------------------------------------------------------------------------------------
type Door = { door: string; path: string; rest?: boolean; cover?: boolean; echo?: string }

function doorsFor(story: Story): Door[] {
  return [
    { door: 'page', path: `/stories/${story.slug}` },
    { door: 'list', path: '/stories' },
    { door: 'list (theme+locality)', path: `/stories?theme=${THEME}&locality=${LOCALITY}` },
    { door: 'locality page', path: `/localities/${LOCALITY}` },
    { door: 'feed', path: '/feed.xml' },
    { door: 'sitemap', path: '/sitemap-1.xml' },
    { door: 'search', path: `/search?q=${story.titleMarker}`, echo: story.titleMarker },
    { door: 'REST list', path: '/api/stories?limit=1000&depth=1', rest: true },
    { door: 'REST by id', path: `/api/stories/${story.id}?depth=1`, rest: true },
    { door: 'REST by slug', path: `/api/stories?where[slug][equals]=${story.slug}&depth=1`, rest: true },
    { door: 'REST media', path: '/api/media?limit=1000&depth=0', rest: true },
    { door: 'cover file', path: story.coverPath, cover: true },
  ]
}

type Seen = { door: string; path: string; status: number; shows: boolean; why: string; etag: string | null; lastModified: string | null; cacheControl: string | null }

async function look(viewer: Viewer, story: Story, door: Door, conditional?: { etag: string | null; lastModified: string | null }): Promise<Seen> {
  const headers: Record<string, string> = door.rest ? { ...(viewer.restHeaders ?? {}) } : {}
  if (conditional?.etag) headers['if-none-match'] = conditional.etag
  if (conditional?.lastModified) headers['if-modified-since'] = conditional.lastModified
  const response = await viewer.client.get(door.path, { headers })
  const buffer = Buffer.from(await response.arrayBuffer())
  const base = {
    door: door.door,
    path: door.path,
    status: response.status,
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
    cacheControl: response.headers.get('cache-control'),
  }
  if (response.status === 304) return { ...base, shows: true, why: '304 Not Modified: the cached copy (with the story) is still good' }
  if (door.cover) {
    const type = response.headers.get('content-type') ?? ''
    const shows = response.status === 200 || type.startsWith('image/')
    return { ...base, shows, why: shows ? `cover served ${response.status} ${type}` : '' }
  }
  let text = buffer.toString('utf8').toLowerCase()
  if (door.echo) text = text.split(door.echo.toLowerCase()).join(' ')
  const found = story.markers.filter((m) => text.includes(m.toLowerCase()))
  let why = found.length ? `contains ${found.join(', ')}` : ''
  if (door.rest && !why) {
    try {
      const json = JSON.parse(buffer.toString('utf8'))
      const docs: any[] = Array.isArray(json.docs) ? json.docs : json.id != null ? [json] : []
      if (door.path.startsWith('/api/stories') && docs.some((d) => String(d.id) === String(story.id))) why = 'story id listed'
    } catch {
      // not JSON
    }
  }
  if (door.door === 'REST by id' && response.status === 200 && !why) why = 'REST by id answered 200'
  return { ...base, shows: Boolean(why), why }
}

beforeAll(async () => {
  const payload = hostile.payload
  const loc = await payload.find({ collection: 'localities', where: { slug: { equals: LOCALITY } }, overrideAccess: true, limit: 1 })
  localityId = loc.docs[0]!.id
  const mods = await payload.find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, limit: 1 })
  moderatorUser = { ...mods.docs[0], collection: 'users' }
  author = await createMember(payload)
  authorClient = await signedIn(hostile.server, author.email, author.password)
  const reader = await createMember(payload)
  visitor = { name: 'visitor', client: new WebClient(hostile.server.url) }
  member = { name: 'member (cookie)', client: await signedIn(hostile.server, reader.email, reader.password) }
  memberJwt = { name: 'member (JWT)', client: new WebClient(hostile.server.url), restHeaders: { authorization: `JWT ${await restToken(hostile.server, reader.email, reader.password)}` } }
}, 120_000)

const showing = (seen: Seen[]) => seen.filter((s) => s.shows).map((s) => `${s.door} [${s.status}] ${s.path}: ${s.why}`)

async function everyDoorAfterwards(story: Story) {
  // Right after the withdrawal returns: every door, every viewer, all at once.
  const doors = doorsFor(story)
  const viewers = [visitor, member, memberJwt]
  const seen = await Promise.all(viewers.flatMap((v) => doors.map(async (d) => ({ ...(await look(v, story, d)), door: `${v.name}: ${d.door}` }))))
  expect(showing(seen), 'responses that still show the withdrawn story').toEqual([])
  for (const v of viewers) {
    const response = await v.client.get(`/stories/${story.slug}`)
    const text = await response.text()
    expect(response.status, `${v.name}: story page after withdrawal`).toBe(410)
    for (const marker of [story.titleMarker, story.bodyMarker, story.summaryMarker]) expect(text, `${v.name}: 410 page shows no title or text`).not.toContain(marker)
  }
}

async function everyDoorShows(story: Story) {
  const seen = await pool(doorsFor(story), 6, (d) => look(visitor, story, d))
  const hidden = seen.filter((s) => !s.shows && s.door !== 'REST media').map((s) => `${s.door} [${s.status}] ${s.path}`)
  expect(hidden, 'control: doors that did not show the published story before withdrawal').toEqual([])
}

describe('withdrawal takes effect on the very next request, through every door', () => {
  test('after withdrawStory() returns', async () => {
    const story = await publishedStory('cmd')
    await everyDoorShows(story)
    await settle(async () => withdrawStory(hostile.payload, await asUser(author.id), story.id))
    await everyDoorAfterwards(story)
    expect((await readStory(story.id)).status).toBe('withdrawn')
  })

  test("after the author's confirmation form on /account/stories/:id/withdraw answers", async () => {
    const story = await publishedStory('form')
    await everyDoorShows(story)
    const response = await withdrawThroughTheForm(authorClient, story.id)
    expect([200, 303], `withdraw form answered ${response.status}`).toContain(response.status)
    await everyDoorAfterwards(story)
    expect((await readStory(story.id)).status).toBe('withdrawn')
  })
})

// ---------------------------------------------------------------------------------------------
// Under load
// ---------------------------------------------------------------------------------------------
const LOAD = 1000
const CONCURRENCY = 20

async function blast(story: Story, conditionals?: Map<string, { etag: string | null; lastModified: string | null }>) {
  const doors = doorsFor(story).filter((d) => d.door !== 'REST media' && d.door !== 'REST by slug' && d.door !== 'list (theme+locality)')
  const viewers = [visitor, member, memberJwt]
  const plan = Array.from({ length: LOAD }, (_, i) => ({ door: doors[i % doors.length]!, viewer: viewers[Math.floor(i / doors.length) % viewers.length]!, i }))
  return pool(plan, CONCURRENCY, async ({ door, viewer, i }) => {
    // Every other request is conditional, carrying what a browser remembered from before.
    const conditional = conditionals && i % 2 === 1 ? conditionals.get(door.path) : undefined
    return look(viewer, story, door, conditional)
  })
}

function summary(seen: Seen[]) {
  const byDoor: Record<string, { total: number; shows: number; statuses: Record<number, number> }> = {}
  for (const s of seen) {
    const d = (byDoor[s.door] ??= { total: 0, shows: 0, statuses: {} })
    d.total++
    if (s.shows) d.shows++
    d.statuses[s.status] = (d.statuses[s.status] ?? 0) + 1
  }
  return byDoor
}

describe('withdrawal under load', () => {
  test.each([
    ['the confirmation form', (story: Story): Promise<unknown> => withdrawThroughTheForm(authorClient, story.id)],
    ['withdrawStory()', (story: Story): Promise<unknown> => settle(async () => withdrawStory(hostile.payload, await asUser(author.id), story.id))],
  ] as const)(
    `after withdrawal through %s, ${LOAD} requests across the doors (${CONCURRENCY} at a time) show it 0 times`,
    async (_how, withdraw) => {
      const story = await publishedStory('load')
      // Control: the same requests before withdrawal all show it.
      const before = await blast(story)
      const beforeSummary = summary(before)
      expect(before.filter((s) => s.status === 429 || s.status >= 500).length, `rate-limited or failing before: ${JSON.stringify(beforeSummary)}`).toBe(0)
      expect(before.filter((s) => s.shows).length, `control: responses showing the story before withdrawal ${JSON.stringify(beforeSummary)}`).toBe(LOAD)
      const conditionals = new Map<string, { etag: string | null; lastModified: string | null }>()
      for (const s of before) if (s.etag || s.lastModified) conditionals.set(s.path, { etag: s.etag, lastModified: s.lastModified })

      const response = await withdraw(story)
      if (response instanceof Response) expect([200, 303]).toContain(response.status)
      const after = await blast(story, conditionals)
      const afterSummary = summary(after)
      const still = showing(after)
      expect(still.length, `responses still showing the story after withdrawal: ${JSON.stringify(afterSummary)}\n${[...new Set(still)].slice(0, 20).join('\n')}`).toBe(0)
      // Not hollow: the server answered properly (no rate limiting or errors standing in for "hidden").
      expect(after.filter((s) => s.status === 429 || s.status >= 500).length, JSON.stringify(afterSummary)).toBe(0)
      expect(
        after.filter((s) => s.door === 'page').every((s) => s.status === 410),
        `page statuses ${JSON.stringify(afterSummary.page)}`,
      ).toBe(true)
      expect((await readStory(story.id)).status).toBe('withdrawn')
    },
    300_000,
  )
})

describe('no cache may serve a story after withdrawal', () => {
  test('responses that show a story are not stored for reuse (no max-age / s-maxage / immutable; heuristic caching impossible)', async () => {
    const story = await publishedStory('cache')
    const seen = await pool(doorsFor(story), 6, (d) => look(visitor, story, d))
    const problems: string[] = []
    for (const s of seen.filter((x) => x.shows)) {
      const cc = (s.cacheControl ?? '').toLowerCase()
      const maxAge = Number(cc.match(/(?:^|[,\s])max-age=(\d+)/)?.[1] ?? 0)
      const sMaxAge = Number(cc.match(/s-maxage=(\d+)/)?.[1] ?? 0)
      const reusable = !/no-store|no-cache/.test(cc) && (maxAge > 0 || sMaxAge > 0 || /immutable/.test(cc) || (!cc && Boolean(s.lastModified)))
      if (reusable) problems.push(`${s.door} ${s.path}: cache-control "${s.cacheControl}" last-modified "${s.lastModified}"`)
    }
    expect(problems).toEqual([])
  })
})
