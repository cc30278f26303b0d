// Durability (issue 6, section 5). The real server is killed with SIGKILL in the middle of a burst of
// concurrent writes over HTTP, then started again on the same database, twice. Every write it
// answered with a 2xx must be stored, whole; a write cut off by the kill is either all there or not
// there at all; the restarted server serves the pages and still accepts the sessions it issued; and
// on SQLite the file passes `PRAGMA integrity_check` (straight after each crash and at the end) and
// stays in WAL mode. Earlier SQLite findings (tests/int/sqlite-lock-holder.test.ts,
// tests/hostile/cross-process-writes.test.ts) were writes acknowledged and never stored: this is
// the test that catches any such regression across a crash.
//
// The writes: members start threads (POST /api/threads: the thread row and the author's
// approvedPostCount change in one transaction), and the admin creates members (POST /api/users:
// the user row, its roles and its followed localities in separate tables).
import { createClient } from '@libsql/client'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { createMember, DEFAULT_TEST_PASSWORD } from '../support/members.js'
import { dropOwnDatabase, ownDatabase, TEST_DATABASE_KIND } from '../support/ownDatabase.js'
import { bootPayload, settle } from '../support/payload.js'
import { startTestServer, type TestServer } from '../support/server.js'

const KIND = TEST_DATABASE_KIND

const POSTERS = 12 // members posting threads, one request at a time each
const ADMIN_LANES = 8 // concurrent member creations by the admin
const KILL_AFTER = 40 // acknowledged writes in a burst before the SIGKILL
const MAX_WRITES = 300 // a burst's writes if the kill never comes (the checks then fail)
const CYCLES = 2
const ESTABLISHED = 3 // approved posts: at or over the post-queue threshold, so threads go up at once

type Kind = 'thread' | 'member'
type Write = {
  kind: Kind
  cycle: number
  marker: string
  lane: number
  /** The thread's author (thread writes). */
  posterId?: number | string
  locality?: number | string
  status?: number
  id?: number | string
  /** What the client saw: a 2xx, another answer, or no answer at all (the kill cut it off). */
  outcome?: 'acknowledged' | 'refused' | 'no-answer'
  detail?: string
}

type Poster = { id: number | string; email: string; displayName: string; token: string }

const titleOf = (marker: string) => `Durability ${marker}`
const bodyOf = (marker: string) => `Written during the burst, marker ${marker}. Still here after the crash?`
const emailOf = (marker: string) => `${marker}@durability.example`
const nameOf = (marker: string) => `Dur ${marker}`

/** Arrangement only: a Local API write from this process may meet the server's job runner holding SQLite's lock. */

async function restLogin(server: TestServer, email: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const body = (await response.json().catch(() => ({}))) as { token?: string }
  if (response.status !== 200 || !body.token) throw new Error(`Arrange failed: REST login for ${email} gave ${response.status}`)
  return body.token
}

async function sqlitePragmas(databaseUrl: string): Promise<{ integrity: string[]; journalMode: string }> {
  const client = createClient({ url: databaseUrl })
  try {
    const integrity = (await client.execute('PRAGMA integrity_check')).rows.map((row) => String(Object.values(row)[0]))
    const journalMode = String(Object.values((await client.execute('PRAGMA journal_mode')).rows[0] ?? {})[0])
    return { integrity, journalMode }
  } finally {
    client.close()
  }
}

const idOf = (ref: unknown) => (ref && typeof ref === 'object' ? (ref as { id: number | string }).id : (ref as number | string | null | undefined))
const same = (a: unknown, b: unknown) => a != null && b != null && String(idOf(a)) === String(idOf(b))

