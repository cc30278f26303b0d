// Uploads on shared storage (issue 15, item 4), through the Local API, against a real S3-compatible
// server (s3rver) started here: with S3_* set, a picture and every size made of it land in the bucket
// under S3_PREFIX and nowhere on the local disk, re-encoded without EXIF; deleting the record (or
// erasing its uploader) deletes the objects, and objects a refused delete left are swept by the retention
// job the next day; a bucket that refuses the upload leaves no record behind;
// the data export and the random-names migration read and write the bucket, not the disk.
import type { Payload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { startS3, type TestS3 } from '../support/s3.js'
import { asUser, listFiles } from './helpers.js'

const PREFIX = 'waymark/media'

let s3: TestS3
let payload: Payload
let uploader: any
let moderator: any
let jpegWithExif: Buffer

const file = (data: Buffer, mimetype: string, name: string) => ({ data, mimetype, name, size: data.length })
const namesOf = (doc: Record<string, any>): string[] => [doc.filename, ...Object.values((doc.sizes ?? {}) as Record<string, { filename?: string }>).map((s) => s?.filename)].filter(Boolean) as string[]
const keysOf = (doc: Record<string, any>) => namesOf(doc).map((name) => `${PREFIX}/${name}`)
const localFiles = () => listFiles(process.env.WAYMARK_MEDIA_DIR!)
const upload = (user: any, data: Record<string, unknown> = { alt: 'A canal at dusk' }, f = file(jpegWithExif, 'image/jpeg', 'canal.jpg')) =>
  payload.create({ collection: 'media', data: data as never, file: f, overrideAccess: false, user }) as Promise<Record<string, any>>
const count = async () => (await payload.count({ collection: 'media', overrideAccess: true })).totalDocs

beforeAll(async () => {
  s3 = await startS3()
  Object.assign(process.env, s3.env(PREFIX))
  payload = await bootPayload()
  uploader = await asUser(payload, await createMember(payload, { roles: ['member'], verified: true }))
  moderator = await asUser(payload, await createMember(payload, { roles: ['moderator'], verified: true }))
  jpegWithExif = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: { r: 200, g: 100, b: 50 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'ProbeCam', Model: 'ProbeModel' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '53/1 45/1 0/1' } })
    .toBuffer()
  expect(jpegWithExif.includes('ProbeCam'), 'the probe carries EXIF before upload').toBe(true)
})

afterAll(async () => {
  await s3?.stop()
})

describe('an upload with S3 on', () => {
  let doc: Record<string, any>

  beforeAll(async () => {
    doc = await upload(uploader)
  })

  it('lands in the bucket under S3_PREFIX, the original and every size, and nothing is written to the media folder', async () => {
    expect(Object.keys(doc.sizes ?? {}).sort(), 'arrangement: every size was made').toEqual(['card', 'full', 'thumbnail'])
    expect(await s3.keys()).toEqual(expect.arrayContaining(keysOf(doc)))
    expect(localFiles(), 'files in the media folder').toEqual([])
  })

  it('stores the re-encoded bytes: WebP, without EXIF, served with its own type', async () => {
    for (const key of keysOf(doc)) {
      const bytes = (await s3.read(key))!
      expect(bytes.subarray(8, 12).toString('latin1'), key).toBe('WEBP')
      expect((await sharp(bytes).metadata()).exif, key).toBeUndefined()
      expect(bytes.includes('ProbeCam'), key).toBe(false)
      expect(await s3.contentType(key), key).toBe('image/webp')
    }
  })

  it('gives out only the site’s own address for the file, never the bucket’s', async () => {
    const read = (await payload.findByID({ collection: 'media', id: doc.id, depth: 0, overrideAccess: false, user: uploader })) as Record<string, any>
    const site = payload.config.serverURL
    expect(read.url).toBe(`${site}/api/media/file/${read.filename}`)
    for (const [name, size] of Object.entries(read.sizes as Record<string, { url: string; filename: string }>)) expect(size.url, name).toBe(`${site}/api/media/file/${size.filename}`)
    const text = JSON.stringify(read)
    expect(text).not.toContain(s3.endpoint)
    expect(text).not.toMatch(/X-Amz-|amazonaws|s3rver/i)
  })

  it('puts a prefix sent with the upload nowhere: the server names the folder and the file', async () => {
    const made = await upload(uploader, { alt: 'Elsewhere', prefix: '../../elsewhere' })
    const stored = (await payload.findByID({ collection: 'media', id: made.id, depth: 0, overrideAccess: true })) as Record<string, any>
    expect(stored.prefix ?? '').toBe('')
    const keys = await s3.keys()
    expect(keys).toEqual(expect.arrayContaining(keysOf(stored)))
    expect(keys.filter((k) => /elsewhere/.test(k))).toEqual([])
  })

  it('is refused whole when the bucket refuses it: an error, and no record left behind', async () => {
    const before = await count()
    const keysBefore = await s3.keys()
    s3.refuseUploads = true
    try {
      await expect(upload(uploader, { alt: 'While the bucket is down' })).rejects.toThrow()
    } finally {
      s3.refuseUploads = false
    }
    expect(await count()).toBe(before)
    expect(await s3.keys()).toEqual(keysBefore)
  })
})

