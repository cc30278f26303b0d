// Graceful shutdown (SIGTERM): the listening socket closes at once, so no new connection is accepted;
// requests already received run to their end, for up to the grace period, while idle keep-alive
// connections are closed as they fall idle; then anything left is cut, and the jobs runner, Payload (its
// crons and database pool) and Redis are closed in that order, so a running job can still write.
import type { Server } from 'node:http'
import type { Payload } from 'payload'

import { stopInvalidationBus } from '../cache/invalidation.js'
import { stopJobsRunner } from '../jobs/runner.js'
import { closeRedis } from '../redis/client.js'

const IDLE_SWEEP_MS = 50

export async function drainAndClose(payload: Payload, server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS)
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)))
  const outcome = await Promise.race([closed.then(() => 'drained' as const), deadline])
  clearInterval(sweep)
  clearTimeout(timer)
  if (outcome === 'timeout') {
    payload.logger.warn({ msg: `shutdown: requests still running after ${graceMs} ms were cut off` })
    server.closeAllConnections()
  }
  // A running batch finishes (bounded), then the runner role is released for another process to take.
  await stopJobsRunner()
  await payload.destroy()
  await stopInvalidationBus()
  await closeRedis()
}
