// Erasure, the erasure log and retention (issue 6, §2 and §3) through a real Payload on a temporary
// database, real files on disk and a real SMTP server on loopback:
//
// - eraseMember in both modes: stories (and their files) gone, uploads gone from disk, flags raised
//   gone, queued emails to the member gone, the account gone; consent records shrink to tombstones
//   (ids as text, givenAt, withdrawnAt, version); threads and replies deleted ("everything", a thread
//   others answered kept as "Deleted conversation") or kept under "A former member" ("keep-posts");
//   one erasure-log entry with ids only, the same entry as a JSON line in WAYMARK_ERASURE_LOG, and an
//   'erase-member' moderation event naming who ran it. Consents stay append-only otherwise.
// - reapplyErasureLog: an entry in the log file whose member is (again) in the database, as after a
//   restore from an older backup, is erased; a second call changes nothing.
// - applyRetention(payload, now): old unverified accounts erased, expired-consent stories hidden and
//   their authors emailed once per consent version, old private notes cleared; every period comes
//   from the privacy-settings global.
import fs from 'node:fs'
import path from 'node:path'

import type { ParsedMail } from 'mailparser'
import type { Payload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { giveConsent, submitStory, withdrawStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { resolveFlag } from '../../src/commands/forum/resolveFlag.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { tempDir } from '../support/env.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { addressesOf, startSmtp, type Mailbox } from '../support/smtp.js'
import { asUser, idOf, listFiles, unique } from './helpers.js'

type EraseMember = (payload: Payload, args: { memberId: number | string; mode: 'everything' | 'keep-posts'; actor: any }) => Promise<unknown>
type ReapplyErasureLog = (payload: Payload) => Promise<number>
type ApplyRetention = (payload: Payload, now?: Date) => Promise<{ unverifiedDeleted: number; expiryReminders: number; notesPruned: number }>

let payload: Payload
let mailbox: Mailbox
let eraseMember: EraseMember
let reapplyErasureLog: ReapplyErasureLog
let applyRetention: ApplyRetention
let locality: any, moderator: any, admin: any, other: any, otherThread: any

const api = () => payload as any
const DAY = 24 * 60 * 60 * 1000
const MONTH = 30 * DAY
const ERASURE_LOG = path.join(tempDir('waymark-erasure-log-'), 'erasure-log.jsonl')
const DELETED_CONVERSATION_BODY = 'This conversation was started by a former member who deleted their account.'

// ---------------------------------------------------------------------------------------------
// Arrangement
// ---------------------------------------------------------------------------------------------
async function member(options: { verified?: boolean; roles?: ('member' | 'moderator' | 'admin')[] } = {}) {
  const doc = await createMember(payload, { verified: options.verified ?? true, roles: options.roles ?? ['member'], displayName: `Erin (${unique()})` })
  // Established members: their posts go up at once.
  await payload.update({ collection: 'users', id: doc.id, data: { approvedPostCount: 5 } as never, overrideAccess: true })
  return { ...(await asUser(payload, doc)), password: doc.password }
}

async function png(): Promise<Buffer> {
  const c = () => Math.floor(Math.random() * 255)
  return sharp({ create: { width: 320, height: 200, channels: 3, background: { r: c(), g: c(), b: c() } } })
    .png()
    .toBuffer()
}

async function upload(user: any) {
  const data = await png()
  return api().create({
    collection: 'media',
    data: { alt: `A picture ${unique()}` },
    file: { data, mimetype: 'image/png', name: `picture-${unique()}.png`, size: data.length },
    user,
    overrideAccess: false,
  }) as Promise<any>
}

/** Every file of a media document on disk (the original and its sizes). */
function filesOf(media: any): string[] {
  const names = [media.filename, ...Object.values(media.sizes ?? {}).map((s: any) => s?.filename)].filter(Boolean) as string[]
  const all = listFiles(process.env.WAYMARK_MEDIA_DIR!)
  return names.map((name) => all.find((p) => path.basename(p) === name) ?? path.join(process.env.WAYMARK_MEDIA_DIR!, name))
}

async function draftStory(user: any, extra: Record<string, unknown> = {}) {
  return api().create({
    collection: 'stories',
    data: { title: `My road back (${unique()})`, summary: `A short summary (${unique()})`, body: markdownToLexical(`The first winter was the hardest (${unique()}).`), themes: [], ...extra },
    overrideAccess: false,
    user,
  }) as Promise<any>
}

const PUBLIC = { audience: 'public' as const, byline: 'display-name' as const, quoteInReports: false }

async function publishedStory(user: any, extra: Record<string, unknown> = {}, choices: any = PUBLIC) {
  const story = await draftStory(user, extra)
  await giveConsent(payload, user, story.id, choices)
  await submitStory(payload, user, story.id)
  await moderateStory({ payload, moderator, storyId: story.id, action: 'approve' })
  return story
}

const thread = (user: any, title = `Tuesday group (${unique()})`) =>
  api().create({ collection: 'threads', data: { locality: locality.id, title, body: `What helped me this week (${unique()})` }, user, overrideAccess: false }) as Promise<any>

const reply = (user: any, threadId: unknown) =>
  api().create({ collection: 'replies', data: { thread: threadId, body: `Thank you for writing this (${unique()})` }, user, overrideAccess: false }) as Promise<any>

const flag = (user: any, targetCollection: string, targetId: unknown) =>
  api().create({ collection: 'flags', data: { targetCollection, targetId: String(targetId), reason: 'spam', note: `Looks like an advert (${unique()})` }, user, overrideAccess: false }) as Promise<any>

const read = (collection: string, id: unknown) =>
  api()
    .findByID({ collection, id, overrideAccess: true, depth: 0 })
    .catch(() => null) as Promise<any>

const consentsOfStory = async (storyId: unknown) =>
  (await api().find({ collection: 'consents', where: { story: { equals: storyId } }, overrideAccess: true, depth: 0, pagination: false })).docs as any[]

const all = async (collection: string) => (await api().find({ collection, overrideAccess: true, depth: 0, pagination: false })).docs as any[]

/** Every stored document of every collection, as one string (what "search every collection" reads). */
async function everythingStored(): Promise<string> {
  let out = ''
  for (const { slug } of payload.config.collections) {
    try {
      out += `\n${slug}: ${JSON.stringify(await all(slug))}`
    } catch (error) {
      throw new Error(`could not read collection ${slug}: ${(error as Error).message}`)
    }
  }
  return out
}

function logLines(): any[] {
  if (!fs.existsSync(ERASURE_LOG)) return []
  return fs
    .readFileSync(ERASURE_LOG, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line))
}

const logEntriesFor = async (memberId: unknown) => (await all('erasure-log')).filter((e) => String(e.memberId) === String(memberId))
const idsAsStrings = (ids: any) => Object.fromEntries(Object.entries(ids ?? {}).map(([key, list]) => [key, ((list as unknown[]) ?? []).map(String).sort()]))

async function eraseEvents(memberId: unknown) {
  const found = await api().find({ collection: 'moderation-events', where: { action: { equals: 'erase-member' } }, overrideAccess: true, depth: 0, pagination: false })
  return (found.docs as any[]).filter((e) => String(e.targetId) === String(memberId))
}

async function queuedEmailsTo(email: string) {
  return (await all('payload-jobs')).filter((job) => String(job.input?.to ?? '').toLowerCase() === email.toLowerCase())
}

/** Runs the queued jobs, so that emails reach the SMTP server, and waits for it to settle. */
async function deliver() {
  for (let round = 0; round < 3; round++) await payload.jobs.run({ allQueues: true, limit: 1000 } as never)
  let last = -1
  while (mailbox.messages.length !== last) {
    last = mailbox.messages.length
    await new Promise((r) => setTimeout(r, 250))
  }
}
const mailsTo = (email: string, since: number): ParsedMail[] => mailbox.messages.slice(since).filter((m) => addressesOf(m).includes(email.toLowerCase()))

/** Runs `work` with the clock set to `at` (Date only; it keeps ticking). */
async function at<T>(when: Date, work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'], now: when, shouldAdvanceTime: true })
  try {
    return await work()
  } finally {
    vi.useRealTimers()
  }
}

async function refused(promise: Promise<unknown>): Promise<boolean> {
  try {
    await promise
    return false
  } catch {
    return true
  }
}

const empty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)

