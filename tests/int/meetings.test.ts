// Meetings, reminders and actions through a real Payload on a temporary database (issue 5), with a
// real SMTP server on loopback: the email queue is run here and what arrives is what is checked.
//
// - every update bumps the calendar SEQUENCE; minutes only go draft → approved → published (and back
//   to draft), and a refused change saves nothing;
// - remindMeetings sends one reminder per opted-in, verified member of the home locality (every such
//   member for the county), only for meetings in (now, now + 48 h], never twice (sequential or
//   concurrent), again when the meeting moves; the email carries the London time, venue, joining
//   details, the meeting link and a one-click unsubscribe link;
// - moving or cancelling a future meeting emails opted-in members of that locality;
// - actions need a meeting, thread or story; take their locality from the meeting; completedAt is set.
//
// Each scenario uses its own localities and its own stretch of the calendar, so the reminder windows
// of one test never hold another test's meetings.
import type { ParsedMail } from 'mailparser'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { readUnsubscribeToken } from '../../src/email/unsubscribe.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { addressesOf, startSmtp, type Mailbox } from '../support/smtp.js'
import { unique } from './helpers.js'

let payload: Payload
let mailbox: Mailbox
let remindMeetings: (payload: Payload, now?: Date) => Promise<number>
let county: any

const db = () => payload as any
const HOUR = 3_600_000
const DAY = 24 * HOUR

// ---------------------------------------------------------------------------------------------
// Arrangement
// ---------------------------------------------------------------------------------------------
async function newLocality(extra: Record<string, unknown> = {}) {
  const u = unique()
  return db().create({ collection: 'localities', data: { name: `Place ${u}`, slug: `place-${u}`, forumVisibility: 'members', ...extra }, overrideAccess: true })
}

type Person = Awaited<ReturnType<typeof createMember>>

async function person(options: { home?: any; reminders?: boolean; changes?: boolean; verified?: boolean }): Promise<Person> {
  const member = await createMember(payload, { verified: options.verified ?? true })
  await payload.update({
    collection: 'users',
    id: member.id,
    data: {
      homeLocality: options.home?.id ?? null,
      notifications: { notifyReplies: false, digest: 'never', notifyMeetingReminders: options.reminders ?? false, notifyMeetingChanges: options.changes ?? false },
    } as never,
    overrideAccess: true,
  })
  return member
}

async function meeting(locality: any, startsAt: Date, extra: Record<string, unknown> = {}) {
  return db().create({
    collection: 'meetings',
    data: {
      locality: locality.id,
      title: `Meeting ${unique()}`,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
      venue: { name: `Hall ${unique()}`, address: '1 Church Street, Preston', accessibility: `Level access ${unique()}` },
      online: `Join at https://meet.example/${unique()}`,
      ...extra,
    },
    overrideAccess: true,
  })
}

const readMeeting = (id: number | string) => db().findByID({ collection: 'meetings', id, overrideAccess: true, depth: 0 }) as Promise<any>
const updateMeeting = (id: number | string, data: Record<string, unknown>) => db().update({ collection: 'meetings', id, data, overrideAccess: true }) as Promise<any>

/** The change must be refused with a 400 and a message a person can read; returns the message. */
async function refused(run: Promise<unknown>): Promise<{ status: unknown; message: string }> {
  let error: any
  try {
    await run
  } catch (e) {
    error = e
  }
  if (!error) throw new Error('expected the change to be refused, but it was saved')
  const details = (error.data?.errors ?? []).map((e: any) => `${e.path ?? ''} ${e.message ?? ''}`).join('; ')
  return { status: error.status, message: `${error.message ?? ''} ${details}` }
}

// ---------------------------------------------------------------------------------------------
// Email: queued jobs are run here and delivered to the real SMTP server
// ---------------------------------------------------------------------------------------------
async function deliver() {
  for (let round = 0; round < 3; round++) await payload.jobs.run({ allQueues: true, limit: 1000 } as never)
  // Let the SMTP server finish parsing what it received.
  let last = -1
  while (mailbox.messages.length !== last) {
    last = mailbox.messages.length
    await new Promise((r) => setTimeout(r, 300))
  }
}

const htmlOf = (mail: ParsedMail) => `${typeof mail.html === 'string' ? mail.html : ''}\n${mail.text ?? ''}`
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ')
const linksTo = (mail: ParsedMail, id: number | string) => new RegExp(`/meetings/${id}(?![0-9])`).test(htmlOf(mail))

