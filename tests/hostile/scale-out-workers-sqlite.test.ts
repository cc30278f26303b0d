// Hostile: several workers on one SQLite file (issue 15, "Workers on SQLite").
//
// One server with WAYMARK_WORKERS=2 on SQLite (WAL): a primary process and two workers sharing the port.
// What it proves, with the durability harness (tests/support/durability.ts):
//  - the primary starts exactly two workers, and both serve: a burst of concurrent writes (members starting
//    threads, the admin creating members) is spread over both: each write carries its own X-Request-Id, and
//    the request log line with that id (JSON, with the worker's `pid`) says which worker answered; every
//    write acknowledged with a 2xx is logged and stored, whole, and none is refused (two writers on one
//    SQLite file must not turn into errors);
//  - SIGKILL of one worker in the middle of a burst loses nothing acknowledged: a write it had answered is
//    stored, one cut off is all there or not there at all; the site keeps answering (the burst goes on and
//    is acknowledged by the other worker); the primary replaces the dead worker (it logs `worker <pid>
//    exited` and `worker <pid> started`, a new child process appears, and it serves requests);
//  - `PRAGMA integrity_check` is ok and the file stays in WAL mode.
import http from 'node:http'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { arrangeWriters, sqlitePragmas, verifyWrites, writeBurst, type Write, type Writers } from '../support/durability.js'
import { bootPayload } from '../support/payload.js'
import { eventually, requestLines } from '../support/scaleOut.js'
import { startTestServer, type TestServer } from '../support/server.js'
import { saveServerLogs } from './helpers.js'

const POSTERS = 8
const ADMIN_LANES = 4
const FIRST_BURST = 120 // writes in the burst without a kill
const KILL_AFTER = 30 // acknowledged writes in the second burst before the SIGKILL
const AFTER_KILL = 30 // acknowledged writes after the SIGKILL before the burst stops
const MAX_WRITES = 400

let server: TestServer
let payload: Payload
let writers: Writers
const writes: Write[] = []

beforeAll(async () => {
  server = await startTestServer({ env: { WAYMARK_WORKERS: '2' } })
  payload = await bootPayload({ databaseUrl: server.databaseUrl, dataDir: server.dataDir, mediaDir: server.mediaDir })
  writers = await arrangeWriters(server, payload, POSTERS)
}, 300_000)

afterAll(async () => {
  saveServerLogs(server, 'scale-out-workers-sqlite')
  await server?.stop()
})

/** The pids that logged a request line (since a point in the output), and for the given request ids. */
function servingPids(since = 0, requestIds?: Set<string>) {
  const lines = requestLines(server.logs().slice(since)).filter((line) => !requestIds || requestIds.has(String(line.req?.id)))
  return [...new Set(lines.map((line) => line.pid))].filter((pid): pid is number => typeof pid === 'number')
}

const refusedIn = (burst: Write[]) => burst.filter((w) => w.outcome === 'refused').map((w) => `${w.kind} ${w.marker}: ${w.status} ${w.detail}`)

