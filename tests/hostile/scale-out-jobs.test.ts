// Hostile: the jobs queue on two servers sharing one PostgreSQL database and one Redis (issue 15, "Jobs
// with several workers" and the decision "Jobs: one runner").
//
// Server A seeds a new PostgreSQL database, server B starts beside it; both send email to a real SMTP server
// on loopback. Emails are queued through the site, spread over A and B: a moderator rejects new members'
// replies with a reason, and each rejection emails its author (tests/hostile/scaleOutJobs.ts). What it proves:
//  - both processes tried to run jobs: one logged `jobs runner: acquired`, the other `jobs runner: held by
//    another process`;
//  - every email was delivered exactly once (counted per recipient and reason, after the queue has run
//    three more times), and no two deliveries share a Message-ID;
//  - after a SIGKILL of the runner, the role moves: the other server logs `jobs runner: acquired`, and
//    emails queued afterwards are still delivered, exactly once.
import { afterAll, describe, test } from 'vitest'

import { eventually, runnerLines } from '../support/scaleOut.js'
import { startSmtp, type Mailbox } from '../support/smtp.js'
import { usePair } from './scaleOutSite.js'
import { arrangeStaff, bothTried, describeStates, expectEachDeliveredOnce, FIRST_EMAILS, LATER_EMAILS, queueRejectionEmails, runnerStates, type Staff } from './scaleOutJobs.js'

describe('two servers on one PostgreSQL database and one Redis', () => {
  let mailbox: Mailbox
  let staff: Staff
  const pair = usePair(
    'so_jobs',
    async () => {
      mailbox = await startSmtp()
      return { redis: true, smtpUrl: mailbox.url }
    },
    async (started) => (staff = await arrangeStaff(started.a)),
  )
  afterAll(() => mailbox?.close())

  test('both tried to run jobs, one runs them, and every email is delivered exactly once', { timeout: 150_000 }, async () => {
    await bothTried([pair.a, pair.b], 'A and B')
    const expected = await queueRejectionEmails(staff, [pair.a, pair.b], FIRST_EMAILS, 'pg')
    await expectEachDeliveredOnce(mailbox, expected, 'queued through A and B')
  })

  test('after a SIGKILL of the runner the other server takes the role, and new emails are delivered exactly once', { timeout: 180_000 }, async () => {
    const holder = await bothTried([pair.a, pair.b], 'A and B')
    const [runner, survivor] = pair.a.processIds().includes(holder) ? [pair.a, pair.b] : [pair.b, pair.a]
    const from = survivor.logs().length
    await runner.kill('SIGKILL')
    await eventually('the surviving server logs `jobs runner: acquired`', 90_000, () => runnerLines(survivor.logs().slice(from)).some((l) => l.state === 'acquired')).catch((error: Error) => {
      throw new Error(`${error.message}: ${describeStates(runnerStates([survivor]))}`)
    })
    const expected = await queueRejectionEmails(staff, [survivor], LATER_EMAILS, 'pgk')
    await expectEachDeliveredOnce(mailbox, expected, 'queued after the kill')
  })
})
