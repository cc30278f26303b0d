// Hostile: Payload's own collections and globals, and every other one, give visitors and members
// nothing beyond what is declared (issue 11, "Tests to write" 4).
//
// Payload adds collections and globals of its own (payload-jobs, payload-jobs-stats, payload-kv,
// payload-locked-documents, payload-preferences, payload-migrations) whose default access is "any
// signed-in user": before the fix a member could read and rewrite payload-jobs-stats. This test walks
// EVERY collection and global in the running config, ours and Payload's, and tries every REST door as a
// visitor and as a member: list, by id, count, versions and the method-override GET; create; update
// and delete by id and in bulk (where[id][equals]); the global's read and update; and the endpoints
// Payload adds to its own collections. What may be done is declared below, beside nothing else: a
// collection or global added later fails the first test until someone declares what visitors and
// members may do with it. Writes are tried with plausible data carrying a marker, and the database is
// read afterwards (Local API) to prove nothing was stored, changed or deleted.
import sharp from 'sharp'
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { localityIds, tryJson } from './forumHelpers.js'
import { settle, signedIn, unique, useHostileServer, userAsActor } from './helpers.js'
import { allDocs, changeFor, plausibleData, type AnyIds } from './plausibleData.js'
import { isPayloadOwn } from './queryPaths.js'

const hostile = useHostileServer('system-collections')
const db = () => hostile.payload as any

// ---------------------------------------------------------------------------------------------
// The declaration. 'none': every attempt is refused and changes nothing. 'own': only the viewer's own
// records (tried here with someone else's). 'rules': allowed within that collection's own access rules,
// which its own hostile tests cover; not tried here.
// ---------------------------------------------------------------------------------------------
type Grant = 'none' | 'own' | 'rules'
type Rights = { read: Grant; create: Grant; update: Grant; delete: Grant }
type ViewerKind = 'visitor' | 'member'

const NOTHING: Rights = { read: 'none', create: 'none', update: 'none', delete: 'none' }
const READS: Rights = { ...NOTHING, read: 'rules' }
const POSTS: Rights = { ...NOTHING, read: 'rules', create: 'own' }

const DECLARED_COLLECTIONS: Record<string, Record<ViewerKind, Rights>> = {
  // Accounts are made through the public sign-up form, never by REST.
  users: { visitor: NOTHING, member: { read: 'own', create: 'none', update: 'own', delete: 'none' } },
  localities: { visitor: READS, member: READS },
  media: { visitor: READS, member: { read: 'rules', create: 'own', update: 'own', delete: 'own' } },
  stories: { visitor: READS, member: { read: 'rules', create: 'own', update: 'own', delete: 'own' } },
  consents: { visitor: NOTHING, member: READS },
  threads: { visitor: READS, member: POSTS },
  replies: { visitor: READS, member: POSTS },
  flags: { visitor: NOTHING, member: POSTS },
  'moderation-events': { visitor: NOTHING, member: NOTHING },
  'watched-words': { visitor: NOTHING, member: NOTHING },
  // Issue 11: the reserved name words moderators keep (staff only).
  'reserved-names': { visitor: NOTHING, member: NOTHING },
  // Issue 11: the record of data steps already run (nobody through any API).
  'data-steps': { visitor: NOTHING, member: NOTHING },
  'crisis-alerts': { visitor: NOTHING, member: NOTHING },
  'crisis-services': { visitor: READS, member: READS },
  // Issue 17 A: the directory. Kinds are read by everyone; members suggest entries (their own, always "suggested").
  'directory-kinds': { visitor: READS, member: READS },
  'directory-entries': { visitor: READS, member: POSTS },
  'volunteer-opportunities': { visitor: READS, member: READS },
  // A member's own interest in a role: they say so (create) and read it; only the coordinators' commands move it.
  'volunteer-interests': { visitor: NOTHING, member: { ...NOTHING, read: 'own', create: 'own' } },
  conversations: { visitor: NOTHING, member: READS },
  messages: { visitor: NOTHING, member: READS },
  meetings: { visitor: READS, member: READS },
  actions: { visitor: READS, member: READS },
  'meeting-reminders': { visitor: NOTHING, member: NOTHING },
  // Issue 12: meeting join codes (moderators of the meeting's locality only; written by server code only).
  'join-codes': { visitor: NOTHING, member: NOTHING },
  'data-exports': { visitor: NOTHING, member: NOTHING },
  'erasure-log': { visitor: NOTHING, member: NOTHING },
  // Issue 15: the jobs runner's lease and the sent emails' idempotency keys (admins read; the server writes).
  'runner-locks': { visitor: NOTHING, member: NOTHING },
  'email-deliveries': { visitor: NOTHING, member: NOTHING },
  // Payload's own.
  // Issue 16: a member's notifications and their place in threads (their own only; written by the server).
  notifications: { visitor: NOTHING, member: { ...NOTHING, read: 'own' } },
  'thread-reads': { visitor: NOTHING, member: { ...NOTHING, read: 'own' } },
  // Issue 17: experience tags (everyone reads, moderators keep them); readers' answers as counts, pairs and
  // "already answered" notes (nobody through any API); a member's "remember what I read" (their own).
  'story-tags': { visitor: READS, member: READS },
  'story-feedback-answers': { visitor: NOTHING, member: NOTHING },
  'story-pair-marks': { visitor: NOTHING, member: NOTHING },
  'story-feedback-marks': { visitor: NOTHING, member: NOTHING },
  'reading-records': { visitor: NOTHING, member: { ...NOTHING, read: 'own', delete: 'own' } },
  'payload-kv': { visitor: NOTHING, member: NOTHING },
  'payload-jobs': { visitor: NOTHING, member: NOTHING },
  'payload-locked-documents': { visitor: NOTHING, member: NOTHING },
  'payload-preferences': { visitor: NOTHING, member: { read: 'own', create: 'own', update: 'own', delete: 'own' } },
  'payload-migrations': { visitor: NOTHING, member: NOTHING },
}

