// The jobs runner: while this process holds the runner role (./runnerLock.ts), it runs each queue on its
// own timer (urgent every 5 s, the rest every WAYMARK_JOBS_EVERY_SECONDS or 30 s) and queues the
// scheduled tasks when they fall due. Payload's own cron would run in every process, so the config's
// autoRun starts this instead (./config.ts). A process that loses the role starts no further batch; a
// batch already running finishes (its jobs are claimed, so nobody else picks them up meanwhile).
import type { Payload } from 'payload'

import type { LeaseKind } from './leases/lease.js'
import { LEASE_TTL_MS, RENEW_EVERY_MS, RUNNER_LOCK_NAME, RunnerLock } from './runnerLock.js'

export type QueueTimer = { queue: string; everyMs: number; limit: number }

export type RunnerOptions = {
  lockName: string
  ttlMs: number
  renewEveryMs: number
  queues: QueueTimer[]
  /** How long stopping waits for a running batch before leaving the role to lapse. */
  stopWaitMs: number
}

export type JobsRunner = {
  /** The runner's name in the lease and the logs. */
  readonly id: string
  readonly lockKind: LeaseKind
  /** True while this process is the one that runs jobs. */
  holdsRole(): boolean
  /** Graceful: takes no new batch, waits (bounded) for the running one, releases the role. Idempotent. */
  stop(): Promise<void>
  /** Stops every timer at once without releasing the role: what a process that dies leaves behind. */
  halt(): void
  /** Whether a batch is running now (a batch under way when halt() is called still finishes, as no dead process would). */
  hasBatchInFlight(): boolean
}

/** How often ordinary jobs (emails, digests) are picked up: 30 s, or WAYMARK_JOBS_EVERY_SECONDS (1–59). */
export function defaultJobsEverySeconds(value = process.env.WAYMARK_JOBS_EVERY_SECONDS): number {
  const seconds = Number(value)
  return Number.isInteger(seconds) && seconds >= 1 && seconds <= 59 ? seconds : 30
}

/** Urgent jobs (safeguarding alerts) within seconds; the rest within the default interval. */
export const defaultQueues = (): QueueTimer[] => [
  { queue: 'urgent', everyMs: 5_000, limit: 20 },
  { queue: 'default', everyMs: defaultJobsEverySeconds() * 1000, limit: 50 },
]

const runners = new Set<Runner>()

class Runner implements JobsRunner {
  private readonly lock: RunnerLock
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private readonly busyQueues = new Set<string>()
  private readonly batches = new Set<Promise<void>>()
  private stopping = false
  private stopped: Promise<void> | undefined

  constructor(
    private readonly payload: Payload,
    private readonly options: RunnerOptions,
  ) {
    this.lock = new RunnerLock(payload, {
      name: options.lockName,
      ttlMs: options.ttlMs,
      renewEveryMs: options.renewEveryMs,
      prepare: () => this.releaseJobsLeftClaimed(),
      onAcquired: () => this.runEveryQueueNow(),
    })
  }

  get id(): string {
    return this.lock.id
  }

  get lockKind(): LeaseKind {
    return this.lock.kind
  }

  holdsRole(): boolean {
    return !this.stopping && this.lock.holds()
  }