function mailsTo(member: Person, prefix: string, meetingId?: number | string): ParsedMail[] {
  return mailbox.messages.filter((m) => addressesOf(m).includes(member.email.toLowerCase()) && (m.subject ?? '').startsWith(prefix) && (meetingId === undefined || linksTo(m, meetingId)))
}
const reminders = (member: Person, meetingId?: number | string) => mailsTo(member, 'Reminder:', meetingId).length
const allReminders = () => mailbox.messages.filter((m) => (m.subject ?? '').startsWith('Reminder:')).length

beforeAll(async () => {
  mailbox = await startSmtp()
  process.env.SMTP_URL = mailbox.url
  payload = await bootPayload()
  ;({ remindMeetings } = (await import('../../src/jobs/remindMeetings.js')) as any)
  county = await newLocality({ name: `County ${unique()}`, isCountyWide: true, forumVisibility: 'public', meetingCadenceWeeks: 13 })
})

afterAll(async () => {
  await mailbox?.close()
})

// ---------------------------------------------------------------------------------------------
describe('a meeting record', () => {
  let quiet: any
  beforeAll(async () => {
    quiet = await newLocality()
  })

  it('bumps sequence by one on every update, whatever the update says about sequence', async () => {
    const m = await meeting(quiet, new Date('2033-01-11T18:00:00Z'))
    const s0 = Number((await readMeeting(m.id)).sequence ?? 0)
    expect(Number.isInteger(s0)).toBe(true)
    await updateMeeting(m.id, { title: `Renamed ${unique()}` })
    expect(Number((await readMeeting(m.id)).sequence)).toBe(s0 + 1)
    await updateMeeting(m.id, { venue: { name: `Other hall ${unique()}`, address: '2 Market Place', accessibility: 'Lift to first floor' } })
    expect(Number((await readMeeting(m.id)).sequence)).toBe(s0 + 2)
    await updateMeeting(m.id, { startsAt: '2033-01-12T18:00:00.000Z', endsAt: '2033-01-12T20:00:00.000Z' })
    expect(Number((await readMeeting(m.id)).sequence)).toBe(s0 + 3)
    await updateMeeting(m.id, { title: `Again ${unique()}`, sequence: 0 })
    expect(Number((await readMeeting(m.id)).sequence)).toBe(s0 + 4)
  })

  it('minutes go draft → approved → published and back to draft; other steps are refused and save nothing', async () => {
    const m = await meeting(quiet, new Date(Date.now() - 7 * DAY), {
      status: 'held',
      attendance: { total: 20, firstTimers: 3 },
      minutes: markdownToLexical(`We talked about the drop-in ${unique()}.`),
    })
    const start = await readMeeting(m.id)
    expect(start.minutesStatus).toBe('draft')

    const skip = await refused(updateMeeting(m.id, { minutesStatus: 'published', title: `Half saved ${unique()}` }))
    expect(skip.status).toBe(400)
    expect(skip.message).toMatch(/minutes|publish|approv/i)
    let stored = await readMeeting(m.id)
    expect(stored.minutesStatus).toBe('draft')
    expect(stored.title, 'nothing half-saved').toBe(start.title)
    expect(stored.sequence, 'a refused change is not a change').toBe(start.sequence)
    expect(stored.minutesPublishedAt ?? null).toBeNull()

    await updateMeeting(m.id, { minutesStatus: 'approved' })
    expect((await readMeeting(m.id)).minutesStatus).toBe('approved')
    await updateMeeting(m.id, { minutesStatus: 'draft' })
    expect((await readMeeting(m.id)).minutesStatus).toBe('draft')
    await updateMeeting(m.id, { minutesStatus: 'approved' })
    const before = Date.now()
    await updateMeeting(m.id, { minutesStatus: 'published' })
    stored = await readMeeting(m.id)
    expect(stored.minutesStatus).toBe('published')
    expect(stored.minutesPublishedAt).toBeTruthy()
    expect(new Date(stored.minutesPublishedAt).getTime()).toBeGreaterThanOrEqual(before - 5000)

    const back = await refused(updateMeeting(m.id, { minutesStatus: 'approved' }))
    expect(back.status).toBe(400)
    expect(back.message).toMatch(/minutes|publish|approv|retract/i)
    expect((await readMeeting(m.id)).minutesStatus).toBe('published')

    await updateMeeting(m.id, { minutesStatus: 'draft' }) // retract
    expect((await readMeeting(m.id)).minutesStatus).toBe('draft')
  })

  it('approving needs a held meeting with minutes; cancelling needs a reason; numbers and times are checked', async () => {
    const scheduled = await meeting(quiet, new Date(Date.now() - 3 * DAY), { minutes: markdownToLexical(`Notes ${unique()}`) })
    const notHeld = await refused(updateMeeting(scheduled.id, { minutesStatus: 'approved' }))
    expect(notHeld.status).toBe(400)
    expect((await readMeeting(scheduled.id)).minutesStatus).toBe('draft')

    const heldEmpty = await meeting(quiet, new Date(Date.now() - 4 * DAY), { status: 'held', attendance: { total: 9, firstTimers: 1 } })
    const noMinutes = await refused(updateMeeting(heldEmpty.id, { minutesStatus: 'approved' }))
    expect(noMinutes.status).toBe(400)
    expect((await readMeeting(heldEmpty.id)).minutesStatus).toBe('draft')

    const future = await meeting(quiet, new Date('2033-03-08T18:00:00Z'))
    const noReason = await refused(updateMeeting(future.id, { status: 'cancelled' }))
    expect(noReason.status).toBe(400)
    expect(noReason.message).toMatch(/reason|cancel/i)
    expect((await readMeeting(future.id)).status).toBe('scheduled')
    await updateMeeting(future.id, { status: 'cancelled', cancellationReason: 'The hall is closed for repairs.' })
    expect((await readMeeting(future.id)).status).toBe('cancelled')

    const tooMany = await refused(updateMeeting(heldEmpty.id, { attendance: { total: 5, firstTimers: 6 } }))
    expect(tooMany.status).toBe(400)
    const negative = await refused(updateMeeting(heldEmpty.id, { attendance: { total: -1, firstTimers: 0 } }))
    expect(negative.status).toBe(400)
    expect(Number((await readMeeting(heldEmpty.id)).attendance?.total)).toBe(9)

    const backwards = await refused(
      db().create({
        collection: 'meetings',
        data: { locality: quiet.id, title: `Backwards ${unique()}`, startsAt: '2033-04-05T18:00:00.000Z', endsAt: '2033-04-05T17:00:00.000Z' },
        overrideAccess: true,
      }),
    )
    expect(backwards.status).toBe(400)
  })
})

