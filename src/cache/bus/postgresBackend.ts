// The invalidation bus on PostgreSQL, for processes that share a database but no Redis: a one-row counter
// and a log table (made by the migration 20261206_090000_cache_invalidation), written in one statement
// whose NOTIFY PostgreSQL delivers only once it has committed. The counter row's lock orders concurrent
// publishers, so versions become visible in order and a reader never sees a version without its entry.
// SQL here, not the Local API: LISTEN/NOTIFY and the counter are PostgreSQL's own features (see versionedBus.ts).
import pg from 'pg'

import { parseEntry, type BusBackend, type LogEntry } from './versionedBus.js'

const CHANNEL = 'waymark_cache'
const LOG_LENGTH = 10_000
const TRIM_EVERY = 500
/** NOTIFY payloads must stay under 8000 bytes; a longer list is announced by its version alone. */
const MAX_ANNOUNCED_TAGS_LENGTH = 7000
const RECONNECT_MS = 1000

const PUBLISH = `
WITH next AS (UPDATE waymark_cache_version SET version = version + 1 WHERE id = 1 RETURNING version),
logged AS (INSERT INTO waymark_cache_log (version, tags) SELECT version, $1 FROM next RETURNING version)
SELECT version, pg_notify('${CHANNEL}', version || ' ' || $2) FROM logged`

export class PostgresBusBackend implements BusBackend {
  private readonly pool: pg.Pool
  private listener: pg.Client | undefined
  private stopped = false
  private published = 0

  constructor(private readonly connectionString: string) {
    // Neither the pool nor the listener keeps a short-lived process (a CLI command, a test) from exiting.
    this.pool = new pg.Pool({ connectionString, max: 10, idleTimeoutMillis: 30_000, allowExitOnIdle: true })
    this.pool.on('error', () => undefined)
  }

  async publish(tags: string[]): Promise<number> {
    const joined = tags.join(',')
    const announced = joined.length > MAX_ANNOUNCED_TAGS_LENGTH ? '' : joined
    const { rows } = await this.pool.query<{ version: string }>(PUBLISH, [joined, announced])
    const version = Number(rows[0]?.version ?? 0)
    if (++this.published % TRIM_EVERY === 0) void this.pool.query('DELETE FROM waymark_cache_log WHERE version <= $1', [version - LOG_LENGTH]).catch(() => undefined)
    return version
  }

  async readVersion(): Promise<number> {
    const { rows } = await this.pool.query<{ version: string }>('SELECT version FROM waymark_cache_version WHERE id = 1')
    return Number(rows[0]?.version ?? 0)
  }

  async readLog(after: number, upTo: number): Promise<LogEntry[]> {
    const { rows } = await this.pool.query<{ version: string; tags: string }>('SELECT version, tags FROM waymark_cache_log WHERE version > $1 AND version <= $2 ORDER BY version', [after, upTo])
    return rows.map((row) => ({ version: Number(row.version), tags: row.tags.split(',').filter(Boolean) }))
  }

  listen(onEntry: (entry: LogEntry) => void, onReconnect: () => void): void {
    let connections = 0
    const connect = async () => {
      if (this.stopped) return
      const client = new pg.Client({ connectionString: this.connectionString })
      const retry = () => {
        if (this.listener !== client) return
        this.listener = undefined
        client.end().catch(() => undefined)
        setTimeout(() => void connect(), RECONNECT_MS).unref()
      }
      this.listener = client
      client.on('error', retry)
      client.on('end', retry)
      client.on('notification', (message) => {
        if (message.channel === CHANNEL && message.payload) onEntry(parseEntry(message.payload))
      })
      try {
        await client.connect()
        await client.query(`LISTEN ${CHANNEL}`)
        ;(client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.()
        if (++connections > 1) onReconnect()
      } catch {
        retry()
      }
    }
    void connect()
  }

  async stop(): Promise<void> {
    this.stopped = true
    const listener = this.listener
    this.listener = undefined
    await listener?.end().catch(() => undefined)
    await this.pool.end().catch(() => undefined)
  }
}
