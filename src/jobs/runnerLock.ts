// The jobs runner election (issue 15, "Jobs: one runner"). Payload's queue claims jobs with a read then a
// write, so two processes running it could both claim one job: exactly one process runs jobs, the holder of
// a lease (./leases: Redis with REDIS_URL, else a row in the database). The holder renews it every few
// seconds; a holder that dies stops renewing and the lease lapses, so another process takes the role within
// the lease's TTL. A holder counts itself holder only while its last renewal is recent enough that the lease
// cannot have lapsed yet (a safety margin under the TTL), so it stops before anyone else can start.
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Payload } from 'payload'

import { redisConfigured } from '../redis/client.js'
import { databaseLease } from './leases/database.js'
import type { Lease, LeaseKind } from './leases/lease.js'
import { redisLease } from './leases/redis.js'

export const RUNNER_LOCK_NAME = 'jobs-runner'
export const LEASE_TTL_MS = 15_000
export const RENEW_EVERY_MS = 5_000

export type RunnerLockOptions = {
  name: string
  ttlMs: number
  renewEveryMs: number
  /** Before this process starts acting as holder; false: not ready yet, try again at the next renewal. */
  prepare?: () => Promise<boolean>
  /** After the role was taken (and prepared). */
  onAcquired?: () => void
}

const withinMs = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
    promise.then(resolve, reject).finally(() => clearTimeout(timer))
  })

const rootCause = (error: unknown): string => {
  let cause = error as { message?: string; cause?: unknown } | undefined
  while (cause?.cause && typeof cause.cause === 'object') cause = cause.cause as typeof cause
  return String(cause?.message ?? error).slice(0, 300)
}

export class RunnerLock {
  /** Who this is, in the lease and in the logs: host, process id and a random part. */
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  readonly kind: LeaseKind
  private readonly lease: Lease
  private readonly safetyMs: number
  private holding = false
  private validUntil = 0
  private contending = true
  private ended = false
  private reported: 'acquired' | 'held' | undefined
  private unreachable = false
  private timer: NodeJS.Timeout | undefined
  private tick: Promise<void> | undefined

  constructor(
    private readonly payload: Payload,
    private readonly options: RunnerLockOptions,
  ) {
    const leaseOptions = { name: options.name, holder: this.id, ttlMs: options.ttlMs }
    this.lease = redisConfigured() ? redisLease(leaseOptions) : databaseLease(payload, leaseOptions)
    this.kind = this.lease.kind
    this.safetyMs = Math.round(options.ttlMs / 5)
  }

  /** True while this process may act as the holder: it holds the lease and it cannot have lapsed yet. */
  holds(): boolean {
    return this.holding && !this.ended && Date.now() < this.validUntil
  }

  start(): void {
    this.schedule(0)
  }

  /** Takes the role no more; a lease already held is still renewed until `release` or `abandon`. */
  stopContending(): void {
    this.contending = false
  }

  /** Stops renewing and gives the role up at once (only if still the holder). Idempotent. */
  async release(): Promise<void> {
    await this.end()
    try {
      await withinMs(this.lease.release(), this.options.renewEveryMs)
    } catch (error) {
      this.payload.logger.warn({ err: error, msg: 'jobs runner: could not release the role; it lapses by itself', runner: this.id })
    }
  }

  /** Stops renewing without releasing: the lease lapses within its TTL (what a process that dies leaves behind). */
  abandon(): void {
    void this.end()
  }

  private async end(): Promise<void> {
    this.ended = true
    this.contending = false
    clearTimeout(this.timer)
    await this.tick?.catch(() => undefined)
    this.holding = false
  }

  private schedule(ms: number): void {
    if (this.ended) return
    this.timer = setTimeout(() => {
      this.tick = this.elect().finally(() => (this.tick = undefined))
    }, ms)
    // The election never keeps a process alive by itself.
    this.timer.unref()
  }

  private async elect(): Promise<void> {
    const startedAt = Date.now()
    const { renewEveryMs, ttlMs } = this.options
    let nextInMs = renewEveryMs
    try {
      if (this.holding) {
        if (await withinMs(this.lease.renew(), renewEveryMs)) this.validUntil = startedAt + ttlMs - this.safetyMs
        else this.lose('its lease lapsed or was taken')
      }
      if (!this.holding && this.contending && !this.ended) nextInMs = await this.tryToAcquire(startedAt)
      this.unreachable = false
    } catch (error) {
      // Once per outage, with the root cause only (a database error's message repeats the whole query).
      if (!this.unreachable) this.payload.logger.warn({ msg: `jobs runner: the ${this.kind} lease cannot be reached (${rootCause(error)})`, runner: this.id })
      this.unreachable = true
      nextInMs = Math.min(renewEveryMs, 1000)
    }
    if (this.holding && Date.now() >= this.validUntil) this.lose('its lease could not be renewed in time')
    this.schedule(nextInMs)
  }

  /** One attempt to take the role; returns when to try again. */
  private async tryToAcquire(startedAt: number): Promise<number> {
    const { renewEveryMs, ttlMs } = this.options
    const attempt = await withinMs(this.lease.acquire(), renewEveryMs)
    if (!attempt.acquired) {
      this.report('held')
      // Try again as the holder's lease would lapse, so a dead holder is replaced within the TTL.
      return Math.max(25, Math.min(renewEveryMs, attempt.lapsesInMs + 25))
    }
    // Ours, but not acted on until prepared; the lease is kept meanwhile (taking it again is renewing it).
    if (this.options.prepare && !(await this.options.prepare())) return Math.min(renewEveryMs, 1000)
    if (this.ended || Date.now() >= startedAt + ttlMs - this.safetyMs) return 0
    this.holding = true
    this.validUntil = startedAt + ttlMs - this.safetyMs
    this.report('acquired')
    this.options.onAcquired?.()
    return renewEveryMs
  }

  private lose(reason: string): void {
    this.holding = false
    this.validUntil = 0
    this.reported = undefined
    this.payload.logger.warn({ msg: `jobs runner: lost the role (${reason})`, runner: this.id })
  }

  /** Logs the election's outcome when it changes, so every process says once which it is. */
  private report(state: 'acquired' | 'held'): void {
    if (this.reported === state) return
    this.reported = state
    const msg = state === 'acquired' ? 'jobs runner: acquired' : 'jobs runner: held by another process'
    this.payload.logger.info({ msg, runner: this.id, lock: this.kind })
  }
}
