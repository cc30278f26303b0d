// Backup and restore (issue 6, §4 and the second test of §5), with the real CLI as child processes on
// the test database (SQLite by default, PostgreSQL when DATABASE_URL says so), real media files and
// a real erasure log file:
//
// seed A and B (stories with consent, posts, a flag, uploads) → `backup` while this process keeps
// writing (online) → more writes (member C, a new thread by A, A's file damaged on disk) → B erased →
// Payload's database connection closed → `restore` → reopened: B and everything of B's absent (the
// erasure log was re-applied), A and everything of A's from before the backup present, with the file
// bytes, C and later writes absent. A missing or corrupt archive, and one made from another kind of
// database, are refused with a plain message and change nothing.
import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { rootDir, tempDir } from '../support/env.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, idOf, listFiles, unique } from './helpers.js'

type EraseMember = (payload: Payload, args: { memberId: number | string; mode: 'everything' | 'keep-posts'; actor: any }) => Promise<unknown>

let payload: Payload
let eraseMember: EraseMember
let kind: 'sqlite' | 'postgres'
let locality: any, moderator: any, commons: any

const api = () => payload as any
const WORK = tempDir('waymark-backup-test-')
const ERASURE_LOG = path.join(WORK, 'log', 'erasure-log.jsonl')
const ARCHIVE = path.join(WORK, 'backups', 'waymark-test.tar.gz')
const CLI_TIMEOUT_MS = 120_000

// ---------------------------------------------------------------------------------------------
// The CLI as a child process, with the server's environment
// ---------------------------------------------------------------------------------------------
type CliResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; output: string }