describe('WAYMARK_WORKERS=2 on SQLite', () => {
  test('the primary starts two workers, concurrent writes go through both, and every acknowledged write is stored', { timeout: 180_000 }, async () => {
    const workers = await eventually('two worker processes', 60_000, () => (server.childIds().length >= 2 ? server.childIds() : null))
    expect(workers.length, `the primary's children: ${workers.join(', ')}`).toBe(2)

    const logFrom = server.logs().length
    const burst = await writeBurst({ url: server.url, writers, cycle: 1, adminLanes: ADMIN_LANES, maxWrites: FIRST_BURST, writes, stopped: () => false })
    expect(refusedIn(burst), 'every answered write was accepted').toEqual([])
    expect(
      burst.filter((w) => w.outcome === 'no-answer').map((w) => `${w.marker}: ${w.detail}`),
      'every write was answered',
    ).toEqual([])

    // Each write carried its marker as X-Request-Id: the log line for it says which worker answered.
    const acknowledged = burst.filter((w) => w.outcome === 'acknowledged').map((w) => w.marker)
    const logged = () => new Set(requestLines(server.logs().slice(logFrom)).map((line) => String(line.req?.id)))
    await eventually('a request log line for every acknowledged write', 15_000, () => acknowledged.every((id) => logged().has(id))).catch(() => {
      throw new Error(
        `acknowledged writes without a request log line: ${acknowledged
          .filter((id) => !logged().has(id))
          .slice(0, 10)
          .join(', ')}`,
      )
    })
    const served = servingPids(logFrom, new Set(acknowledged))
    expect(served.sort(), `the processes that logged the writes (workers: ${workers.join(', ')})`).toEqual([...workers].sort())
    await verifyWrites('two workers, no kill', { payload, server, writers, writes })
  })

  test('SIGKILL of one worker during a burst loses nothing acknowledged; the worker is replaced; the file is intact', { timeout: 240_000 }, async () => {
    const before = server.childIds()
    expect(before.length, 'two workers before the kill').toBe(2)
    const victim = before[0]!
    let killedAt = -1
    let inFlightAtKill = 0
    let acknowledgedAtKill = 0
    let acknowledgedAfterKill = 0

    const burst = await writeBurst({
      url: server.url,
      writers,
      cycle: 2,
      adminLanes: ADMIN_LANES,
      maxWrites: MAX_WRITES,
      writes,
      stopped: () => acknowledgedAfterKill >= AFTER_KILL,
      onAcknowledged: (_write, { acknowledged, inFlight }) => {
        if (killedAt >= 0) acknowledgedAfterKill++
        else if (acknowledged >= KILL_AFTER) {
          killedAt = acknowledged
          acknowledgedAtKill = acknowledged
          inFlightAtKill = inFlight
          process.kill(victim, 'SIGKILL')
        }
      },
    })
    const round = { acknowledgedAtKill, inFlightAtKill, acknowledgedAfterKill, cutOff: burst.filter((w) => w.outcome === 'no-answer').length, issued: burst.length }
    console.log(`workers SIGKILL: ${JSON.stringify(round)}`)
    expect(killedAt, 'the kill happened mid-burst').toBeGreaterThan(0)
    expect(inFlightAtKill, 'requests in flight when the worker was killed').toBeGreaterThanOrEqual(5)
    expect(acknowledgedAfterKill, 'writes acknowledged after the kill: the site kept answering').toBeGreaterThanOrEqual(AFTER_KILL)
    expect(refusedIn(burst), 'every answered write was accepted, before and after the kill').toEqual([])

    // Nothing acknowledged is lost, nothing cut off is half-saved.
    await verifyWrites('after SIGKILL of a worker', { payload, server, writers, writes })

    // The primary replaces the dead worker.
    const replacement = await eventually('a new worker process', 90_000, () => server.childIds().find((pid) => !before.includes(pid)))
    expect(server.childIds(), 'the primary is back to two workers').toHaveLength(2)
    expect(server.childIds()).not.toContain(victim)
    expect(server.logs(), 'the primary logs the dead worker').toMatch(new RegExp(`worker ${victim} exited`))
    expect(server.logs(), 'the primary logs the new worker').toMatch(new RegExp(`worker ${replacement} started`))
    // And the new worker serves: requests are spread until one of them is logged by it. Each on a new
    // connection: the cluster hands out connections, not requests, and fetch would reuse the ones the
    // surviving worker already holds.
    const onNewConnection = () =>
      new Promise<void>((resolve, reject) => {
        http.get(`${server.url}/stories`, { agent: false }, (response) => response.resume().on('end', resolve)).on('error', reject)
      })
    await eventually(`a request served by the new worker ${replacement}`, 60_000, async () => {
      await Promise.all(Array.from({ length: 8 }, onNewConnection))
      return servingPids().includes(replacement)
    })

    const { integrity, journalMode } = await sqlitePragmas(server.databaseUrl)
    expect(integrity, 'integrity_check while the workers run').toEqual(['ok'])
    expect(journalMode, 'journal_mode').toBe('wal')
  })
})
