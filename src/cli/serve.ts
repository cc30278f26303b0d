// Migrate, seed an empty database, and serve. Used by `npm start` (after the build check) and by
// the test harness, which runs it as a real child process.
//
// With WAYMARK_WORKERS of 2 or more (the default on a machine with several CPUs), this process becomes the
// cluster's primary: it migrates and seeds once, closes its database connection, and forks the workers
// (src/cli/workers.ts), each of which comes back here and only serves.
import '../config/refuseInvalidEnvironment.js' // first: a bad environment stops the start here
import cluster from 'node:cluster'
import { getPayload } from 'payload'

import config from '../payload.config.js'
import { environment, serverURL } from '../env.js'
import { runMigrations } from '../migrations/index.js'
import { databaseIsEmpty, seedDemoData } from '../seed/demo.js'
import { startServer } from '../server.js'
import { printDemoAccounts } from './printDemoAccounts.js'
import { superviseWorkers } from './workers.js'

const graceSeconds = () => environment.WAYMARK_SHUTDOWN_SECONDS

/** Migrations and the demo seed, once, before anything serves. Returns the demo password when it seeded. */
async function prepareDatabase(): Promise<string | undefined> {
  const payload = await getPayload({ config, cron: false })
  await runMigrations(payload)
  if (process.env.WAYMARK_SEED === 'never' || !(await databaseIsEmpty(payload))) return undefined
  console.log('Empty database: seeding demo data…')
  return (await seedDemoData(payload)).password
}

/** Runs `stop` once on SIGTERM or SIGINT (or when the primary goes away), then exits 0. */
function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false
  const once = () => {
    if (stopping) return
    stopping = true
    stop()
      .catch((error: unknown) => console.error('Error while shutting down:', error))
      .finally(() => process.exit(0))
  }
  process.on('SIGTERM', once)
  process.on('SIGINT', once)
  // A worker whose primary has died would otherwise serve on alone, unsupervised.
  if (cluster.isWorker) process.on('disconnect', once)
}

export async function serve({ dev = false } = {}) {
  if (cluster.isWorker) {
    const running = await startServer({ dev: false, quiet: true })
    stopOnSignals(() => running.shutdown(graceSeconds() * 1000))
    return running
  }
  const workers = dev ? 1 : environment.WAYMARK_WORKERS
  const password = await prepareDatabase()
  if (workers > 1) {
    const payload = await getPayload({ config })
    // The primary serves nothing: its connection would only hold a pool open beside the workers'.
    await payload.destroy()
    const supervisor = await superviseWorkers(workers, graceSeconds())
    console.log(`\nWaymark is running at ${serverURL} with ${workers} workers  (moderation: ${serverURL}/admin)`)
    printDemoAccounts(password)
    stopOnSignals(supervisor.stop)
    return undefined
  }
  const running = await startServer({ dev, quiet: !dev })
  console.log(`\nWaymark is running at ${serverURL}  (moderation: ${serverURL}/admin)`)
  printDemoAccounts(password)
  stopOnSignals(() => running.shutdown(graceSeconds() * 1000))
  return running
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await serve()
}
