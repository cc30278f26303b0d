// Issue 12 A through a real Payload (Local API): a meeting that has not started cannot be recorded as
// held, with attendance or with minutes past draft (400, "has not happened yet", nothing saved); the
// next meeting is the first not cancelled from now; and the demo seed's meetings keep the rules (no
// closure day, the county on one weekday, nothing held in the future).
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { generateMeetingSeries } from '../../src/commands/meetings/generateSeries.js'
import { nextMeeting } from '../../src/queries/meetings.js'
import { isBankHoliday, isChristmasClosure } from '../../src/policies/bankHolidays.js'
import { londonParts } from '../../src/policies/londonTime.js'
import { seedDemoData } from '../../src/seed/demo.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { unique } from './helpers.js'

let payload: Payload
const db = () => payload as any
const HOUR = 3_600_000
const DAY = 24 * HOUR

async function newLocality() {
  const u = unique()
  return db().create({ collection: 'localities', data: { name: `Record ${u}`, slug: `record-${u}`, forumVisibility: 'members' }, overrideAccess: true })
}
async function meeting(locality: any, startsAt: Date, extra: Record<string, unknown> = {}) {
  return db().create({
    collection: 'meetings',
    data: { locality: locality.id, title: `Meeting ${unique()}`, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(), ...extra },
    overrideAccess: true,
  })
}
const read = (id: number | string) => db().findByID({ collection: 'meetings', id, overrideAccess: true, depth: 0 }) as Promise<any>

async function refused(run: Promise<unknown>) {
  let error: any
  try {
    await run
  } catch (e) {
    error = e
  }
  if (!error) throw new Error('expected the change to be refused, but it was saved')
  return { status: error.status, message: String(error.message ?? ''), fields: (error.data?.errors ?? []).map((e: any) => `${e.path}: ${e.message}`) as string[] }
}

beforeAll(async () => {
  payload = await bootPayload()
}, 120_000)

describe('a meeting that has not started cannot be recorded', () => {
  it('created as held, or with attendance: 400 with "has not happened yet", and nothing is made', async () => {
    const place = await newLocality()
    for (const extra of [{ status: 'held' }, { attendance: { total: 12, firstTimers: 2 } }, { status: 'held', attendance: { total: 0, firstTimers: 0 } }]) {
      const title = `Early ${unique()}`
      const got = await refused(meeting(place, new Date(Date.now() + 3 * DAY), { title, ...extra }))
      expect(got.status).toBe(400)
      expect(got.message).toContain('has not happened yet')
      expect(got.fields.join(' ')).toContain('has not happened yet')
      expect((await db().count({ collection: 'meetings', where: { title: { equals: title } }, overrideAccess: true })).totalDocs).toBe(0)
    }
  })

  it('a scheduled future meeting cannot be closed, given figures or have its minutes approved; nothing is half-saved', async () => {
    const place = await newLocality()
    const m = await meeting(place, new Date(Date.now() + 10 * 60_000))
    const before = await read(m.id)
    for (const data of [
      { status: 'held', title: `Renamed ${unique()}` },
      { attendance: { total: 30, firstTimers: 3 } },
      { attendance: { total: 0 } },
      { status: 'held', attendance: { total: 30, firstTimers: 3 }, minutesStatus: 'approved' },
    ]) {
      const got = await refused(db().update({ collection: 'meetings', id: m.id, data, overrideAccess: true }))
      expect(got.status, JSON.stringify(data)).toBe(400)
      expect(got.message, JSON.stringify(data)).toContain('has not happened yet')
      const after = await read(m.id)
      expect(after.status).toBe('scheduled')
      expect(after.title).toBe(before.title)
      expect(after.attendance?.total ?? null).toBeNull()
      expect(after.sequence).toBe(before.sequence)
    }
    // Planning it is still fine.
    await db().update({ collection: 'meetings', id: m.id, data: { title: `Planned ${unique()}` }, overrideAccess: true })
  })

  it('once started it is recorded as before; a held meeting cannot then be moved into the future', async () => {
    const place = await newLocality()
    const m = await meeting(place, new Date(Date.now() - 30 * 60_000))
    await db().update({ collection: 'meetings', id: m.id, data: { status: 'held', attendance: { total: 41, firstTimers: 6 } }, overrideAccess: true })
    expect((await read(m.id)).status).toBe('held')
    const later = new Date(Date.now() + 7 * DAY)
    const got = await refused(db().update({ collection: 'meetings', id: m.id, data: { startsAt: later.toISOString(), endsAt: new Date(later.getTime() + HOUR).toISOString() }, overrideAccess: true }))
    expect(got.status).toBe(400)
    expect(got.message).toContain('has not happened yet')
    expect(new Date((await read(m.id)).startsAt).getTime()).toBeLessThan(Date.now())
  })
})

