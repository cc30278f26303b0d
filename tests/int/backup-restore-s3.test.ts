// Backup and restore with the uploads in an S3 bucket (issue 15, item 4), with the real server and the
// real CLI as child processes and a real S3-compatible server (s3rver) started here:
//
// a public picture uploaded over REST → `backup` while the site runs: the archive holds every object
// under S3_PREFIX, byte for byte, in the same media/ layout as a backup of the media folder → the
// picture's object deleted, another picture uploaded, a stray object put under the prefix → `restore`
// with the site stopped → started again: the picture is served with its bytes, the later one and the
// stray are gone, and an object outside S3_PREFIX is untouched. Then across storages: that backup
// restored to the media folder is served from disk, and a backup of the media folder restored to the
// bucket is served from the bucket.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { rootDir, tempDir } from '../support/env.js'
import { WebClient } from '../support/http.js'
import { dropOwnDatabase, ownDatabase } from '../support/ownDatabase.js'
import { startS3, type TestS3 } from '../support/s3.js'
import { startTestServer, type TestServer } from '../support/server.js'
import { listFiles } from './helpers.js'

const PREFIX = 'waymark/media'
const OUTSIDE = 'other-app/keep-me.txt'
const WORK = tempDir('waymark-backup-s3-')
const CLI_TIMEOUT_MS = 120_000

let s3: TestS3
let server: TestServer
let databaseUrl: string | undefined

type CliResult = { code: number | null; output: string }

