// The doors of a story's cover, for either storage (the media folder, or an S3 bucket): called by
// media-doors.test.ts (local disk) and media-doors-s3.test.ts (S3), so the same rules are proved the
// same way on both (issue 11, item 2; issue 15, item 4).
//
// A published story with a cover, uploaded with the public story form. Every URL that serves the
// picture is collected: the ones in the story page's HTML, /api/media/file/<filename>, each image
// size's URL, and Next's image optimizer (/_next/image?url=<file URL>&w=<width>&q=75) over both files.
// Before: a visitor gets image bytes from each (the control; the optimizer may refuse uploads
// altogether, which the issue allows, but may not serve them only sometimes). Then the story stops
// being shown (the author's withdrawal form, a moderator's unpublish, a consent reaching its end),
// and from then on no URL gives a visitor or another member image bytes (a 304 to a conditional
// request counts: the browser would show its copy), and every URL that served it answers 403 or 404.
//
// Stored names are random: a picture uploaded as jane-doe.jpg keeps "jane" and "doe" out of the
// media record, every size's filename, the stored files and every URL in the page.
import sharp from 'sharp'
import { beforeAll, describe, expect, test } from 'vitest'

import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { settle, signedIn, unique, uploadMedia, userAsActor, withdrawThroughTheForm, type HostileServer } from './helpers.js'

export type MediaStorage = {
  /** For messages: "the media folder", "the bucket". */
  name: string
  /** Every stored file's name (relative to the media folder, or every key in the bucket). */
  storedFiles: () => Promise<string[]>
  /** The withdrawal test's load: this many requests, spread over this many seconds. */
  load: { requests: number; seconds: number }
  /** The store's own address (a bucket's endpoint and name), which no page or answer may contain. */
  privateAddress?: RegExp
}

/** Names a person might give a photo of themselves. */
export const PERSON = /jane|doe/i

/** A large enough photo that every image size (thumbnail, card, full) is made. */
const photo = (format: 'jpeg' | 'png' = 'jpeg') =>
  sharp({
    create: {
      width: 1800,
      height: 1200,
      channels: 3,
      background: `#${Math.floor(Math.random() * 0xffffff)
        .toString(16)
        .padStart(6, '0')}`,
    },
  })
    [format]()
    .toBuffer()

