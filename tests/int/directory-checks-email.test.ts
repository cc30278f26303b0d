// Issue 17 A follow-up: once a week each moderator is emailed the directory entries due a check (unchecked
// for six months): their localities' and the county's, names and links only, no member data, once a week
// however often the job runs. Real SMTP on loopback; the job's function is called with a chosen "now".
import type { ParsedMail } from 'mailparser'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { EMAIL_DIRECTORY_CHECKS_TASK, emailDirectoryChecks } from '../../src/jobs/emailDirectoryChecks.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { addressesOf, startSmtp, type Mailbox } from '../support/smtp.js'
import { unique } from './helpers.js'

let payload: Payload
let mailbox: Mailbox
const api = () => payload as any

/** A Monday morning; entries checked before 2026-09-01 (six months earlier) are due. */
const NOW = new Date('2027-03-01T09:00:00Z')
const NEXT_WEEK = new Date('2027-03-08T09:00:00Z')

const E: Record<string, { id: number | string; name: string }> = {}
const M: Record<string, { id: number | string; email: string }> = {}
let suggester: { displayName: string; email: string }

async function entry(key: string, localityId: number | string, kindId: number | string, data: Record<string, unknown>) {
  const name = `${key} group ${unique()}`
  const doc = await api().create({ collection: 'directory-entries', data: { name, kind: kindId, locality: localityId, status: 'approved', ...data }, overrideAccess: true })
  E[key] = { id: doc.id, name }
}

async function moderator(key: string, localities: (number | string)[], roles: string[] = ['moderator']) {
  const doc = await createMember(payload, { roles: roles as never })
  if (localities.length) await api().update({ collection: 'users', id: doc.id, data: { moderatorLocalities: localities }, overrideAccess: true })
  M[key] = { id: doc.id, email: String(doc.email).toLowerCase() }
}

const mailTo = (key: string): ParsedMail[] => mailbox.messages.filter((mail) => addressesOf(mail).includes(M[key]!.email))
const textOf = (mail: ParsedMail) => `${mail.subject ?? ''}\n${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`

async function runAndSend(now: Date): Promise<number> {
  const queued = await emailDirectoryChecks(payload, now)
  await payload.jobs.run({ queue: 'default', limit: 200 })
  return queued
}

beforeAll(async () => {
  mailbox = await startSmtp()
  process.env.SMTP_URL = mailbox.url
  delete process.env.REDIS_URL
  payload = await bootPayload()
  const u = unique()
  const locality = (name: string, isCountyWide = false) =>
    api().create({ collection: 'localities', data: { name: `${name} ${u}`, slug: `${name.toLowerCase()}-${u}`, isCountyWide }, overrideAccess: true })
  const [north, east, county] = await Promise.all([locality('North'), locality('East'), locality('County', true)])
  const kind = await api().create({ collection: 'directory-kinds', data: { name: `Recovery cafe ${u}`, slug: `cafe-${u}`, group: 'community' }, overrideAccess: true })
  // A member's suggestion, approved long ago: who suggested it must not reach the email.
  const member = await createMember(payload, { displayName: `Suggester ${u}` })
  suggester = { displayName: String(member.displayName), email: String(member.email) }
  await entry('northDue', north.id, kind.id, { checkedOn: '2026-05-01', suggestedBy: member.id, contact: `Ring ${u} on 01772 000000` })
  await entry('northFresh', north.id, kind.id, { checkedOn: '2027-02-01' })
  await entry('northSuggested', north.id, kind.id, { status: 'suggested', checkedOn: '2026-01-01' })
  await entry('eastDue', east.id, kind.id, { checkedOn: '2026-01-10' })
  await entry('countyDue', county.id, kind.id, { checkedOn: '2025-12-01' })
  await moderator('north', [north.id])
  await moderator('east', [east.id])
  await moderator('everywhere', [])
  await moderator('member', [], ['member'])
})

afterAll(async () => {
  await mailbox?.close()
})

describe('the weekly "due a check" email to moderators', () => {
  test('is a scheduled task', () => {
    const task = payload.config.jobs.tasks?.find((t) => t.slug === EMAIL_DIRECTORY_CHECKS_TASK)
    expect(task?.schedule?.[0]?.cron).toBeTruthy()
  })

  test('each moderator gets their localities’ and the county’s due entries, with links; nothing fresh, suggested, or another locality’s', async () => {
    await runAndSend(NOW)
    const [north] = mailTo('north')
    expect(mailTo('north')).toHaveLength(1)
    const northText = textOf(north!)
    expect(north!.subject).toContain('2 directory entries are due a check')
    for (const key of ['northDue', 'countyDue']) {
      expect(northText, key).toContain(E[key]!.name)
      expect(northText, `${key}'s link`).toContain(`/directory/${E[key]!.id}`)
    }
    for (const key of ['northFresh', 'northSuggested', 'eastDue']) expect(northText, `${key} must not be listed`).not.toContain(E[key]!.name)
    const eastText = textOf(mailTo('east')[0]!)
    expect(eastText).toContain(E.eastDue!.name)
    expect(eastText).toContain(E.countyDue!.name)
    expect(eastText).not.toContain(E.northDue!.name)
    // An unscoped moderator looks after every locality.
    const everywhere = textOf(mailTo('everywhere')[0]!)
    for (const key of ['northDue', 'eastDue', 'countyDue']) expect(everywhere, key).toContain(E[key]!.name)
    expect(everywhere).not.toContain(E.northFresh!.name)
    expect(mailTo('member'), 'a member who is not a moderator').toHaveLength(0)
  })

  test('names and links only: no member data (who suggested it, the entry’s contact details)', () => {
    for (const mail of [...mailTo('north'), ...mailTo('everywhere')]) {
      const text = textOf(mail)
      expect(text).not.toContain(suggester.displayName)
      expect(text.toLowerCase()).not.toContain(suggester.email.toLowerCase())
      expect(text).not.toContain('01772 000000')
    }
  })

  test('once a week: a second run that week sends nothing more; the next week it is sent again', async () => {
    const before = { north: mailTo('north').length, everywhere: mailTo('everywhere').length }
    await runAndSend(new Date(NOW.getTime() + 2 * 3_600_000))
    await runAndSend(new Date(NOW.getTime() + 3 * 86_400_000))
    expect(mailTo('north')).toHaveLength(before.north)
    expect(mailTo('everywhere')).toHaveLength(before.everywhere)
    await runAndSend(NEXT_WEEK)
    expect(mailTo('north')).toHaveLength(before.north + 1)
    expect(mailTo('everywhere')).toHaveLength(before.everywhere + 1)
  })
})
