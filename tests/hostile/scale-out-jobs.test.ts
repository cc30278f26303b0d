// Hostile: the jobs queue with several processes (issue 15, "Jobs with several workers" and the decision
// "Jobs: one runner").
//
// Emails are queued through the site: a moderator rejects new members' replies with a reason (each
// rejection emails its author the reason, through the jobs queue), the replies and the rejections spread
// over the processes. A real SMTP server on loopback (tests/support/smtp.ts) counts the deliveries.
// What it proves, twice: on two servers sharing one PostgreSQL database and one Redis, and on one server
// with WAYMARK_WORKERS=2 on SQLite:
//  - both processes tried to run jobs: one logged `jobs runner: acquired`, the other `jobs runner: held by
//    another process`;
//  - every email was delivered exactly once (counted per recipient and reason, after the queue has run
//    three more times), and no two deliveries share a Message-ID;
//  - after a SIGKILL of the runner, the role moves: another process logs `jobs runner: acquired`, and emails
//    queued afterwards are still delivered, exactly once.
// Everything is done over HTTP (REST, as the admin's pages do): this process runs no jobs of its own.
import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { jsonOrUndefined, WebClient } from '../support/http.js'
import { eventually, runnerLines } from '../support/scaleOut.js'
import { startTestServer, type TestServer } from '../support/server.js'
import { addressesOf, startSmtp, type Mailbox } from '../support/smtp.js'
import { RELAXED_LIMITS } from './forumHelpers.js'
import { saveServerLogs, unique } from './helpers.js'
import { startPair, stopPair, type Pair } from './scaleOutSite.js'

const FIRST_EMAILS = 8
const LATER_EMAILS = 4
/** The test servers run the queue every 2 s: a second runner would have sent an email again within this. */
const THREE_RUNS_MS = 6_500
const JOIN_PASSWORD = 'copper-kettle-meadow-9'

type Answer = { status: number; json: any; text: string }

async function api(server: TestServer, token: string | null, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await new WebClient(server.url).json(method, path, body, token ? { headers: { authorization: `JWT ${token}` } } : {})
  const text = await response.text()
  return { status: response.status, json: jsonOrUndefined(text), text }
}

async function ok(server: TestServer, token: string | null, method: string, path: string, body?: unknown): Promise<any> {
  const answer = await api(server, token, method, path, body)
  if (answer.status < 200 || answer.status >= 300) throw new Error(`Arrange failed: ${method} ${path} gave ${answer.status}: ${answer.text.slice(0, 300)}`)
  return answer.json
}

type Staff = { admin: string; moderator: string; threadId: number | string }

/** Signs the staff in, lifts the posting limits (through the admin), and picks a published thread. */
async function arrangeStaff(server: TestServer): Promise<Staff> {
  const login = async (email: string) => (await ok(server, null, 'POST', '/api/users/login', { email, password: server.seedPassword })).token as string
  const admin = await login('admin@waymark.example')
  const moderator = await login('moderator@waymark.example')
  await ok(server, admin, 'POST', '/api/globals/moderation-settings', RELAXED_LIMITS)
  const threads = await ok(server, null, 'GET', '/api/threads?limit=1&depth=0')
  const threadId = threads?.docs?.[0]?.id
  if (threadId == null) throw new Error('Arrange failed: no published thread for a visitor')
  return { admin, moderator, threadId }
}

type Expected = { email: string; marker: string }

/**
 * For each email: the admin makes a new member, who replies (held for review, as a new member's post),
 * and the moderator rejects the reply with a reason carrying a marker. Spread over `via` in turn.
 */
async function queueRejectionEmails(staff: Staff, via: TestServer[], count: number, label: string): Promise<Expected[]> {
  const expected: Expected[] = []
  for (let i = 0; i < count; i++) {
    const server = via[i % via.length]!
    // The reason's marker appears nowhere else (not in the address, the name or the reply), so only the
    // rejection email can carry it.
    const marker = unique(`${label}${i}r`)
    const email = `jobs-${unique(`${label}${i}m`)}@scale-out.example`
    await ok(server, staff.admin, 'POST', '/api/users', { email, password: JOIN_PASSWORD, displayName: `Jobs ${unique('n')}`.slice(0, 40), memberType: 'supporter', _verified: true })
    const token = (await ok(server, null, 'POST', '/api/users/login', { email, password: JOIN_PASSWORD })).token as string
    const reply = await ok(server, token, 'POST', '/api/replies', { thread: staff.threadId, body: `A first reply from a new member, ${unique('b')}.` })
    if (reply?.doc?.status !== 'pending') throw new Error(`Arrange failed: a new member's reply is ${reply?.doc?.status}, not pending`)
    await ok(server, staff.moderator, 'POST', `/api/replies/${reply.doc.id}/moderate`, { action: 'reject', reason: `Please keep it kind, ${marker}` })
    expected.push({ email, marker })
  }
  return expected
}

