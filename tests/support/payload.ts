// A real Payload (Local API) in the test process, on a temporary database with the committed
// migrations applied. Used by integration tests, and by hostile tests to arrange data directly.
import path from 'node:path'
import type { Payload } from 'payload'

import { tempDir, testDatabaseUrl } from './env.js'

let booted: Promise<Payload> | undefined

/**
 * On PostgreSQL each test worker gets its own database (<name>_w<worker>), made on first use, so
 * integration files can run side by side as they do on SQLite. Other URLs are returned unchanged.
 */
async function ownPostgresDatabase(url: string): Promise<string> {
  if (!/^postgres(ql)?:\/\//.test(url)) return url
  const parsed = new URL(url)
  const base = parsed.pathname.replace(/^\//, '') || 'postgres'
  const name = `${base}_w${process.env.VITEST_POOL_ID ?? '0'}`
  const { default: pg } = await import('pg')
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE "${name}"`)
  } catch (error) {
    // 42P04: it exists already (an earlier file on this worker made it).
    if ((error as { code?: string }).code !== '42P04') throw error
  } finally {
    await admin.end()
  }
  parsed.pathname = `/${name}`
  return parsed.toString()
}

export type BootOptions = { databaseUrl?: string; dataDir?: string; mediaDir?: string }

/**
 * One Payload per test process (Payload caches its instance globally). Without a databaseUrl it
 * makes a fresh database; with one (a running test server's), it joins that database.
 */
export function bootPayload(options: BootOptions = {}): Promise<Payload> {
  booted ??= (async () => {
    const dir = tempDir()
    const fresh = !options.databaseUrl
    process.env.DATABASE_URL = options.databaseUrl ?? (await ownPostgresDatabase(testDatabaseUrl(dir)))
    process.env.WAYMARK_DATA_DIR = options.dataDir ?? path.join(dir, 'data')
    process.env.WAYMARK_MEDIA_DIR = options.mediaDir ?? path.join(dir, 'media')
    process.env.PAYLOAD_SECRET ??= 'test-secret-local'
    // Jobs run in the server under test; a test that wants them calls payload.jobs.run() itself.
    process.env.WAYMARK_JOBS ??= 'off'
    const { getPayload } = await import('payload')
    const { default: config } = await import('../../src/payload.config.js')
    const payload = await getPayload({ config, cron: process.env.WAYMARK_JOBS !== 'off' })
    if (fresh) {
      const { runMigrations } = await import('../../src/migrations/index.js')
      const { databaseKind } = await import('../../src/db/index.js')
      // A shared PostgreSQL or MongoDB database is emptied first, the way migrate:fresh would
      // (migrate:fresh itself loads .ts migration files with Node's own loader, which vitest does not cover).
      const db = payload.db as unknown as { dropDatabase?: (args: { adapter: unknown }) => Promise<void>; connection?: { dropDatabase: () => Promise<void> } }
      if (databaseKind() === 'postgres') await db.dropDatabase!({ adapter: payload.db })
      if (databaseKind() === 'mongodb') await db.connection!.dropDatabase()
      await runMigrations(payload)
    }
    return payload
  })()
  return booted
}

/**
 * Arrangement only: the test process and the server write to one SQLite file, so a write here can meet
 * SQLITE_BUSY while the server's job runner writes. A failed write rolls back, so trying again is safe.
 * `alsoRetry` names other passing errors a caller expects. Never used around an assertion.
 */
export async function settle<T = any>(run: () => Promise<T>, alsoRetry?: RegExp): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (error) {
      const text = `${(error as Error)?.message ?? error} ${(error as { cause?: { message?: string } })?.cause?.message ?? ''}`
      const passing = /SQLITE_BUSY|database is locked/i.test(text) || Boolean(alsoRetry?.test(text))
      if (attempt >= 8 || !passing) throw error
      await new Promise((resolve) => setTimeout(resolve, 150 * attempt))
    }
  }
}
