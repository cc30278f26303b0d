// The page cache's invalidation across processes and machines, over a shared store with a version counter:
// Redis (src/cache/bus/redisBackend.ts) or, without Redis, PostgreSQL (src/cache/bus/postgresBackend.ts).
//
// A commit's tags are stored under the next value of the counter, in one atomic step, and announced (Redis
// pub/sub, PostgreSQL NOTIFY). An announcement tells the other processes at once, but it can arrive after a
// read that needed it; so every cache hit also reads the counter, and a process whose last applied version is
// behind reads the missing entries first. A gap (the log trimmed, or the store restarted empty), a
// reconnect, or the store not answering means some invalidations may be unknown: everything is forgotten, or
// nothing is served from the cache until the store answers again.
import { EVERYTHING } from '../renderTrace.js'

export type LogEntry = { version: number; tags: string[] }

export interface BusBackend {
  /** Stores the tags under the next version and announces them; resolves with that version once stored. */
  publish(tags: string[]): Promise<number>
  /** The counter's current value (0 when nothing was ever published). */
  readVersion(): Promise<number>
  /** The entries with after < version <= upTo, in order. */
  readLog(after: number, upTo: number): Promise<LogEntry[]>
  /**
   * Listens for announcements. `onReconnect` runs when a connection comes back after being lost (not at the
   * first connection): the store may have restarted empty meanwhile, which the counter alone cannot always show.
   */
  listen(onEntry: (entry: LogEntry) => void, onReconnect: () => void): void
  stop(): Promise<void>
}

/** How long a cache hit waits for the counter before treating the store as unreachable (then it renders): a
 * second: with a quarter of a second, a loaded CI machine (2 CPUs) served only 86% of repeat reads from the cache. */
const ANSWER_TIMEOUT_MS = 1000

/** Splits "version tag,tag" (an announcement or a log entry) into its parts. */
export function parseEntry(entry: string): LogEntry {
  const space = entry.indexOf(' ')
  if (space < 0) return { version: Number(entry), tags: [] }
  return {
    version: Number(entry.slice(0, space)),
    tags: entry
      .slice(space + 1)
      .split(',')
      .filter(Boolean),
  }
}

export class VersionedInvalidationBus {
  /** The last version whose tags this process has applied; undefined until the first successful check. */
  private applied: number | undefined

  constructor(
    private readonly backend: BusBackend,
    private readonly apply: (tags: string[]) => void,
  ) {}

  start(): void {
    this.backend.listen(
      (entry) => this.receive(entry),
      () => this.forgetEverything(),
    )
  }

  stop(): Promise<void> {
    return this.backend.stop()
  }

  /** Tells every process (this one has already applied the tags). Resolves once the store holds them. */
  async publish(tags: string[]): Promise<void> {
    const published = await this.backend.publish(tags)
    // Our own entry needs no applying; skipping it keeps the next hit from reading the log.
    if (this.applied !== undefined && published === this.applied + 1) this.applied = published
  }

  /**
   * Brings this process up to the shared counter before a cache hit is served. False when the store cannot
   * be asked: the caller must then not serve from its cache. Every hit reads the counter itself: sharing a
   * read already in flight could share one sent before the commit this request must see.
   */
  async catchUp(timeoutMs = ANSWER_TIMEOUT_MS): Promise<boolean> {
    let current: number
    try {
      current = await withTimeout(this.backend.readVersion(), timeoutMs)
    } catch {
      return false
    }
    const applied = this.applied
    if (applied === current) return true
    if (applied === undefined || current < applied) {
      // First contact, or the store lost its counter (restarted empty, or restored): nothing known can be trusted.
      this.forgetEverything(current)
      return true
    }
    try {
      const entries = await withTimeout(this.backend.readLog(applied, current), timeoutMs)
      const complete = entries.length === current - applied && entries[0]?.version === applied + 1
      this.apply(complete ? entries.flatMap((entry) => entry.tags) : [EVERYTHING])
      if (this.applied === applied) this.applied = current
      return true
    } catch {
      return false
    }
  }

  private receive(entry: LogEntry): void {
    // Out of order or after a gap: the next hit's counter check reads the log instead.
    if (this.applied === undefined || entry.version !== this.applied + 1 || entry.tags.length === 0) return
    this.apply(entry.tags)
    this.applied = entry.version
  }

  private forgetEverything(version?: number): void {
    this.apply([EVERYTHING])
    this.applied = version
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the shared store did not answer in time')), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