export function imageMagic(body: Buffer): string | null {
  if (body.length >= 12 && body.subarray(0, 4).toString('latin1') === 'RIFF' && body.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp'
  if (body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  if (body.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'jpeg'
  if (body.subarray(0, 4).toString('latin1') === 'GIF8') return 'gif'
  if (body.length >= 12 && body.subarray(4, 8).toString('latin1') === 'ftyp') return 'avif/heif'
  return null
}

/** Registers the cover-door tests on a hostile server (useHostileServer) whose uploads go to `storage`. */
export function coverDoorTests(hostile: HostileServer, storage: MediaStorage): void {
  type Member = Awaited<ReturnType<typeof createMember>>
  type Viewer = { name: string; client: WebClient }

  const CONSENT = { audience: 'public', byline: 'anonymous', quoteInReports: 'no', agree: 'on' }
  /** Widths Next's optimizer accepts by default (imageSizes and deviceSizes). */
  const OPTIMIZER_WIDTHS = [64, 384, 640, 1080]

  let moderatorActor: any
  let otherMember: Member

  beforeAll(async () => {
    const mods = await hostile.payload.find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, limit: 1, depth: 0 })
    moderatorActor = await userAsActor(hostile.payload, mods.docs[0]!.id)
    otherMember = await createMember(hostile.payload)
  }, 60_000)

  // ---------------------------------------------------------------------------------------------
  // Arranging a published story with a cover, through the public story form
  // ---------------------------------------------------------------------------------------------
  type Story = { id: number | string; slug: string; title: string; mediaId: number | string; author: Member; authorClient: WebClient }

  async function submitWithCover(client: WebClient, title: string, fileName: string): Promise<Response> {
    const form = new FormData()
    const fields: Record<string, string> = {
      _csrf: await client.csrfToken('/stories/new'),
      title,
      summary: 'A short summary.',
      body: `The walk I took every morning, ${title}.`,
      intent: 'submit',
      coverAlt: 'A quiet path by the water',
      ...CONSENT,
    }
    for (const [key, value] of Object.entries(fields)) form.append(key, value)
    form.append('cover', new Blob([new Uint8Array(await photo())], { type: 'image/jpeg' }), fileName)
    return client.request('/stories/new', { method: 'POST', body: form, headers: { origin: new URL(client.baseUrl).origin } })
  }

  async function storyByTitle(title: string): Promise<any> {
    return (await hostile.payload.find({ collection: 'stories', where: { title: { equals: title } }, overrideAccess: true, depth: 0, limit: 1 })).docs[0]
  }

  async function publishedStoryWithCover(fileName = 'morning-walk.jpg'): Promise<Story> {
    const author = await createMember(hostile.payload)
    const authorClient = await signedIn(hostile.server, author.email, author.password)
    const title = `Story ${unique('cover')}`
    const response = await submitWithCover(authorClient, title, fileName)
    if (response.status !== 303) throw new Error(`Arrange failed: the story form answered ${response.status}: ${(await response.text()).slice(0, 300)}`)
    const submitted = await storyByTitle(title)
    if (!submitted?.coverImage) throw new Error('Arrange failed: the story has no cover')
    await settle(() => moderateStory({ payload: hostile.payload, moderator: moderatorActor, storyId: submitted.id, action: 'approve' }))
    const story = await storyByTitle(title)
    if (story.status !== 'published') throw new Error(`Arrange failed: the story is ${story.status}`)
    return { id: story.id, slug: story.slug, title, mediaId: typeof story.coverImage === 'object' ? story.coverImage.id : story.coverImage, author, authorClient }
  }

  async function mediaRecord(id: number | string): Promise<Record<string, any>> {
    return (await hostile.payload.findByID({ collection: 'media', id, overrideAccess: true, depth: 0, showHiddenFields: true })) as any
  }

  // ---------------------------------------------------------------------------------------------
  // Every URL that serves the picture
  // ---------------------------------------------------------------------------------------------
  const decodeHtml = (value: string) =>
    value
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'")

  /** Same-origin paths of every picture the page shows: <img>/<source> src and srcset, og:image, preloaded images. Site assets excepted. */
  function picturePathsIn(html: string, base: string): string[] {
    const found: string[] = []
    for (const tag of html.matchAll(/<(img|source|meta|link)\b[^>]*>/gi)) {
      const element = tag[0]
      const attr = (name: string) => element.match(new RegExp(`\\s${name}="([^"]*)"`, 'i'))?.[1]
      const kind = tag[1]!.toLowerCase()
      if (kind === 'meta' && !/property="og:image|name="twitter:image/i.test(element)) continue
      if (kind === 'link' && !/as="image"/i.test(element)) continue
      for (const value of [attr('src'), attr('content'), attr('href')]) if (value) found.push(decodeHtml(value))
      for (const set of [attr('srcset'), attr('imagesrcset')])
        if (set)
          found.push(
            ...decodeHtml(set)
              .split(',')
              .map((part) => part.trim().split(/\s+/)[0]!),
          )
    }
    return [
      ...new Set(
        found
          .filter(Boolean)
          .map((u) => new URL(u, base))
          .filter((u) => u.origin === new URL(base).origin)
          .map((u) => u.pathname + u.search),
      ),
    ].filter((p) => !p.startsWith('/assets/'))
  }

  type Door = { url: string; kind: 'page' | 'file' | 'size' | 'optimizer' }

  async function doorsOf(story: Story): Promise<Door[]> {
    const media = await mediaRecord(story.mediaId)
    const fileUrl = `/api/media/file/${encodeURIComponent(media.filename)}`
    const sizeUrls = Object.values((media.sizes ?? {}) as Record<string, { filename?: string | null }>)
      .filter((size) => size?.filename)
      .map((size) => `/api/media/file/${encodeURIComponent(size.filename!)}`)
    const page = await new WebClient(hostile.server.url).get(`/stories/${story.slug}`)
    const html = await page.text()
    if (page.status !== 200) throw new Error(`Arrange failed: the story page answered ${page.status}`)
    const pageUrls = picturePathsIn(html, hostile.server.url)
    if (pageUrls.length === 0) throw new Error('Arrange failed: the story page shows no picture')
    const optimised = [fileUrl, ...sizeUrls.slice(0, 2)].flatMap((u) => OPTIMIZER_WIDTHS.map((w) => `/_next/image?url=${encodeURIComponent(u)}&w=${w}&q=75`))
    const doors: Door[] = [
      ...pageUrls.map((url) => ({ url, kind: 'page' as const })),
      { url: fileUrl, kind: 'file' },
      ...sizeUrls.map((url) => ({ url, kind: 'size' as const })),
      ...optimised.map((url) => ({ url, kind: 'optimizer' as const })),
    ]
    const seen = new Set<string>()
    return doors.filter((d) => (seen.has(d.url) ? false : (seen.add(d.url), true)))
  }

  // ---------------------------------------------------------------------------------------------
  // Looking, and what counts as "served the picture"
  // ---------------------------------------------------------------------------------------------
  type Validators = { etag: string | null; lastModified: string | null }
  type Seen = { url: string; kind: Door['kind']; viewer: string; status: number; image: boolean; why: string; validators: Validators }

  async function look(viewer: Viewer, door: Door, conditional?: Validators): Promise<Seen> {
    const headers: Record<string, string> = { accept: 'image/avif,image/webp,image/*,*/*;q=0.8' }
    if (conditional?.etag) headers['if-none-match'] = conditional.etag
    if (conditional?.lastModified) headers['if-modified-since'] = conditional.lastModified
    const response = await viewer.client.get(door.url, { headers })
    const body = Buffer.from(await response.arrayBuffer())
    const type = response.headers.get('content-type') ?? ''
    const magic = imageMagic(body)
    const cache = response.headers.get('x-nextjs-cache')
    const why =
      response.status === 304
        ? '304 Not Modified: the browser shows its copy'
        : magic
          ? `${magic} bytes (${type}${cache ? `, x-nextjs-cache ${cache}` : ''})`
          : type.startsWith('image/') && body.length > 0
            ? `content-type ${type}`
            : ''
    return {
      url: door.url,
      kind: door.kind,
      viewer: viewer.name,
      status: response.status,
      image: Boolean(why),
      why,
      validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
    }
  }

  async function viewers(): Promise<Viewer[]> {
    return [
      { name: 'visitor', client: new WebClient(hostile.server.url) },
      { name: 'another member', client: await signedIn(hostile.server, otherMember.email, otherMember.password) },
    ]
  }

  /**
   * The control, as a visitor, while the story is published: every page, file and size URL serves
   * image bytes. Returns the URLs that served it (the optimizer's count if it serves uploads at all)
   * and what the browser would remember for conditional requests.
   */
  async function beforeControl(doors: Door[]) {
    const visitor = { name: 'visitor', client: new WebClient(hostile.server.url) }
    const seen: Seen[] = []
    for (const door of doors) seen.push(await look(visitor, door))
    const notServed = seen.filter((s) => !s.image && s.kind !== 'optimizer').map((s) => `${s.kind} ${s.url} [${s.status}]`)
    expect(notServed, 'control: URLs that did not serve the published story’s picture').toEqual([])
    const optimizer = seen.filter((s) => s.kind === 'optimizer')
    const optimizerServed = optimizer.filter((s) => s.image).length
    // The optimizer may refuse uploads (the issue allows it), but not serve some widths and fail others.
    expect([0, optimizer.length], `optimizer answers before: ${optimizer.map((s) => `${s.url} [${s.status}]`).join(', ')}`).toContain(optimizerServed)
    if (optimizerServed === 0)
      expect(
        optimizer.filter((s) => s.status >= 500 || s.status === 429),
        'the optimizer refuses cleanly',
      ).toEqual([])
    const servedBefore = new Set(seen.filter((s) => s.image).map((s) => s.url))
    const remembered = new Map(seen.map((s) => [s.url, s.validators]))
    return { servedBefore, remembered }
  }

  /** After the story stopped being shown: the problems found in a set of responses. */
  function problemsAfter(seen: Seen[], servedBefore: Set<string>): string[] {
    const problems = new Set<string>()
    for (const s of seen) {
      if (s.image) problems.add(`${s.viewer}: ${s.kind} ${s.url} [${s.status}] ${s.why}`)
      else if (s.status === 429 || s.status >= 500) problems.add(`${s.viewer}: ${s.kind} ${s.url} answered ${s.status} (no answer is not an answer)`)
      else if (servedBefore.has(s.url) && s.status !== 403 && s.status !== 404) problems.add(`${s.viewer}: ${s.kind} ${s.url} answered ${s.status}, not 403 or 404`)
    }
    return [...problems]
  }

  function tally(seen: Seen[]) {
    const out: Record<string, { total: number; image: number; statuses: Record<number, number> }> = {}
    for (const s of seen) {
      const t = (out[s.kind] ??= { total: 0, image: 0, statuses: {} })
      t.total++
      if (s.image) t.image++
      t.statuses[s.status] = (t.statuses[s.status] ?? 0) + 1
    }
    return out
  }

  /** `count` requests started at an even pace over `durationMs` (at most `inFlight` at once). */
  async function spread<R>(count: number, durationMs: number, inFlight: number, run: (i: number) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(count)
    const running = new Set<Promise<void>>()
    const start = Date.now()
    for (let i = 0; i < count; i++) {
      const wait = start + (i * durationMs) / count - Date.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      while (running.size >= inFlight) await Promise.race(running)
      const p: Promise<void> = run(i).then((r) => {
        results[i] = r
      })
      running.add(p)
      void p.finally(() => running.delete(p))
    }
    await Promise.all(running)
    return results
  }

  /** A few quick rounds over every URL, both viewers, every other request conditional. */
  async function quickRounds(doors: Door[], remembered: Map<string, Validators>, rounds = 3): Promise<Seen[]> {
    const who = await viewers()
    const plan = Array.from({ length: rounds }, (_, round) => who.flatMap((viewer) => doors.map((door) => ({ viewer, door, round })))).flat()
    return Promise.all(plan.map(({ viewer, door, round }) => look(viewer, door, round % 2 === 1 ? remembered.get(door.url) : undefined)))
  }

  // =============================================================================================
  describe('a cover follows its story through every URL, the optimizer included', () => {
    const LOAD = storage.load.requests
    const SECONDS = storage.load.seconds

    test(`after the author's withdrawal form: ${LOAD} requests over ${SECONDS} s (visitor and another member, every URL) get image bytes 0 times`, async () => {
      const story = await publishedStoryWithCover()
      const doors = await doorsOf(story)
      const { servedBefore, remembered } = await beforeControl(doors)
      // Warm every cache a second time, as a busy page would.
      await quickRounds(doors, new Map(), 1)

      const response = await withdrawThroughTheForm(story.authorClient, story.id)
      expect([200, 303], `the withdrawal form answered ${response.status}`).toContain(response.status)
      expect((await storyByTitle(story.title)).status).toBe('withdrawn')

      const who = await viewers()
      const seen = await spread(LOAD, SECONDS * 1000, 20, (i) => {
        const door = doors[i % doors.length]!
        const viewer = who[Math.floor(i / doors.length) % who.length]!
        return look(viewer, door, i % 2 === 1 ? remembered.get(door.url) : undefined)
      })
      const problems = problemsAfter(seen, servedBefore)
      expect(problems.slice(0, 30), `after withdrawal, by kind: ${JSON.stringify(tally(seen))}`).toEqual([])
      expect(seen.filter((s) => s.image).length).toBe(0)
    }, 180_000)

    test('after a moderator unpublishes the story: straight away, no URL serves it', async () => {
      const story = await publishedStoryWithCover()
      const doors = await doorsOf(story)
      const { servedBefore, remembered } = await beforeControl(doors)
      await settle(() => moderateStory({ payload: hostile.payload, moderator: moderatorActor, storyId: story.id, action: 'unpublish', reason: 'Names a place that could identify someone.' }))
      expect((await storyByTitle(story.title)).status).toBe('unpublished')
      const seen = await quickRounds(doors, remembered)
      expect(problemsAfter(seen, servedBefore).slice(0, 30), JSON.stringify(tally(seen))).toEqual([])
    }, 120_000)

    test('after the consent reaches its end: once the date has passed, no URL serves it', async () => {
      const story = await publishedStoryWithCover()
      const doors = await doorsOf(story)
      const { servedBefore, remembered } = await beforeControl(doors)
      // Arrangement: the consent's end date comes in a few seconds (as it would after a year).
      const endsAt = Date.now() + 4000
      await settle(() => hostile.payload.update({ collection: 'stories', id: story.id, data: { consentExpiresAt: new Date(endsAt).toISOString() } as never, overrideAccess: true }))
      const media = await mediaRecord(story.mediaId)
      expect(new Date(media.storyVisibleUntil).getTime(), 'arrangement: the picture carries the end date').toBe(endsAt)
      // Still shown until then (this also keeps the optimizer's copy fresh).
      await quickRounds(doors, new Map(), 1)
      await new Promise((r) => setTimeout(r, Math.max(0, endsAt - Date.now()) + 1500))
      const seen = await quickRounds(doors, remembered)
      expect(problemsAfter(seen, servedBefore).slice(0, 30), JSON.stringify(tally(seen))).toEqual([])
    }, 120_000)

    test('before publication, the author looking through the optimizer does not make the picture visible to a visitor', async () => {
      const author = await createMember(hostile.payload)
      const authorClient = await signedIn(hostile.server, author.email, author.password)
      const title = `Story ${unique('draftcover')}`
      const response = await submitWithCover(authorClient, title, 'first-light.jpg')
      expect(response.status).toBe(303)
      const story = await storyByTitle(title)
      const media = await mediaRecord(typeof story.coverImage === 'object' ? story.coverImage.id : story.coverImage)
      const files = [media.filename, ...Object.values((media.sizes ?? {}) as Record<string, { filename?: string }>).map((s) => s?.filename)].filter(Boolean) as string[]
      const doors: Door[] = files.flatMap((f) => [
        { url: `/api/media/file/${encodeURIComponent(f)}`, kind: 'file' as const },
        ...OPTIMIZER_WIDTHS.map((w) => ({ url: `/_next/image?url=${encodeURIComponent(`/api/media/file/${encodeURIComponent(f)}`)}&w=${w}&q=75`, kind: 'optimizer' as const })),
      ])
      // The author may see their own picture; whatever they were given must not reach anyone else.
      for (const door of doors) await look({ name: 'author', client: authorClient }, door)
      const seen = await quickRounds(doors, new Map(), 2)
      expect(problemsAfter(seen, new Set()).slice(0, 30), JSON.stringify(tally(seen))).toEqual([])
    }, 120_000)
  })

  // =============================================================================================
  describe('stored files carry random names', () => {
    /** Every string value in the record (filename, url, thumbnailURL, each size's filename and url...). */
    function personIn(record: Record<string, any>): string[] {
      const hits: string[] = []
      const walk = (value: unknown, where: string) => {
        if (typeof value === 'string' && PERSON.test(value)) hits.push(`${where}: ${value}`)
        else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, where ? `${where}.${k}` : k)
      }
      walk(record, '')
      return hits
    }

    test('a cover uploaded with the story form as jane-doe.jpg: the record, every size, the stored files and the URLs in the page carry neither "jane" nor "doe"', async () => {
      const story = await publishedStoryWithCover('jane-doe.jpg')
      const media = await mediaRecord(story.mediaId)
      expect(Object.keys(media.sizes ?? {}).length, 'arrangement: the image sizes were made').toBeGreaterThanOrEqual(3)
      expect(personIn(media), 'the stored media record').toEqual([])
      expect(
        (await storage.storedFiles()).filter((f) => PERSON.test(f)),
        `files in ${storage.name}`,
      ).toEqual([])

      const page = await new WebClient(hostile.server.url).get(`/stories/${story.slug}`)
      const html = await page.text()
      expect(page.status).toBe(200)
      const pictures = picturePathsIn(html, hostile.server.url)
      expect(pictures.length, 'arrangement: the page shows the cover').toBeGreaterThan(0)
      if (storage.privateAddress) expect(html.match(storage.privateAddress)?.[0] ?? null, `the story page names ${storage.name}`).toBeNull()
      const urls = [...html.matchAll(/\s(?:src|srcset|href|content|action|imagesrcset)="([^"]*)"/gi)].map((m) => decodeHtml(m[1]!))
      expect(
        urls.filter((u) => PERSON.test(u)),
        'URLs in the story page',
      ).toEqual([])

      // What REST tells the author and a visitor about the picture.
      for (const [name, client] of [
        ['author', story.authorClient],
        ['visitor', new WebClient(hostile.server.url)],
      ] as const) {
        const rest = await client.get(`/api/media/${story.mediaId}?depth=0`)
        expect(rest.status, `${name}: REST read of the published cover`).toBe(200)
        const answer = await rest.text()
        expect(personIn(JSON.parse(answer)), `${name}: GET /api/media/:id`).toEqual([])
        if (storage.privateAddress) expect(answer.match(storage.privateAddress)?.[0] ?? null, `${name}: GET /api/media/:id names ${storage.name}`).toBeNull()
      }
    }, 120_000)

    test('pictures uploaded over REST as "Jane Doe.JPG" and "jane_doe.png": the answer, the record and the stored files carry neither "jane" nor "doe"', async () => {
      const member = await createMember(hostile.payload)
      const client = await signedIn(hostile.server, member.email, member.password)
      for (const [fileName, format, type] of [
        ['Jane Doe.JPG', 'jpeg', 'image/jpeg'],
        ['jane_doe.png', 'png', 'image/png'],
      ] as const) {
        const response = await uploadMedia(client, await photo(format), fileName, type, { alt: 'A quiet path by the water' })
        const body = (await response.json()) as any
        expect(response.status, JSON.stringify(body).slice(0, 300)).toBe(201)
        expect(personIn(body.doc ?? {}), `${fileName}: the REST answer`).toEqual([])
        expect(personIn(await mediaRecord(body.doc.id)), `${fileName}: the stored record`).toEqual([])
      }
      expect(
        (await storage.storedFiles()).filter((f) => PERSON.test(f)),
        `files in ${storage.name}`,
      ).toEqual([])
    }, 120_000)
  })
}