/** A consent record shrunk to a tombstone: the ids as text, givenAt, withdrawnAt and version, nothing personal. */
function expectTombstone(after: any, before: any, erasedBetween: [number, number], secrets: string[]) {
  expect(after, `consent ${before.id} should still exist as a tombstone`).toBeTruthy()
  expect(after.tombstone).toBe(true)
  expect(after.storyRef).toBe(String(idOf(before.story)))
  expect(after.authorRef).toBe(String(idOf(before.author)))
  expect(new Date(after.givenAt).getTime()).toBe(new Date(before.givenAt).getTime())
  expect(after.version).toBe(before.version)
  if (before.withdrawnAt) {
    expect(new Date(after.withdrawnAt).getTime(), 'an earlier withdrawal keeps its time').toBe(new Date(before.withdrawnAt).getTime())
  } else {
    const withdrawn = new Date(after.withdrawnAt).getTime()
    expect(withdrawn, 'withdrawnAt is set to the erasure time').toBeGreaterThanOrEqual(erasedBetween[0] - 1000)
    expect(withdrawn).toBeLessThanOrEqual(erasedBetween[1] + 1000)
  }
  for (const field of ['statementText', 'penName', 'audience', 'byline', 'story', 'author']) {
    expect(empty(after[field]), `tombstone field ${field} should be cleared, is ${JSON.stringify(after[field])}`).toBe(true)
  }
  expect(after.quoteInReports === true, 'quoteInReports should be cleared').toBe(false)
  const text = JSON.stringify(after)
  for (const secret of secrets) expect(text).not.toContain(secret)
}

