// The committed migrations for the adapter in use. `npm start` and the test harness run them;
// nothing pushes the schema.
import type { Payload } from 'payload'

import { databaseKind } from '../db/index.js'

export async function migrationsForCurrentDatabase() {
  switch (databaseKind()) {
    case 'postgres':
      return (await import('./postgres/index.js')).migrations
    case 'mongodb':
      return (await import('./mongodb/index.js')).migrations
    default:
      return (await import('./sqlite/index.js')).migrations
  }
}

export async function runMigrations(payload: Payload): Promise<void> {
  const migrations = await migrationsForCurrentDatabase()
  await payload.db.migrate({ migrations: migrations as never })
  // Then the data steps, which need the schema the code expects (src/migrations/dataSteps.ts).
  const { runDataSteps } = await import('./dataSteps.js')
  await runDataSteps(payload)
}