// =============================================================================================
// A file is private to its uploader and moderators until a moderator makes it public
// =============================================================================================
export type MediaDoc = {
  id: number | string
  url: string
  filename: string
  mimeType: string
  isPublic?: boolean
  sizes?: Record<string, { url: string | null; filename: string | null }>
}

/** Every URL the server generated for a doc, as paths on the site: the main file and each size. */
export function fileUrlsOf(doc: MediaDoc, siteUrl: string): string[] {
  const urls = [doc.url, ...Object.values(doc.sizes ?? {}).map((size) => size?.url)].filter((u): u is string => Boolean(u))
  return [...new Set(urls.map((u) => new URL(u, siteUrl).pathname + new URL(u, siteUrl).search))]
}

/** Uploads over REST (multipart) and reads the answer: the status, the body and the created doc if any. */
export async function uploadAndRead(client: WebClient, file: Buffer, filename: string, type: string, data: Record<string, unknown> = { alt: 'A picture' }) {
  const response = await uploadMedia(client, file, filename, type, data)
  const text = await response.text()
  let doc: MediaDoc | undefined
  try {
    doc = (JSON.parse(text) as { doc?: MediaDoc }).doc
  } catch {
    // not JSON
  }
  return { response, status: response.status, text, doc }
}

export const colourSquare = (width = 1600, height = 1200) => sharp({ create: { width, height, channels: 3, background: '#884422' } })

