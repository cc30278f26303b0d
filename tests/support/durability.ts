// The durability harness (issue 6, section 5; reused by issue 15's workers and shutdown tests): members
// start threads (POST /api/threads: the thread row and the author's approvedPostCount change in one
// transaction) and the admin creates members (POST /api/users: the user row, its roles and its followed
// localities in separate tables), many at once over HTTP, each write remembering what the client saw.
// `verifyWrites` then requires every write answered with a 2xx to be stored, whole, a write without an
// answer to be all there or not there at all, and the server to serve what was stored.
import { performance } from 'node:perf_hooks'

import { createClient } from '@libsql/client'
import type { Payload } from 'payload'
import { expect } from 'vitest'

import { createMember, DEFAULT_TEST_PASSWORD } from './members.js'
import { settle } from './payload.js'
import type { TestServer } from './server.js'

export type WriteKind = 'thread' | 'member'

export type Write = {
  kind: WriteKind
  cycle: number
  marker: string
  lane: number
  /** The thread's author (thread writes). */
  posterId?: number | string
  locality?: number | string
  status?: number
  id?: number | string
  /** What the client saw: a 2xx, another answer, or no answer at all (a kill or a shutdown cut it off). */
  outcome?: 'acknowledged' | 'refused' | 'no-answer'
  detail?: string
  /** performance.now() just before the request left, and when its status line arrived (or it failed). */
  issuedAt?: number
  answeredAt?: number
}

export type Poster = { id: number | string; email: string; displayName: string; token: string }

/** Who writes, and where: made by `arrangeWriters`. */
export type Writers = {
  posters: Poster[]
  localities: (number | string)[]
  countyId: number | string
  adminToken: string
  adminId: number | string
}

/** Approved posts: at or over the post-queue threshold, so the posters' threads go up at once. */
export const ESTABLISHED = 3

export const titleOf = (marker: string) => `Durability ${marker}`
export const bodyOf = (marker: string) => `Written during the burst, marker ${marker}. Still here after the crash?`
const emailOf = (marker: string) => `${marker}@durability.example`
const nameOf = (marker: string) => `Dur ${marker}`

const idOf = (ref: unknown) => (ref && typeof ref === 'object' ? (ref as { id: number | string }).id : (ref as number | string | null | undefined))
export const same = (a: unknown, b: unknown) => a != null && b != null && String(idOf(a)) === String(idOf(b))

export async function restLogin(server: TestServer, email: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const body = (await response.json().catch(() => ({}))) as { token?: string }
  if (response.status !== 200 || !body.token) throw new Error(`Arrange failed: REST login for ${email} gave ${response.status}`)
  return body.token
}

export async function sqlitePragmas(databaseUrl: string): Promise<{ integrity: string[]; journalMode: string }> {
  const client = createClient({ url: databaseUrl })
  try {
    const integrity = (await client.execute('PRAGMA integrity_check')).rows.map((row) => String(Object.values(row)[0]))
    const journalMode = String(Object.values((await client.execute('PRAGMA journal_mode')).rows[0] ?? {})[0])
    return { integrity, journalMode }
  } finally {
    client.close()
  }
}

/**
 * Lifts the posting and sign-in limits (they have their own tests), makes `posterCount` established
 * members, and signs them and the seeded admin in through REST. Arrangement through the Local API.
 */