/** `npm run backup` / `npm run restore` as child processes, with the server's settings (and S3_* or not). */
function runCli(script: 'backup.ts' | 'restore.ts', args: string[], storage: Record<string, string>): Promise<CliResult> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    DATABASE_URL: server.databaseUrl,
    WAYMARK_DATA_DIR: server.dataDir,
    WAYMARK_MEDIA_DIR: server.mediaDir,
    PAYLOAD_SECRET: server.secret,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=production`.trim(),
  }
  for (const name of Object.keys(env)) if (name.startsWith('S3_')) delete env[name]
  Object.assign(env, storage)
  return new Promise((resolve) => {
    const child = spawn(path.join(rootDir, 'node_modules', '.bin', 'tsx'), ['--tsconfig', 'tsconfig.server.json', path.join('src', 'cli', script), ...args], {
      cwd: rootDir,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), CLI_TIMEOUT_MS)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

/** The server again on the same database and folders, with or without the bucket. */
async function restart(storage: Record<string, string>) {
  await server.stop()
  server = await startTestServer({ reuse: server, env: { ...noS3(), ...storage } })
}

/** Unsets every S3_* variable the test process may hold, for a server on the local disk. */
const noS3 = () => Object.fromEntries(['S3_BUCKET', 'S3_REGION', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE', 'S3_PREFIX'].map((n) => [n, '']))

function archivedMedia(archive: string): Map<string, Buffer> {
  const dir = tempDir('waymark-backup-s3-extract-')
  const result = spawnSync('tar', ['-xzf', archive, '-C', dir], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`tar could not read ${archive}: ${result.stderr}`)
  const media = path.join(dir, 'media')
  return new Map(listFiles(media).map((file) => [path.relative(media, file), fs.readFileSync(file)]))
}

/** The bucket's objects under the prefix, by name relative to it. */
async function bucketMedia(): Promise<Map<string, Buffer>> {
  const names = (await s3.keys()).filter((k) => k.startsWith(`${PREFIX}/`))
  return new Map(await Promise.all(names.map(async (k) => [k.slice(PREFIX.length + 1), (await s3.read(k))!] as [string, Buffer])))
}

async function served(filename: string): Promise<{ status: number; body: Buffer }> {
  const response = await new WebClient(server.url).get(`/api/media/file/${encodeURIComponent(filename)}`)
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) }
}

async function uploadPublicPicture(client: WebClient, colour: string): Promise<{ id: number | string; names: string[] }> {
  const sharp = (await import('sharp')).default
  const png = await sharp({ create: { width: 1800, height: 1200, channels: 3, background: colour } })
    .png()
    .toBuffer()
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'harbour.png')
  form.append('_payload', JSON.stringify({ alt: `The harbour (${colour})`, isPublic: true }))
  const response = await client.request('/api/media', { method: 'POST', body: form })
  const body = (await response.json()) as { doc?: { id: number | string; filename: string; sizes?: Record<string, { filename?: string | null }> } }
  if (response.status !== 201 || !body.doc) throw new Error(`Arrange failed: the upload gave ${response.status}: ${JSON.stringify(body).slice(0, 300)}`)
  return { id: body.doc.id, names: [body.doc.filename, ...Object.values(body.doc.sizes ?? {}).map((s) => s?.filename)].filter((n): n is string => Boolean(n)) }
}

const sameFiles = (a: Map<string, Buffer>, b: Map<string, Buffer>) => [...a.keys()].sort().join() === [...b.keys()].sort().join() && [...a].every(([name, bytes]) => b.get(name)?.equals(bytes))

let picture: { id: number | string; names: string[] }
let pictureBytes: Map<string, Buffer>
const FROM_BUCKET = path.join(WORK, 'from-bucket.tar.gz')
let backupRan = false

beforeAll(async () => {
  s3 = await startS3()
  databaseUrl = await ownDatabase('backups3')
  server = await startTestServer({ databaseUrl, env: s3.env(PREFIX) })
  const admin = new WebClient(server.url)
  const login = await admin.signIn('admin@waymark.example', server.seedPassword)
  if (login.status !== 303) throw new Error(`Arrange failed: the admin could not sign in (${login.status})`)
  picture = await uploadPublicPicture(admin, '#336699')
  pictureBytes = new Map()
  for (const name of picture.names) {
    const { status, body } = await served(name)
    if (status !== 200) throw new Error(`Arrange failed: ${name} answered ${status}`)
    pictureBytes.set(name, body)
  }
  await s3.put(OUTSIDE, Buffer.from('not Waymark’s'), 'text/plain')
}, 300_000)

afterAll(async () => {
  await server?.stop()
  await s3?.stop()
  await dropOwnDatabase(databaseUrl, undefined)
})

describe('with the uploads in a bucket', () => {
  test('a backup taken while the site runs holds every object under S3_PREFIX, byte for byte, and nothing outside it', async () => {
    expect(picture.names.length, 'arrangement: every size was made').toBe(4)
    const result = await runCli('backup.ts', [FROM_BUCKET], s3.env(PREFIX))
    expect(result.code, result.output).toBe(0)
    expect(result.output).toMatch(new RegExp(`Copying media from s3://${s3.bucket}/${PREFIX}`))
    expect(result.output).toMatch(/Copying media: \d+\/\d+ files/)
    backupRan = true
    const archived = archivedMedia(FROM_BUCKET)
    expect(sameFiles(archived, await bucketMedia()), `the archive's media/ (${[...archived.keys()].join(', ')}) is the bucket's prefix`).toBe(true)
    for (const [name, bytes] of pictureBytes) expect(archived.get(name)?.equals(bytes), `media/${name} holds the served bytes`).toBe(true)
    expect([...archived.keys()].filter((name) => name.includes('keep-me'))).toEqual([])
  }, 180_000)

  test('a restore puts deleted objects back and removes those the backup did not have; the picture is served again', async () => {
    expect(backupRan, 'needs the backup made by the previous test').toBe(true)
    // After the backup: the picture's object is lost, another picture is uploaded, a stray object appears.
    await s3.remove(`${PREFIX}/${picture.names[0]}`)
    expect((await served(picture.names[0]!)).status, 'arrangement: the lost object is not served').toBe(404)
    const admin = new WebClient(server.url)
    await admin.signIn('admin@waymark.example', server.seedPassword)
    const later = await uploadPublicPicture(admin, '#993322')
    await s3.put(`${PREFIX}/stray.webp`, Buffer.from('RIFF....WEBP'), 'image/webp')

    await server.stop()
    const result = await runCli('restore.ts', [FROM_BUCKET], s3.env(PREFIX))
    expect(result.code, result.output).toBe(0)
    expect(result.output).toMatch(new RegExp(`Restoring media to s3://${s3.bucket}/${PREFIX}`))
    await restart(s3.env(PREFIX))

    for (const [name, bytes] of pictureBytes) {
      const { status, body } = await served(name)
      expect(status, name).toBe(200)
      expect(body.equals(bytes), `${name} is served with its bytes`).toBe(true)
    }
    for (const name of later.names) expect((await served(name)).status, `${name} (uploaded after the backup)`).toBe(404)
    const keys = await s3.keys()
    expect(
      keys.filter((k) => later.names.some((name) => k.endsWith(name))),
      'objects uploaded after the backup',
    ).toEqual([])
    expect(keys).not.toContain(`${PREFIX}/stray.webp`)
    expect(sameFiles(await bucketMedia(), archivedMedia(FROM_BUCKET)), 'the prefix holds exactly the backup').toBe(true)
    expect((await s3.read(OUTSIDE))?.toString(), 'an object outside S3_PREFIX is left alone').toBe('not Waymark’s')
  }, 240_000)
})

