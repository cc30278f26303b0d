// The lease in Redis: `SET <prefix><name> <holder> NX PX <ttl>` takes it; renewing and releasing compare
// the holder first, each in one Lua script, so a process whose lease lapsed and passed to another can
// never extend or delete the new holder's. Redis keeps the time, so the machines' clocks do not matter.
import { redis, redisKeyPrefix } from '../../redis/client.js'
import type { Lease, LeaseAttempt, LeaseOptions } from './lease.js'

// -1: taken (or still ours: a renewal whose answer was lost on the way back); otherwise ms until it lapses.
const ACQUIRE = `if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return -1 end
if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return -1 end
return redis.call('pttl', KEYS[1])`
const RENEW_IF_HOLDER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`
const RELEASE_IF_HOLDER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`

export function redisLease({ name, holder, ttlMs }: LeaseOptions): Lease {
  const key = `${redisKeyPrefix()}${name}`
  return {
    kind: 'redis',
    async acquire(): Promise<LeaseAttempt> {
      const answer = Number(await redis().eval(ACQUIRE, 1, key, holder, String(ttlMs)))
      return answer === -1 ? { acquired: true } : { acquired: false, lapsesInMs: Math.max(0, answer) }
    },
    async renew(): Promise<boolean> {
      return Number(await redis().eval(RENEW_IF_HOLDER, 1, key, holder, String(ttlMs))) === 1
    },
    async release(): Promise<void> {
      await redis().eval(RELEASE_IF_HOLDER, 1, key, holder)
    },
  }
}