beforeAll(async () => {
  mailbox = await startSmtp()
  process.env.SMTP_URL = mailbox.url
  process.env.WAYMARK_ERASURE_LOG = ERASURE_LOG
  payload = await bootPayload()
  ;({ eraseMember } = (await import('../../src/commands/privacy/eraseMember.js')) as any)
  ;({ reapplyErasureLog } = (await import('../../src/commands/privacy/reapplyErasureLog.js')) as any)
  ;({ applyRetention } = (await import('../../src/jobs/retention.js')) as any)
  await api().updateGlobal({
    slug: 'moderation-settings',
    data: { newMemberPostIntervalSeconds: 0, memberPostIntervalSeconds: 0, newMemberMaxThreadsPerDay: 1000, newMemberMaxRepliesPerDay: 1000 },
    overrideAccess: true,
  })
  const u = unique()
  locality = await api().create({ collection: 'localities', data: { name: `Riverside ${u}`, slug: `riverside-${u}`, forumVisibility: 'members' }, overrideAccess: true })
  moderator = await member({ roles: ['moderator'] })
  admin = await member({ roles: ['admin'] })
  other = await member()
  otherThread = await thread(other)
})

afterAll(async () => {
  await mailbox?.close()
})

// ---------------------------------------------------------------------------------------------
// Erasure, "everything", run by the member themself
// ---------------------------------------------------------------------------------------------
let sampleLogLine: any

