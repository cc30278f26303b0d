// The primary process when WAYMARK_WORKERS is 2 or more: it forks the workers that serve the site on one
// shared port (Node's cluster hands each new connection to the next worker), replaces a worker that dies,
// and on SIGTERM or SIGINT asks each worker to shut down gracefully and exits once they all have.
// It serves no request itself and runs no job; without Redis it keeps the shared per-IP counters.
import cluster, { type Worker } from 'node:cluster'

import { serveSqliteWriteTurns } from '../db/clusterWriteTurns.js'
import { databaseKind } from '../db/kind.js'
import { redisConfigured } from '../redis/client.js'
import { serveRateLimitsToWorkers } from '../security/rateLimitStore.js'

/** A worker that dies sooner than this after starting is restarted after a growing pause, not at once. */
const QUICK_DEATH_MS = 10_000
const MAX_RESTART_PAUSE_MS = 30_000

const log = (message: string) => console.log(JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, name: 'waymark-primary', msg: message }))

/**
 * Forks `count` workers and keeps that many running. Resolves once all of them are listening, with a
 * function that stops them (the signal handlers call it too).
 */
export async function superviseWorkers(count: number, graceSeconds: number): Promise<{ stop: () => Promise<void> }> {
  if (!redisConfigured()) serveRateLimitsToWorkers()
  // On SQLite the workers take turns to write, in the order they ask (src/db/clusterWriteTurns.ts).
  const workerEnvironment = databaseKind() === 'sqlite' ? serveSqliteWriteTurns() : {}
  let stopping = false
  let quickDeaths = 0
  const startedAt = new Map<number, number>()

  const fork = (): Worker => {
    const worker = cluster.fork(workerEnvironment)
    startedAt.set(worker.id, Date.now())
    log(`worker ${worker.process.pid} started`)
    worker.on('exit', (code, signal) => {
      const lived = Date.now() - (startedAt.get(worker.id) ?? 0)
      startedAt.delete(worker.id)
      log(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`})`)
      if (stopping) return
      quickDeaths = lived < QUICK_DEATH_MS ? quickDeaths + 1 : 0
      const pause = quickDeaths === 0 ? 0 : Math.min(MAX_RESTART_PAUSE_MS, 1000 * 2 ** (quickDeaths - 1))
      setTimeout(() => {
        if (!stopping) fork()
      }, pause)
    })
    return worker
  }

  const listening = new Promise<void>((resolve, reject) => {
    let ready = 0
    const onListening = () => {
      ready += 1
      if (ready === count) {
        cluster.off('listening', onListening)
        resolve()
      }
    }
    cluster.on('listening', onListening)
    // Every first worker dying before it listens means the site cannot start (a bad configuration).
    let earlyExits = 0
    cluster.on('exit', () => {
      if (ready < count && ++earlyExits >= count * 3) reject(new Error('the workers keep exiting before they listen; see their output above'))
    })
  })
  for (let i = 0; i < count; i++) fork()
  await listening

  const stop = async () => {
    if (stopping) return
    stopping = true
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => Boolean(worker))
    const exited = workers.map((worker) => new Promise<void>((resolve) => (worker.isDead() ? resolve() : worker.once('exit', () => resolve()))))
    for (const worker of workers) worker.process.kill('SIGTERM')
    const deadline = setTimeout(
      () => {
        for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGKILL')
      },
      (graceSeconds + 5) * 1000,
    )
    await Promise.all(exited)
    clearTimeout(deadline)
  }
  return { stop }
}
