// What the jobs tests with several processes share (issue 15, "Jobs: one runner"): emails queued through
// the site (a moderator rejects new members' replies with a reason; each rejection emails its author the
// reason through the jobs queue), counted on a real SMTP server, and the runner election read from the
// servers' logs (`jobs runner: acquired`, `jobs runner: held by another process`, with each line's pid).
// Everything is done over HTTP (REST, as the admin's pages do): the test process runs no jobs of its own.
import type { ParsedMail } from 'mailparser'
import { expect } from 'vitest'

import { jsonOrUndefined, WebClient } from '../support/http.js'
import { eventually, runnerLines } from '../support/scaleOut.js'
import type { TestServer } from '../support/server.js'
import { addressesOf, type Mailbox } from '../support/smtp.js'
import { RELAXED_LIMITS } from './forumHelpers.js'
import { unique } from './helpers.js'

export const FIRST_EMAILS = 8
export const LATER_EMAILS = 4
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

export type Staff = { admin: string; moderator: string; threadId: number | string }

/** Signs the staff in, lifts the posting limits (through the admin), and picks a published thread. */
export async function arrangeStaff(server: TestServer): Promise<Staff> {
  const login = async (email: string) => (await ok(server, null, 'POST', '/api/users/login', { email, password: server.seedPassword })).token as string
  const admin = await login('admin@waymark.example')
  const moderator = await login('moderator@waymark.example')
  await ok(server, admin, 'POST', '/api/globals/moderation-settings', RELAXED_LIMITS)
  const threads = await ok(server, null, 'GET', '/api/threads?limit=1&depth=0')
  const threadId = threads?.docs?.[0]?.id
  if (threadId == null) throw new Error('Arrange failed: no published thread for a visitor')
  return { admin, moderator, threadId }
}

export type Expected = { email: string; marker: string }

/**
 * For each email: the admin makes a new member, who replies (held for review, as a new member's post),
 * and the moderator rejects the reply with a reason carrying a marker. Spread over `via` in turn.
 */
export async function queueRejectionEmails(staff: Staff, via: TestServer[], count: number, label: string): Promise<Expected[]> {
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
export async function expectEachDeliveredOnce(mailbox: Mailbox, expected: Expected[], label: string) {
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
export function runnerStates(servers: TestServer[], offsets: number[] = []) {
  const byPid = new Map<number, ('acquired' | 'held' | 'other')[]>()
  servers.forEach((server, i) => {
    for (const line of runnerLines(server.logs().slice(offsets[i] ?? 0))) {
      if (typeof line.pid !== 'number') continue
      byPid.set(line.pid, [...(byPid.get(line.pid) ?? []), line.state])
    }
  })
  return byPid
}

export const describeStates = (states: Map<number, string[]>) => [...states].map(([pid, list]) => `${pid}: ${list.join(' → ')}`).join('; ') || 'no runner lines'

/** Waits until one process holds the runner role and another has been told it is held. Returns the holder's pid. */
export async function bothTried(servers: TestServer[], label: string): Promise<number> {
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