export async function arrangeWriters(server: TestServer, payload: Payload, posterCount: number): Promise<Writers> {
  await settle(() =>
    payload.updateGlobal({
      slug: 'moderation-settings',
      data: { newMemberPostIntervalSeconds: 0, memberPostIntervalSeconds: 0, newMemberMaxThreadsPerDay: 100_000, newMemberMaxRepliesPerDay: 100_000, failedLoginsPerIpPerHour: 10_000 } as never,
      overrideAccess: true,
    }),
  )
  const found = await payload.find({ collection: 'localities', overrideAccess: true, depth: 0, limit: 100, pagination: false })
  const localities = found.docs.map((doc) => doc.id)
  const county = found.docs.find((doc) => (doc as { slug?: string }).slug === 'lancashire-county')
  if (localities.length < 2 || !county) throw new Error('Arrange failed: the seed made no localities')

  const posters: Poster[] = []
  let adminToken = ''
  const signIns: Promise<void>[] = [restLogin(server, 'admin@waymark.example', server.seedPassword).then((token) => void (adminToken = token))]
  await Promise.all(
    Array.from({ length: posterCount }, async (_, i) => {
      const member = await settle(() => createMember(payload, { displayName: `Durable Poster ${process.pid.toString(36)} ${i}` }))
      await settle(() => payload.update({ collection: 'users', id: member.id, data: { approvedPostCount: ESTABLISHED } as never, overrideAccess: true }))
      const poster: Poster = { id: member.id, email: member.email, displayName: member.displayName, token: '' }
      posters[i] = poster
      signIns.push(restLogin(server, member.email, DEFAULT_TEST_PASSWORD).then((token) => void (poster.token = token)))
    }),
  )
  await Promise.all(signIns)
  const me = (await (await fetch(`${server.url}/api/users/me`, { headers: { authorization: `JWT ${adminToken}` } })).json()) as { user: { id: number | string } }
  return { posters, localities, countyId: county.id, adminToken, adminId: me.user.id }
}

export type BurstOptions = {
  /** The server's address (read at each request). */
  url: string
  writers: Writers
  cycle: number
  /** Concurrent member creations by the admin, beside one thread lane per poster. */
  adminLanes: number
  /** A burst's writes if nothing stops it first. */
  maxWrites: number
  /** Every write is pushed here as it is issued. */
  writes: Write[]
  /** Checked before each write: the lanes stop issuing once it returns true. */
  stopped: () => boolean
  /** Called after each 2xx, with the count of 2xx in this burst and the requests still in flight. */
  onAcknowledged?: (write: Write, counts: { acknowledged: number; inFlight: number }) => void
}

/** Fires writes from every lane at once (one request at a time per lane) until `stopped()` or `maxWrites`. */
export async function writeBurst(options: BurstOptions): Promise<Write[]> {
  const { writers, cycle, writes } = options
  const mine: Write[] = []
  let issued = 0
  let acknowledged = 0
  let inFlight = 0

  const send = async (write: Write, path: string, token: string, data: Record<string, unknown>) => {
    inFlight++
    try {
      write.issuedAt = performance.now()
      const response = await fetch(`${options.url}${path}`, {
        method: 'POST',
        // The marker as the request id: the server keeps it (issue 15), so its log line can be found.
        headers: { authorization: `JWT ${token}`, 'content-type': 'application/json', 'x-request-id': write.marker },
        body: JSON.stringify(data),
      })
      write.answeredAt = performance.now()
      write.status = response.status
      // The status line is the acknowledgement; the body (with the id) may be cut off by a kill.
      write.outcome = response.ok ? 'acknowledged' : 'refused'
      const text = await response.text().catch(() => '')
      if (!response.ok) write.detail = text.slice(0, 300)
      try {
        write.id = (JSON.parse(text) as { doc?: { id?: number | string } }).doc?.id
      } catch {
        // cut off mid-body: found by its marker instead
      }
      if (response.ok) options.onAcknowledged?.(write, { acknowledged: ++acknowledged, inFlight: inFlight - 1 })
    } catch (error) {
      write.answeredAt = performance.now()
      write.outcome = 'no-answer'
      write.detail = String((error as { cause?: unknown })?.cause ?? error)
    } finally {
      inFlight--
    }
  }

  const lane = async (index: number, kind: WriteKind) => {
    for (let n = 0; !options.stopped() && issued < options.maxWrites; n++) {
      issued++
      const marker = `dur${cycle}k${kind[0]}${index}n${n}${process.pid.toString(36)}${Math.random().toString(36).slice(2, 6)}`
      const write: Write = { kind, cycle, marker, lane: index }
      mine.push(write)
      writes.push(write)
      if (kind === 'thread') {
        const poster = writers.posters[index]!
        write.posterId = poster.id
        write.locality = writers.localities[(index + n) % writers.localities.length]!
        await send(write, '/api/threads', poster.token, { title: titleOf(marker), body: bodyOf(marker), locality: write.locality })
      } else {
        await send(write, '/api/users', writers.adminToken, {
          email: emailOf(marker),
          password: DEFAULT_TEST_PASSWORD,
          displayName: nameOf(marker).slice(0, 40),
          memberType: 'supporter',
          homeLocality: writers.localities[0],
          followedLocalities: [writers.localities[0], writers.localities[1]],
          _verified: true,
        })
      }
    }
  }

  await Promise.all([...writers.posters.map((_, i) => lane(i, 'thread')), ...Array.from({ length: options.adminLanes }, (_, i) => lane(i, 'member'))])
  return mine
}

