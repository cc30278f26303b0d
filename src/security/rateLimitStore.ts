// Counters for limits keyed by something the database does not store (an IP address, a hashed email).
//
// Where the counters live decides whether several processes agree on them:
// - REDIS_URL set: in Redis (rate-limiter-flexible's Redis limiter), shared by every process on every machine;
// - several workers on one machine without Redis: in the cluster's primary process (its cluster limiter),
//   so N workers do not allow N times the limit;
// - one process: in memory.
// Posting limits need no such store: they are computed from the posts themselves (src/policies/postingLimits.ts).
import cluster from 'node:cluster'
import { RateLimiterClusterMaster, RateLimiterCluster, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'

import { redis, redisConfigured, redisKeyPrefix } from '../redis/client.js'

export type LimitCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number }

export interface RateLimitStore {
  /** Would one more event under `key` exceed `limit` per `windowSeconds`? Counts nothing. */
  check(key: string, limit: number, windowSeconds: number): Promise<LimitCheck>
  /** Counts one event under `key`. */
  record(key: string, limit: number, windowSeconds: number): Promise<void>
  /** Counts one event under `key` unless that would exceed `limit`, in one step (no other process can slip in between). */
  consume(key: string, limit: number, windowSeconds: number): Promise<LimitCheck>
  /** Forgets `key` (a successful sign-in clears the failures). */
  reset(key: string, limit: number, windowSeconds: number): Promise<void>
}

type LimiterOptions = { points: number; duration: number; keyPrefix: string }

const refusal = (state: { msBeforeNext: number }): LimitCheck => ({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) })

/** The three methods over any rate-limiter-flexible limiter, one limiter per limit and window. */
export class LimiterRateLimitStore implements RateLimitStore {
  private limiters = new Map<string, RateLimiterAbstract>()

  constructor(private readonly makeLimiter: (options: LimiterOptions) => RateLimiterAbstract) {}

  private limiter(limit: number, windowSeconds: number): RateLimiterAbstract {
    const name = `${limit}/${windowSeconds}`
    let limiter = this.limiters.get(name)
    if (!limiter) {
      limiter = this.makeLimiter({ points: Math.max(1, limit), duration: windowSeconds, keyPrefix: `limits:${name}` })
      this.limiters.set(name, limiter)
    }
    return limiter
  }

  async check(key: string, limit: number, windowSeconds: number): Promise<LimitCheck> {
    if (limit <= 0) return { allowed: true }
    const state = await this.limiter(limit, windowSeconds).get(key)
    if (!state || state.consumedPoints < limit) return { allowed: true }
    return refusal(state)
  }

  async record(key: string, limit: number, windowSeconds: number): Promise<void> {
    if (limit <= 0) return
    await this.limiter(limit, windowSeconds)
      .penalty(key, 1)
      .catch((error: unknown) => {
        if (!(error instanceof RateLimiterRes)) throw error
      })
  }

  async consume(key: string, limit: number, windowSeconds: number): Promise<LimitCheck> {
    if (limit <= 0) return { allowed: true }
    try {
      await this.limiter(limit, windowSeconds).consume(key, 1)
      return { allowed: true }
    } catch (error) {
      if (error instanceof RateLimiterRes) return refusal(error)
      throw error
    }
  }

  async reset(key: string, limit: number, windowSeconds: number): Promise<void> {
    await this.limiter(limit, windowSeconds).delete(key)
  }
}

export class MemoryRateLimitStore extends LimiterRateLimitStore {
  constructor() {
    super((options) => new RateLimiterMemory(options))
  }
}

/** Shared by every process through Redis; while Redis cannot be reached, each process counts on its own. */
export class RedisRateLimitStore extends LimiterRateLimitStore {
  constructor() {
    super(
      (options) =>
        new RateLimiterRedis({
          ...options,
          keyPrefix: `${redisKeyPrefix()}${options.keyPrefix}`,
          storeClient: redis(),
          insuranceLimiter: new RateLimiterMemory(options),
        }),
    )
  }
}

/** Counted in the cluster's primary (see `serveRateLimitsToWorkers`), asked over the workers' IPC channel. */
export class ClusterRateLimitStore extends LimiterRateLimitStore {
  constructor() {
    super((options) => new RateLimiterCluster({ ...options, timeoutMs: 3000 }))
  }
}

/** Called in the cluster's primary before it forks workers that have no Redis. */
export function serveRateLimitsToWorkers(): void {
  new RateLimiterClusterMaster()
}

function defaultStore(): RateLimitStore {
  if (redisConfigured()) return new RedisRateLimitStore()
  if (cluster.isWorker) return new ClusterRateLimitStore()
  return new MemoryRateLimitStore()
}

let store: RateLimitStore | undefined
export const rateLimitStore = (): RateLimitStore => (store ??= defaultStore())
export const setRateLimitStore = (next: RateLimitStore) => {
  store = next
}
