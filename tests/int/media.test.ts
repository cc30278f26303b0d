// Media through the Local API with real files: who may upload, what is accepted, what is stored,
// and who can see a private file.
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'

import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, expectRefusedFor, idOf, listFiles, outcome, refusedOr, sameId } from './helpers.js'

let payload: Payload
let uploader: any, otherMember: any, unverified: any, moderator: any, admin: any
let jpegWithExif: Buffer
let png: Buffer

const file = (data: Buffer, mimetype: string, name: string) => ({ data, mimetype, name, size: data.length })
const count = async () => (await payload.count({ collection: 'media', overrideAccess: true })).totalDocs
const readBack = (id: number | string) => payload.findByID({ collection: 'media', id, overrideAccess: true, depth: 0 }) as Promise<any>
const storedPath = (filename: string) => {
  const match = listFiles(process.env.WAYMARK_MEDIA_DIR!).find((p) => path.basename(p) === filename)
  if (!match) throw new Error(`${filename} is not under ${process.env.WAYMARK_MEDIA_DIR}`)
  return match
}
const upload = (user: any, data: Record<string, unknown> = { alt: 'A test image' }, f = file(png, 'image/png', 'test.png')) =>
  payload.create({ collection: 'media', data: data as any, file: f, overrideAccess: false, user }) as Promise<any>

beforeAll(async () => {
  payload = await bootPayload()
  uploader = await asUser(payload, await createMember(payload, { roles: ['member'], verified: true }))
  otherMember = await asUser(payload, await createMember(payload, { roles: ['member'], verified: true }))
  unverified = await asUser(payload, await createMember(payload, { roles: ['member'], verified: false }))
  moderator = await asUser(payload, await createMember(payload, { roles: ['moderator'], verified: true }))
  admin = await asUser(payload, await createMember(payload, { roles: ['admin'], verified: true }))
  expect(uploader._verified).toBe(true)
  expect(unverified._verified).toBe(false)

  jpegWithExif = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: { r: 200, g: 100, b: 50 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'ProbeCam', Model: 'ProbeModel' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '53/1 45/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '2/1 42/1 0/1' },
    })
    .toBuffer()
  png = await sharp({ create: { width: 1800, height: 1200, channels: 3, background: { r: 10, g: 120, b: 90 } } })
    .png()
    .toBuffer()
  // The probe really carries EXIF before upload.
  expect((await sharp(jpegWithExif).metadata()).exif).toBeTruthy()
  expect(jpegWithExif.includes('ProbeCam')).toBe(true)
})

describe('who may upload', () => {
  it('a verified member can upload (the control)', async () => {
    const doc = await upload(uploader)
    expect(doc.id).toBeDefined()
    expect(sameId(idOf(doc.uploader), uploader.id)).toBe(true)
  })

  it('an unverified member cannot upload', async () => {
    const before = await count()
    await expect(upload(unverified)).rejects.toThrow()
    expect(await count()).toBe(before)
  })

  it('a visitor cannot upload', async () => {
    const before = await count()
    await expect(upload(undefined)).rejects.toThrow()
    expect(await count()).toBe(before)
  })
})

describe('what is accepted', () => {
  it('alt text is required', async () => {
    const before = await count()
    await expectRefusedFor(upload(uploader, {}), 'alt')
    await expectRefusedFor(upload(uploader, { alt: '' }), 'alt')
    expect(await count()).toBe(before)
  })

  it('an HTML file named .jpg (and claiming image/jpeg) is refused', async () => {
    const before = await count()
    const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>')
    await expect(upload(uploader, { alt: 'not an image' }, file(html, 'image/jpeg', 'holiday.jpg'))).rejects.toThrow()
    expect(await count()).toBe(before)
  })

  it('an SVG named .png is refused', async () => {
    const before = await count()
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>')
    await expect(upload(uploader, { alt: 'not a png' }, file(svg, 'image/png', 'pic.png'))).rejects.toThrow()
    expect(await count()).toBe(before)
  })

  it('WebP and GIF are accepted', async () => {
    const webp = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#336699' } })
      .webp()
      .toBuffer()
    const gif = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#996633' } })
      .gif()
      .toBuffer()
    await expect(upload(uploader, { alt: 'webp' }, file(webp, 'image/webp', 'a.webp'))).resolves.toBeTruthy()
    await expect(upload(uploader, { alt: 'gif' }, file(gif, 'image/gif', 'a.gif'))).resolves.toBeTruthy()
  })
})

describe('what is stored', () => {
  let doc: any

  beforeAll(async () => {
    doc = await upload(uploader, { alt: 'Canal at dusk' }, file(jpegWithExif, 'image/jpeg', 'canal.jpg'))
    doc = await readBack(doc.id)
  })

  it('the stored original has no EXIF', async () => {
    const stored = fs.readFileSync(storedPath(doc.filename))
    const meta = await sharp(stored).metadata()
    expect(meta.exif).toBeUndefined()
    expect(stored.includes('ProbeCam')).toBe(false)
    expect(stored.includes('ProbeModel')).toBe(false)
    expect(stored.includes('Exif\0\0')).toBe(false)
  })

  it('thumbnail, card and full sizes exist on disk, smallest to largest, without EXIF', async () => {
    const widths: number[] = []
    for (const size of ['thumbnail', 'card', 'full']) {
      const s = doc.sizes?.[size]
      expect(s?.filename, size).toEqual(expect.any(String))
      const bytes = fs.readFileSync(storedPath(s.filename))
      const meta = await sharp(bytes).metadata()
      expect(meta.width, size).toBeGreaterThan(0)
      expect(meta.exif, size).toBeUndefined()
      expect(bytes.includes('ProbeCam'), size).toBe(false)
      widths.push(meta.width!)
    }
    expect(widths[0]!).toBeLessThan(widths[1]!)
    expect(widths[1]!).toBeLessThanOrEqual(widths[2]!)
    expect(widths[2]!).toBeLessThanOrEqual(2400)
  })
})

