// Hostile: uploads. Only real JPEG/PNG/WebP/GIF images (by content), at most 10 MB (413 beyond),
// re-encoded so EXIF/GPS never survive, alt text required, a verified email required, and each file
// private to its uploader and moderators until a moderator makes it public (./mediaDoors.ts, shared
// with media-doors-s3.test.ts, which proves the same with the uploads in an S3 bucket).
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { EVIL_ORIGIN, listFiles, multipartBody, rawRequest, signedIn, uploadMedia, useHostileServer } from './helpers.js'
import { colourSquare, fileUrlsOf, privateFileTests, uploadAndRead, type MediaDoc } from './mediaDoors.js'

const hostile = useHostileServer('media')
let uploaderUser: Awaited<ReturnType<typeof createMember>>
let uploader: WebClient
let visitor: WebClient

beforeAll(async () => {
  uploaderUser = await createMember(hostile.payload)
  uploader = await signedIn(hostile.server, uploaderUser.email, uploaderUser.password)
  visitor = new WebClient(hostile.server.url)
})

const mediaCount = async () => (await hostile.payload.count({ collection: 'media', overrideAccess: true })).totalDocs
const fileUrls = (doc: MediaDoc) => fileUrlsOf(doc, hostile.server.url)
const upload = uploadAndRead

/** A snapshot of what is stored: documents and files. */
async function storedState() {
  return { count: await mediaCount(), files: listFiles(hostile.server.mediaDir) }
}

const EXIF = {
  IFD0: { Make: 'ProbeCam', Model: 'ProbeModel 9', Artist: 'ProbeArtist' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '53/1 45/1 1234/100', GPSLongitudeRef: 'W', GPSLongitude: '2/1 41/1 5678/100' },
}

/** The TIFF tag for the GPS IFD pointer (0x8825), little- or big-endian. */
const hasGpsPointer = (exif: Buffer) => exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25]))

describe('EXIF and GPS never survive', () => {
  const cases: [string, string, () => Promise<Buffer>][] = [
    ['photo.jpg', 'image/jpeg', () => colourSquare().jpeg().withExif(EXIF).toBuffer()],
    ['photo.png', 'image/png', () => colourSquare().png().withExif(EXIF).toBuffer()],
    ['photo.webp', 'image/webp', () => colourSquare().webp().withExif(EXIF).toBuffer()],
  ]

  for (const [filename, type, make] of cases) {
    test(`${filename}: the served file and every generated size carry no EXIF`, async () => {
      const original = await make()
      const originalMeta = await sharp(original).metadata()
      expect(originalMeta.exif, 'arrange: the original carries EXIF').toBeDefined()
      expect(original.includes('ProbeCam'), 'arrange: the original carries the camera make').toBe(true)
      expect(hasGpsPointer(originalMeta.exif!), 'arrange: the original carries GPS').toBe(true)

      const { status, doc, text } = await upload(uploader, original, filename, type, { alt: 'A brown square' })
      expect(status, text).toBe(201)
      const urls = fileUrls(doc!)
      expect(urls.length).toBeGreaterThanOrEqual(2)
      for (const url of urls) {
        const response = await uploader.get(url)
        expect(response.status, url).toBe(200)
        expect(response.headers.get('content-type') ?? '', url).toMatch(/^image\//)
        const served = Buffer.from(await response.arrayBuffer())
        const meta = await sharp(served).metadata()
        expect(meta.exif, `${url} exif`).toBeUndefined()
        expect(meta.xmp, `${url} xmp`).toBeUndefined()
        for (const marker of ['ProbeCam', 'ProbeModel', 'ProbeArtist']) expect(served.includes(marker), `${url} contains ${marker}`).toBe(false)
      }
      // Nor on disk, under any name.
      for (const file of listFiles(hostile.server.mediaDir)) {
        const bytes = fs.readFileSync(path.join(hostile.server.mediaDir, file))
        expect(bytes.includes('ProbeCam'), `stored file ${file} contains ProbeCam`).toBe(false)
      }
    })
  }
})

describe('size limit', () => {
  async function elevenMegabytes() {
    const head = await colourSquare(64, 64).jpeg().toBuffer()
    const big = Buffer.alloc(11 * 1024 * 1024, 0x41)
    head.copy(big)
    return big
  }

  test('an 11 MB upload is refused with 413 and nothing is stored', async () => {
    const before = await storedState()
    const { body, contentType } = multipartBody({ _payload: JSON.stringify({ alt: 'Too big' }) }, { name: 'file', filename: 'huge.jpg', contentType: 'image/jpeg', data: await elevenMegabytes() })
    const response = await rawRequest(`${hostile.server.url}/api/media`, {
      method: 'POST',
      headers: { 'content-type': contentType, cookie: uploader.cookieHeader(), 'sec-fetch-site': 'same-origin', origin: hostile.server.url },
      body,
    })
    expect(response.status).toBe(413)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await storedState()).toEqual(before)
  })

  test('an 11 MB upload sent chunked (no Content-Length) is refused with 413 and nothing is stored', async () => {
    const before = await storedState()
    const { body, contentType } = multipartBody({ _payload: JSON.stringify({ alt: 'Too big' }) }, { name: 'file', filename: 'huge.jpg', contentType: 'image/jpeg', data: await elevenMegabytes() })
    const response = await rawRequest(`${hostile.server.url}/api/media`, {
      method: 'POST',
      headers: { 'content-type': contentType, cookie: uploader.cookieHeader(), 'sec-fetch-site': 'same-origin', origin: hostile.server.url },
      body,
      chunked: true,
    })
    expect(response.status).toBe(413)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await storedState()).toEqual(before)
  })

  test('control: a normal image upload still works after the refusals', async () => {
    const { status, text } = await upload(uploader, await colourSquare(200, 150).png().toBuffer(), 'ok.png', 'image/png')
    expect(status, text).toBe(201)
  })
})