const DECLARED_GLOBALS: Record<string, Record<ViewerKind, { read: Grant; update: Grant }>> = {
  'moderation-settings': { visitor: { read: 'none', update: 'none' }, member: { read: 'none', update: 'none' } },
  'meeting-settings': { visitor: { read: 'none', update: 'none' }, member: { read: 'none', update: 'none' } },
  'privacy-settings': { visitor: { read: 'none', update: 'none' }, member: { read: 'none', update: 'none' } },
  'payload-jobs-stats': { visitor: { read: 'none', update: 'none' }, member: { read: 'none', update: 'none' } },
}

/** Whose a record is, for collections where a member may read their own. */
const idOf = (ref: any): any => (ref && typeof ref === 'object' ? (ref.value !== undefined ? idOf(ref.value) : ref.id) : ref)
const OWNER: Record<string, (doc: Record<string, any>) => unknown> = {
  users: (doc) => doc.id,
  'payload-preferences': (doc) => idOf(doc.user),
  notifications: (doc) => idOf(doc.recipient),
  'thread-reads': (doc) => idOf(doc.member),
  'volunteer-interests': (doc) => idOf(doc.member),
  'reading-records': (doc) => idOf(doc.member),
}

// ---------------------------------------------------------------------------------------------
// Viewers, and one probe document per collection that belongs to someone else
// ---------------------------------------------------------------------------------------------
type Viewer = { kind: ViewerKind; client: WebClient; id?: number | string }
let viewers: Viewer[] = []
let someoneElse: Awaited<ReturnType<typeof createMember>>
const probeIds: Record<string, number | string> = {}
const anyIds: AnyIds = {}

const collectionsInConfig = () => hostile.payload.config.collections
const globalsInConfig = () => hostile.payload.config.globals

