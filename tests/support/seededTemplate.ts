// Vitest global setup for the hostile and e2e suites: migrate and seed ONE SQLite database (with its data
// and media folders), then let every test server start from a copy of it. Each server still runs the real
// start-up (migrations, which find nothing to do, and the seed check, which finds data), on a database of
// its own; only the minutes of migrating and seeding ~50 times over are saved. PostgreSQL and MongoDB runs
// keep seeding their own database.
import fs from 'node:fs'

import { startTestServer } from './server.js'

export const TEMPLATE_ENV = 'WAYMARK_TEST_SEEDED_TEMPLATE'

export default async function setup(): Promise<(() => void) | void> {
  const url = process.env.DATABASE_URL
  if (url && !url.startsWith('file:')) return
  const existing = process.env[TEMPLATE_ENV]
  if (existing && fs.existsSync(existing)) return // the other project made it in this run
  const server = await startTestServer()
  await server.stop()
  process.env[TEMPLATE_ENV] = server.dir
  return () => fs.rmSync(server.dir, { recursive: true, force: true })
}
