// Migrate, seed an empty database, and serve. Used by `npm start` (after the build check) and by
// the test harness, which runs it as a real child process.
import '../config/refuseInvalidEnvironment.js' // first: a bad environment stops the start here
import { getPayload } from 'payload'

import config from '../payload.config.js'
import { serverURL } from '../env.js'
import { runMigrations } from '../migrations/index.js'
import { databaseIsEmpty, seedDemoData } from '../seed/demo.js'
import { startServer } from '../server.js'
import { printDemoAccounts } from './printDemoAccounts.js'

export async function serve({ dev = false } = {}) {
  const payload = await getPayload({ config, cron: true })
  await runMigrations(payload)
  let password: string | undefined
  if (process.env.WAYMARK_SEED !== 'never' && (await databaseIsEmpty(payload))) {
    console.log('Empty database: seeding demo data…')
    password = (await seedDemoData(payload)).password
  }
  const running = await startServer({ dev, quiet: !dev })
  console.log(`\nWaymark is running at ${serverURL}  (moderation: ${serverURL}/admin)`)
  printDemoAccounts(password)
  const stop = async () => {
    await running.close()
    process.exit(0)
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  return running
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await serve()
}
