// No email twice (issue 15): each queued email carries a random idempotency key; the sendEmail task
// records the key once the mail server has accepted the message and skips a key already recorded, so a
// job run again after a crash (the next runner releases the jobs its dead holder had claimed) does not
// send again. Delivery is at-least-once: a crash between sending and recording may still send twice, and
// then the stable Message-ID (derived from the key) lets a mail server drop the copy.
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { bootPayload } from '../support/payload.js'
import { startSmtp, type Mailbox } from '../support/smtp.js'
import { unique } from './helpers.js'
import { composeEmail, paragraph } from '../../src/email/compose.js'

const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379'

let payload: Payload
let mailbox: Mailbox
let queueEmail: typeof import('../../src/email/queue.js').queueEmail
let runner: typeof import('../../src/jobs/runner.js')

beforeAll(async () => {
  mailbox = await startSmtp()
  process.env.SMTP_URL = mailbox.url
  delete process.env.REDIS_URL
  payload = await bootPayload()
  ;({ queueEmail } = await import('../../src/email/queue.js'))
  runner = await import('../../src/jobs/runner.js')
})

afterAll(async () => {
  await runner?.stopJobsRunner()
  await mailbox?.close()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const withMarker = (marker: string) => mailbox.messages.filter((mail) => String(mail.subject).includes(marker))

async function jobsWith(marker: string) {
  const all = await payload.find({ collection: 'payload-jobs', overrideAccess: true, depth: 0, pagination: false })
  return (all.docs as any[]).filter((job) => String(job.input?.subject ?? '').includes(marker))
}

async function deliveriesOf(key: string) {
  return (await payload.find({ collection: 'email-deliveries', where: { key: { equals: key } }, overrideAccess: true, depth: 0, pagination: false })).docs as any[]
}

async function queueOne(marker: string) {
  await queueEmail(payload, { to: `idem-${marker}@example.org`, subject: `Idempotency ${marker}`, body: composeEmail([paragraph(marker)]) })
  const [job] = await jobsWith(marker)
  return job
}

/** A job row exactly as a crashed runner leaves it: claimed (processing), never completed. */
async function leftClaimedByDeadRunner(job: any) {
  return payload.create({
    collection: 'payload-jobs',
    data: { taskSlug: 'sendEmail', queue: job.queue, input: job.input, processing: true, totalTried: 0 } as never,
    overrideAccess: true,
  })
}

describe('the idempotency key', () => {
  test('every queued email gets a random key of its own, kept in the job input', async () => {
    const marker = `keys-${unique()}`
    await queueEmail(payload, { to: `same-${marker}@example.org`, subject: `Idempotency ${marker}`, body: composeEmail([paragraph('Same')]) })
    await queueEmail(payload, { to: `same-${marker}@example.org`, subject: `Idempotency ${marker}`, body: composeEmail([paragraph('Same')]) })
    const jobs = await jobsWith(marker)
    expect(jobs).toHaveLength(2)
    const keys = jobs.map((job) => job.input.key)
    for (const key of keys) expect(key).toMatch(/^[0-9a-f-]{36}$/)
    expect(new Set(keys).size).toBe(2)
    // Two identical emails are two emails: both go.
    await payload.jobs.run({ queue: 'default', limit: 50 })
    expect(withMarker(marker)).toHaveLength(2)
  })

  test('the sent email carries a Message-ID made from the key, and the delivery is recorded without the address', async () => {
    const marker = `message-id-${unique()}`
    const job = await queueOne(marker)
    await payload.jobs.run({ queue: 'default', limit: 50 })
    const [mail] = withMarker(marker)
    expect(mail).toBeDefined()
    expect(mail!.messageId).toMatch(new RegExp(`^<${job.input.key}@[^>]+>$`))
    const recorded = await deliveriesOf(job.input.key)
    expect(recorded).toHaveLength(1)
    expect(new Date(recorded[0].sentAt).getTime()).toBeGreaterThan(Date.now() - 60_000)
    expect(JSON.stringify(recorded[0])).not.toContain('@example.org')
  })
})

describe('a retry does not send twice', () => {
  test('a sendEmail job run again after its email was recorded completes without sending', async () => {
    const marker = `retry-${unique()}`
    const job = await queueOne(marker)
    await payload.jobs.run({ queue: 'default', limit: 50 })
    expect(withMarker(marker)).toHaveLength(1)
    // The same email queued again (what a retry of the job amounts to).
    await payload.jobs.queue({ task: 'sendEmail', input: job.input, queue: 'default' })
    await payload.jobs.run({ queue: 'default', limit: 50 })
    await sleep(300)
    expect(withMarker(marker)).toHaveLength(1)
    expect(await jobsWith(marker)).toHaveLength(0) // completed (and deleted), not failed
    expect(await deliveriesOf(job.input.key)).toHaveLength(1)
  })

  for (const kind of ['database', 'redis'] as const) {
    describe(`with the ${kind} lock`, () => {
      beforeAll(() => {
        if (kind === 'redis') {
          process.env.REDIS_URL = TEST_REDIS_URL
          process.env.WAYMARK_REDIS_PREFIX = `waymark-test-idempotency-${unique()}:`
        } else delete process.env.REDIS_URL
      })
      afterAll(() => {
        delete process.env.REDIS_URL
      })

      test(`after a crash that followed the send: the next runner (${kind} lock) releases the claimed job, which does not send again`, async () => {
        const marker = `crash-after-${unique()}`
        const job = await queueOne(marker)
        await payload.jobs.run({ queue: 'default', limit: 50 })
        expect(withMarker(marker)).toHaveLength(1)
        await leftClaimedByDeadRunner(job)
        const next = runner.startJobsRunner(payload, { lockName: `idem-${unique()}`, queues: [{ queue: 'default', everyMs: 200, limit: 50 }] })
        expect(next.lockKind).toBe(kind)
        try {
          const deadline = Date.now() + 10_000
          while ((await jobsWith(marker)).length > 0 && Date.now() < deadline) await sleep(100)
          expect(await jobsWith(marker)).toHaveLength(0)
          expect(withMarker(marker)).toHaveLength(1)
        } finally {
          await next.stop()
        }
      })

      test(`after a crash before the send: the next runner (${kind} lock) sends the email, once`, async () => {
        const marker = `crash-before-${unique()}`
        const job = await queueOne(marker)
        // The runner died holding the claimed job: the email never went. Remove the queued copy and leave the claimed one.
        await payload.delete({ collection: 'payload-jobs', id: job.id, overrideAccess: true })
        await leftClaimedByDeadRunner(job)
        const next = runner.startJobsRunner(payload, { lockName: `idem-${unique()}`, queues: [{ queue: 'default', everyMs: 200, limit: 50 }] })
        expect(next.lockKind).toBe(kind)
        try {
          await mailbox.waitFor((mail) => String(mail.subject).includes(marker), 10_000)
          await sleep(1000)
          expect(withMarker(marker)).toHaveLength(1)
          expect(await deliveriesOf(job.input.key)).toHaveLength(1)
        } finally {
          await next.stop()
        }
      })
    })
  }
})

describe('retention', () => {
  test('delivery records older than 30 days are pruned by the retention job', async () => {
    const { applyRetention } = await import('../../src/jobs/retention.js')
    const old = await payload.create({ collection: 'email-deliveries', data: { key: `old-${unique()}`, sentAt: new Date(Date.now() - 31 * 86_400_000).toISOString() }, overrideAccess: true })
    const recent = await payload.create({ collection: 'email-deliveries', data: { key: `recent-${unique()}`, sentAt: new Date(Date.now() - 29 * 86_400_000).toISOString() }, overrideAccess: true })
    const result = await applyRetention(payload, new Date())
    expect(result.deliveriesPruned).toBeGreaterThanOrEqual(1)
    const left = (await payload.find({ collection: 'email-deliveries', where: { id: { in: [old.id, recent.id] } }, overrideAccess: true, depth: 0 })).docs.map((d) => String(d.id))
    expect(left).toEqual([String(recent.id)])
  })
})