describe('deleting with S3 on', () => {
  it('deleting the record deletes the original and every size from the bucket', async () => {
    const doc = await upload(uploader)
    expect(await s3.keys(), 'arrangement').toEqual(expect.arrayContaining(keysOf(doc)))
    await payload.delete({ collection: 'media', id: doc.id, overrideAccess: false, user: uploader })
    const left = await s3.keys()
    expect(keysOf(doc).filter((k) => left.includes(k))).toEqual([])
  })

  it('erasing a member deletes their pictures from the bucket', async () => {
    const member = await asUser(payload, await createMember(payload, { roles: ['member'], verified: true }))
    const doc = await upload(member)
    expect(await s3.keys(), 'arrangement').toEqual(expect.arrayContaining(keysOf(doc)))
    const { eraseMember } = await import('../../src/commands/privacy/eraseMember.js')
    await eraseMember(payload, { memberId: member.id, mode: 'everything', actor: moderator })
    const left = await s3.keys()
    expect(keysOf(doc).filter((k) => left.includes(k))).toEqual([])
  })

  it('an erasure while the bucket refuses deletes still erases the record, and the daily retention removes the files it left', async () => {
    const member = await asUser(payload, await createMember(payload, { roles: ['member'], verified: true }))
    const erased = await upload(member)
    const kept = await upload(uploader, { alt: 'Still wanted' })
    const { eraseMember } = await import('../../src/commands/privacy/eraseMember.js')
    s3.refuseDeletes = true
    try {
      await eraseMember(payload, { memberId: member.id, mode: 'everything', actor: moderator })
      // The plugin's deletes (and the SDK's retries of them) may still be under way: refuse until they stop.
      const deletes = () => s3.requests.filter((r) => r.method === 'DELETE' && !r.fromFixture).length
      for (let seen = -1; seen !== deletes();) {
        seen = deletes()
        await new Promise((resolve) => setTimeout(resolve, 3_000))
      }
    } finally {
      s3.refuseDeletes = false
    }
    expect(await payload.count({ collection: 'media', where: { id: { equals: erased.id } }, overrideAccess: true }), 'the record is erased').toEqual({ totalDocs: 0 })
    expect(await s3.keys(), 'arrangement: the refused deletes left the files behind').toEqual(expect.arrayContaining(keysOf(erased)))

    const { applyRetention } = await import('../../src/jobs/retention.js')
    const today = await applyRetention(payload)
    expect(today.orphanFilesRemoved, 'files younger than a day are left (an upload may not have its record yet)').toBe(0)
    expect(await s3.keys()).toEqual(expect.arrayContaining(keysOf(erased)))

    const tomorrow = await applyRetention(payload, new Date(Date.now() + 25 * 60 * 60 * 1000))
    const left = await s3.keys()
    expect(
      keysOf(erased).filter((k) => left.includes(k)),
      'the erased member’s files',
    ).toEqual([])
    expect(left, 'files a record still names').toEqual(expect.arrayContaining(keysOf(kept)))
    expect(tomorrow.orphanFilesRemoved).toBeGreaterThanOrEqual(keysOf(erased).length)
    expect(tomorrow.orphanFilesFailed).toBe(0)
  })
})