// ---------------------------------------------------------------------------------------------
describe('remindMeetings', () => {
  it('reminds opted-in verified members of the home locality (everyone opted in for the county), only for (now, now + 48 h]', async () => {
    const home = await newLocality()
    const other = await newLocality()
    const now = new Date('2031-03-10T09:00:00Z')
    const [optedIn, optedOut, unverified, elsewhere, homeless] = await Promise.all([
      person({ home, reminders: true }),
      person({ home, reminders: false }),
      person({ home, reminders: true, verified: false }),
      person({ home: other, reminders: true }),
      person({ reminders: true }),
    ])
    const inWindow = await meeting(home, new Date(now.getTime() + 24 * HOUR))
    const atEdge = await meeting(home, new Date(now.getTime() + 48 * HOUR))
    const tooLate = await meeting(home, new Date(now.getTime() + 48 * HOUR + 60_000))
    const atNow = await meeting(home, now)
    const justPast = await meeting(home, new Date(now.getTime() - 60_000))
    const cancelled = await meeting(home, new Date(now.getTime() + 12 * HOUR), { status: 'cancelled', cancellationReason: 'Venue flooded' })
    const countyWide = await meeting(county, new Date(now.getTime() + 30 * HOUR))

    const before = allReminders()
    const queued = await remindMeetings(payload, now)
    await deliver()
    expect(allReminders() - before, 'the count returned is the number of reminders sent').toBe(queued)

    expect(reminders(optedIn, inWindow.id)).toBe(1)
    expect(reminders(optedIn, atEdge.id), 'now + 48 h is inside the window').toBe(1)
    expect(reminders(optedIn, tooLate.id)).toBe(0)
    expect(reminders(optedIn, atNow.id), 'a meeting starting now is not ahead').toBe(0)
    expect(reminders(optedIn, justPast.id)).toBe(0)
    expect(reminders(optedIn, cancelled.id), 'no reminder for a cancelled meeting').toBe(0)
    expect(reminders(optedIn, countyWide.id)).toBe(1)
    expect(reminders(optedIn)).toBe(3)
    expect(reminders(optedOut)).toBe(0)
    expect(reminders(unverified)).toBe(0)
    expect(reminders(elsewhere, inWindow.id), "another locality's member").toBe(0)
    expect(reminders(elsewhere, countyWide.id), 'the county meeting reaches every opted-in member').toBe(1)
    expect(reminders(elsewhere)).toBe(1)
    expect(reminders(homeless, countyWide.id)).toBe(1)
    expect(reminders(homeless)).toBe(1)
  })

  it('never reminds twice, run again or run concurrently; a moved meeting gets a new reminder', async () => {
    const home = await newLocality()
    const now = new Date('2031-06-10T09:00:00Z')
    const [a, b, c] = await Promise.all([person({ home, reminders: true }), person({ home, reminders: true }), person({ home, reminders: false })])
    const first = await meeting(home, new Date(now.getTime() + 20 * HOUR))

    expect(await remindMeetings(payload, now)).toBe(2)
    expect(await remindMeetings(payload, now), 'a second run sends nothing').toBe(0)

    const second = await meeting(home, new Date(now.getTime() + 30 * HOUR))
    const [x, y] = await Promise.all([remindMeetings(payload, now), remindMeetings(payload, now)])
    expect(x + y, 'two runs at once send one reminder per member between them').toBe(2)
    await deliver()
    for (const member of [a, b]) {
      expect(reminders(member, first.id)).toBe(1)
      expect(reminders(member, second.id)).toBe(1)
    }
    expect(reminders(c)).toBe(0)

    const moved = new Date(now.getTime() + 21 * HOUR)
    await updateMeeting(first.id, { startsAt: moved.toISOString(), endsAt: new Date(moved.getTime() + 2 * HOUR).toISOString() })
    expect(await remindMeetings(payload, now), 'the new time is reminded').toBe(2)
    expect(await remindMeetings(payload, now)).toBe(0)
    await deliver()
    for (const member of [a, b]) {
      expect(reminders(member, first.id)).toBe(2)
      expect(reminders(member, second.id)).toBe(1)
    }
    expect(reminders(c)).toBe(0)
  })

  it('the reminder gives the London time, venue, accessibility, joining details, the meeting link and a one-click unsubscribe', async () => {
    const home = await newLocality()
    const member = await person({ home, reminders: true })
    const venueName = `Riverside Hall ${unique()}`
    const access = `Ramp at side door ${unique()}`
    const joining = `https://meet.example/${unique()}`
    // 18:00 in London on 15 July (BST) is 17:00Z.
    const m = await meeting(home, new Date('2031-07-15T17:00:00Z'), {
      venue: { name: venueName, address: '3 Quay Road, Lancaster', accessibility: access },
      online: `Join at ${joining}`,
    })
    await remindMeetings(payload, new Date('2031-07-13T18:00:00Z'))
    await deliver()
    const mails = mailsTo(member, 'Reminder:')
    expect(mails).toHaveLength(1)
    const html = htmlOf(mails[0]!)
    const text = textOf(html)
    expect(text).toContain('15 July 2031')
    expect(text).toMatch(/\b18:00\b/)
    expect(text, 'not UTC').not.toMatch(/\b17:00\b/)
    expect(text).toContain(venueName)
    expect(text).toContain(access)
    expect(html).toContain(joining)
    expect(linksTo(mails[0]!, m.id)).toBe(true)
    const link = html.match(/\/unsubscribe\?token=([^"&\s<]+)/)
    expect(link, 'an unsubscribe link').not.toBeNull()
    expect(readUnsubscribeToken(decodeURIComponent(link![1]!))).toEqual({ memberId: String(member.id), what: 'notifyMeetingReminders' })
  })
})

// ---------------------------------------------------------------------------------------------
describe('moved and cancelled meetings', () => {
  it('moving or cancelling a future meeting emails opted-in verified members of its locality (all of them for the county)', async () => {
    const home = await newLocality()
    const other = await newLocality()
    const [told, notTold, unverified, elsewhere] = await Promise.all([
      person({ home, changes: true }),
      person({ home, changes: false }),
      person({ home, changes: true, verified: false }),
      person({ home: other, changes: true }),
    ])
    const moved = (p: Person) => mailsTo(p, 'Meeting moved:').length
    const cancelled = (p: Person) => mailsTo(p, 'Meeting cancelled:').length

    const m = await meeting(home, new Date('2032-02-10T18:00:00Z'))
    await updateMeeting(m.id, { title: `New name ${unique()}` })
    await deliver()
    expect(moved(told), 'a new title is not a move').toBe(0)

    await updateMeeting(m.id, { startsAt: '2032-02-11T18:00:00.000Z', endsAt: '2032-02-11T20:00:00.000Z' })
    await deliver()
    expect(moved(told)).toBe(1)
    for (const p of [notTold, unverified, elsewhere]) expect(moved(p)).toBe(0)

    await updateMeeting(m.id, { status: 'cancelled', cancellationReason: 'The hall is closed.' })
    await deliver()
    expect(cancelled(told)).toBe(1)
    for (const p of [notTold, unverified, elsewhere]) expect(cancelled(p)).toBe(0)

    const countyMeeting = await meeting(county, new Date('2032-02-17T18:00:00Z'))
    await updateMeeting(countyMeeting.id, { status: 'cancelled', cancellationReason: 'Snow.' })
    await deliver()
    expect(cancelled(told)).toBe(2)
    expect(cancelled(elsewhere), 'the county meeting concerns every opted-in member').toBe(1)
    expect(cancelled(notTold)).toBe(0)
    expect(cancelled(unverified)).toBe(0)

    // A past meeting corrected afterwards is nobody's news.
    const past = await meeting(home, new Date(Date.now() - 3 * DAY), { status: 'held', attendance: { total: 12, firstTimers: 2 } })
    const corrected = new Date(new Date((await readMeeting(past.id)).startsAt).getTime() + HOUR)
    await updateMeeting(past.id, { startsAt: corrected.toISOString(), endsAt: new Date(corrected.getTime() + HOUR).toISOString() })
    await deliver()
    expect(moved(told)).toBe(1)
  })
})

// ---------------------------------------------------------------------------------------------
describe('actions ("you said, we did")', () => {
  it('need a meeting, thread or story, on create and on update', async () => {
    const description = `Unlinked ${unique()}`
    await refused(db().create({ collection: 'actions', data: { description, owner: 'DAAT' }, overrideAccess: true }))
    expect((await db().count({ collection: 'actions', where: { description: { equals: description } }, overrideAccess: true })).totalDocs).toBe(0)

    const home = await newLocality()
    const m = await meeting(home, new Date('2033-05-10T17:00:00Z'))
    const action = await db().create({ collection: 'actions', data: { description: `Linked ${unique()}`, meeting: m.id }, overrideAccess: true })
    await refused(db().update({ collection: 'actions', id: action.id, data: { meeting: null }, overrideAccess: true }))
    const stored = await db().findByID({ collection: 'actions', id: action.id, overrideAccess: true, depth: 0 })
    expect(String(stored.meeting)).toBe(String(m.id))
  })

  it('take their locality and raised date from the meeting; completedAt is set when done or dropped', async () => {
    const home = await newLocality()
    const m = await meeting(home, new Date('2033-06-14T17:00:00Z'))
    const done = await db().create({ collection: 'actions', data: { description: `More evening groups ${unique()}`, meeting: m.id, owner: 'Treatment provider' }, overrideAccess: true })
    let stored = await db().findByID({ collection: 'actions', id: done.id, overrideAccess: true, depth: 0 })
    expect(String(stored.locality)).toBe(String(home.id))
    expect(stored.status).toBe('open')
    expect(stored.completedAt ?? null).toBeNull()
    expect(Math.abs(new Date(stored.raisedOn).getTime() - new Date('2033-06-14T17:00:00Z').getTime())).toBeLessThan(DAY)

    await db().update({ collection: 'actions', id: done.id, data: { status: 'in-progress' }, overrideAccess: true })
    expect((await db().findByID({ collection: 'actions', id: done.id, overrideAccess: true, depth: 0 })).completedAt ?? null).toBeNull()
    const before = Date.now()
    await db().update({ collection: 'actions', id: done.id, data: { status: 'done', outcome: 'Two evening groups started in March.' }, overrideAccess: true })
    stored = await db().findByID({ collection: 'actions', id: done.id, overrideAccess: true, depth: 0 })
    expect(stored.completedAt).toBeTruthy()
    expect(new Date(stored.completedAt).getTime()).toBeGreaterThanOrEqual(before - 5000)
    expect(new Date(stored.completedAt).getTime()).toBeLessThanOrEqual(Date.now() + 5000)

    const dropped = await db().create({ collection: 'actions', data: { description: `Free parking ${unique()}`, meeting: m.id }, overrideAccess: true })
    await db().update({ collection: 'actions', id: dropped.id, data: { status: 'dropped', outcome: 'The council said no.' }, overrideAccess: true })
    expect((await db().findByID({ collection: 'actions', id: dropped.id, overrideAccess: true, depth: 0 })).completedAt).toBeTruthy()
  })
})