/** Records some collections need made a particular way (a file, a visible target, a job that never runs). */
async function arrangeSpecial(slug: string, marker: string): Promise<Record<string, any> | undefined> {
  const other = await userAsActor(hostile.payload, someoneElse.id)
  switch (slug) {
    case 'users':
      return someoneElse
    case 'media': {
      const png = await sharp({ create: { width: 24, height: 24, channels: 3, background: { r: 10, g: 90, b: 160 } } })
        .png()
        .toBuffer()
      return db().create({
        collection: 'media',
        data: { alt: `Probe ${marker}` },
        file: { data: png, mimetype: 'image/png', name: `${marker}.png`, size: png.length },
        overrideAccess: true,
        user: other,
      })
    }
    case 'flags': {
      const thread = (await db().find({ collection: 'threads', where: { status: { equals: 'published' } }, overrideAccess: true, limit: 1, depth: 0 })).docs[0]
      return db().create({ collection: 'flags', data: { targetCollection: 'threads', targetId: String(thread.id), reason: 'spam', note: marker }, overrideAccess: false, user: other })
    }
    case 'notifications':
    case 'thread-reads': {
      // Someone else's notification and place in a thread (only the server writes them).
      const thread = (await db().find({ collection: 'threads', where: { status: { equals: 'published' } }, overrideAccess: true, limit: 1, depth: 0 })).docs[0]
      const data = slug === 'notifications' ? { recipient: someoneElse.id, kind: 'reply', thread: thread.id, read: false } : { member: someoneElse.id, thread: thread.id, following: false }
      return db().create({ collection: slug, data, overrideAccess: true })
    }
    case 'reading-records': {
      // Someone else's remembered answer (only the server writes them).
      const story = (await db().find({ collection: 'stories', where: { status: { equals: 'published' } }, overrideAccess: true, limit: 1, depth: 0 })).docs[0]
      return db().create({ collection: slug, data: { member: someoneElse.id, story: story.id, hope: 4, answeredAt: new Date().toISOString() }, overrideAccess: true })
    }
    case 'payload-jobs':
      // A queue no runner serves, due in a year: the probe job stays put for the whole test.
      return db().create({
        collection: 'payload-jobs',
        data: { taskSlug: 'sendEmail', input: { probe: marker }, queue: `hostile-${marker}`, waitUntil: new Date(Date.now() + 365 * 86_400_000).toISOString() },
        overrideAccess: true,
      })
    default:
      return undefined
  }
}

beforeAll(async () => {
  await localityIds(hostile)
  someoneElse = await settle(() => createMember(hostile.payload, { displayName: `Someone Else ${unique('se')}` }))
  const member = await settle(() => createMember(hostile.payload, { displayName: `Probe Member ${unique('pm')}` }))
  viewers = [
    { kind: 'visitor', client: new WebClient(hostile.server.url) },
    { kind: 'member', client: await signedIn(hostile.server, member.email, member.password), id: member.id },
  ]
  // Someone else's editing lock and preference (an admin at work), so there is one to ask for.
  const moderator = (await db().find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, limit: 1 })).docs[0]
  for (const c of collectionsInConfig()) {
    const existing = (await db().find({ collection: c.slug, overrideAccess: true, limit: 1, depth: 0 })).docs[0]
    if (existing) anyIds[c.slug] = existing.id
  }
  for (const c of collectionsInConfig()) {
    const marker = unique('probe')
    let doc: Record<string, any> | undefined = await settle(() => arrangeSpecial(c.slug, marker))
    if (!doc && ['payload-preferences', 'payload-locked-documents'].includes(c.slug)) {
      doc = await settle(() =>
        db().create({ collection: c.slug, data: plausibleData(c.fields as any[], marker, { ...anyIds, users: moderator.id }), overrideAccess: true, user: { ...moderator, collection: 'users' } }),
      )
    }
    if (!doc && anyIds[c.slug] !== undefined) doc = { id: anyIds[c.slug] }
    if (!doc) {
      // A collection nobody has written to yet: make one record from its fields.
      doc = (await settle(() => db().create({ collection: c.slug, data: plausibleData(c.fields as any[], marker, anyIds), overrideAccess: true })).catch((error: Error) => {
        throw new Error(`Arrange failed: no record in ${c.slug} to probe, and a plausible one was refused (${error.message}); arrange one in arrangeSpecial`)
      })) as Record<string, any>
    }
    probeIds[c.slug] = doc!.id
    anyIds[c.slug] ??= doc!.id
  }
})

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------
type Answer = { status: number; text: string; json: any }
/** Every answer in this file, so that the last test can insist that none was a 5xx. */
const answered: { what: string; status: number }[] = []