describe('eraseMember, mode "everything", by the member', () => {
  let x: any
  let cover: any, upload2: any, coverFiles: string[], upload2Files: string[]
  let published: any, withdrawn: any
  let consentsBefore: any[] = []
  let soloThread: any, answeredThread: any, answerByOther: any, replyByX: any, flagByX: any
  let penName: string
  let window: [number, number]
  let secrets: string[]

  beforeAll(async () => {
    x = await member()
    penName = `Quiet Heron (${unique()})`
    cover = await upload(x)
    upload2 = await upload(x)
    coverFiles = filesOf(cover)
    upload2Files = filesOf(upload2)
    for (const file of [...coverFiles, ...upload2Files]) expect(fs.existsSync(file), `${file} stored before the erasure`).toBe(true)
    published = await publishedStory(x, { coverImage: cover.id }, { audience: 'public', byline: 'pen-name', penName, quoteInReports: true })
    // A renewal: a second consent version on the same story.
    await giveConsent(payload, x, published.id, { audience: 'members', byline: 'pen-name', penName, quoteInReports: true })
    withdrawn = await publishedStory(x)
    await withdrawStory(payload, x, withdrawn.id)
    consentsBefore = [...(await consentsOfStory(published.id)), ...(await consentsOfStory(withdrawn.id))]
    expect(consentsBefore.length).toBeGreaterThanOrEqual(3)
    expect(
      consentsBefore.some((c) => c.withdrawnAt),
      'one consent record was withdrawn before the erasure',
    ).toBe(true)
    expect(consentsBefore.some((c) => !c.withdrawnAt)).toBe(true)

    soloThread = await thread(x)
    answeredThread = await thread(x)
    answerByOther = await reply(other, answeredThread.id)
    replyByX = await reply(x, otherThread.id)
    flagByX = await flag(x, 'threads', otherThread.id)
    for (const doc of [soloThread, answeredThread, answerByOther, replyByX]) expect(doc.status).toBe('published')

    // Everything queued so far goes out; then one email to X waits in the queue.
    await deliver()
    await payload.jobs.queue({ task: 'sendEmail', input: { to: x.email, subject: 'Waiting for you', html: '<p>Hello</p>' } } as never)
    expect(await queuedEmailsTo(x.email)).toHaveLength(1)

    secrets = [x.email, x.displayName, penName, published.title, withdrawn.title, soloThread.title, answeredThread.title, replyByX.body, flagByX.note]
    const started = Date.now()
    await eraseMember(payload, { memberId: x.id, mode: 'everything', actor: x })
    window = [started, Date.now()]
  })

  it('deletes the account', async () => {
    expect(await read('users', x.id)).toBeNull()
    expect((await payload.count({ collection: 'users', where: { email: { equals: x.email } }, overrideAccess: true })).totalDocs).toBe(0)
  })

  it('deletes every story of the member, their uploads and the files on disk', async () => {
    expect(await read('stories', published.id)).toBeNull()
    expect(await read('stories', withdrawn.id)).toBeNull()
    expect(await read('media', cover.id)).toBeNull()
    expect(await read('media', upload2.id)).toBeNull()
    for (const file of [...coverFiles, ...upload2Files]) expect(fs.existsSync(file), `${file} removed from disk`).toBe(false)
  })

  it('shrinks every consent record to a tombstone', async () => {
    for (const before of consentsBefore) expectTombstone(await read('consents', before.id), before, window, secrets)
  })

  it('deletes their threads and replies, keeps a thread others answered as "Deleted conversation" with the answers intact', async () => {
    expect(await read('threads', soloThread.id)).toBeNull()
    expect(await read('replies', replyByX.id)).toBeNull()
    const kept = await read('threads', answeredThread.id)
    expect(kept, 'a thread with replies from others is kept').toBeTruthy()
    expect(kept.title).toBe('Deleted conversation')
    expect(kept.body).toBe(DELETED_CONVERSATION_BODY)
    expect(empty(kept.author), 'no author').toBe(true)
    expect(JSON.stringify(kept)).not.toContain(x.displayName)
    const answer = await read('replies', answerByOther.id)
    expect(answer, "the other member's reply stays").toBeTruthy()
    expect(answer.body).toBe(answerByOther.body)
    expect(String(idOf(answer.author))).toBe(String(other.id))
    expect(String(idOf(answer.thread))).toBe(String(answeredThread.id))
    // Other people's content is untouched.
    expect((await read('threads', otherThread.id))?.title).toBe(otherThread.title)
  })

  it('deletes the flags they raised and the emails queued to them', async () => {
    expect(await read('flags', flagByX.id)).toBeNull()
    expect(await queuedEmailsTo(x.email)).toHaveLength(0)
  })

  it('leaves nothing of their email, display name, pen name, story or post text in any collection', async () => {
    const stored = await everythingStored()
    for (const secret of secrets) expect(stored.includes(secret), `"${secret}" is still stored somewhere`).toBe(false)
  })

  it('appends one erasure-log entry with ids only, and the same entry as one JSON line in the log file', async () => {
    const entries = await logEntriesFor(x.id)
    expect(entries).toHaveLength(1)
    const entry = entries[0]
    expect(entry.mode).toBe('everything')
    expect(entry.actorRole).toBe('self')
    expect(String(entry.actorId)).toBe(String(x.id))
    expect(new Date(entry.erasedAt).getTime()).toBeGreaterThanOrEqual(window[0] - 1000)
    expect(new Date(entry.erasedAt).getTime()).toBeLessThanOrEqual(window[1] + 1000)
    const ids = idsAsStrings(entry.ids)
    expect(ids.users).toContain(String(x.id))
    expect(ids.stories).toEqual(expect.arrayContaining([String(published.id), String(withdrawn.id)]))
    expect(ids.consents).toEqual(expect.arrayContaining(consentsBefore.map((c) => String(c.id))))
    expect(ids.threads).toContain(String(soloThread.id))
    expect(ids.replies).toContain(String(replyByX.id))
    expect(ids.flags).toContain(String(flagByX.id))
    expect(ids.media).toEqual(expect.arrayContaining([String(cover.id), String(upload2.id)]))
    // Ids only: every value is an id, and no text of the member is in the entry.
    for (const list of Object.values(entry.ids as Record<string, unknown[]>)) {
      for (const id of list) expect(String(id)).toMatch(/^[\w-]{1,64}$/)
    }
    const text = JSON.stringify(entry)
    for (const secret of secrets) expect(text).not.toContain(secret)

    const lines = logLines().filter((line) => String(line.memberId) === String(x.id))
    expect(lines, `one line for the member in ${ERASURE_LOG}`).toHaveLength(1)
    const line = lines[0]
    expect(line.mode).toBe(entry.mode)
    expect(line.actorRole).toBe(entry.actorRole)
    expect(String(line.actorId)).toBe(String(entry.actorId))
    expect(new Date(line.erasedAt).getTime()).toBe(new Date(entry.erasedAt).getTime())
    expect(idsAsStrings(line.ids)).toEqual(ids)
    for (const secret of secrets) expect(JSON.stringify(line)).not.toContain(secret)
    sampleLogLine = line
  })

  it("records an 'erase-member' moderation event with no actor (the member themself)", async () => {
    const events = await eraseEvents(x.id)
    expect(events).toHaveLength(1)
    expect(events[0].targetCollection).toBe('users')
    expect(empty(events[0].actor)).toBe(true)
  })

  it('the erasure log is read by admins only and written through no API', async () => {
    const asAdmin = await api().find({ collection: 'erasure-log', overrideAccess: false, user: admin, depth: 0, pagination: false })
    expect((asAdmin.docs as any[]).some((e) => String(e.memberId) === String(x.id))).toBe(true)
    const asModerator = await api()
      .find({ collection: 'erasure-log', overrideAccess: false, user: moderator, depth: 0, pagination: false })
      .then((r: any) => r.docs as any[])
      .catch(() => [])
    expect(asModerator).toHaveLength(0)
    const entry = (await logEntriesFor(x.id))[0]
    const before = JSON.stringify(entry)
    expect(
      await refused(
        api().create({
          collection: 'erasure-log',
          data: { memberId: String(x.id), mode: 'everything', actorRole: 'self', erasedAt: new Date().toISOString(), ids: {} },
          overrideAccess: false,
          user: admin,
        }),
      ),
    ).toBe(true)
    expect(await refused(api().update({ collection: 'erasure-log', id: entry.id, data: { mode: 'keep-posts' }, overrideAccess: false, user: admin }))).toBe(true)
    expect(await refused(api().delete({ collection: 'erasure-log', id: entry.id, overrideAccess: false, user: admin }))).toBe(true)
    expect(JSON.stringify((await logEntriesFor(x.id))[0])).toBe(before)
  })

  it('consents stay append-only outside erasure: tombstones and live records alike refuse update and delete', async () => {
    const tombstone = await read('consents', consentsBefore[0].id)
    const liveStory = await publishedStory(other)
    const [live] = await consentsOfStory(liveStory.id)
    for (const record of [tombstone, live]) {
      expect(await refused(api().update({ collection: 'consents', id: record.id, data: { statementText: 'rewritten', tombstone: true }, overrideAccess: true }))).toBe(true)
      expect(await refused(api().delete({ collection: 'consents', id: record.id, overrideAccess: true }))).toBe(true)
      expect(await refused(api().update({ collection: 'consents', id: record.id, data: { penName: 'changed' }, overrideAccess: false, user: admin }))).toBe(true)
      expect(await read('consents', record.id)).toEqual(record)
    }
  })
})