describe('across storages: one backup format', () => {
  const FROM_DISK = path.join(WORK, 'from-disk.tar.gz')

  test('the bucket’s backup restores to the media folder, and is served from disk', async () => {
    expect(backupRan, 'needs the backup made by the first test').toBe(true)
    await server.stop()
    const result = await runCli('restore.ts', [FROM_BUCKET], {})
    expect(result.code, result.output).toBe(0)
    await restart({})
    const onDisk = new Map(listFiles(server.mediaDir).map((file) => [path.relative(server.mediaDir, file), fs.readFileSync(file)]))
    expect(sameFiles(onDisk, archivedMedia(FROM_BUCKET)), 'the media folder holds exactly the backup').toBe(true)
    for (const [name, bytes] of pictureBytes) {
      const { status, body } = await served(name)
      expect(status, name).toBe(200)
      expect(body.equals(bytes), `${name} is served from disk with its bytes`).toBe(true)
    }
  }, 240_000)

  test('a backup of the media folder has the same layout, and restores to the bucket, served from there', async () => {
    const result = await runCli('backup.ts', [FROM_DISK], {})
    expect(result.code, result.output).toBe(0)
    expect(result.output).toMatch(/Copying media from the media folder/)
    const fromDisk = archivedMedia(FROM_DISK)
    expect(sameFiles(fromDisk, archivedMedia(FROM_BUCKET)), 'the same media/ as the bucket’s backup').toBe(true)

    // The bucket emptied first, so what it serves afterwards can only have come from the disk's backup.
    for (const key of (await s3.keys()).filter((k) => k.startsWith(`${PREFIX}/`))) await s3.remove(key)
    await server.stop()
    const restored = await runCli('restore.ts', [FROM_DISK], s3.env(PREFIX))
    expect(restored.code, restored.output).toBe(0)
    fs.rmSync(server.mediaDir, { recursive: true, force: true })
    await restart(s3.env(PREFIX))
    expect(sameFiles(await bucketMedia(), fromDisk), 'the prefix holds exactly the backup').toBe(true)
    for (const [name, bytes] of pictureBytes) {
      const { status, body } = await served(name)
      expect(status, name).toBe(200)
      expect(body.equals(bytes), `${name} is served from the bucket with its bytes`).toBe(true)
    }
    for (const name of pictureBytes.keys()) expect(await s3.contentType(`${PREFIX}/${name}`), name).toBe('image/webp')
  }, 240_000)
})