const textOfMail = (mail: ParsedMail) => `${mail.subject ?? ''}\n${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`
const deliveriesOf = (mailbox: Mailbox, e: Expected) => mailbox.messages.filter((m) => addressesOf(m).includes(e.email) && textOfMail(m).includes(e.marker)).length

/** Every expected email arrives, and after the queue has run three more times, each was delivered exactly once. */
async function expectEachDeliveredOnce(mailbox: Mailbox, expected: Expected[], label: string) {
  await eventually(`${label}: all ${expected.length} emails delivered`, 90_000, () => expected.every((e) => deliveriesOf(mailbox, e) >= 1), 250).catch((error: Error) => {
    throw new Error(`${error.message} (delivered: ${expected.map((e) => deliveriesOf(mailbox, e)).join(', ')})`)
  })
  await new Promise((resolve) => setTimeout(resolve, THREE_RUNS_MS))
  expect(
    expected.map((e) => `${e.marker}: ${deliveriesOf(mailbox, e)}`),
    `${label}: deliveries per email`,
  ).toEqual(expected.map((e) => `${e.marker}: 1`))
  const ids = mailbox.messages.map((m) => m.messageId).filter(Boolean)
  expect(
    ids.filter((id, i) => ids.indexOf(id) !== i),
    `${label}: Message-IDs delivered more than once`,
  ).toEqual([])
}

/** Each process's runner lines, by pid, read from the servers' logs (from `offsets`, when given). */
function runnerStates(servers: TestServer[], offsets: number[] = []) {
  const byPid = new Map<number, ('acquired' | 'held' | 'other')[]>()
  servers.forEach((server, i) => {
    for (const line of runnerLines(server.logs().slice(offsets[i] ?? 0))) {
      if (typeof line.pid !== 'number') continue
      byPid.set(line.pid, [...(byPid.get(line.pid) ?? []), line.state])
    }
  })
  return byPid
}

const describeStates = (states: Map<number, string[]>) => [...states].map(([pid, list]) => `${pid}: ${list.join(' → ')}`).join('; ') || 'no runner lines'

/** Waits until one process holds the runner role and another has been told it is held. Returns the holder's pid. */
async function bothTried(servers: TestServer[], label: string): Promise<number> {
  let states = runnerStates(servers)
  await eventually(`${label}: one process acquired the runner role and another found it held`, 60_000, () => {
    states = runnerStates(servers)
    const lists = [...states.values()]
    return lists.some((l) => l.includes('acquired')) && [...states].some(([, l]) => l.includes('held') && !l.includes('acquired'))
  }).catch((error: Error) => {
    throw new Error(`${error.message}: ${describeStates(states)}`)
  })
  const holders = [...states].filter(([, list]) => list.at(-1) === 'acquired').map(([pid]) => pid)
  expect(holders, `${label}: exactly one process holds the runner role (${describeStates(states)})`).toHaveLength(1)
  expect(states.size, `${label}: processes that tried to run jobs (${describeStates(states)})`).toBeGreaterThanOrEqual(2)
  return holders[0]!
}

describe('two servers on one PostgreSQL database and one Redis', () => {
  const LABEL = 'so_jobs'
  let mailbox: Mailbox
  let pair: Pair
  let staff: Staff

  beforeAll(async () => {
    mailbox = await startSmtp()
    pair = await startPair(LABEL, { redis: true, smtpUrl: mailbox.url })
    staff = await arrangeStaff(pair.a)
  }, 300_000)

  afterAll(async () => {
    await stopPair(pair, LABEL)
    await mailbox?.close()
  }, 60_000)

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
