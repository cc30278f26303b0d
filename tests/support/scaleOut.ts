// What issue 15's tests share (several processes on one database): a PostgreSQL database of a test file's
// own, a Redis key prefix of its own on the shared Redis, and the servers' structured logs (pino: one JSON
// object per line, with the process's `pid`).
import { Redis } from 'ioredis'

/** The PostgreSQL server the scale-out tests make their databases on (trust auth, user postgres). */
export const POSTGRES_URL = process.env.WAYMARK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** The Redis the scale-out tests share with everyone else on the machine: only ever touch your own prefix. */
export const REDIS_URL = process.env.WAYMARK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

export type OwnPostgres = { url: string; drop: () => Promise<void> }

/** A new, empty database `waymark_<label>_<pid>` on POSTGRES_URL; `drop()` removes it (open connections and all). */
export async function createPostgresDatabase(label: string): Promise<OwnPostgres> {
  const { default: pg } = await import('pg')
  const name = `waymark_${label}_${process.pid}`
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: POSTGRES_URL })
    await admin.connect()
    try {
      await admin.query(sql)
    } finally {
      await admin.end()
    }
  }
  await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await run(`CREATE DATABASE "${name}"`)
  const url = new URL(POSTGRES_URL)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) }
}

/** A WAYMARK_REDIS_PREFIX no other test (or engineer) uses. */
export function redisPrefix(label: string): string {
  return `waymark-test-${label}-${process.pid}-${Math.random().toString(36).slice(2, 8)}:`
}

/** The keys under `prefix` (SCAN, never KEYS), optionally deleting them. */
export async function redisKeys(prefix: string, options: { delete?: boolean } = {}): Promise<string[]> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 })
  await redis.connect()
  try {
    const keys: string[] = []
    let cursor = '0'
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 1000)
      cursor = next
      keys.push(...batch)
    } while (cursor !== '0')
    if (options.delete && keys.length > 0) {
      for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500))
    }
    return keys
  } finally {
    redis.disconnect()
  }
}

export type LogLine = { pid?: number; msg?: string; level?: number | string; req?: { id?: string; method?: string; url?: string }; res?: { statusCode?: number }; [key: string]: unknown }

/** Every line of a server's output that is a JSON object (pino); other lines (Next's banner…) are skipped. */
export function logLines(output: string): LogLine[] {
  const lines: LogLine[] = []
  for (const line of output.split('\n')) {
    const text = line.trim()
    if (!text.startsWith('{')) continue
    try {
      const value = JSON.parse(text)
      if (value && typeof value === 'object') lines.push(value as LogLine)
    } catch {
      // a line that only looks like JSON
    }
  }
  return lines
}

/** The request log lines (pino-http: one per request, with a `req` object and the response's status or time). */
export const requestLines = (output: string) =>
  logLines(output).filter((line) => line.req && typeof line.req === 'object' && ((line.res && typeof line.res === 'object') || 'responseTime' in line || 'statusCode' in line))

/** The jobs runner election lines (`jobs runner: acquired…`, `jobs runner: held by another process…`) in order. */
export function runnerLines(output: string): { pid: number | undefined; msg: string; state: 'acquired' | 'held' | 'other' }[] {
  return logLines(output)
    .filter((line) => typeof line.msg === 'string' && line.msg.startsWith('jobs runner:'))
    .map((line) => {
      const msg = line.msg as string
      const state = msg.startsWith('jobs runner: acquired') ? 'acquired' : msg.startsWith('jobs runner: held by another process') ? 'held' : 'other'
      return { pid: line.pid, msg, state }
    })
}

/** Polls `check` until it returns something truthy, or throws `what` after `timeoutMs`. */
export async function eventually<T>(what: string, timeoutMs: number, check: () => T | Promise<T>, everyMs = 200): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value as NonNullable<T>
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}
