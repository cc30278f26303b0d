// Counters for limits keyed by something the database does not store (an IP address).
//
// THE SEAM: one process keeps these counters in memory (rate-limiter-flexible's memory store).
// When several processes serve one site, give `setRateLimitStore` a store whose counters are
// shared, e.g. rate-limiter-flexible's RateLimiterRedis or RateLimiterPostgres behind the same
// three methods; nothing else changes. Posting limits need no such store: they are computed from
// the posts themselves (src/policies/postingLimits.ts), so every process already agrees on them.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

export type LimitCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number }

export interface RateLimitStore {
  /** Would one more event under `key` exceed `limit` per `windowSeconds`? Counts nothing. */
  check(key: string, limit: number, windowSeconds: number): Promise<LimitCheck>
  /** Counts one event under `key`. */
  record(key: string, limit: number, windowSeconds: number): Promise<void>
  /** Forgets `key` (a successful sign-in clears the failures). */
  reset(key: string, limit: number, windowSeconds: number): Promise<void>
}

export class MemoryRateLimitStore implements RateLimitStore {
  private limiters = new Map<string, RateLimiterMemory>()

  private limiter(limit: number, windowSeconds: number): RateLimiterMemory {
    const name = `${limit}/${windowSeconds}`
    let limiter = this.limiters.get(name)
    if (!limiter) {
      limiter = new RateLimiterMemory({ points: Math.max(1, limit), duration: windowSeconds, keyPrefix: name })
      this.limiters.set(name, limiter)
    }
    return limiter
  }

  async check(key: string, limit: number, windowSeconds: number): Promise<LimitCheck> {
    if (limit <= 0) return { allowed: true }
    const state = await this.limiter(limit, windowSeconds).get(key)
    if (!state || state.consumedPoints < limit) return { allowed: true }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) }
  }

  async record(key: string, limit: number, windowSeconds: number): Promise<void> {
    if (limit <= 0) return
    await this.limiter(limit, windowSeconds)
      .penalty(key, 1)
      .catch((error: unknown) => {
        if (!(error instanceof RateLimiterRes)) throw error
      })
  }

  async reset(key: string, limit: number, windowSeconds: number): Promise<void> {
    await this.limiter(limit, windowSeconds).delete(key)
  }
}

let store: RateLimitStore = new MemoryRateLimitStore()
export const rateLimitStore = (): RateLimitStore => store
export const setRateLimitStore = (next: RateLimitStore) => {
  store = next
}