/** Registers the tests of a private upload's doors (every URL, size, path trick and range) on a hostile server. */
export function privateFileTests(hostile: HostileServer): void {
  let uploader: WebClient
  let otherMember: WebClient
  let moderator: WebClient
  let visitor: WebClient
  const readMedia = async (id: number | string) => (await hostile.payload.findByID({ collection: 'media', id, overrideAccess: true, depth: 0 })) as unknown as MediaDoc
  const fileUrls = (doc: MediaDoc) => fileUrlsOf(doc, hostile.server.url)
  const upload = uploadAndRead

  beforeAll(async () => {
    const mine = await createMember(hostile.payload)
    const other = await createMember(hostile.payload)
    uploader = await signedIn(hostile.server, mine.email, mine.password)
    otherMember = await signedIn(hostile.server, other.email, other.password)
    moderator = await signedIn(hostile.server, 'moderator@waymark.example', hostile.server.seedPassword)
    visitor = new WebClient(hostile.server.url)
  })

  describe('a file is private until a moderator makes it public', () => {
    let doc: MediaDoc
    let bytes: Map<string, Buffer>

    async function expectNoAccess(client: WebClient, who: string) {
      for (const url of fileUrls(doc)) {
        const filename = url.split('/').pop()!
        const variants = [
          url,
          `${url}?download=1`,
          `/api/media/file/${encodeURIComponent(filename)}`,
          `/api/media/file/./${filename}`,
          `/api/media/file//${filename}`,
          `/api/media/file/${filename.toUpperCase()}`,
          `/media/${filename}`,
          `/api/media/file/..%2F${filename}`,
        ]
        for (const variant of variants) {
          for (const headers of [{}, { range: 'bytes=0-' }] as Record<string, string>[]) {
            const response = await client.get(variant, { headers })
            const body = Buffer.from(await response.arrayBuffer())
            const where = `${who} GET ${variant} ${JSON.stringify(headers)} (${response.status})`
            expect(response.status, where).not.toBe(200)
            expect(response.status, where).not.toBe(206)
            expect(body.equals(bytes.get(url)!), where).toBe(false)
            expect(body.length > 0 && body.includes(bytes.get(url)!.subarray(0, 64)), where).toBe(false)
          }
        }
      }
      const byId = await client.get(`/api/media/${doc.id}`)
      expect([401, 403, 404], `${who} GET /api/media/:id`).toContain(byId.status)
      const list = await client.get('/api/media?limit=200&where[isPublic][equals]=false')
      if (list.ok) {
        const ids = ((await list.json()) as { docs: { id: unknown }[] }).docs.map((d) => d.id)
        expect(ids, `${who} list`).not.toContain(doc.id)
      }
      const all = await client.get('/api/media?limit=200')
      if (all.ok) {
        const ids = ((await all.json()) as { docs: { id: unknown }[] }).docs.map((d) => d.id)
        expect(ids, `${who} list`).not.toContain(doc.id)
      }
    }

    beforeAll(async () => {
      // The uploader tries to make it public at creation time.
      const result = await upload(uploader, await colourSquare(1600, 1200).jpeg().toBuffer(), 'private-photo.jpg', 'image/jpeg', { alt: 'Private', isPublic: true })
      if (result.status !== 201) throw new Error(`Arrange failed: upload gave ${result.status}: ${result.text}`)
      doc = result.doc!
      bytes = new Map()
      for (const url of fileUrls(doc)) {
        const response = await uploader.get(url)
        if (response.status !== 200) throw new Error(`Arrange failed: the uploader cannot fetch ${url} (${response.status})`)
        bytes.set(url, Buffer.from(await response.arrayBuffer()))
      }
    })

    test('it starts private even when the uploader asked for public', async () => {
      expect((await readMedia(doc.id)).isPublic).not.toBe(true)
    })

    test('another member and a visitor cannot fetch it, by any URL or size', async () => {
      await expectNoAccess(otherMember, 'other member')
      await expectNoAccess(visitor, 'visitor')
    })

    test('the uploader cannot make it public themself, and other members cannot touch it', async () => {
      await uploader.json('PATCH', `/api/media/${doc.id}`, { isPublic: true })
      const form = new FormData()
      form.append('_payload', JSON.stringify({ isPublic: true }))
      await uploader.request(`/api/media/${doc.id}`, { method: 'PATCH', body: form })
      await uploader.json('PATCH', `/api/media?where[id][equals]=${doc.id}`, { isPublic: true })
      expect((await readMedia(doc.id)).isPublic).not.toBe(true)

      const patch = await otherMember.json('PATCH', `/api/media/${doc.id}`, { isPublic: true, alt: 'Defaced' })
      expect(patch.status).toBeGreaterThanOrEqual(400)
      const del = await otherMember.request(`/api/media/${doc.id}`, { method: 'DELETE' })
      expect(del.status).toBeGreaterThanOrEqual(400)
      const stored = await readMedia(doc.id)
      expect(stored.isPublic).not.toBe(true)
      expect((stored as unknown as { alt: string }).alt).toBe('Private')
      await expectNoAccess(otherMember, 'other member (after tampering)')
    })

    test('the uploader and a moderator can fetch it; once a moderator marks it public, everyone can', async () => {
      for (const url of fileUrls(doc)) {
        expect((await uploader.get(url)).status, `uploader ${url}`).toBe(200)
        expect((await moderator.get(url)).status, `moderator ${url}`).toBe(200)
      }
      // Use a separate document, so the privacy tests above do not depend on running first.
      const result = await upload(uploader, await colourSquare(1600, 1200).jpeg().toBuffer(), 'to-publish.jpg', 'image/jpeg', { alt: 'Soon public' })
      expect(result.status, result.text).toBe(201)
      const published = result.doc!
      for (const url of fileUrls(published)) {
        expect((await otherMember.get(url)).status, `before: other ${url}`).not.toBe(200)
        expect((await visitor.get(url)).status, `before: visitor ${url}`).not.toBe(200)
      }
      const patch = await moderator.json('PATCH', `/api/media/${published.id}`, { isPublic: true })
      expect(patch.status, await patch.clone().text()).toBe(200)
      expect((await readMedia(published.id)).isPublic).toBe(true)
      for (const url of fileUrls(published)) {
        for (const [who, client] of [
          ['other member', otherMember],
          ['visitor', visitor],
        ] as const) {
          const response = await client.get(url)
          expect(response.status, `after: ${who} ${url}`).toBe(200)
          expect(response.headers.get('content-type') ?? '').toMatch(/^image\//)
          const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
          expect(meta.width).toBeGreaterThan(0)
        }
      }
    })
  })
}