describe('private files', () => {
  let privateDoc: any

  beforeAll(async () => {
    privateDoc = await upload(uploader, { alt: 'Private picture' })
    expect(Boolean((await readBack(privateDoc.id)).isPublic)).toBe(false)
  })

  it('are invisible to other members (find and findByID)', async () => {
    const found = await outcome(() => payload.find({ collection: 'media', overrideAccess: false, user: otherMember, depth: 0, limit: 1000 }))
    expect(found === 'refused' || !found.includes(String(privateDoc.id))).toBe(true)
    const one = await refusedOr(payload.findByID({ collection: 'media', id: privateDoc.id, overrideAccess: false, user: otherMember, depth: 0 }))
    expect(one === 'refused' || one == null).toBe(true)
  })

  it('are invisible to visitors (find and findByID)', async () => {
    const found = await outcome(() => payload.find({ collection: 'media', overrideAccess: false, depth: 0, limit: 1000 }))
    expect(found === 'refused' || !found.includes(String(privateDoc.id))).toBe(true)
    const one = await refusedOr(payload.findByID({ collection: 'media', id: privateDoc.id, overrideAccess: false, depth: 0 }))
    expect(one === 'refused' || one == null).toBe(true)
  })

  it('are invisible to other members even when searched by filename', async () => {
    const found = await outcome(() => payload.find({ collection: 'media', overrideAccess: false, user: otherMember, depth: 0, where: { filename: { equals: privateDoc.filename } } }))
    expect(found === 'refused' || found.length === 0).toBe(true)
  })

  it('are visible to their uploader', async () => {
    const found = await payload.find({ collection: 'media', overrideAccess: false, user: uploader, depth: 0, limit: 1000 })
    expect(found.docs.map((d) => String(d.id))).toContain(String(privateDoc.id))
    const one = await payload.findByID({ collection: 'media', id: privateDoc.id, overrideAccess: false, user: uploader, depth: 0 })
    expect(one.alt).toBe('Private picture')
  })

  it('are visible to moderators and admins', async () => {
    for (const user of [moderator, admin]) {
      const found = await payload.find({ collection: 'media', overrideAccess: false, user, depth: 0, limit: 1000 })
      expect(found.docs.map((d) => String(d.id))).toContain(String(privateDoc.id))
      const one = await payload.findByID({ collection: 'media', id: privateDoc.id, overrideAccess: false, user, depth: 0 })
      expect(one.alt).toBe('Private picture')
    }
  })

  it('other members cannot change or delete them', async () => {
    await refusedOr(payload.update({ collection: 'media', id: privateDoc.id, data: { alt: 'Defaced' }, overrideAccess: false, user: otherMember }))
    await refusedOr(payload.delete({ collection: 'media', id: privateDoc.id, overrideAccess: false, user: otherMember }))
    expect((await readBack(privateDoc.id)).alt).toBe('Private picture')
  })
})

describe('isPublic: only moderators set it', () => {
  it('a member uploading with isPublic: true gets a private file', async () => {
    const made = await refusedOr(upload(uploader, { alt: 'Trying to publish', isPublic: true }))
    if (made === 'refused') return
    expect(Boolean((await readBack(made.id)).isPublic)).toBe(false)
    const seen = await refusedOr(payload.findByID({ collection: 'media', id: made.id, overrideAccess: false, user: otherMember, depth: 0 }))
    expect(seen === 'refused' || seen == null).toBe(true)
  })

  it('a member cannot make their own file public', async () => {
    const made = await upload(uploader, { alt: 'Mine' })
    await refusedOr(payload.update({ collection: 'media', id: made.id, data: { isPublic: true }, overrideAccess: false, user: uploader }))
    expect(Boolean((await readBack(made.id)).isPublic)).toBe(false)
  })

  it('a member cannot make their own file public through a bulk (where) update', async () => {
    const made = await upload(uploader, { alt: 'Mine too' })
    await refusedOr(payload.update({ collection: 'media', where: { id: { equals: made.id } }, data: { isPublic: true }, overrideAccess: false, user: uploader }))
    expect(Boolean((await readBack(made.id)).isPublic)).toBe(false)
  })

  it('a moderator makes a file public, and then visitors and other members see it', async () => {
    const made = await upload(uploader, { alt: 'To be published' })
    await payload.update({ collection: 'media', id: made.id, data: { isPublic: true }, overrideAccess: false, user: moderator })
    expect((await readBack(made.id)).isPublic).toBe(true)
    const byVisitor = await payload.findByID({ collection: 'media', id: made.id, overrideAccess: false, depth: 0 })
    expect(byVisitor.alt).toBe('To be published')
    const byMember = await payload.find({ collection: 'media', overrideAccess: false, user: otherMember, depth: 0, limit: 1000 })
    expect(byMember.docs.map((d) => String(d.id))).toContain(String(made.id))
  })
})
