// Hostile: the doors of uploaded files with the uploads in an S3 bucket (issue 15, item 4). The real server
// runs with S3_* pointing at a real S3-compatible server (s3rver, started here); the same tests as on the
// local disk (./mediaDoors.ts: a story's cover follows its story through every URL, the optimizer
// included; a private file is closed by every URL, size, path trick and range; stored names are random),
// then what only a bucket can get wrong: the files are in the bucket and not on the server's disk, the
// site serves them itself (no redirect, no bucket address anywhere it answers), the optimizer cannot be
// pointed at the bucket, and Waymark never asks the bucket to make an object readable by anyone.
//
// Not tested here: that the bucket itself refuses a request without credentials. s3rver answers such
// requests (it implements no ACLs or policies), so only the real store's settings can keep a bucket
// private; Waymark's part, proved below, is to ask for nothing else and to hand out no bucket address.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { startS3, S3RVER_KEY, type TestS3 } from '../support/s3.js'
import { listFiles, signedIn, uploadMedia, useHostileServer } from './helpers.js'
import { colourSquare, coverDoorTests, fileUrlsOf, imageMagic, privateFileTests, uploadAndRead } from './mediaDoors.js'

const PREFIX = 'site/media'
/** Anything that would point a browser at the bucket: its host and port, its name, a signature, the key. */
const bucketAddress = (s3: TestS3) => new RegExp(`${new URL(s3.endpoint).host.replace(/\./g, '\\.')}|${s3.bucket}|X-Amz-|${S3RVER_KEY}`, 'i')

let s3: TestS3
beforeAll(async () => {
  s3 = await startS3()
  // The test process's own Payload (which arranges data beside the server) uses the bucket too.
  Object.assign(process.env, s3.env(PREFIX))
})
// Registered before the server's, so it runs after the server has stopped.
afterAll(async () => {
  await s3?.stop()
})

const hostile = useHostileServer('media-doors-s3', () => ({ env: s3.env(PREFIX) }))

coverDoorTests(hostile, {
  name: 'the bucket',
  storedFiles: () => s3.keys(),
  // The disk's run puts 1000 requests over 30 s; the bucket has no cache of its own to race.
  load: { requests: 300, seconds: 10 },
  get privateAddress() {
    return bucketAddress(s3)
  },
})

privateFileTests(hostile)

describe('what only a bucket can get wrong', () => {
  let moderator: WebClient
  let picture: { id: number | string; urls: string[]; keys: string[] }

  beforeAll(async () => {
    moderator = await signedIn(hostile.server, 'moderator@waymark.example', hostile.server.seedPassword)
    const result = await uploadAndRead(moderator, await colourSquare(1800, 1200).png().toBuffer(), 'harbour.png', 'image/png', { alt: 'The harbour at noon', isPublic: true })
    if (result.status !== 201 || !result.doc) throw new Error(`Arrange failed: the upload gave ${result.status}: ${result.text.slice(0, 300)}`)
    const doc = result.doc
    const names = [doc.filename, ...Object.values(doc.sizes ?? {}).map((size) => size?.filename)].filter((n): n is string => Boolean(n))
    picture = { id: doc.id, urls: fileUrlsOf(doc, hostile.server.url), keys: names.map((name) => `${PREFIX}/${name}`) }
  })

  test('the file and every size are in the bucket under S3_PREFIX, and none is on the server’s disk', async () => {
    expect(picture.keys.length, 'arrangement: every size was made').toBe(4)
    expect(await s3.keys()).toEqual(expect.arrayContaining(picture.keys))
    expect(listFiles(hostile.server.mediaDir), 'the server’s media folder').toEqual([])
  })

  test('the site serves each file itself, with the bucket’s bytes: no redirect, no bucket address', async () => {
    const visitor = new WebClient(hostile.server.url)
    for (const url of picture.urls) {
      const key = `${PREFIX}/${decodeURIComponent(url.split('/').pop()!)}`
      const response = await visitor.get(url, { redirect: 'manual' })
      const body = Buffer.from(await response.arrayBuffer())
      expect(response.status, url).toBe(200)
      expect(response.headers.get('location'), url).toBeNull()
      expect(response.headers.get('content-type'), url).toBe('image/webp')
      expect(imageMagic(body), url).toBe('webp')
      expect(body.equals((await s3.read(key))!), `${url} serves the bucket's object`).toBe(true)
    }
  })

  test('no answer the site gives out names the bucket: REST reads, lists and the upload answer', async () => {
    const visitor = new WebClient(hostile.server.url)
    const answers: [string, Response][] = [
      ['visitor GET /api/media?limit=100', await visitor.get('/api/media?limit=100')],
      ['moderator GET /api/media?limit=100', await moderator.get('/api/media?limit=100')],
      ['visitor GET /api/media/:id', await visitor.get(`/api/media/${picture.id}`)],
      ['moderator GET /api/media/:id', await moderator.get(`/api/media/${picture.id}`)],
      ['the upload’s answer', await uploadMedia(moderator, await colourSquare(300, 200).png().toBuffer(), 'another.png', 'image/png', { alt: 'Another' })],
    ]
    for (const [what, response] of answers) {
      const text = await response.text()
      expect(response.status, `${what}: ${text.slice(0, 200)}`).toBeLessThan(300)
      expect(text.match(bucketAddress(s3))?.[0] ?? null, what).toBeNull()
    }
    expect(picture.urls.every((u) => u.startsWith('/api/media/file/'))).toBe(true)
  })

  test('/_next/image stays closed, for the site’s own file URL and for the bucket’s address', async () => {
    const visitor = new WebClient(hostile.server.url)
    const direct = `${s3.endpoint}/${s3.bucket}/${picture.keys[0]}`
    for (const target of [picture.urls[0]!, direct]) {
      const response = await visitor.get(`/_next/image?url=${encodeURIComponent(target)}&w=640&q=75`)
      const body = Buffer.from(await response.arrayBuffer())
      expect(response.status, target).toBe(404)
      expect(imageMagic(body), target).toBeNull()
    }
  })

  test('Waymark’s requests to the bucket are all signed with its key, and none sets an ACL, a grant or a policy', async () => {
    const waymark = s3.requests.filter((r) => !r.fromFixture)
    expect(waymark.filter((r) => r.method === 'PUT').length, 'arrangement: the server uploaded files').toBeGreaterThan(8)
    expect(waymark.filter((r) => !r.authorization?.startsWith(`AWS4-HMAC-SHA256 Credential=${S3RVER_KEY}/`)).map((r) => `${r.method} ${r.path}`)).toEqual([])
    expect(waymark.filter((r) => Object.keys(r.grants).length > 0).map((r) => `${r.method} ${r.path} ${JSON.stringify(r.grants)}`)).toEqual([])
    expect(waymark.filter((r) => /[?&](acl|policy|cors|website)(=|&|$)/.test(r.path)).map((r) => `${r.method} ${r.path}`)).toEqual([])
  })
})
