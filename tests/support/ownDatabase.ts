// A database of a test file's own on PostgreSQL and MongoDB, for files that start a real server beside the
// shared per-worker database (dropped at the end); on SQLite the harness makes a temporary file instead.
import type { Payload } from 'payload'

const BASE_URL = process.env.DATABASE_URL ?? ''
export const TEST_DATABASE_KIND = /^postgres(ql)?:\/\//.test(BASE_URL) ? 'postgres' : BASE_URL.startsWith('mongodb') ? 'mongodb' : 'sqlite'

export async function ownDatabase(label: string): Promise<string | undefined> {
  if (TEST_DATABASE_KIND === 'sqlite') return undefined
  const parsed = new URL(BASE_URL)
  const base = parsed.pathname.replace(/^\//, '') || (TEST_DATABASE_KIND === 'postgres' ? 'postgres' : 'waymark')
  const name = `${base}_${label}_${process.pid}`
  parsed.pathname = `/${name}`
  if (TEST_DATABASE_KIND === 'postgres') {
    const { default: pg } = await import('pg')
    const admin = new pg.Client({ connectionString: BASE_URL })
    await admin.connect()
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`)
      await admin.query(`CREATE DATABASE "${name}"`)
    } finally {
      await admin.end()
    }
  }
  return parsed.toString()
}

export async function dropOwnDatabase(url: string | undefined, payload: Payload | undefined): Promise<void> {
  if (!url) return
  if (TEST_DATABASE_KIND === 'postgres') {
    // Payload's adapter keeps one client checked out for good, so pool.end() never settles: the idle
    // clients are closed, and the drop below ends the last one (its errors are expected and ignored).
    const pool = (payload?.db as unknown as { pool?: { on: (event: 'error', listener: () => void) => void; end: () => Promise<void> } } | undefined)?.pool
    pool?.on('error', () => {})
    void pool?.end().catch(() => {})
    const { default: pg } = await import('pg')
    const admin = new pg.Client({ connectionString: BASE_URL })
    await admin.connect()
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`)
    } finally {
      await admin.end()
    }
  }
  if (TEST_DATABASE_KIND === 'mongodb') await (payload?.db as unknown as { connection?: { dropDatabase: () => Promise<void> } })?.connection?.dropDatabase()
}