describe('content, not file name, decides', () => {
  const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script><h1>not an image</h1></body></html>')
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>')
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
  const gifPolyglot = Buffer.concat([Buffer.from('GIF89a'), Buffer.from('<html><script>alert(1)</script></html>')])
  const cases: [string, Buffer, string, string][] = [
    ['HTML named .jpg', html, 'evil.jpg', 'image/jpeg'],
    ['HTML named .jpg sent as text/html', html, 'evil.jpg', 'text/html'],
    ['HTML named .png', html, 'evil.png', 'image/png'],
    ['SVG with script named .png', svg, 'evil.png', 'image/png'],
    ['SVG named .svg', svg, 'evil.svg', 'image/svg+xml'],
    ['PDF named .jpg', pdf, 'doc.jpg', 'image/jpeg'],
    ['GIF magic followed by HTML', gifPolyglot, 'poly.gif', 'image/gif'],
  ]
  // Real images in formats sharp can read (so re-encoding alone would not refuse them), but not allowed.
  const otherFormats: [string, () => Promise<Buffer>, string, string][] = [
    ['a TIFF named .jpg', () => colourSquare(80, 60).tiff().toBuffer(), 'photo.jpg', 'image/jpeg'],
    ['an AVIF named .webp', () => colourSquare(80, 60).avif().toBuffer(), 'photo.webp', 'image/webp'],
  ]
  for (const [label, make, filename, type] of otherFormats) {
    test(`${label} is refused and nothing is stored`, async () => {
      const before = await storedState()
      const { status, text } = await upload(uploader, await make(), filename, type)
      expect(status, text).toBeGreaterThanOrEqual(400)
      expect(status, text).toBeLessThan(500)
      expect(await storedState()).toEqual(before)
    })
  }

  for (const [label, data, filename, type] of cases) {
    test(`${label} is refused and nothing is stored`, async () => {
      const before = await storedState()
      const { status, text } = await upload(uploader, data, filename, type)
      expect(status, text).toBeGreaterThanOrEqual(400)
      expect(status, text).toBeLessThan(500)
      expect(await storedState()).toEqual(before)
    })
  }

  test('a real PNG named .jpg is judged by its content and stored as an image', async () => {
    const { status, doc, text } = await upload(uploader, await colourSquare(120, 90).png().toBuffer(), 'actually-png.jpg', 'image/jpeg')
    expect(status, text).toBe(201)
    const response = await uploader.get(fileUrls(doc!)[0]!)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type') ?? '').toMatch(/^image\//)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('upload rules', () => {
  test('alt text is required (missing or empty): refused and nothing stored', async () => {
    const image = await colourSquare(100, 100).png().toBuffer()
    for (const data of [{}, { alt: '' }]) {
      const before = await storedState()
      const { status, text } = await upload(uploader, image, 'noalt.png', 'image/png', data)
      expect(status, `${JSON.stringify(data)}: ${text}`).toBe(400)
      expect(await storedState()).toEqual(before)
    }
  })

  test('a visitor cannot upload', async () => {
    const before = await storedState()
    const { status } = await upload(visitor, await colourSquare(100, 100).png().toBuffer(), 'anon.png', 'image/png')
    expect([401, 403]).toContain(status)
    expect(await storedState()).toEqual(before)
  })

  test('a member whose email is not verified cannot upload, even holding a session', async () => {
    const member = await createMember(hostile.payload)
    const client = await signedIn(hostile.server, member.email, member.password)
    // The address becomes unverified while the session lives on (e.g. a pending email change).
    await hostile.payload.update({ collection: 'users', id: member.id, data: { _verified: false } as never, overrideAccess: true })
    const before = await storedState()
    const { status, text } = await upload(client, await colourSquare(100, 100).png().toBuffer(), 'unverified.png', 'image/png')
    expect(status, text).toBe(403)
    expect(await storedState()).toEqual(before)
    // Nor can the member simply mark themself verified.
    await client.json('PATCH', `/api/users/${member.id}`, { _verified: true })
    const stored = (await hostile.payload.findByID({ collection: 'users', id: member.id, overrideAccess: true, showHiddenFields: true })) as { _verified?: boolean }
    expect(stored._verified).not.toBe(true)
    const again = await upload(client, await colourSquare(100, 100).png().toBuffer(), 'unverified2.png', 'image/png')
    expect(again.status).toBe(403)
    expect(await storedState()).toEqual(before)
  })

  test("a cross-site upload riding the member's cookie is refused", async () => {
    const before = await storedState()
    const response = await uploadMedia(
      uploader,
      await colourSquare(100, 100).png().toBuffer(),
      'csrf.png',
      'image/png',
      { alt: 'x' },
      {
        headers: { origin: EVIL_ORIGIN, 'sec-fetch-site': 'cross-site' },
      },
    )
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    expect(await storedState()).toEqual(before)
  })
})

privateFileTests(hostile)
