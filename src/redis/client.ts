// The one Redis connection of this process, when REDIS_URL is set (README "Running on several machines").
// Rate limits, the page cache's invalidation, the jobs runner's lock and Payload's key-value store share
// it; pub/sub needs a connection of its own (`subscriberConnection`), because a subscribed connection can
// do nothing else. Without REDIS_URL every caller falls back to what one machine can do on its own.
import { Redis } from 'ioredis'

let shared: Redis | undefined

export const redisUrl = (): string | undefined => process.env.REDIS_URL || undefined

export const redisConfigured = (): boolean => redisUrl() !== undefined

/** Every key Waymark writes starts with this, so two sites can share one Redis (WAYMARK_REDIS_PREFIX). */
export const redisKeyPrefix = (): string => process.env.WAYMARK_REDIS_PREFIX || 'waymark:'

function connect(name: string): Redis {
  const url = redisUrl()
  if (!url) throw new Error('REDIS_URL is not set')
  return new Redis(url, {
    connectionName: `waymark-${name}-${process.pid}`,
    // A command waits for a reconnect for at most this long; callers then treat Redis as unreachable.
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  })
}

/** The shared command connection (made on first use). Its errors are logged by the caller's failure, not thrown here. */
export function redis(): Redis {
  if (!shared) {
    shared = connect('commands')
    shared.on('error', () => undefined)
  }
  return shared
}

/** A new connection for subscribing; the caller owns it and quits it at shutdown. */
export function subscriberConnection(): Redis {
  const connection = connect('subscriber')
  connection.on('error', () => undefined)
  return connection
}

/** Is Redis answering? For /readyz. */
export async function redisReachable(timeoutMs = 1000): Promise<boolean> {
  if (!redisConfigured()) return true
  try {
    const answer = await Promise.race([redis().ping(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs))])
    return answer === 'PONG'
  } catch {
    return false
  }
}

/** Closes the shared connection (graceful shutdown). */
export async function closeRedis(): Promise<void> {
  const connection = shared
  shared = undefined
  if (connection) await connection.quit().catch(() => connection.disconnect())
}
