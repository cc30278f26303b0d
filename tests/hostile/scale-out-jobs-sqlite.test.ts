// Hostile: the jobs queue with WAYMARK_WORKERS=2 on SQLite (issue 15, "Jobs with several workers" and the
// decision "Jobs: one runner").
//
// One server, a primary and two workers on one SQLite file, sending email to a real SMTP server on
// loopback. Emails are queued through the site: a moderator rejects new members' replies with a reason, and
// each rejection emails its author (tests/hostile/scaleOutJobs.ts). What it proves:
//  - both workers tried to run jobs: one logged `jobs runner: acquired`, another `jobs runner: held by
//    another process` (the log lines carry each process's pid);
//  - every email was delivered exactly once (counted per recipient and reason, after the queue has run
//    three more times), and no two deliveries share a Message-ID;
//  - after a SIGKILL of the runner worker, the role moves: another process logs `jobs runner: acquired`,
//    and emails queued afterwards are still delivered, exactly once.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { eventually, runnerLines } from '../support/scaleOut.js'
import { startTestServer, type TestServer } from '../support/server.js'
import { startSmtp, type Mailbox } from '../support/smtp.js'
import { saveServerLogs } from './helpers.js'
import { arrangeStaff, bothTried, describeStates, expectEachDeliveredOnce, FIRST_EMAILS, LATER_EMAILS, queueRejectionEmails, runnerStates, type Staff } from './scaleOutJobs.js'

describe('WAYMARK_WORKERS=2 on SQLite', () => {
  let mailbox: Mailbox
  let server: TestServer
  let staff: Staff

  beforeAll(async () => {
    mailbox = await startSmtp()
    server = await startTestServer({ smtpUrl: mailbox.url, env: { WAYMARK_WORKERS: '2' } })
    staff = await arrangeStaff(server)
  }, 300_000)

  afterAll(async () => {
    saveServerLogs(server, 'scale-out-jobs-sqlite')
    await server?.stop()
    await mailbox?.close()
  })

  test('both workers tried to run jobs, one runs them, every email is delivered exactly once; after a SIGKILL of the runner the role moves', { timeout: 240_000 }, async () => {
    const holder = await bothTried([server], 'the two workers')
    expect(server.childIds(), 'the runner is one of the workers').toContain(holder)
    const expected = await queueRejectionEmails(staff, [server], FIRST_EMAILS, 'sq')
    await expectEachDeliveredOnce(mailbox, expected, 'queued through the workers')

    const from = server.logs().length
    process.kill(holder, 'SIGKILL')
    await eventually('another process logs `jobs runner: acquired`', 90_000, () => runnerLines(server.logs().slice(from)).some((l) => l.state === 'acquired' && l.pid !== holder)).catch(
      (error: Error) => {
        throw new Error(`${error.message}: ${describeStates(runnerStates([server], [from]))}`)
      },
    )
    const later = await queueRejectionEmails(staff, [server], LATER_EMAILS, 'sqk')
    await expectEachDeliveredOnce(mailbox, later, 'queued after the kill')
  })
})