// ---------------------------------------------------------------------------------------------
// Erasure, "keep-posts", run by a moderator
// ---------------------------------------------------------------------------------------------
let keptThreadOfY: any, keptReplyOfY: any

describe('eraseMember, mode "keep-posts", by a moderator', () => {
  let y: any, picture: any, pictureFiles: string[], story: any, consents: any[], flagByY: any
  let window: [number, number]
  let secrets: string[]

  beforeAll(async () => {
    y = await member()
    picture = await upload(y)
    pictureFiles = filesOf(picture)
    story = await publishedStory(y, { coverImage: picture.id })
    consents = await consentsOfStory(story.id)
    expect(consents).toHaveLength(1)
    keptThreadOfY = await thread(y)
    await reply(other, keptThreadOfY.id)
    keptReplyOfY = await reply(y, otherThread.id)
    flagByY = await flag(y, 'replies', (await reply(other, otherThread.id)).id)
    await deliver()
    secrets = [y.email, y.displayName, story.title]
    const started = Date.now()
    await eraseMember(payload, { memberId: y.id, mode: 'keep-posts', actor: moderator })
    window = [started, Date.now()]
  })

  it('keeps their threads and replies, with no author and the byline "A former member"', async () => {
    const t = await read('threads', keptThreadOfY.id)
    const r = await read('replies', keptReplyOfY.id)
    for (const [after, before] of [
      [t, keptThreadOfY],
      [r, keptReplyOfY],
    ]) {
      expect(after, 'the post is kept').toBeTruthy()
      expect(after.body).toBe(before.body)
      expect(empty(after.author), 'no author').toBe(true)
      expect(after.authorByline?.displayName).toBe('A former member')
      expect(empty(after.authorByline?.memberType), 'no member type badge').toBe(true)
    }
    expect(t.title).toBe(keptThreadOfY.title)
  })

  it('deletes the account, stories, uploads (and files) and flags raised; tombstones the consents', async () => {
    expect(await read('users', y.id)).toBeNull()
    expect(await read('stories', story.id)).toBeNull()
    expect(await read('media', picture.id)).toBeNull()
    for (const file of pictureFiles) expect(fs.existsSync(file), `${file} removed from disk`).toBe(false)
    expect(await read('flags', flagByY.id)).toBeNull()
    for (const before of consents) expectTombstone(await read('consents', before.id), before, window, secrets)
  })

  it('leaves nothing of their email, display name or story title in any collection', async () => {
    const stored = await everythingStored()
    for (const secret of secrets) expect(stored.includes(secret), `"${secret}" is still stored somewhere`).toBe(false)
  })

  it('logs who ran it: the erasure log (actorRole moderator) and the moderation event (actor = the moderator)', async () => {
    const entries = await logEntriesFor(y.id)
    expect(entries).toHaveLength(1)
    expect(entries[0].mode).toBe('keep-posts')
    expect(entries[0].actorRole).toBe('moderator')
    expect(String(entries[0].actorId)).toBe(String(moderator.id))
    const lines = logLines().filter((line) => String(line.memberId) === String(y.id))
    expect(lines).toHaveLength(1)
    expect(lines[0].mode).toBe('keep-posts')
    expect(idsAsStrings(lines[0].ids)).toEqual(idsAsStrings(entries[0].ids))
    const events = await eraseEvents(y.id)
    expect(events).toHaveLength(1)
    expect(events[0].targetCollection).toBe('users')
    expect(String(idOf(events[0].actor))).toBe(String(moderator.id))
  })
})

