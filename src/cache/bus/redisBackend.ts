// The invalidation bus on Redis: INCR for the version, a capped sorted set for the log, pub/sub for the
// announcement, all in one script so the three can never disagree. See versionedBus.ts.
import type { Redis } from 'ioredis'

import { redis, redisKeyPrefix, subscriberConnection } from '../../redis/client.js'
import { parseEntry, type BusBackend, type LogEntry } from './versionedBus.js'

const LOG_LENGTH = 10_000

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

/** Runs `always` at every connection, and `onReconnect` too from the second on. */
function afterFirst(always: () => void, onReconnect: () => void): () => void {
  let connections = 0
  return () => {
    always()
    if (++connections > 1) onReconnect()
  }
}

export class RedisBusBackend implements BusBackend {
  private subscriber: Redis | undefined

  async publish(tags: string[]): Promise<number> {
    const { version, log, channel } = keys()
    return Number(await redis().eval(PUBLISH_SCRIPT, 3, version, log, channel, tags.join(',')))
  }

  async readVersion(): Promise<number> {
    return Number((await redis().get(keys().version)) ?? 0)
  }

  async readLog(after: number, upTo: number): Promise<LogEntry[]> {
    return (await redis().zrangebyscore(keys().log, after + 1, upTo)).map(parseEntry)
  }

  listen(onEntry: (entry: LogEntry) => void, onReconnect: () => void): void {
    if (this.subscriber) return
    const { channel } = keys()
    const subscriber = subscriberConnection()
    this.subscriber = subscriber
    subscriber.on(
      'ready',
      afterFirst(() => void subscriber.subscribe(channel).catch(() => undefined), onReconnect),
    )
    subscriber.on('message', (_channel: string, message: string) => onEntry(parseEntry(message)))
    // The command connection coming back may have missed a publish of our own that failed.
    redis().on(
      'ready',
      afterFirst(() => undefined, onReconnect),
    )
  }

  async stop(): Promise<void> {
    const subscriber = this.subscriber
    this.subscriber = undefined
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect())
  }
}
