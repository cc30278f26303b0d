// The page cache's invalidation across machines, through Redis (when REDIS_URL is set).
//
// A commit's tags go to Redis in one script: the version counter is incremented (INCR), the tags are kept
// in a capped log under that version (a sorted set), and they are published. Pub/sub tells the other
// processes at once, but a message can arrive after a read that needed it; so every cache hit also reads
// the counter (one GET), and a process whose last applied version is behind reads the missing entries from
// the log first. A gap in the log (trimmed, or Redis restarted empty), a reconnect, or Redis not answering
// means some invalidations may be unknown: everything is forgotten, or nothing is served from the cache.
import type { Redis } from 'ioredis'

import { redis, redisKeyPrefix, subscriberConnection } from '../redis/client.js'
import { EVERYTHING } from './renderTrace.js'

const LOG_LENGTH = 10_000
/** How long a cache hit waits for the counter before treating Redis as unreachable (then it renders). */
const VERSION_TIMEOUT_MS = 250

const PUBLISH_SCRIPT = `
local version = redis.call('INCR', KEYS[1])
redis.call('ZADD', KEYS[2], version, version .. ' ' .. ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -${LOG_LENGTH + 1})
redis.call('PUBLISH', KEYS[3], version .. ' ' .. ARGV[1])
return version`

const keys = () => {
  const prefix = redisKeyPrefix()
  return { version: `${prefix}cache:version`, log: `${prefix}cache:log`, channel: `${prefix}cache:invalidated` }
}

type Apply = (tags: string[]) => void

/** Splits "version tag,tag" into its parts. */
function parseEntry(entry: string): { version: number; tags: string[] } {
  const space = entry.indexOf(' ')
  return {
    version: Number(entry.slice(0, space)),
    tags: entry
      .slice(space + 1)
      .split(',')
      .filter(Boolean),
  }
}

export class RedisInvalidationBus {
  /** The last version whose tags this process has applied; undefined until the first successful check. */
  private applied: number | undefined
  private subscriber: Redis | undefined

  constructor(private readonly apply: Apply) {}

  /** Subscribes to other processes' commits; a (re)connect of either connection forgets everything. */
  start(): void {
    if (this.subscriber) return
    const { channel } = keys()
    const subscriber = subscriberConnection()
    this.subscriber = subscriber
    subscriber.on('ready', () => {
      void subscriber.subscribe(channel).catch(() => undefined)
      this.forgetEverything()
    })
    subscriber.on('message', (_channel: string, message: string) => this.receive(message))
    redis().on('ready', () => this.forgetEverything())
  }

  async stop(): Promise<void> {
    const subscriber = this.subscriber
    this.subscriber = undefined
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect())
  }

  /** Tells every process (this one has already applied the tags). Resolves once Redis holds them. */
  async publish(tags: string[]): Promise<void> {
    const { version, log, channel } = keys()
    const published = Number(await redis().eval(PUBLISH_SCRIPT, 3, version, log, channel, tags.join(',')))
    // Our own entry needs no applying; skipping it keeps the next hit from reading the log.
    if (this.applied !== undefined && published === this.applied + 1) this.applied = published
  }

  /**
   * Brings this process up to Redis's counter before a cache hit is served. False when Redis cannot be
   * asked: the caller must then not serve from its cache. Every hit reads the counter itself: sharing a
   * read already in flight could share one sent before the commit this request must see.
   */
  async catchUp(): Promise<boolean> {
    const { version, log } = keys()
    let current: number
    try {
      const answer = await withTimeout(redis().get(version), VERSION_TIMEOUT_MS)
      current = Number(answer ?? 0)
    } catch {
      return false
    }
    const applied = this.applied
    if (applied === current) return true
    if (applied === undefined || current < applied) {
      // First contact, or Redis lost its counter (restarted empty): nothing known can be trusted.
      this.forgetEverything(current)
      return true
    }
    try {
      const entries = await withTimeout(redis().zrangebyscore(log, applied + 1, current), VERSION_TIMEOUT_MS)
      const parsed = entries.map(parseEntry)
      const complete = parsed.length === current - applied && parsed[0]?.version === applied + 1
      if (complete) this.apply(parsed.flatMap((entry) => entry.tags))
      else this.apply([EVERYTHING])
      if (this.applied === applied) this.applied = current
      return true
    } catch {
      return false
    }
  }

  private receive(message: string): void {
    const entry = parseEntry(message)
    if (this.applied === undefined || entry.version !== this.applied + 1) return // the next hit's check reads the log
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
    timer = setTimeout(() => reject(new Error('Redis did not answer in time')), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