// ---------------------------------------------------------------------------------------------
// Re-applying the erasure log (what restore does)
// ---------------------------------------------------------------------------------------------
describe('reapplyErasureLog', () => {
  it('erases a member whose entry is in the log file but whose data is (back) in the database; a second call changes nothing', async () => {
    const z = await member()
    const picture = await upload(z)
    const pictureFiles = filesOf(picture)
    for (const file of pictureFiles) expect(fs.existsSync(file), `${file} stored`).toBe(true)
    const story = await publishedStory(z, { coverImage: picture.id })
    const consents = await consentsOfStory(story.id)
    const zThread = await thread(z)
    const zReply = await reply(z, otherThread.id)
    const zFlag = await flag(z, 'threads', otherThread.id)
    await deliver()
    const otherReplyCount = (await payload.count({ collection: 'replies', where: { thread: { equals: otherThread.id } }, overrideAccess: true })).totalDocs

    // The log file has the entry (written after the backup the database came from); the database still has Z.
    const sample = sampleLogLine ?? { memberId: z.id, ids: { users: [z.id] } }
    const asLogged = (id: number | string) => (typeof (sample.ids?.users?.[0] ?? sample.memberId) === 'number' ? Number(id) : String(id))
    const entry = {
      memberId: typeof sample.memberId === 'number' ? Number(z.id) : String(z.id),
      mode: 'everything',
      actorId: typeof sample.memberId === 'number' ? Number(z.id) : String(z.id),
      actorRole: 'self',
      erasedAt: new Date().toISOString(),
      ids: {
        users: [z.id].map(asLogged),
        stories: [story.id].map(asLogged),
        consents: consents.map((c) => asLogged(c.id)),
        threads: [zThread.id].map(asLogged),
        replies: [zReply.id].map(asLogged),
        flags: [zFlag.id].map(asLogged),
        media: [picture.id].map(asLogged),
      },
    }
    const existing = fs.existsSync(ERASURE_LOG) ? fs.readFileSync(ERASURE_LOG, 'utf8') : ''
    fs.mkdirSync(path.dirname(ERASURE_LOG), { recursive: true })
    fs.appendFileSync(ERASURE_LOG, `${existing && !existing.endsWith('\n') ? '\n' : ''}${JSON.stringify(entry)}\n`)

    const applied = await reapplyErasureLog(payload)
    expect(typeof applied).toBe('number')
    expect(applied).toBeGreaterThanOrEqual(1)

    expect(await read('users', z.id)).toBeNull()
    expect(await read('stories', story.id)).toBeNull()
    expect(await read('threads', zThread.id)).toBeNull()
    expect(await read('replies', zReply.id)).toBeNull()
    expect(await read('flags', zFlag.id)).toBeNull()
    expect(await read('media', picture.id)).toBeNull()
    for (const file of pictureFiles) expect(fs.existsSync(file), `${file} removed from disk`).toBe(false)
    for (const c of consents) {
      const after = await read('consents', c.id)
      // Gone, or a tombstone: either way nothing personal is left.
      if (after) {
        expect(after.tombstone).toBe(true)
        expect(empty(after.statementText)).toBe(true)
        expect(empty(after.author)).toBe(true)
        expect(empty(after.story)).toBe(true)
      }
    }
    const stored = await everythingStored()
    for (const secret of [z.email, z.displayName, story.title, zThread.title, zReply.body]) expect(stored.includes(secret), `"${secret}" is still stored`).toBe(false)

    // Re-applying earlier entries goes no further than the erasures did: others' replies and kept posts stay.
    expect((await payload.count({ collection: 'replies', where: { thread: { equals: otherThread.id } }, overrideAccess: true })).totalDocs).toBe(otherReplyCount - 1)
    expect((await read('threads', otherThread.id))?.title).toBe(otherThread.title)
    if (keptThreadOfY) expect((await read('threads', keptThreadOfY.id))?.body).toBe(keptThreadOfY.body)
    if (keptReplyOfY) expect((await read('replies', keptReplyOfY.id))?.body).toBe(keptReplyOfY.body)
    expect(await read('users', other.id)).toBeTruthy()

    // Idempotent: a second run throws nothing and changes nothing.
    const snapshot = async () => {
      const out: Record<string, string> = {}
      for (const slug of ['users', 'stories', 'consents', 'threads', 'replies', 'flags', 'media', 'moderation-events', 'erasure-log']) {
        out[slug] = JSON.stringify((await all(slug)).map((d) => ({ ...d, updatedAt: undefined })))
      }
      out.files = JSON.stringify(listFiles(process.env.WAYMARK_MEDIA_DIR!).sort())
      out.logFile = fs.readFileSync(ERASURE_LOG, 'utf8')
      return out
    }
    const before = await snapshot()
    await reapplyErasureLog(payload)
    expect(await snapshot()).toEqual(before)
  })
})