  start(): void {
    this.lock.start()
    for (const queue of this.options.queues) this.schedule(queue, queue.everyMs)
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping = true
      this.lock.stopContending()
      this.clearTimers()
      if (await this.batchesFinishWithin(this.options.stopWaitMs)) {
        await this.lock.release()
      } else {
        this.lock.abandon()
        this.payload.logger.warn({ msg: 'jobs runner: stopped during a batch; the role lapses by itself and the next holder runs its unfinished jobs again', runner: this.id })
      }
      runners.delete(this)
    })()
    return this.stopped
  }

  halt(): void {
    this.stopping = true
    this.clearTimers()
    this.lock.abandon()
    runners.delete(this)
    this.stopped ??= Promise.resolve()
  }

  hasBatchInFlight(): boolean {
    return this.batches.size > 0
  }

  private clearTimers(): void {
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }

  private schedule(queue: QueueTimer, ms: number): void {
    if (this.stopping) return
    clearTimeout(this.timers.get(queue.queue))
    const timer = setTimeout(() => void this.runQueue(queue), ms)
    timer.unref()
    this.timers.set(queue.queue, timer)
  }

  private runEveryQueueNow(): void {
    for (const queue of this.options.queues) if (!this.busyQueues.has(queue.queue)) this.schedule(queue, 0)
  }

  private async runQueue(queue: QueueTimer): Promise<void> {
    if (this.busyQueues.has(queue.queue)) return
    if (this.holdsRole()) {
      this.busyQueues.add(queue.queue)
      const batch = this.runBatch(queue)
      this.batches.add(batch)
      try {
        await batch
      } finally {
        this.batches.delete(batch)
        this.busyQueues.delete(queue.queue)
      }
    }
    this.schedule(queue, queue.everyMs)
  }

  private async runBatch({ queue, limit }: QueueTimer): Promise<void> {
    try {
      if (this.hasSchedules(queue)) await this.payload.jobs.handleSchedules({ queue })
      if (this.holdsRole()) await this.payload.jobs.run({ queue, limit })
    } catch (error) {
      this.payload.logger.error({ err: error, msg: `jobs runner: a batch of the ${queue} queue failed`, runner: this.id })
    }
  }

  private hasSchedules(queue: string): boolean {
    const { tasks = [], workflows = [] } = this.payload.config.jobs
    return [...tasks, ...workflows].some((entry) => (entry.schedule ?? []).some((schedule) => (schedule.queue ?? 'default') === queue))
  }

  /**
   * Before acting as the holder: jobs still marked as being processed were claimed by a holder that died
   * (only the holder runs jobs, and a holder that stops in good order finishes its batch before letting go).
   * They are released to run again, so a crash delays them rather than losing them: at least once.
   */
  private async releaseJobsLeftClaimed(): Promise<boolean> {
    // A batch of our own from an earlier term is still running: its jobs are not orphans. Wait for it.
    if (this.batches.size > 0) return false
    try {
      const released = await this.payload.update({
        collection: 'payload-jobs',
        where: { and: [{ processing: { equals: true } }, { completedAt: { exists: false } }] },
        data: { processing: false },
        overrideAccess: true,
        depth: 0,
      })
      if (released.docs.length > 0) this.payload.logger.info({ msg: `jobs runner: ${released.docs.length} jobs left claimed by a previous holder will run again`, runner: this.id })
      return true
    } catch (error) {
      this.payload.logger.error({ err: error, msg: 'jobs runner: could not release the jobs a previous holder left claimed', runner: this.id })
      return false
    }
  }

  private async batchesFinishWithin(ms: number): Promise<boolean> {
    if (this.batches.size === 0) return true
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
    const finished = Promise.allSettled([...this.batches]).then(() => true as const)
    const outcome = await Promise.race([finished, timeout])
    clearTimeout(timer)
    return outcome
  }
}

/** Starts contending for the runner role; while held, this process runs the jobs. */
export function startJobsRunner(payload: Payload, options: Partial<RunnerOptions> = {}): JobsRunner {
  const runner = new Runner(payload, {
    lockName: options.lockName ?? RUNNER_LOCK_NAME,
    ttlMs: options.ttlMs ?? LEASE_TTL_MS,
    renewEveryMs: options.renewEveryMs ?? RENEW_EVERY_MS,
    queues: options.queues ?? defaultQueues(),
    stopWaitMs: options.stopWaitMs ?? 10_000,
  })
  runners.add(runner)
  runner.start()
  return runner
}

/** Graceful shutdown: every runner in this process stops taking jobs, finishes its batch and releases the role. */
export async function stopJobsRunner(): Promise<void> {
  await Promise.all([...runners].map((runner) => runner.stop()))
}