/**
 * Everything acknowledged in `writes` is stored, whole (read through the Local API); nothing cut off is
 * half there; nothing nobody sent is stored; and `server` (running on that database) returns every
 * acknowledged write through REST, serves the pages, and accepts the sessions issued before.
 */
export async function verifyWrites(label: string, context: { payload: Payload; server: TestServer; writers: Writers; writes: Write[] }) {
  const { payload, server, writers, writes } = context
  const { posters, localities } = writers
  const problems: string[] = []

  // Threads, read through the Local API (every field, access ignored).
  const threadWrites = writes.filter((w) => w.kind === 'thread')
  const stored = await payload.find({
    collection: 'threads',
    where: { author: { in: posters.map((p) => p.id) } },
    overrideAccess: true,
    depth: 0,
    pagination: false,
    limit: 0,
  })
  const byTitle = new Map<string, any[]>()
  for (const doc of stored.docs as any[]) byTitle.set(doc.title, [...(byTitle.get(doc.title) ?? []), doc])
  const known = new Set(threadWrites.map((w) => titleOf(w.marker)))
  for (const title of byTitle.keys()) if (!known.has(title)) problems.push(`a thread nobody sent is stored: "${title}"`)
  const storedThreads = new Map<string, any>()
  for (const write of threadWrites) {
    const docs = byTitle.get(titleOf(write.marker)) ?? []
    if (docs.length > 1) problems.push(`thread ${write.marker} is stored ${docs.length} times`)
    const doc = docs[0]
    if (!doc) {
      if (write.outcome === 'acknowledged') problems.push(`LOST: thread ${write.marker} (cycle ${write.cycle}, answered ${write.status}, id ${write.id ?? '?'}) is not stored`)
      continue
    }
    storedThreads.set(write.marker, doc)
    const poster = posters.find((p) => same(p.id, write.posterId))!
    const whole =
      doc.body === bodyOf(write.marker) &&
      same(doc.locality, write.locality) &&
      same(doc.author, write.posterId) &&
      doc.status === 'published' &&
      doc.authorByline?.displayName === poster.displayName &&
      typeof doc.fingerprint === 'string' &&
      doc.fingerprint.length > 0 &&
      Boolean(doc.lastActivityAt) &&
      Boolean(doc.queueOrder) &&
      Boolean(doc.createdAt) &&
      Number(doc.replyCount) === 0
    if (!whole) problems.push(`HALF-SAVED: thread ${write.marker} (${write.outcome}): ${JSON.stringify(doc).slice(0, 400)}`)
    if (write.id != null && !same(doc.id, write.id)) problems.push(`thread ${write.marker} was answered with id ${write.id} but is stored as ${doc.id}`)
  }
  // The thread and its author's approved-post count are one transaction: both or neither survive.
  const authors = await payload.find({ collection: 'users', where: { id: { in: posters.map((p) => p.id) } }, overrideAccess: true, depth: 0, pagination: false, limit: 0 })
  for (const poster of posters) {
    const count = Number((authors.docs.find((d) => same(d.id, poster.id)) as any)?.approvedPostCount)
    const threads = [...storedThreads.values()].filter((doc) => same(doc.author, poster.id)).length
    if (count !== ESTABLISHED + threads) problems.push(`HALF-SAVED: poster ${poster.id} has ${threads} stored threads but approvedPostCount ${count} (expected ${ESTABLISHED + threads})`)
  }

  // Members created by the admin: the user row, its roles and its followed localities.
  const memberWrites = writes.filter((w) => w.kind === 'member')
  const users = await payload.find({
    collection: 'users',
    where: { email: { in: memberWrites.map((w) => emailOf(w.marker)) } },
    overrideAccess: true,
    showHiddenFields: true,
    depth: 0,
    pagination: false,
    limit: 0,
  })
  for (const write of memberWrites) {
    const docs = (users.docs as any[]).filter((d) => d.email === emailOf(write.marker))
    if (docs.length > 1) problems.push(`member ${write.marker} is stored ${docs.length} times`)
    const doc = docs[0]
    if (!doc) {
      if (write.outcome === 'acknowledged') problems.push(`LOST: member ${emailOf(write.marker)} (cycle ${write.cycle}, answered ${write.status}, id ${write.id ?? '?'}) is not stored`)
      continue
    }
    const followed = ((doc.followedLocalities ?? []) as unknown[]).map((l) => String(idOf(l))).sort()
    const whole =
      doc.displayName === nameOf(write.marker).slice(0, 40) &&
      doc.memberType === 'supporter' &&
      JSON.stringify(doc.roles) === JSON.stringify(['member']) &&
      same(doc.homeLocality, localities[0]) &&
      JSON.stringify(followed) === JSON.stringify([String(localities[0]), String(localities[1])].sort()) &&
      typeof doc.hash === 'string' &&
      doc.hash.length > 0 &&
      typeof doc.salt === 'string' &&
      doc.salt.length > 0
    if (!whole) problems.push(`HALF-SAVED: member ${write.marker} (${write.outcome}): ${JSON.stringify({ ...doc, hash: doc.hash ? '…' : doc.hash, salt: doc.salt ? '…' : doc.salt }).slice(0, 400)}`)
    if (write.id != null && !same(doc.id, write.id)) problems.push(`member ${write.marker} was answered with id ${write.id} but is stored as ${doc.id}`)
  }
  expect(problems, `${label}: acknowledged writes missing or half-saved`).toEqual([])

  // The server itself: healthy, sees every acknowledged write through REST, serves pages, and still
  // accepts the sessions it issued before (stored at login, like any write).
  const health = await fetch(`${server.url}/healthz`)
  expect(health.status, `${label}: /healthz`).toBe(200)
  expect(((await health.json()) as { status: string }).status).toBe('ok')
  const admin = { authorization: `JWT ${writers.adminToken}` }
  const ackedThreads = threadWrites.filter((w) => w.outcome === 'acknowledged').map((w) => storedThreads.get(w.marker))
  const restThreads = await fetch(`${server.url}/api/threads?depth=0&limit=1000&where[id][in]=${ackedThreads.map((d) => d.id).join(',')}`, { headers: admin })
  expect(restThreads.status, `${label}: GET /api/threads as admin ${restThreads.status === 200 ? '' : await restThreads.clone().text()}`).toBe(200)
  const restTitles = new Set(((await restThreads.json()) as { docs: { title: string }[] }).docs.map((d) => d.title))
  expect(
    ackedThreads.filter((d) => !restTitles.has(d.title)).map((d) => d.title),
    `${label}: acknowledged threads the server does not return`,
  ).toEqual([])
  const ackedEmails = memberWrites.filter((w) => w.outcome === 'acknowledged').map((w) => emailOf(w.marker))
  const restUsers = await fetch(`${server.url}/api/users?depth=0&limit=1000&where[email][in]=${ackedEmails.map(encodeURIComponent).join(',')}`, { headers: admin })
  expect(restUsers.status, `${label}: GET /api/users as admin`).toBe(200)
  const restEmails = new Set(((await restUsers.json()) as { docs: { email: string }[] }).docs.map((d) => d.email))
  expect(
    ackedEmails.filter((e) => !restEmails.has(e)),
    `${label}: acknowledged members the server does not return`,
  ).toEqual([])

  const home = await fetch(`${server.url}/`)
  expect(home.status, `${label}: GET /`).toBe(200)
  const countyThread = threadWrites.find((w) => w.outcome === 'acknowledged' && same(w.locality, writers.countyId))
  expect(countyThread, 'an acknowledged thread in the public county forum').toBeTruthy()
  const page = await fetch(`${server.url}/threads/${storedThreads.get(countyThread!.marker).id}`)
  expect(page.status, `${label}: GET /threads/:id (public)`).toBe(200)
  expect(await page.text()).toContain(titleOf(countyThread!.marker))
  for (const [who, token, id] of [
    ['admin', writers.adminToken, writers.adminId],
    ['a poster', posters[0]!.token, posters[0]!.id],
  ] as const) {
    const me = (await (await fetch(`${server.url}/api/users/me`, { headers: { authorization: `JWT ${token}` } })).json()) as { user: { id: unknown } | null }
    expect(same(me.user?.id, id), `${label}: ${who}'s session from before still works`).toBe(true)
  }
}