// ---------------------------------------------------------------------------------------------
// Retention
// ---------------------------------------------------------------------------------------------
describe('applyRetention', () => {
  const settings = (data: Record<string, unknown>) => api().updateGlobal({ slug: 'privacy-settings', data, overrideAccess: true })

  it('has the documented defaults in the privacy-settings global', async () => {
    const s = await api().findGlobal({ slug: 'privacy-settings', overrideAccess: true })
    expect(s.unverifiedAccountDays).toBe(30)
    expect(s.privateNoteMonths).toBe(24)
  })

  it('erases unverified accounts older than unverifiedAccountDays, keeps younger and verified ones; the period is a setting', async () => {
    const now = Date.now()
    const oldUnverified = await at(new Date(now - 40 * DAY), () => createMember(payload, { verified: false }))
    const youngUnverified = await at(new Date(now - 10 * DAY), () => createMember(payload, { verified: false }))
    const oldVerified = await at(new Date(now - 40 * DAY), () => createMember(payload, { verified: true }))
    expect(new Date(oldUnverified.createdAt).getTime()).toBeLessThan(now - 39 * DAY)
    expect(new Date(youngUnverified.createdAt).getTime()).toBeLessThan(now - 9 * DAY)

    const first = await applyRetention(payload, new Date())
    expect(first.unverifiedDeleted).toBeGreaterThanOrEqual(1)
    expect(await read('users', oldUnverified.id)).toBeNull()
    expect(await read('users', youngUnverified.id)).toBeTruthy()
    expect(await read('users', oldVerified.id)).toBeTruthy()
    const [entry] = await logEntriesFor(oldUnverified.id)
    expect(entry, 'the retention erasure is in the erasure log').toBeTruthy()
    expect(entry.mode).toBe('everything')
    expect(entry.actorRole).toBe('system')
    expect(logLines().some((line) => String(line.memberId) === String(oldUnverified.id))).toBe(true)

    await settings({ unverifiedAccountDays: 5 })
    try {
      const second = await applyRetention(payload, new Date())
      expect(second.unverifiedDeleted).toBeGreaterThanOrEqual(1)
      expect(await read('users', youngUnverified.id)).toBeNull()
      expect(await read('users', oldVerified.id)).toBeTruthy()
    } finally {
      await settings({ unverifiedAccountDays: 30 })
    }
  })

  it("clears moderators' private notes older than privateNoteMonths and keeps newer ones; the period is a setting", async () => {
    const now = Date.now()
    const noted = async (monthsAgo: number) =>
      at(new Date(now - monthsAgo * MONTH), async () => {
        const t = await thread(await member())
        const flagger = await member()
        const f = await flag(flagger, 'threads', t.id)
        const note = `Private note ${monthsAgo} months ${unique()}`
        await resolveFlag(payload, { id: f.id, status: 'rejected', moderatorNote: note, user: moderator })
        return { flagId: f.id, note }
      })
    const old = await noted(30)
    const mid = await noted(12)
    const eventWith = async (note: string) => (await all('moderation-events')).find((e) => e.privateNote === note)
    const oldEvent = await eventWith(old.note)
    const midEvent = await eventWith(mid.note)
    expect(oldEvent && midEvent, 'resolving a flag logs the private note').toBeTruthy()
    expect((await read('flags', old.flagId)).moderatorNote).toBe(old.note)

    const result = await applyRetention(payload, new Date())
    expect(result.notesPruned).toBeGreaterThanOrEqual(2)
    const oldFlag = await read('flags', old.flagId)
    const oldEventAfter = await read('moderation-events', oldEvent.id)
    expect(empty(oldFlag.moderatorNote), 'the 30-month-old flag note is cleared').toBe(true)
    expect(empty(oldEventAfter.privateNote), 'the 30-month-old event note is cleared').toBe(true)
    // The records themselves stay.
    expect(oldFlag.status).toBe('rejected')
    expect(oldEventAfter.action).toBe(oldEvent.action)
    expect(oldEventAfter.targetId).toBe(oldEvent.targetId)
    expect((await read('flags', mid.flagId)).moderatorNote).toBe(mid.note)
    expect((await read('moderation-events', midEvent.id)).privateNote).toBe(mid.note)

    await settings({ privateNoteMonths: 6 })
    try {
      await applyRetention(payload, new Date())
      expect(empty((await read('flags', mid.flagId)).moderatorNote), 'with 6 months, the 12-month-old flag note goes').toBe(true)
      expect(empty((await read('moderation-events', midEvent.id)).privateNote)).toBe(true)
    } finally {
      await settings({ privateNoteMonths: 24 })
    }
  })

  let expiredAuthor: any, expiredStory: any

  it('hides a story whose consent expired and emails its author once per consent version (not for withdrawn ones)', async () => {
    const now = Date.now()
    expiredAuthor = await member()
    const withdrawnAuthor = await member()
    const currentAuthor = await member()
    expiredStory = await at(new Date(now - 400 * DAY), () => publishedStory(expiredAuthor))
    await at(new Date(now - 400 * DAY), async () => {
      const s = await publishedStory(withdrawnAuthor)
      await withdrawStory(payload, withdrawnAuthor, s.id)
    })
    const current = await publishedStory(currentAuthor)

    const visitorSees = async () => ((await api().find({ collection: 'stories', overrideAccess: false, depth: 0, pagination: false })).docs as any[]).map((s) => String(s.id))
    expect(await visitorSees()).toContain(String(current.id))
    expect(await visitorSees()).not.toContain(String(expiredStory.id))

    await deliver()
    const since = mailbox.messages.length
    const first = await applyRetention(payload, new Date())
    const second = await applyRetention(payload, new Date())
    expect(first.expiryReminders).toBeGreaterThanOrEqual(1)
    expect(second.expiryReminders).toBe(0)
    await deliver()

    const toExpired = mailsTo(expiredAuthor.email, since)
    expect(toExpired, 'one email for the expired consent, however often the job runs').toHaveLength(1)
    expect(toExpired[0]!.subject ?? '').toMatch(/hidden/i)
    expect(`${toExpired[0]!.subject} ${toExpired[0]!.text ?? ''} ${toExpired[0]!.html || ''}`).toMatch(/renew/i)
    expect(mailsTo(withdrawnAuthor.email, since)).toHaveLength(0)
    expect(mailsTo(currentAuthor.email, since)).toHaveLength(0)

    const stored = await read('stories', expiredStory.id)
    expect(stored, 'retention hides, it does not delete').toBeTruthy()
    expect(stored.expiryNotifiedVersion).toBe(stored.consentVersion)
    expect(await visitorSees()).not.toContain(String(expiredStory.id))
  })

  it('a renewed consent that expires in its turn brings exactly one more email', async () => {
    expect(expiredStory, 'needs the previous test').toBeTruthy()
    await giveConsent(payload, expiredAuthor, expiredStory.id, PUBLIC)
    expect((await read('stories', expiredStory.id)).consentVersion).toBe(2)
    await deliver()
    const since = mailbox.messages.length
    // Nothing to say while version 2 runs…
    await applyRetention(payload, new Date())
    // …and once when it has run out, seen from 400 days on.
    const later = new Date(Date.now() + 400 * DAY)
    await applyRetention(payload, later)
    await applyRetention(payload, later)
    await deliver()
    expect(mailsTo(expiredAuthor.email, since)).toHaveLength(1)
    expect((await read('stories', expiredStory.id)).expiryNotifiedVersion).toBe(2)
  })
})
