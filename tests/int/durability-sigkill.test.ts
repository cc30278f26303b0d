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
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { arrangeWriters, sqlitePragmas, verifyWrites, writeBurst, type Write, type WriteKind, type Writers } from '../support/durability.js'
import { dropOwnDatabase, ownDatabase, TEST_DATABASE_KIND } from '../support/ownDatabase.js'
import { bootPayload } from '../support/payload.js'
import { startTestServer, type TestServer } from '../support/server.js'

const KIND = TEST_DATABASE_KIND

const POSTERS = 12 // members posting threads, one request at a time each
const ADMIN_LANES = 8 // concurrent member creations by the admin
const KILL_AFTER = 40 // acknowledged writes in a burst before the SIGKILL
const MAX_WRITES = 300 // a burst's writes if the kill never comes (the checks then fail)
const CYCLES = 2

describe('SIGKILL in the middle of a burst of writes', () => {
  let server: TestServer
  let payload: Payload
  let databaseUrl: string | undefined
  let writers: Writers
  const writes: Write[] = []
  const started = Date.now()

  beforeAll(async () => {
    databaseUrl = await ownDatabase('durability')
    server = await startTestServer({ seed: true, databaseUrl })
    payload = await bootPayload({ databaseUrl: server.databaseUrl, dataDir: server.dataDir, mediaDir: server.mediaDir })
    // The burst is many posts by new members within seconds: the posting limits have their own tests.
    writers = await arrangeWriters(server, payload, POSTERS)
  })

  afterAll(async () => {
    await server?.stop()
    await dropOwnDatabase(databaseUrl, payload)
  })

  /** Fires writes from every lane at once and SIGKILLs the server at the first 2xx of the cycle's kind once KILL_AFTER have been acknowledged. */
  async function burst(cycle: number) {
    let killing: Promise<void> | null = null
    let inFlightAtKill = 0
    // Every lane keeps writing until the kill, so about 20 requests are in flight when it lands. The
    // kill follows an answer at once, so the write just answered is the likeliest to be caught
    // between its answer and its commit: a thread in odd cycles, a new member in even ones.
    const killOn: WriteKind = cycle % 2 === 1 ? 'thread' : 'member'
    const mine = await writeBurst({
      url: server.url,
      writers,
      cycle,
      adminLanes: ADMIN_LANES,
      maxWrites: MAX_WRITES,
      writes,
      stopped: () => killing !== null,
      onAcknowledged: (write, { acknowledged, inFlight }) => {
        if (acknowledged >= KILL_AFTER && write.kind === killOn && !killing) {
          inFlightAtKill = inFlight
          killing = server.kill('SIGKILL')
        }
      },
    })
    if (killing) await killing
    else await server.kill('SIGKILL') // the burst ended before the kill point: the checks below say so

    const acknowledged = mine.filter((w) => w.outcome === 'acknowledged').length
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
    return { killedAfter: killOn, issued: mine.length, acknowledged, cutOff: mine.filter((w) => w.outcome === 'no-answer').length, inFlightAtKill }
  }

  const verify = (label: string) => verifyWrites(label, { payload, server, writers, writes })

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
