// A real S3-compatible server for the tests: s3rver (from the npm registry), in a temporary folder on a
// free loopback port, with one bucket. Every request it receives is recorded (method, path, and the
// headers that sign a request or grant access), so a test can say what Waymark asked of the bucket.
//
// s3rver answers requests without credentials and ignores ACLs: it cannot show that a bucket is
// private. A test shows instead that Waymark never asks for anything but a private object, and never
// gives a visitor an address in the bucket.
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, type ListObjectsV2CommandOutput } from '@aws-sdk/client-s3'
import S3rver from 's3rver'

import { tempDir } from './env.js'

/** s3rver's one account. */
export const S3RVER_KEY = 'S3RVER'

/** `fromFixture`: sent by this file's own client (to arrange or inspect), not by Waymark. */
export type S3Request = { method: string; path: string; authorization: string | null; grants: Record<string, string>; fromFixture: boolean }

const FIXTURE_AGENT = 'waymark-test-fixture'

export type TestS3 = {
  endpoint: string
  bucket: string
  /** Waymark's S3_* variables for this bucket, with `prefix` as S3_PREFIX. */
  env: (prefix?: string) => Record<string, string>
  /** Every object key in the bucket, sorted. */
  keys: () => Promise<string[]>
  read: (key: string) => Promise<Buffer | null>
  contentType: (key: string) => Promise<string | null>
  put: (key: string, bytes: Buffer, contentType?: string) => Promise<void>
  remove: (key: string) => Promise<void>
  /** Every request received since the start, Waymark's and the fixture's own. */
  requests: S3Request[]
  /** While set, uploads (PUT) are answered 503 Slow Down, as a bucket in trouble would. */
  refuseUploads: boolean
  /** While set, deletes are answered 503 Slow Down. */
  refuseDeletes: boolean
  stop: () => Promise<void>
}

const missing = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404

export async function startS3({ bucket = 'waymark-test-media' }: { bucket?: string } = {}): Promise<TestS3> {
  const directory = tempDir('waymark-s3rver-')
  const s3rver = new S3rver({ directory, silent: true, configureBuckets: [{ name: bucket }] })
  await s3rver.configureBuckets()
  const handle = s3rver.callback()
  const requests: S3Request[] = []
  const fixture = { refuseUploads: false, refuseDeletes: false }
  const server = http.createServer((req, res) => {
    const grants = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name === 'x-amz-acl' || name.startsWith('x-amz-grant-'))) as Record<string, string>
    const fromFixture = String(req.headers['user-agent'] ?? '').includes(FIXTURE_AGENT) || String(req.headers['x-amz-user-agent'] ?? '').includes(FIXTURE_AGENT)
    requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization ?? null, grants, fromFixture })
    const refused = (fixture.refuseUploads && req.method === 'PUT') || (fixture.refuseDeletes && (req.method === 'DELETE' || /[?&]delete(=|&|$)/.test(req.url ?? '')))
    if (refused) {
      req.resume()
      res.writeHead(503, { 'content-type': 'application/xml' }).end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>')
      return
    }
    handle(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    customUserAgent: FIXTURE_AGENT,
  })

  return Object.assign(fixture, {
    endpoint,
    bucket,
    requests,
    env: (prefix = '') => ({
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: S3RVER_KEY,
      S3_SECRET_ACCESS_KEY: S3RVER_KEY,
      S3_FORCE_PATH_STYLE: 'true',
      S3_PREFIX: prefix,
    }),
    keys: async () => {
      const keys: string[] = []
      let token: string | undefined
      do {
        const page: ListObjectsV2CommandOutput = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }))
        keys.push(...(page.Contents ?? []).map((o) => o.Key!))
        token = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (token)
      return keys.sort()
    },
    read: async (key: string) => {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
        return Buffer.from(await object.Body!.transformToByteArray())
      } catch (error) {
        if (missing(error) || (error as Error).name === 'NoSuchKey') return null
        throw error
      }
    },
    contentType: async (key: string) => {
      try {
        return (await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentType ?? null
      } catch (error) {
        if (missing(error)) return null
        throw error
      }
    },
    put: async (key: string, bytes: Buffer, contentType = 'application/octet-stream') => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }))
    },
    remove: async (key: string) => {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
    },
    stop: async () => {
      client.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      fs.rmSync(directory, { recursive: true, force: true })
    },
  })
}