describe('the next meeting', () => {
  it('is the first not cancelled that starts now or later; one under way or cancelled is not it', async () => {
    const place = await newLocality()
    await meeting(place, new Date(Date.now() - 20 * 60_000)) // under way
    await meeting(place, new Date(Date.now() + 1 * DAY), { status: 'cancelled', cancellationReason: 'The hall is closed.' })
    const next = await meeting(place, new Date(Date.now() + 2 * DAY))
    await meeting(place, new Date(Date.now() + 9 * DAY))
    const got = await nextMeeting(payload, null, place.id)
    expect(String(got?.id)).toBe(String(next.id))
    expect(await nextMeeting(payload, null, (await newLocality()).id)).toBeNull()
  })
})

describe('generating a county series', () => {
  it('keeps the weekday: the same nth weekday every quarter, a closed date a week later, and so on when continued', async () => {
    const u = unique()
    const county = await db().create({ collection: 'localities', data: { name: `County ${u}`, slug: `county-${u}`, isCountyWide: true, meetingCadenceWeeks: 13 }, overrideAccess: true })
    const moderator = { ...(await createMember(payload, { roles: ['moderator'] })), collection: 'users' }
    // 4th Monday of February 2031 → 4th Mondays of May and August (26 May and 25 August 2031 are bank holidays:
    // a week later each), then November.
    const first = await generateMeetingSeries(payload, moderator, { locality: county.id, count: 4, firstDate: '2031-02-24', startTime: '18:00' })
    const dates = (list: { startsAt: string }[]) => list.map((m) => londonParts(new Date(m.startsAt)).date)
    expect(dates(first.created)).toEqual(['2031-02-24', '2031-06-02', '2031-09-01', '2031-11-24'])
    expect(first.created.map((m) => m.moved)).toEqual([false, true, true, false])
    // Continued from the latest nominal date: February 2032's 4th Monday, then May's (24 May 2032).
    const more = await generateMeetingSeries(payload, moderator, { locality: county.id, count: 2 })
    expect(dates(more.created)).toEqual(['2032-02-23', '2032-05-24'])
    for (const date of [...dates(first.created), ...dates(more.created)]) expect(londonParts(new Date(`${date}T12:00:00Z`)).weekday).toBe(1)
  })
})

describe('the demo seed', () => {
  let meetings: any[]
  let listed: Set<string>
  let countyId: string

  beforeAll(async () => {
    await seedDemoData(payload, { password: 'seed-test-lantern-orchard-7' })
    // The four demo localities (the seed also plans meetings for any other locality that has none).
    const demoPlaces = (await db().find({ collection: 'localities', where: { slug: { like: 'lancashire' } }, depth: 0, overrideAccess: true, limit: 10 })).docs.map((l: any) => l.id)
    meetings = (await db().find({ collection: 'meetings', where: { and: [{ isDemo: { equals: true } }, { locality: { in: demoPlaces } }] }, pagination: false, depth: 0, overrideAccess: true })).docs
    const settings = await db().findGlobal({ slug: 'meeting-settings', depth: 0, overrideAccess: true })
    listed = new Set((settings.closureDays ?? []).map((d: any) => String(d.date)))
    countyId = String(
      (await db().find({ collection: 'localities', where: { and: [{ isCountyWide: { equals: true } }, { slug: { equals: 'lancashire-county' } }] }, limit: 1, depth: 0, overrideAccess: true })).docs[0]
        .id,
    )
  }, 300_000)

  it('made meetings for every demo locality, past and future', () => {
    expect(meetings.length).toBeGreaterThan(20)
    const byLocality = new Map<string, any[]>()
    for (const m of meetings) byLocality.set(String(m.locality), [...(byLocality.get(String(m.locality)) ?? []), m])
    expect(byLocality.size).toBe(4)
    for (const [locality, list] of byLocality) {
      expect(
        list.some((m) => m.status === 'held'),
        locality,
      ).toBe(true)
      expect(
        list.some((m) => Date.parse(m.startsAt) > Date.now()),
        locality,
      ).toBe(true)
    }
  })

  it('no demo meeting is on a bank holiday, in 24 Dec–1 Jan or on a listed closure day (London dates)', () => {
    const closed = meetings.map((m) => londonParts(new Date(m.startsAt)).date).filter((d) => listed.has(d) || isBankHoliday(d) || isChristmasClosure(d))
    expect(closed).toEqual([])
  })

  it('the county demo meetings are all on one weekday', () => {
    const weekdays = new Set(meetings.filter((m) => String(m.locality) === countyId).map((m) => londonParts(new Date(m.startsAt)).weekday))
    expect(weekdays.size).toBe(1)
  })

  it('no demo meeting in the future is held, has attendance or minutes past draft', () => {
    const early = meetings.filter((m) => Date.parse(m.startsAt) > Date.now() && (m.status === 'held' || m.attendance?.total != null || m.minutesStatus !== 'draft'))
    expect(early.map((m) => m.startsAt)).toEqual([])
  })
})
