// The jobs runner election (issue 15, "Jobs: one runner"). Payload's queue does not claim jobs atomically,
// so exactly one process may run them: the holder of a lease (Redis with REDIS_URL, a row in the database
// without), which moves to another process when its holder dies. Two Payload instances in this process,
// each with its own database connection, stand for two processes. Run with Redis and with the database;
// timings are shortened (3 s lease, renewed every second) so a takeover takes seconds, not 15 s.
import { getPayload, type Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'

import { bootPayload } from '../support/payload.js'
import { startSmtp, type Mailbox } from '../support/smtp.js'
import { unique } from './helpers.js'
import { composeEmail, paragraph } from '../../src/email/compose.js'

const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379'
const TTL_MS = 3000
const RENEW_MS = 1000

type Runner = import('../../src/jobs/runner.js').JobsRunner
type RunnerModule = typeof import('../../src/jobs/runner.js')

let first: Payload
let second: Payload
let mailbox: Mailbox
let runnerModule: RunnerModule
let queueEmail: typeof import('../../src/email/queue.js').queueEmail
const started: Runner[] = []
const infoLines: { msg: string; runner?: string }[] = []

beforeAll(async () => {
  mailbox = await startSmtp()
  process.env.SMTP_URL = mailbox.url
  first = await bootPayload()
  const { default: config } = await import('../../src/payload.config.js')
  // A second Payload with its own connection to the same database: a second process, as far as the lock can tell.
  second = await getPayload({ config, key: `second-runner-${unique()}` })
  runnerModule = await import('../../src/jobs/runner.js')
  ;({ queueEmail } = await import('../../src/email/queue.js'))
  for (const payload of new Set([first.logger, second.logger])) {
    const original = payload.info.bind(payload)
    vi.spyOn(payload, 'info').mockImplementation(((entry: unknown, ...rest: unknown[]) => {
      if (entry && typeof entry === 'object' && typeof (entry as { msg?: unknown }).msg === 'string') infoLines.push(entry as { msg: string; runner?: string })
      return original(entry as never, ...(rest as []))
    }) as never)
  }
})

afterEach(async () => {
  for (const runner of started.splice(0)) runner.halt()
})

afterAll(async () => {
  await runnerModule?.stopJobsRunner()
  await mailbox?.close()
  await second?.destroy()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now()
  for (;;) {
    if (await condition()) return Date.now() - start
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`)
    await sleep(20)
  }
}

const linesOf = (runner: Runner) => infoLines.filter((line) => line.runner === runner.id && line.msg.startsWith('jobs runner:')).map((line) => line.msg)

const deliveredWith = (marker: string) => mailbox.messages.filter((mail) => String(mail.subject).includes(marker)).length

async function queuedJobsWith(payload: Payload, marker: string) {
  const all = await payload.find({ collection: 'payload-jobs', overrideAccess: true, depth: 0, pagination: false })
  return (all.docs as any[]).filter((job) => String(job.input?.subject ?? '').includes(marker))
}

for (const kind of ['database', 'redis'] as const) {
  describe(`with the ${kind} lock`, () => {
    let lockName: string

    function start(payload: Payload): Runner {
      const runner = runnerModule.startJobsRunner(payload, {
        ttlMs: TTL_MS,
        renewEveryMs: RENEW_MS,
        lockName,
        queues: [{ queue: 'urgent', everyMs: 200, limit: 20 }],
      })
      started.push(runner)
      return runner
    }

    beforeAll(() => {
      if (kind === 'redis') process.env.REDIS_URL = TEST_REDIS_URL
      else delete process.env.REDIS_URL
    })

    afterAll(() => {
      delete process.env.REDIS_URL
    })

    // Every test has a lock of its own, so a lease a halted runner left behind cannot reach the next test.
    const fresh = () => {
      lockName = `jobs-runner-test-${unique()}`
      process.env.WAYMARK_REDIS_PREFIX = `waymark-test-runner-${unique()}:`
    }

    test('of two processes exactly one holds the role, and each logs which it is, once', async () => {
      fresh()
      const a = start(first)
      const b = start(second)
      expect(a.lockKind).toBe(kind)
      await until(() => a.holdsRole() || b.holdsRole(), 5000, 'someone takes the role')
      // Four lease periods of sampling: never two holders, never none.
      const stopAt = Date.now() + 4 * RENEW_MS
      while (Date.now() < stopAt) {
        expect([a, b].filter((runner) => runner.holdsRole()).length).toBe(1)
        await sleep(25)
      }
      const [holder, other] = a.holdsRole() ? [a, b] : [b, a]
      expect(linesOf(holder)).toEqual(['jobs runner: acquired'])
      expect(linesOf(other)).toEqual(['jobs runner: held by another process'])
    })

    test('a holder that dies without releasing loses the role within the lease, and the other takes it', async () => {
      fresh()
      const a = start(first)
      await until(() => a.holdsRole(), 5000, 'the first runner takes the role')
      const b = start(second)
      await until(() => linesOf(b).length > 0, 5000, 'the second runner tries')
      expect(b.holdsRole()).toBe(false)
      a.halt() // what a killed process leaves: a lease nobody renews or releases
      const tookMs = await until(() => b.holdsRole(), TTL_MS + 3000, 'the second runner takes over')
      expect(tookMs).toBeLessThanOrEqual(TTL_MS + 750)
      expect(a.holdsRole()).toBe(false)
      expect(linesOf(b)).toEqual(['jobs runner: held by another process', 'jobs runner: acquired'])
    })

    test('a holder that stops gracefully releases the role at once', async () => {
      fresh()
      const a = start(first)
      await until(() => a.holdsRole(), 5000, 'the first runner takes the role')
      const b = start(second)
      await until(() => linesOf(b).length > 0, 5000, 'the second runner tries')
      await a.stop()
      await a.stop() // idempotent
      expect(a.holdsRole()).toBe(false)
      const tookMs = await until(() => b.holdsRole(), TTL_MS, 'the second runner takes over')
      expect(tookMs).toBeLessThan(RENEW_MS + 500)
    })

    test('a holder whose lease was taken stops holding at its next renewal', async () => {
      fresh()
      const a = start(first)
      await until(() => a.holdsRole(), 5000, 'the runner takes the role')
      if (kind === 'redis') {
        const { redis, redisKeyPrefix } = await import('../../src/redis/client.js')
        await redis().set(`${redisKeyPrefix()}${lockName}`, 'another-process', 'PX', 60_000)
      } else {
        await first.update({
          collection: 'runner-locks',
          where: { name: { equals: lockName } },
          data: { holder: 'another-process', expiresAt: new Date(Date.now() + 60_000).toISOString() },
          overrideAccess: true,
        })
      }
      await until(() => !a.holdsRole(), RENEW_MS + 1000, 'the runner notices')
      await sleep(RENEW_MS * 2)
      expect(a.holdsRole()).toBe(false)
      expect(linesOf(a)).toEqual(['jobs runner: acquired', 'jobs runner: held by another process'])
    })

    test('only the holder runs jobs: queued email waits while a dead holder still has its lease, then goes once', async () => {
      fresh()
      const a = start(first)
      await until(() => a.holdsRole(), 5000, 'the first runner takes the role')
      // Halted between batches: a batch under way would still finish (and could send the email queued
      // below), which a process that died could not. Checked and halted in one tick, so none starts between.
      await until(() => !a.hasBatchInFlight(), 5000, 'the first runner between batches')
      a.halt()
      const haltedAt = Date.now()
      const b = start(second)
      const marker = `only-holder-${unique()}`
      await queueEmail(second, { to: `runner-${marker}@example.org`, subject: `Runner test ${marker}`, body: composeEmail([paragraph('Hello')]), urgent: true })
      // The lease was renewed at most one interval before the halt, so it still holds for TTL - RENEW.
      await sleep(Math.max(0, haltedAt + TTL_MS - RENEW_MS - 300 - Date.now()))
      expect(b.holdsRole()).toBe(false)
      expect(deliveredWith(marker)).toBe(0)
      expect(await queuedJobsWith(second, marker)).toHaveLength(1)
      await until(() => deliveredWith(marker) === 1, TTL_MS + 5000, 'the new holder sends the email')
      await sleep(1000)
      expect(deliveredWith(marker)).toBe(1)
      expect(await queuedJobsWith(second, marker)).toHaveLength(0)
    })

    test('stopping waits for a running batch to finish, then releases', async () => {
      fresh()
      const a = start(first)
      await until(() => a.holdsRole(), 5000, 'the runner takes the role')
      const marker = `stop-waits-${unique()}`
      mailbox.setAcceptDelay(1500)
      try {
        await queueEmail(first, { to: `runner-${marker}@example.org`, subject: `Runner test ${marker}`, body: composeEmail([paragraph('Hello')]), urgent: true })
        await until(async () => (await queuedJobsWith(first, marker)).some((job) => job.processing), 5000, 'the job starts')
        const stopping = Date.now()
        await runnerModule.stopJobsRunner()
        expect(Date.now() - stopping).toBeGreaterThan(500)
        expect(deliveredWith(marker)).toBe(1)
        expect(await queuedJobsWith(first, marker)).toHaveLength(0)
        expect(a.holdsRole()).toBe(false)
      } finally {
        mailbox.setAcceptDelay(0)
      }
      // Released: another process takes the role at its first try.
      const b = start(second)
      await until(() => b.holdsRole(), RENEW_MS, 'another runner takes the released role')
      await runnerModule.stopJobsRunner()
      await runnerModule.stopJobsRunner()
    })
  })
}

describe('WAYMARK_JOBS=off', () => {
  test('a process started with cron but WAYMARK_JOBS=off never contends for the role', async () => {
    delete process.env.REDIS_URL
    const before = infoLines.length
    process.env.WAYMARK_JOBS = 'off'
    const autoRun = first.config.jobs.autoRun
    expect(typeof autoRun).toBe('function')
    const crons = await (autoRun as (payload: Payload) => Promise<unknown[]>)(first)
    expect(crons).toEqual([])
    await sleep(1500)
    expect(infoLines.slice(before).filter((line) => line.msg.startsWith('jobs runner:'))).toEqual([])
    const locks = await first.find({ collection: 'runner-locks', where: { name: { equals: 'jobs-runner' } }, overrideAccess: true, depth: 0 })
    expect(locks.docs).toHaveLength(0)
  })
})