async function send(viewer: Viewer, method: string, path: string, body?: unknown): Promise<Answer> {
  const response =
    method === 'GET-OVERRIDE'
      ? await viewer.client.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-payload-http-method-override': 'GET' }, body: 'depth=0' })
      : await viewer.client.json(method, path, body)
  const text = await response.text()
  answered.push({ what: `${viewer.kind} ${method} ${path}`, status: response.status })
  return { status: response.status, text, json: tryJson(text) }
}

/** Refused: any error status (a 5xx is refused too, and reported by the last test). */
const refused = (a: Answer) => a.status >= 400
/** Or an answer that holds nothing: an empty list, a zero count, or a preference that is not there. */
const empty = (a: Answer) =>
  a.status === 200 &&
  ((Array.isArray(a.json?.docs) && a.json.docs.length === 0 && !a.json.totalDocs) ||
    (a.json && 'totalDocs' in a.json && Object.keys(a.json).length === 1 && a.json.totalDocs === 0) ||
    (a.json && a.json.value === null && Object.keys(a.json).every((k) => k === 'value' || k === 'message')))
const refusedOrEmpty = (a: Answer) => refused(a) || empty(a)
const brief = (a: Answer) => `${a.status} ${a.text.slice(0, 100)}`

const rightsOf = (slug: string, kind: ViewerKind) => DECLARED_COLLECTIONS[slug]?.[kind]
const storedDoc = async (slug: string, id: number | string) =>
  (await db().find({ collection: slug, where: { id: { equals: id } }, overrideAccess: true, depth: 0, limit: 1, showHiddenFields: true })).docs[0] as Record<string, any> | undefined