describe('reading the files directly, with S3 on', () => {
  it('the data export includes the member’s picture, read from the bucket', async () => {
    const member = await asUser(payload, await createMember(payload, { roles: ['member'], verified: true }))
    const doc = await upload(member)
    const { collectMemberData } = await import('../../src/commands/privacy/exportData.js')
    const exported = await collectMemberData(payload, member.id)
    const picture = exported.files.find((f) => f.name === `media/${doc.filename}`)
    expect(picture, 'the picture is in the export').toBeTruthy()
    expect(Buffer.from(picture!.bytes).equals((await s3.read(`${PREFIX}/${doc.filename}`))!)).toBe(true)
  })

  it('the random-names migration renames a person-named file and every size in the bucket', async () => {
    const { randomiseMediaNames } = await import('../../src/privacy/randomiseMediaNames.js')
    const doc = await upload(uploader, { alt: 'Named after a person' })
    // A record from before the rule: the objects and the record carry the uploader's own file name.
    const sizes: Record<string, Record<string, unknown>> = {}
    for (const [name, size] of Object.entries(doc.sizes as Record<string, Record<string, any>>)) {
      const old = `jane-doe-${size.width}x${size.height}.webp`
      await s3.put(`${PREFIX}/${old}`, (await s3.read(`${PREFIX}/${size.filename}`))!, 'image/webp')
      await s3.remove(`${PREFIX}/${size.filename}`)
      sizes[name] = { ...size, filename: old }
    }
    await s3.put(`${PREFIX}/jane-doe.webp`, (await s3.read(`${PREFIX}/${doc.filename}`))!, 'image/webp')
    await s3.remove(`${PREFIX}/${doc.filename}`)
    await payload.db.updateOne({ collection: 'media', id: doc.id, data: { filename: 'jane-doe.webp', sizes } })

    expect(await randomiseMediaNames(payload)).toBe(1)
    const after = (await payload.findByID({ collection: 'media', id: doc.id, depth: 0, overrideAccess: true })) as Record<string, any>
    expect(namesOf(after).join(' ')).not.toMatch(/jane|doe/i)
    const keys = await s3.keys()
    expect(keys).toEqual(expect.arrayContaining(keysOf(after)))
    expect(keys.filter((k) => /jane|doe/i.test(k))).toEqual([])
    for (const key of keysOf(after)) expect(await s3.contentType(key), key).toBe('image/webp')
    expect(localFiles(), 'files in the media folder').toEqual([])
  })
})

describe('what Waymark asked of the bucket', () => {
  it('only signed requests with its own key, and never an ACL or a grant: objects keep the bucket’s private default', async () => {
    const waymark = s3.requests.filter((r) => !r.fromFixture)
    expect(waymark.length, 'arrangement: the tests above used the bucket').toBeGreaterThan(10)
    const unsigned = waymark.filter((r) => !r.authorization?.startsWith('AWS4-HMAC-SHA256 Credential=S3RVER/'))
    expect(unsigned.map((r) => `${r.method} ${r.path}`)).toEqual([])
    expect(waymark.filter((r) => Object.keys(r.grants).length > 0).map((r) => `${r.method} ${r.path} ${JSON.stringify(r.grants)}`)).toEqual([])
    expect(waymark.filter((r) => /[?&](acl|policy|cors|website)(=|&|$)/.test(r.path)).map((r) => `${r.method} ${r.path}`)).toEqual([])
  })
})