function runCli(script: 'backup.ts' | 'restore.ts', args: string[]): Promise<CliResult> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    DATABASE_URL: process.env.DATABASE_URL!,
    WAYMARK_DATA_DIR: process.env.WAYMARK_DATA_DIR!,
    WAYMARK_MEDIA_DIR: process.env.WAYMARK_MEDIA_DIR!,
    WAYMARK_ERASURE_LOG: ERASURE_LOG,
    PAYLOAD_SECRET: process.env.PAYLOAD_SECRET!,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=production`.trim(),
  }
  const tsx = path.join(rootDir, 'node_modules', '.bin', 'tsx')
  return new Promise((resolve) => {
    const child = spawn(tsx, ['--tsconfig', 'tsconfig.server.json', path.join('src', 'cli', script), ...args], {
      cwd: rootDir,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), CLI_TIMEOUT_MS)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr, output: `${stdout}\n${stderr}` })
    })
  })
}

const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m
const describeRun = (r: CliResult) => `exit ${r.code} ${r.signal ?? ''}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`

// ---------------------------------------------------------------------------------------------
// Closing and reopening this process's connection around a restore ("the site is stopped")
// ---------------------------------------------------------------------------------------------
async function closeDatabase() {
  const db = payload.db as any
  if (kind === 'sqlite') {
    db.client?.close()
    db.client = undefined
  } else {
    const pool = db.pool
    db.pool = undefined
    if (!pool) return
    const ended = pool.end()
    // The adapter keeps one client checked out from the pool for good; end() waits for it, so hand it back.
    for (const client of [...(pool._clients ?? [])]) {
      try {
        client.release?.(true)
      } catch {
        // an idle client: end() closes it
      }
    }
    await Promise.race([ended, new Promise((r) => setTimeout(r, 5000))])
  }
}

async function openDatabase() {
  await (payload.db as any).connect()
}

// ---------------------------------------------------------------------------------------------
// Arrangement
// ---------------------------------------------------------------------------------------------
async function member(roles: ('member' | 'moderator' | 'admin')[] = ['member']) {
  const doc = await createMember(payload, { roles, displayName: `Robin (${unique()})` })
  await payload.update({ collection: 'users', id: doc.id, data: { approvedPostCount: 5 } as never, overrideAccess: true })
  return { ...(await asUser(payload, doc)), password: doc.password }
}

async function upload(user: any) {
  const c = () => Math.floor(Math.random() * 255)
  const data = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: c(), g: c(), b: c() } } })
    .png()
    .toBuffer()
  return api().create({
    collection: 'media',
    data: { alt: `A picture (${unique()})` },
    file: { data, mimetype: 'image/png', name: `picture-${unique()}.png`, size: data.length },
    user,
    overrideAccess: false,
  }) as Promise<any>
}

const mediaPath = (filename: string) => listFiles(process.env.WAYMARK_MEDIA_DIR!).find((p) => path.basename(p) === filename) ?? path.join(process.env.WAYMARK_MEDIA_DIR!, filename)
const filesOf = (media: any): string[] => ([media.filename, ...Object.values(media.sizes ?? {}).map((s: any) => s?.filename)].filter(Boolean) as string[]).map(mediaPath)

const thread = (user: any, title = `Evening walk (${unique()})`) =>
  api().create({ collection: 'threads', data: { locality: locality.id, title, body: `Who is coming along (${unique()})?` }, user, overrideAccess: false }) as Promise<any>
const reply = (user: any, threadId: unknown) => api().create({ collection: 'replies', data: { thread: threadId, body: `Count me in (${unique()})` }, user, overrideAccess: false }) as Promise<any>
const flag = (user: any, targetCollection: string, targetId: unknown) =>
  api().create({ collection: 'flags', data: { targetCollection, targetId: String(targetId), reason: 'spam', note: `Odd link (${unique()})` }, user, overrideAccess: false }) as Promise<any>

const read = (collection: string, id: unknown) =>
  api()
    .findByID({ collection, id, overrideAccess: true, depth: 0 })
    .catch(() => null) as Promise<any>
const all = async (collection: string) => (await api().find({ collection, overrideAccess: true, depth: 0, pagination: false })).docs as any[]
const consentsOfStory = async (storyId: unknown) =>
  (await api().find({ collection: 'consents', where: { story: { equals: storyId } }, overrideAccess: true, depth: 0, pagination: false, sort: 'version' })).docs as any[]
const countOf = async (collection: string) => (await payload.count({ collection: collection as never, overrideAccess: true })).totalDocs

async function everythingStored(): Promise<string> {
  let out = ''
  for (const { slug } of payload.config.collections) out += `\n${slug}: ${JSON.stringify(await all(slug))}`
  return out
}

type Seeded = {
  user: any
  media: any
  mediaFiles: string[]
  mediaBytes: Buffer
  story: any
  consents: any[]
  thread: any
  reply: any
  flag: any
}

/** A member with an upload, a published story (with consent) using it as cover, a thread, a reply on commons, a flag. */
async function seed(flagTarget: () => any): Promise<Seeded> {
  const user = await member()
  const media = await upload(user)
  const story = await api().create({
    collection: 'stories',
    data: { title: `Back on my feet (${unique()})`, summary: `A summary (${unique()})`, body: markdownToLexical(`It took two years (${unique()}).`), themes: [], coverImage: media.id },
    overrideAccess: false,
    user,
  })
  await giveConsent(payload, user, story.id, { audience: 'members', byline: 'pen-name', penName: `Kestrel (${unique()})`, quoteInReports: true })
  await submitStory(payload, user, story.id)
  await moderateStory({ payload, moderator, storyId: story.id, action: 'approve' })
  const t = await thread(user)
  const r = await reply(user, commons.id)
  const target = flagTarget()
  const f = target ? await flag(user, 'threads', target.id) : null
  const mediaFiles = filesOf(media)
  return {
    user,
    media,
    mediaFiles,
    mediaBytes: fs.readFileSync(mediaFiles[0]!),
    story: await read('stories', story.id),
    consents: await consentsOfStory(story.id),
    thread: t,
    reply: r,
    flag: f,
  }
}

function extract(archive: string): string {
  const dir = tempDir('waymark-backup-extract-')
  const result = spawnSync('tar', ['-xzf', archive, '-C', dir], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`tar could not read ${archive}: ${result.stderr}`)
  return dir
}

const migrationNames = (list: unknown[]) => list.map((m) => (typeof m === 'string' ? m : String((m as { name?: unknown })?.name)))

// ---------------------------------------------------------------------------------------------
let a: Seeded, b: Seeded
let earlier: any
const during: { id: string; n: number }[] = []
let writtenBeforeBackupStarted = 0
let backupRan = false

beforeAll(async () => {
  fs.mkdirSync(path.dirname(ARCHIVE), { recursive: true })
  process.env.WAYMARK_ERASURE_LOG = ERASURE_LOG
  payload = await bootPayload()
  const { databaseKind } = await import('../../src/db/index.js')
  const k = databaseKind()
  if (k !== 'sqlite' && k !== 'postgres') throw new Error(`backup and restore are tested on SQLite and PostgreSQL, not ${k}`)
  kind = k
  ;({ eraseMember } = (await import('../../src/commands/privacy/eraseMember.js')) as any)
  await api().updateGlobal({
    slug: 'moderation-settings',
    data: { newMemberPostIntervalSeconds: 0, memberPostIntervalSeconds: 0, newMemberMaxThreadsPerDay: 1000, newMemberMaxRepliesPerDay: 1000 },
    overrideAccess: true,
  })
  const u = unique()
  locality = await api().create({ collection: 'localities', data: { name: `Harbour ${u}`, slug: `harbour-${u}`, forumVisibility: 'members' }, overrideAccess: true })
  moderator = await member(['moderator'])
  commons = await thread(moderator, `Commons (${unique()})`)
  a = await seed(() => null)
  b = await seed(() => a.thread)
  // Someone erased before the backup: the log file exists and has one line when the backup is made.
  earlier = await member()
  await thread(earlier)
  await eraseMember(payload, { memberId: earlier.id, mode: 'everything', actor: moderator })
  expect(fs.readFileSync(ERASURE_LOG, 'utf8').trim().split('\n')).toHaveLength(1)
  // Nothing waits in the email queue (queued mail would hold names in the backup).
  for (let round = 0; round < 3; round++) await payload.jobs.run({ allQueues: true, limit: 1000 } as never)
})

afterAll(async () => {
  // Leave the connection open for Payload's own teardown, whatever happened.
  const db = payload?.db as any
  if (db && ((kind === 'sqlite' && !db.client) || (kind === 'postgres' && !db.pool))) await openDatabase().catch(() => {})
})

describe('backup', () => {
  it('makes an archive while the site keeps writing: exit 0, progress on stdout, manifest, database, media and erasure log', async () => {
    const errors: unknown[] = []
    let writing = true
    const writer = (async () => {
      for (let n = 0; writing; n++) {
        try {
          const t = await api().create({
            collection: 'threads',
            data: { locality: locality.id, title: `During backup ${n} (${unique()})`, body: `Written while the backup ran (${n})`, author: a.user.id },
            overrideAccess: true,
          })
          during.push({ id: String(t.id), n })
        } catch (error) {
          errors.push(error)
        }
        await new Promise((r) => setTimeout(r, 15))
      }
    })()
    while (during.length === 0 && errors.length === 0) await new Promise((r) => setTimeout(r, 10))
    writtenBeforeBackupStarted = during.length
    const started = Date.now()
    let result: CliResult
    try {
      result = await runCli('backup.ts', [ARCHIVE])
    } finally {
      writing = false
      await writer
    }
    const finished = Date.now()
    backupRan = true

    expect(result.code, describeRun(result)).toBe(0)
    expect(errors.map(String), 'the site kept taking writes during the backup').toEqual([])
    expect(during.length, 'writes happened while the backup ran').toBeGreaterThan(writtenBeforeBackupStarted)
    expect(result.stdout).toMatch(/Backing up the database/i)
    expect(result.stdout).toMatch(/Copying media: \d+\/\d+ files/i)
    expect(result.stdout).toMatch(new RegExp(`Done: .*${path.basename(ARCHIVE).replace(/\./g, '\\.')}`, 'i'))
    expect(fs.existsSync(ARCHIVE)).toBe(true)
    expect(fs.statSync(ARCHIVE).size).toBeGreaterThan(0)

    const dir = extract(ARCHIVE)
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'))
    expect(manifest.format).toBe('waymark-backup')
    expect(manifest.version).toBe(1)
    expect(manifest.database).toBe(kind)
    const createdAt = new Date(manifest.createdAt).getTime()
    expect(createdAt).toBeGreaterThanOrEqual(started - 5000)
    expect(createdAt).toBeLessThanOrEqual(finished + 5000)
    expect(Array.isArray(manifest.migrations)).toBe(true)
    const applied = (await all('payload-migrations')).map((m) => String(m.name)).filter((name) => name !== 'dev')
    expect(applied.length).toBeGreaterThan(0)
    expect(migrationNames(manifest.migrations)).toEqual(expect.arrayContaining(applied))

    if (kind === 'sqlite') {
      const db = fs.readFileSync(path.join(dir, 'database.sqlite'))
      expect(db.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000')
    } else {
      const dump = fs.readFileSync(path.join(dir, 'database.pgdump'))
      expect(dump.subarray(0, 5).toString('latin1')).toBe('PGDMP')
    }
    const archived = listFiles(path.join(dir, 'media'))
    for (const seeded of [a, b]) {
      const original = archived.find((p) => path.basename(p) === seeded.media.filename)
      expect(original, `media/${seeded.media.filename} in the archive`).toBeTruthy()
      expect(fs.readFileSync(original!).equals(seeded.mediaBytes)).toBe(true)
    }
    const log = fs.readFileSync(path.join(dir, 'erasure-log.jsonl'), 'utf8')
    expect(
      log
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => String(JSON.parse(l).memberId)),
    ).toEqual([String(earlier.id)])
  }, 180_000)
})

describe('restore', () => {
  let c: any, cThread: any, cMedia: any, cMediaFiles: string[], aLater: any

  it('brings back the backup without what was erased since, and without what was written after it', async () => {
    expect(backupRan, 'needs the backup made by the previous test').toBe(true)
    // After the backup: a new member and content, a new thread by A, A's file damaged on disk…
    c = await member()
    cThread = await thread(c)
    cMedia = await upload(c)
    cMediaFiles = filesOf(cMedia)
    aLater = await thread(a.user, `After the backup (${unique()})`)
    fs.writeFileSync(a.mediaFiles[0]!, 'damaged after the backup')
    // …and B asks to be forgotten.
    await eraseMember(payload, { memberId: b.user.id, mode: 'everything', actor: moderator })
    expect(await read('users', b.user.id)).toBeNull()
    const logBefore = fs.readFileSync(ERASURE_LOG, 'utf8')
    const loggedIds = logBefore
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => String(JSON.parse(l).memberId))
    expect(loggedIds).toContain(String(b.user.id))

    await closeDatabase()
    let result: CliResult
    try {
      result = await runCli('restore.ts', [ARCHIVE])
    } finally {
      await openDatabase()
    }
    expect(result.code, describeRun(result)).toBe(0)
    expect(result.stdout, 'progress on stdout').toMatch(/media: \d+\/\d+ files/i)
    expect(result.stdout).toMatch(/Done/i)
    // The restore never overwrites the current erasure log (B's line is newer than the backup).
    const logAfter = fs.readFileSync(ERASURE_LOG, 'utf8')
    for (const line of logBefore.split('\n').filter((l) => l.trim())) expect(logAfter).toContain(line)

    // B and everything of B's: absent.
    expect(await read('users', b.user.id)).toBeNull()
    expect(await read('stories', b.story.id)).toBeNull()
    expect(await read('threads', b.thread.id)).toBeNull()
    expect(await read('replies', b.reply.id)).toBeNull()
    expect(await read('flags', b.flag.id)).toBeNull()
    expect(await read('media', b.media.id)).toBeNull()
    for (const file of b.mediaFiles) expect(fs.existsSync(file), `${file} (B's upload) is not back on disk`).toBe(false)
    for (const consent of b.consents) {
      const after = await read('consents', consent.id)
      if (after) {
        expect(after.tombstone, "B's consent is a tombstone again").toBe(true)
        expect(after.statementText ?? null).toBeFalsy()
        expect(idOf(after.author) ?? null).toBeNull()
      }
    }
    const stored = await everythingStored()
    for (const secret of [b.user.email, b.user.displayName, b.story.title, b.thread.title, b.reply.body, b.consents[0].penName]) {
      expect(stored.includes(secret), `"${secret}" (B's) came back with the restore`).toBe(false)
    }
    expect(await read('users', earlier.id), 'erased before the backup: still absent').toBeNull()

    // A and everything of A's from before the backup: present, with the file's bytes.
    const aUser = await read('users', a.user.id)
    expect(aUser?.email).toBe(a.user.email)
    expect(aUser?.displayName).toBe(a.user.displayName)
    const login = await payload.login({ collection: 'users', data: { email: a.user.email, password: a.user.password } })
    expect(login.token, "A's password still works").toBeTruthy()
    const aStory = await read('stories', a.story.id)
    expect(aStory?.title).toBe(a.story.title)
    expect(aStory?.status).toBe('published')
    expect(String(idOf(aStory?.coverImage))).toBe(String(a.media.id))
    expect(await consentsOfStory(a.story.id), "A's consent records are intact").toEqual(a.consents)
    expect((await read('threads', a.thread.id))?.title).toBe(a.thread.title)
    expect((await read('replies', a.reply.id))?.body).toBe(a.reply.body)
    expect((await read('media', a.media.id))?.filename).toBe(a.media.filename)
    expect(fs.existsSync(a.mediaFiles[0]!), "A's file is on disk").toBe(true)
    expect(fs.readFileSync(a.mediaFiles[0]!).equals(a.mediaBytes), "A's file has its original bytes").toBe(true)
    expect((await read('threads', commons.id))?.title).toBe(commons.title)

    // Written after the backup: absent.
    expect(await read('users', c.id)).toBeNull()
    expect((await payload.count({ collection: 'users', where: { email: { equals: c.email } }, overrideAccess: true })).totalDocs).toBe(0)
    expect(await read('threads', cThread.id)).toBeNull()
    expect(await read('media', cMedia.id)).toBeNull()
    for (const file of cMediaFiles) expect(fs.existsSync(file), `${file} (uploaded after the backup) is gone`).toBe(false)
    expect(await read('threads', aLater.id)).toBeNull()

    // Written during the backup: a consistent snapshot holds a prefix of them, at least those before it started.
    const restored = new Set((await all('threads')).filter((t) => String(t.title).startsWith('During backup ')).map((t) => String(t.id)))
    const kept = during.filter((w) => restored.has(w.id)).length
    expect(kept).toBeGreaterThanOrEqual(writtenBeforeBackupStarted)
    expect(
      during.slice(0, kept).every((w) => restored.has(w.id)),
      'the restored writes are the first ones, with no gaps',
    ).toBe(true)
  }, 180_000)

  it('refuses a missing file, a corrupt file and a backup of another kind of database, with a plain message, changing nothing', async () => {
    expect(backupRan, 'needs the backup made by the first test').toBe(true)
    // A marker written now would vanish if any of these restored the old backup.
    const marker = await thread(a.user, `Marker after restore (${unique()})`)
    const counts = async () => Object.fromEntries(await Promise.all(['users', 'stories', 'consents', 'threads', 'replies', 'flags', 'media'].map(async (s) => [s, await countOf(s)])))
    const countsBefore = await counts()
    const mediaState = () =>
      listFiles(process.env.WAYMARK_MEDIA_DIR!)
        .sort()
        .map((p) => `${path.basename(p)}:${crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex')}`)
    const mediaBefore = mediaState()

    const missing = path.join(WORK, 'backups', 'does-not-exist.tar.gz')
    const corrupt = path.join(WORK, 'backups', 'corrupt.tar.gz')
    fs.writeFileSync(corrupt, crypto.randomBytes(8192))
    const truncated = path.join(WORK, 'backups', 'truncated.tar.gz')
    const whole = fs.readFileSync(ARCHIVE)
    fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)))

    // The same backup, relabelled as coming from the other kind of database.
    const other = kind === 'sqlite' ? 'postgres' : 'sqlite'
    const dir = extract(ARCHIVE)
    const entries = spawnSync('tar', ['-tzf', ARCHIVE], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((e) => e.trim())
    const manifestPath = path.join(dir, 'manifest.json')
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'))
    manifest.database = other
    fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2))
    const [from, to] = kind === 'sqlite' ? ['database.sqlite', 'database.pgdump'] : ['database.pgdump', 'database.sqlite']
    fs.renameSync(path.join(dir, from), path.join(dir, to))
    const relabelled = entries.map((e) => e.replace(from, to))
    const wrongKind = path.join(WORK, 'backups', `from-${other}.tar.gz`)
    const packed = spawnSync('tar', ['-czf', wrongKind, '--no-recursion', '-C', dir, ...relabelled], { encoding: 'utf8' })
    expect(packed.status, packed.stderr).toBe(0)

    await closeDatabase()
    let results: CliResult[]
    try {
      results = await Promise.all([missing, corrupt, truncated, wrongKind].map((file) => runCli('restore.ts', [file])))
    } finally {
      await openDatabase()
    }
    const [forMissing, forCorrupt, forTruncated, forWrongKind] = results
    for (const r of results) {
      expect(r.signal, describeRun(r)).toBeNull()
      expect(r.code, describeRun(r)).not.toBe(0)
      expect(r.output.trim(), 'says why').not.toBe('')
      expect(r.output, `a plain message, not a stack trace:\n${describeRun(r)}`).not.toMatch(STACK_FRAME)
    }
    expect(forMissing!.output).toMatch(/does-not-exist\.tar\.gz|not found|no such file|does not exist|cannot find|missing/i)
    expect(forCorrupt!.output.trim()).not.toBe('')
    expect(forTruncated!.output.trim()).not.toBe('')
    expect(forWrongKind!.output, describeRun(forWrongKind!)).toMatch(new RegExp(`${other}|kind|different (kind of )?database`, 'i'))

    expect((await read('threads', marker.id))?.title, 'the database was not replaced').toBe(marker.title)
    expect(await counts()).toEqual(countsBefore)
    expect(mediaState(), 'media/ was not replaced').toEqual(mediaBefore)
  }, 180_000)
})