// ---------------------------------------------------------------------------------------------
describe('4. every collection and global, Payload’s own included, gives visitors and members nothing beyond what is declared', () => {
  test('every collection and global in the config is declared here (one added later fails until its access is written)', () => {
    const undeclared = [
      ...collectionsInConfig()
        .filter((c) => !DECLARED_COLLECTIONS[c.slug])
        .map((c) => `collection ${c.slug}`),
      ...globalsInConfig()
        .filter((g) => !DECLARED_GLOBALS[g.slug])
        .map((g) => `global ${g.slug}`),
    ]
    expect(undeclared, 'declare what visitors and members may do with these').toEqual([])
    // Payload's own are in the walk (not only ours).
    for (const own of ['payload-jobs', 'payload-kv', 'payload-locked-documents', 'payload-preferences', 'payload-migrations']) {
      expect(collectionsInConfig().map((c) => c.slug)).toContain(own)
    }
    expect(globalsInConfig().map((g) => g.slug)).toContain('payload-jobs-stats')
  })

  test('reads: list, by id, count, versions and the method-override GET', async () => {
    const problems: string[] = []
    for (const viewer of viewers) {
      for (const c of collectionsInConfig()) {
        const rights = rightsOf(c.slug, viewer.kind)
        if (!rights) {
          problems.push(`${c.slug}: not declared`)
          continue
        }
        if (rights.read === 'rules') continue
        const base = `/api/${c.slug}`
        const someoneElses = probeIds[c.slug]!
        const byId = await send(viewer, 'GET', `${base}/${someoneElses}?depth=0`)
        if (!refusedOrEmpty(byId)) problems.push(`${viewer.kind} GET ${base}/${someoneElses} (someone else's): ${brief(byId)}`)
        if (rights.read === 'none') {
          for (const [label, answer] of [
            [`GET ${base}`, await send(viewer, 'GET', `${base}?depth=0`)],
            [`GET ${base}/versions`, await send(viewer, 'GET', `${base}/versions?depth=0`)],
            [`POST(GET) ${base}`, await send(viewer, 'GET-OVERRIDE', base)],
          ] as const) {
            if (!refusedOrEmpty(answer)) problems.push(`${viewer.kind} ${label}: ${brief(answer)}`)
          }
          const count = await send(viewer, 'GET', `${base}/count`)
          if (!refusedOrEmpty(count)) problems.push(`${viewer.kind} GET ${base}/count: ${brief(count)}`)
        } else {
          // 'own': a list holds the viewer's own records and nobody else's.
          const owner = OWNER[c.slug]
          if (!owner) {
            problems.push(`${c.slug}: declared 'own' for ${viewer.kind} reads, but OWNER does not say whose a record is`)
            continue
          }
          const list = await send(viewer, 'GET', `${base}?depth=0&limit=100`)
          const others = refused(list) ? [] : ((list.json?.docs ?? []) as any[]).filter((doc) => String(owner(doc)) !== String(viewer.id))
          if (!refused(list) && list.status !== 200) problems.push(`${viewer.kind} GET ${base}: ${brief(list)}`)
          if (others.length) problems.push(`${viewer.kind} GET ${base}: lists someone else's records ${others.map((d) => d.id).join(', ')}`)
        }
      }
    }
    expect(problems).toEqual([])
  }, 120_000)

  test('creates: nothing is stored that was not declared', async () => {
    const problems: string[] = []
    for (const viewer of viewers) {
      for (const c of collectionsInConfig()) {
        const rights = rightsOf(c.slug, viewer.kind)
        if (!rights || rights.create === 'rules' || (rights.create === 'own' && !OWNER[c.slug])) continue
        const marker = unique('create')
        const data: Record<string, unknown> = plausibleData(c.fields as any[], marker, { ...anyIds, users: someoneElse.id })
        if (c.auth) data.password = 'lantern-probe-harbour-77'
        const answer = await send(viewer, 'POST', `/api/${c.slug}`, data)
        const carrying = (await allDocs(hostile.payload, c.slug)).filter((doc) => JSON.stringify(doc).includes(marker))
        if (rights.create === 'none') {
          if (!refused(answer)) problems.push(`${viewer.kind} POST /api/${c.slug}: ${brief(answer)}`)
          if (carrying.length) problems.push(`${viewer.kind} POST /api/${c.slug} stored ${carrying.map((d) => d.id).join(', ')}`)
        } else {
          const notTheirs = carrying.filter((doc) => String(OWNER[c.slug]!(doc)) !== String(viewer.id))
          if (notTheirs.length) problems.push(`${viewer.kind} POST /api/${c.slug} stored a record for someone else: ${notTheirs.map((d) => d.id).join(', ')}`)
        }
      }
    }
    expect(problems).toEqual([])
  }, 120_000)

  test('updates: someone else’s record is not changed, by id or in bulk', async () => {
    const problems: string[] = []
    for (const viewer of viewers) {
      for (const c of collectionsInConfig()) {
        const rights = rightsOf(c.slug, viewer.kind)
        if (!rights || rights.update === 'rules') continue
        const id = probeIds[c.slug]!
        for (const door of ['by id', 'bulk'] as const) {
          const before = await storedDoc(c.slug, id)
          const change = changeFor(c.fields as any[], before ?? {}, unique('update'))
          if (!change) {
            problems.push(`${c.slug}: no field to try changing (extend changeFor)`)
            break
          }
          const path = door === 'by id' ? `/api/${c.slug}/${id}` : `/api/${c.slug}?where[id][equals]=${id}`
          const answer = await send(viewer, 'PATCH', path, change.data)
          const after = await storedDoc(c.slug, id)
          if (door === 'by id' && !refused(answer)) problems.push(`${viewer.kind} PATCH ${path} (${change.describe}): ${brief(answer)}`)
          if (after && change.appliedTo(after)) problems.push(`${viewer.kind} PATCH ${path} changed it: ${change.describe}`)
        }
      }
    }
    expect(problems).toEqual([])
  }, 120_000)

  test('globals: no read and no update', async () => {
    const problems: string[] = []
    for (const viewer of viewers) {
      for (const g of globalsInConfig()) {
        const rights = DECLARED_GLOBALS[g.slug]?.[viewer.kind]
        if (!rights) {
          problems.push(`global ${g.slug}: not declared`)
          continue
        }
        const base = `/api/globals/${g.slug}`
        if (rights.read === 'none') {
          const read = await send(viewer, 'GET', `${base}?depth=0`)
          if (!refused(read)) problems.push(`${viewer.kind} GET ${base}: ${brief(read)}`)
          const versions = await send(viewer, 'GET', `${base}/versions?depth=0`)
          if (!refusedOrEmpty(versions)) problems.push(`${viewer.kind} GET ${base}/versions: ${brief(versions)}`)
        }
        if (rights.update === 'none') {
          const before = await db().findGlobal({ slug: g.slug, overrideAccess: true, depth: 0 })
          const change = changeFor(g.fields as any[], before, unique('global'))
          if (!change) {
            problems.push(`global ${g.slug}: no field to try changing (extend changeFor)`)
            continue
          }
          const answer = await send(viewer, 'POST', base, change.data)
          const after = await db().findGlobal({ slug: g.slug, overrideAccess: true, depth: 0 })
          if (!refused(answer)) problems.push(`${viewer.kind} POST ${base} (${change.describe}): ${brief(answer)}`)
          if (change.appliedTo(after)) problems.push(`${viewer.kind} POST ${base} changed it: ${change.describe}`)
        }
      }
    }
    expect(problems).toEqual([])
  }, 120_000)

  test('the endpoints Payload adds to its own collections and globals', async () => {
    const problems: string[] = []
    const owners = [
      ...collectionsInConfig().map((c) => ({ kind: 'collection', slug: c.slug, endpoints: c.endpoints })),
      ...globalsInConfig().map((g) => ({ kind: 'global', slug: g.slug, endpoints: g.endpoints })),
    ]
    let tried = 0
    for (const viewer of viewers) {
      for (const owner of owners.filter((o) => isPayloadOwn(o.slug))) {
        const rights = owner.kind === 'collection' ? rightsOf(owner.slug, viewer.kind) : DECLARED_GLOBALS[owner.slug]?.[viewer.kind]
        // A member's own preferences are theirs (/api/payload-preferences/:key works on their own only).
        if (!rights || Object.values(rights).some((grant) => grant !== 'none')) continue
        for (const endpoint of Array.isArray(owner.endpoints) ? owner.endpoints : []) {
          const base = owner.kind === 'collection' ? `/api/${owner.slug}` : `/api/globals/${owner.slug}`
          const path = (base + String(endpoint.path).replace(/:[A-Za-z]+\??/g, String(probeIds[owner.slug] ?? 1))).replace(/\/+$/, '')
          const method = String(endpoint.method).toUpperCase()
          const answer = await send(viewer, method, path, method === 'GET' ? undefined : {})
          tried++
          // Payload's /access door says what the viewer may do: it may answer, granting nothing.
          const grantsNothing = /\/access(\/|$)/.test(path) && answer.status === 200 && !answer.text.includes('true')
          if (!refusedOrEmpty(answer) && !grantsNothing) problems.push(`${viewer.kind} ${method} ${path}: ${brief(answer)}`)
          // The probe job (due in a year, on its own queue) is never run or removed by a refused call.
          if (owner.slug === 'payload-jobs' && !(await storedDoc('payload-jobs', probeIds['payload-jobs']!))) problems.push(`${viewer.kind} ${method} ${path} removed the probe job`)
        }
      }
    }
    expect(tried, 'Payload adds endpoints to its own collections (payload-jobs: run, handle-schedules)').toBeGreaterThan(0)
    expect(problems).toEqual([])
  }, 120_000)

  test('deletes: someone else’s record survives, by id or in bulk (after the other probes)', async () => {
    const problems: string[] = []
    for (const viewer of viewers) {
      for (const c of collectionsInConfig()) {
        const rights = rightsOf(c.slug, viewer.kind)
        if (!rights || rights.delete === 'rules') continue
        const id = probeIds[c.slug]!
        for (const path of [`/api/${c.slug}/${id}`, `/api/${c.slug}?where[id][equals]=${id}`]) {
          const answer = await send(viewer, 'DELETE', path)
          const survived = Boolean(await storedDoc(c.slug, id))
          if (!path.includes('?') && !refused(answer)) problems.push(`${viewer.kind} DELETE ${path}: ${brief(answer)}`)
          if (!survived) problems.push(`${viewer.kind} DELETE ${path} deleted someone else's record`)
          if (!survived) break
        }
      }
    }
    expect(problems).toEqual([])
  }, 120_000)

  test('no door crashed: no 5xx (501 is Payload’s answer for a door it does not have)', () => {
    const crashed = answered.filter((a) => a.status >= 500 && a.status !== 501)
    expect(answered.length).toBeGreaterThan(100)
    expect(crashed.map((a) => `${a.status} ${a.what}`)).toEqual([])
  })
})