describe('SIGKILL in the middle of a burst of writes', () => {
  let server: TestServer
  let payload: Payload
  let databaseUrl: string | undefined
  let adminToken: string
  let adminId: number | string
  const posters: Poster[] = []
  const localities: (number | string)[] = []
  let countyId: number | string
  const writes: Write[] = []
  const started = Date.now()

  beforeAll(async () => {
    databaseUrl = await ownDatabase('durability')
    server = await startTestServer({ seed: true, databaseUrl })
    payload = await bootPayload({ databaseUrl: server.databaseUrl, dataDir: server.dataDir, mediaDir: server.mediaDir })
    // The burst is many posts by new members within seconds: the posting limits have their own tests.
    await settle(() =>
      payload.updateGlobal({
        slug: 'moderation-settings',
        data: { newMemberPostIntervalSeconds: 0, memberPostIntervalSeconds: 0, newMemberMaxThreadsPerDay: 100_000, newMemberMaxRepliesPerDay: 100_000, failedLoginsPerIpPerHour: 10_000 } as never,
        overrideAccess: true,
      }),
    )
    const found = await payload.find({ collection: 'localities', overrideAccess: true, depth: 0, limit: 100, pagination: false })
    for (const doc of found.docs) localities.push(doc.id)
    countyId = found.docs.find((doc) => (doc as { slug?: string }).slug === 'lancashire-county')!.id
    expect(localities.length, 'the seed made the localities').toBeGreaterThanOrEqual(2)

    const signIns: Promise<void>[] = [restLogin(server, 'admin@waymark.example', server.seedPassword).then((token) => void (adminToken = token))]
    await Promise.all(
      Array.from({ length: POSTERS }, async (_, i) => {
        const member = await settle(() => createMember(payload, { displayName: `Durable Poster ${process.pid.toString(36)} ${i}` }))
        await settle(() => payload.update({ collection: 'users', id: member.id, data: { approvedPostCount: ESTABLISHED } as never, overrideAccess: true }))
        const poster: Poster = { id: member.id, email: member.email, displayName: member.displayName, token: '' }
        posters[i] = poster
        signIns.push(restLogin(server, member.email, DEFAULT_TEST_PASSWORD).then((token) => void (poster.token = token)))
      }),
    )
    await Promise.all(signIns)
    const me = (await (await fetch(`${server.url}/api/users/me`, { headers: { authorization: `JWT ${adminToken}` } })).json()) as { user: { id: number | string } }
    adminId = me.user.id
  })

  afterAll(async () => {
    await server?.stop()
    await dropOwnDatabase(databaseUrl, payload)
  })

  /** Fires writes from every lane at once and SIGKILLs the server at the first 2xx of the cycle's kind once KILL_AFTER have been acknowledged. */
  async function burst(cycle: number) {
    let issued = 0
    let acknowledged = 0
    let inFlight = 0
    let killing: Promise<void> | null = null
    let inFlightAtKill = 0
    const mine: Write[] = []
    // Every lane keeps writing until the kill, so about 20 requests are in flight when it lands. The
    // kill follows an answer at once, so the write just answered is the likeliest to be caught
    // between its answer and its commit: a thread in odd cycles, a new member in even ones.
    const killOn: Kind = cycle % 2 === 1 ? 'thread' : 'member'

    const send = async (write: Write, path: string, token: string, data: Record<string, unknown>) => {
      inFlight++
      try {
        const response = await fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(data),
        })
        write.status = response.status
        // The status line is the acknowledgement; the body (with the id) may be cut off by the kill.
        write.outcome = response.ok ? 'acknowledged' : 'refused'
        const text = await response.text().catch(() => '')
        if (!response.ok) write.detail = text.slice(0, 300)
        try {
          write.id = (JSON.parse(text) as { doc?: { id?: number | string } }).doc?.id
        } catch {
          // cut off mid-body: found by its marker instead
        }
        if (response.ok && ++acknowledged >= KILL_AFTER && write.kind === killOn && !killing) {
          inFlightAtKill = inFlight - 1
          killing = server.kill('SIGKILL')
        }
      } catch (error) {
        write.outcome = 'no-answer'
        write.detail = String((error as { cause?: unknown })?.cause ?? error)
      } finally {
        inFlight--
      }
    }

    const lane = async (index: number, kind: Kind) => {
      for (let n = 0; !killing && issued < MAX_WRITES; n++) {
        issued++
        const marker = `dur${cycle}k${kind[0]}${index}n${n}${process.pid.toString(36)}${Math.random().toString(36).slice(2, 6)}`
        const write: Write = { kind, cycle, marker, lane: index }
        mine.push(write)
        writes.push(write)
        if (kind === 'thread') {
          const poster = posters[index]!
          write.posterId = poster.id
          write.locality = localities[(index + n) % localities.length]!
          await send(write, '/api/threads', poster.token, { title: titleOf(marker), body: bodyOf(marker), locality: write.locality })
        } else {
          await send(write, '/api/users', adminToken, {
            email: emailOf(marker),
            password: DEFAULT_TEST_PASSWORD,
            displayName: nameOf(marker).slice(0, 40),
            memberType: 'supporter',
            homeLocality: localities[0],
            followedLocalities: [localities[0], localities[1]],
            _verified: true,
          })
        }
      }
    }

    const lanes = [...posters.map((_, i) => lane(i, 'thread')), ...Array.from({ length: ADMIN_LANES }, (_, i) => lane(i, 'member'))]
    await Promise.all(lanes)
    if (killing) await killing
    else await server.kill('SIGKILL') // the burst ended before the kill point: the checks below say so

    const refused = mine.filter((w) => w.outcome === 'refused')
    // Arrangement checks: the kill really landed mid-burst, and the burst really was writing.
    expect(
      refused.map((w) => `${w.kind} ${w.marker}: ${w.status} ${w.detail}`),
      'every write answered before the kill was accepted',
    ).toEqual([])
    expect(acknowledged, `acknowledged writes before the kill (cycle ${cycle})`).toBeGreaterThanOrEqual(KILL_AFTER)
    expect(inFlightAtKill, `requests in flight when the server was killed (cycle ${cycle})`).toBeGreaterThanOrEqual(10)
    for (const kind of ['thread', 'member'] as const) {
      expect(mine.filter((w) => w.kind === kind && w.outcome === 'acknowledged').length, `acknowledged ${kind} writes (cycle ${cycle})`).toBeGreaterThan(0)
    }
    return { killedAfter: killOn, issued, acknowledged: mine.filter((w) => w.outcome === 'acknowledged').length, cutOff: mine.filter((w) => w.outcome === 'no-answer').length, inFlightAtKill }
  }

  /** Everything acknowledged so far is stored, whole; nothing cut off is half there; the server serves. */
  async function verify(label: string) {
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
    const storedUsers = new Map<string, any>()
    for (const write of memberWrites) {
      const docs = (users.docs as any[]).filter((d) => d.email === emailOf(write.marker))
      if (docs.length > 1) problems.push(`member ${write.marker} is stored ${docs.length} times`)
      const doc = docs[0]
      if (!doc) {
        if (write.outcome === 'acknowledged') problems.push(`LOST: member ${emailOf(write.marker)} (cycle ${write.cycle}, answered ${write.status}, id ${write.id ?? '?'}) is not stored`)
        continue
      }
      storedUsers.set(write.marker, doc)
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

    // The restarted server itself: healthy, sees every acknowledged write through REST, serves pages,
    // and still accepts the sessions it issued before the crash (stored at login, like any write).
    const health = await fetch(`${server.url}/healthz`)
    expect(health.status, `${label}: /healthz`).toBe(200)
    expect(((await health.json()) as { status: string }).status).toBe('ok')
    const admin = { authorization: `JWT ${adminToken}` }
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
    const countyThread = threadWrites.find((w) => w.outcome === 'acknowledged' && same(w.locality, countyId))
    expect(countyThread, 'an acknowledged thread in the public county forum').toBeTruthy()
    const page = await fetch(`${server.url}/threads/${storedThreads.get(countyThread!.marker).id}`)
    expect(page.status, `${label}: GET /threads/:id (public)`).toBe(200)
    expect(await page.text()).toContain(titleOf(countyThread!.marker))
    for (const [who, token, id] of [
      ['admin', adminToken, adminId],
      ['a poster', posters[0]!.token, posters[0]!.id],
    ] as const) {
      const me = (await (await fetch(`${server.url}/api/users/me`, { headers: { authorization: `JWT ${token}` } })).json()) as { user: { id: unknown } | null }
      expect(same(me.user?.id, id), `${label}: ${who}'s session from before the crash still works`).toBe(true)
    }
  }

  test('every write acknowledged with a 2xx survives, whole, and the database is intact', { timeout: 420_000 }, async () => {
    const rounds: Record<string, unknown>[] = []
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const round = await burst(cycle)
      rounds.push(round)
      if (KIND === 'sqlite') {
        // Straight after the crash, before anything opens it again.
        const { integrity } = await sqlitePragmas(server.databaseUrl)
        expect(integrity, `cycle ${cycle}: integrity_check after SIGKILL`).toEqual(['ok'])
      }
      const crashed = server
      try {
        server = await startTestServer({ reuse: crashed })
      } catch (error) {
        throw new Error(`cycle ${cycle}: the server did not start again after SIGKILL. Log before the kill:\n${crashed.logs().slice(-3000)}\n${(error as Error).message}`)
      }
      try {
        await verify(`after SIGKILL ${cycle}`)
      } catch (error) {
        console.error(`Durability cycle ${cycle}: ${JSON.stringify(round)}\nServer log before the kill (end):\n${crashed.logs().slice(-4000)}\nRestarted server log:\n${server.logs().slice(-2000)}`)
        throw error
      }
    }
    await server.stop()
    if (KIND === 'sqlite') {
      const { integrity, journalMode } = await sqlitePragmas(server.databaseUrl)
      expect(integrity, 'integrity_check at the end').toEqual(['ok'])
      expect(journalMode, 'journal_mode').toBe('wal')
    }
    console.log(`durability (${KIND}): ${JSON.stringify(rounds)} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  })
})
