// Hostile, issue 12 A: a meeting that has not happened yet cannot be recorded as held.
//
// Whenever a meeting's startsAt is later than now, setting status 'held', any attendance figure, or
// minutesStatus other than 'draft' is refused: REST answers 400 with a message containing "has not
// happened yet", the public close form (GET/POST /meetings/:id/close) says the same in words (400 on
// POST), and nothing is saved. A meeting whose start has passed is recorded as before.
//
// "Next meeting" on a locality page (and the upcoming list on /meetings) is the first not-cancelled
// meeting with startsAt >= now, whatever its status: it still shows the future meeting after every
// refused attempt, and it shows a future meeting that an older version wrongly stored as held (written
// straight into the database here, under the hooks, the way such a record was left behind).
//
// One real server with the demo seed; arranged through the Local API on its database; attacked over
// HTTP as the demo moderator (REST with a JWT, the public forms with a same-origin session).
import { beforeAll, describe, expect, test } from 'vitest'

import { markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { api, seededModerator, textOf } from './forumHelpers.js'
import { settle, signedIn, unique, useHostileServer } from './helpers.js'

const hostile = useHostileServer('future-meeting')
const db = () => hostile.payload as any

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const NOT_YET = /has not happened yet/i

type Fixture = { id: string; title: string }
let loc: Record<string, number | string> = {}
let future: Fixture // lancashire-east, before every other east meeting to come
let legacy: Fixture // lancashire-north, future, stored as held under the hooks
let past: Fixture // lancashire-east, started (and ended) three hours ago, still scheduled
const DRAFT_MINUTES = `Agenda notes kept before the meeting ${unique('prep')}`

const readMeeting = async (id: string) => (await settle(() => db().findByID({ collection: 'meetings', id, overrideAccess: true, depth: 0 }))) as any

/** What must not change when a write is refused. */
const snapshot = (doc: any) => ({
  status: doc.status,
  total: doc.attendance?.total ?? null,
  firstTimers: doc.attendance?.firstTimers ?? null,
  minutesStatus: doc.minutesStatus,
  minutes: JSON.stringify(doc.minutes ?? null),
  startsAt: new Date(doc.startsAt).toISOString(),
  title: doc.title,
  sequence: doc.sequence,
  updatedAt: doc.updatedAt,
})

/** The soonest meeting to come (not cancelled) of a locality, or of all of them. */
async function soonestUpcoming(locality?: number | string): Promise<number> {
  const where: any = { and: [{ startsAt: { greater_than: new Date().toISOString() } }, { status: { not_equals: 'cancelled' } }] }
  if (locality != null) where.and.push({ locality: { equals: locality } })
  const found: any = await settle(() => db().find({ collection: 'meetings', where, sort: 'startsAt', limit: 1, depth: 0, overrideAccess: true }))
  return found.docs[0] ? new Date(found.docs[0].startsAt).getTime() : Number.POSITIVE_INFINITY
}

async function createMeeting(locality: number | string, title: string, startsAt: Date, extra: Record<string, unknown> = {}): Promise<Fixture> {
  const doc: any = await settle(() =>
    db().create({
      collection: 'meetings',
      overrideAccess: true,
      data: {
        locality,
        title,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
        venue: { name: 'Weavers’ Hall', address: '22 Canal Street, Burnley', accessibility: 'Ramp at the side door.' },
        status: 'scheduled',
        ...extra,
      },
    }),
  )
  return { id: String(doc.id), title }
}

/** A start time before every other upcoming meeting of the locality (or of the whole site), in whole minutes. */
async function soonerThanEverything(locality: number | string, wholeSite: boolean): Promise<Date> {
  const now = Date.now()
  const soonest = wholeSite ? await soonestUpcoming() : await soonestUpcoming(locality)
  const at = Math.min(now + 20 * HOUR, soonest - HOUR)
  if (at < now + 2 * HOUR) throw new Error(`Arrange failed: an upcoming meeting starts too soon (${new Date(soonest).toISOString()})`)
  return new Date(Math.floor(at / MINUTE) * MINUTE)
}

beforeAll(async () => {
  const found: any = await settle(() => db().find({ collection: 'localities', overrideAccess: true, limit: 100, depth: 0 }))
  loc = Object.fromEntries(found.docs.map((d: any) => [d.slug, d.id]))
  for (const slug of ['lancashire-east', 'lancashire-north']) if (loc[slug] == null) throw new Error(`Arrange failed: no locality ${slug}`)

  future = await createMeeting(loc['lancashire-east']!, `East future ${unique('fm')}`, await soonerThanEverything(loc['lancashire-east']!, true), {
    minutes: markdownToLexical(DRAFT_MINUTES),
  })
  past = await createMeeting(loc['lancashire-east']!, `East just gone ${unique('pm')}`, new Date(Math.floor((Date.now() - 3 * HOUR) / MINUTE) * MINUTE))

  // A record an older version left behind: a future meeting stored as held. Written through the database
  // adapter, under the collection hooks, because the hooks (rightly) no longer allow it.
  legacy = await createMeeting(loc['lancashire-north']!, `North legacy ${unique('lg')}`, await soonerThanEverything(loc['lancashire-north']!, false))
  await settle(() => db().db.updateOne({ collection: 'meetings', id: legacy.id, data: { status: 'held' } }))
  if ((await readMeeting(legacy.id)).status !== 'held') throw new Error('Arrange failed: the legacy meeting is not stored as held')
}, 240_000)

// ---------------------------------------------------------------------------------------------
// REST
// ---------------------------------------------------------------------------------------------
describe('REST: a future meeting cannot be recorded as held', () => {
  const attempts: [string, Record<string, unknown>][] = [
    ['status held', { status: 'held' }],
    ['status held with attendance', { status: 'held', attendance: { total: 24, firstTimers: 3 } }],
    ['attendance alone', { attendance: { total: 24, firstTimers: 3 } }],
    ['attendance total alone', { attendance: { total: 24 } }],
    ['first-timers alone', { attendance: { firstTimers: 3 } }],
    ['attendance of zero', { attendance: { total: 0, firstTimers: 0 } }],
    ['minutes approved', { minutesStatus: 'approved' }],
    ['minutes published', { minutesStatus: 'published' }],
    ['held with a new title', { title: 'Renamed while recording', status: 'held', attendance: { total: 5, firstTimers: 1 } }],
  ]
  for (const [label, body] of attempts) {
    test(`PATCH ${label} → 400 "has not happened yet", and nothing changes`, async () => {
      const before = snapshot(await readMeeting(future.id))
      const got = await api(hostile, seededModerator(hostile), 'PATCH', `/api/meetings/${future.id}`, body)
      expect(got.status, `${label}: ${got.text.slice(0, 400)}`).toBe(400)
      expect(got.text, `${label}: the refusal says why`).toMatch(NOT_YET)
      expect(snapshot(await readMeeting(future.id)), `${label}: the stored meeting`).toEqual(before)
    })
  }

  test('POST a new future meeting as held with attendance → 400, and no meeting is made', async () => {
    const title = `East made held ${unique('mk')}`
    const startsAt = new Date(Date.now() + 30 * DAY)
    const got = await api(hostile, seededModerator(hostile), 'POST', '/api/meetings', {
      locality: loc['lancashire-east'],
      title,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
      status: 'held',
      attendance: { total: 40, firstTimers: 6 },
    })
    expect(got.status, got.text.slice(0, 400)).toBe(400)
    expect(got.text).toMatch(NOT_YET)
    const made: any = await settle(() => db().count({ collection: 'meetings', where: { title: { equals: title } }, overrideAccess: true }))
    expect(made.totalDocs).toBe(0)
  })

  test('moving a held meeting into the future → 400: it would then be a held meeting that has not happened', async () => {
    const moved = await createMeeting(loc['lancashire-east']!, `East held then moved ${unique('mv')}`, new Date(Date.now() - 10 * DAY), {
      status: 'held',
      attendance: { total: 18, firstTimers: 2 },
    })
    const before = snapshot(await readMeeting(moved.id))
    const startsAt = new Date(Date.now() + 40 * DAY)
    const got = await api(hostile, seededModerator(hostile), 'PATCH', `/api/meetings/${moved.id}`, {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
    })
    expect(got.status, got.text.slice(0, 400)).toBe(400)
    expect(got.text).toMatch(NOT_YET)
    expect(snapshot(await readMeeting(moved.id))).toEqual(before)
  })

  test('an ordinary edit of a future meeting still saves (the whole form sent back, attendance empty, minutes in draft) → 200', async () => {
    const current = await readMeeting(future.id)
    const got = await api(hostile, seededModerator(hostile), 'PATCH', `/api/meetings/${future.id}`, {
      title: future.title,
      status: 'scheduled',
      minutesStatus: 'draft',
      attendance: { total: null, firstTimers: null },
      venue: { ...current.venue, accessibility: 'Ramp at the side door. Hearing loop in the hall.' },
    })
    expect(got.status, got.text.slice(0, 400)).toBe(200)
    const after = await readMeeting(future.id)
    expect(after.venue?.accessibility).toBe('Ramp at the side door. Hearing loop in the hall.')
    expect(after.status).toBe('scheduled')
  })

  test('control: a meeting whose start has passed is recorded as held with attendance → 200', async () => {
    const got = await api(hostile, seededModerator(hostile), 'PATCH', `/api/meetings/${past.id}`, { status: 'held', attendance: { total: 21, firstTimers: 4 } })
    expect(got.status, got.text.slice(0, 400)).toBe(200)
    const stored = await readMeeting(past.id)
    expect([stored.status, stored.attendance?.total, stored.attendance?.firstTimers]).toEqual(['held', 21, 4])
  })
})

// ---------------------------------------------------------------------------------------------
// The public close form
// ---------------------------------------------------------------------------------------------
describe('the close form: a future meeting', () => {
  let moderator: WebClient
  beforeAll(async () => {
    const who = seededModerator(hostile)
    moderator = await signedIn(hostile.server, who.email, who.password)
  })

  test('GET /meetings/:id/close says in words that the meeting has not happened yet', async () => {
    const response = await moderator.get(`/meetings/${future.id}/close`)
    const text = textOf(await response.text())
    expect(response.status, text.slice(0, 300)).toBeLessThan(500)
    expect(text, 'the close page explains why it cannot be recorded yet').toMatch(NOT_YET)
  })

  test('POST /meetings/:id/close with attendance and minutes → 400 in words, nothing saved', async () => {
    const before = snapshot(await readMeeting(future.id))
    const token = await moderator.csrfToken('/account')
    const marker = unique('closedearly')
    const response = await moderator.postForm(`/meetings/${future.id}/close`, {
      _csrf: token,
      attendanceTotal: '30',
      firstTimers: '5',
      minutes: `Minutes written too early ${marker}`,
      minutesVisibility: 'public',
    })
    const text = textOf(await response.text())
    expect(response.status, text.slice(0, 300)).toBe(400)
    expect(text).toMatch(NOT_YET)
    const after = await readMeeting(future.id)
    expect(snapshot(after)).toEqual(before)
    expect(JSON.stringify(after.minutes ?? null)).not.toContain(marker)
  })

  test('POST with a smuggled status=held and no figures → 400, nothing saved', async () => {
    const before = snapshot(await readMeeting(future.id))
    const token = await moderator.csrfToken('/account')
    const response = await moderator.postForm(`/meetings/${future.id}/close`, { _csrf: token, status: 'held', attendanceTotal: '0', firstTimers: '0', minutes: '', minutesVisibility: 'members' })
    expect(response.status).toBe(400)
    expect(textOf(await response.text())).toMatch(NOT_YET)
    expect(snapshot(await readMeeting(future.id))).toEqual(before)
  })

  test('control: the close form still records a meeting whose start has passed (303 to the meeting)', async () => {
    // Over by now (meetings last two hours), so it is not "on now" when the upcoming lists are read below.
    const gone = await createMeeting(loc['lancashire-east']!, `East this morning ${unique('hg')}`, new Date(Math.floor((Date.now() - 4 * HOUR) / MINUTE) * MINUTE))
    const token = await moderator.csrfToken('/account')
    const response = await moderator.postForm(`/meetings/${gone.id}/close`, {
      _csrf: token,
      attendanceTotal: '17',
      firstTimers: '2',
      minutes: 'We met and talked about buses.',
      minutesVisibility: 'members',
    })
    expect([302, 303], textOf(await response.text()).slice(0, 300)).toContain(response.status)
    const stored = await readMeeting(gone.id)
    expect([stored.status, stored.attendance?.total, stored.attendance?.firstTimers]).toEqual(['held', 17, 2])
  })
})

// ---------------------------------------------------------------------------------------------
// "Next meeting"
// ---------------------------------------------------------------------------------------------
/** The meetings linked, in order, in the part of the page under the first h2 matching `heading`. */
function meetingsUnder(html: string, heading: RegExp): string[] {
  const headings = [...html.matchAll(/<h2\b[^>]*>([\s\S]*?)<\/h2>/g)]
  const index = headings.findIndex((h) => heading.test(textOf(h[1]!)))
  if (index === -1) return []
  const start = headings[index]!.index! + headings[index]![0].length
  const end = headings[index + 1]?.index ?? html.length
  return [...html.slice(start, end).matchAll(/href="\/meetings\/([^"/?#]+)"/g)].map((m) => m[1]!)
}
const firstMeetingUnder = (html: string, heading: RegExp): string | undefined => meetingsUnder(html, heading)[0]

describe('"Next meeting" after the refused attempts', () => {
  test('the East locality page still shows the future meeting as its next meeting', async () => {
    const html = await (await new WebClient(hostile.server.url).get('/localities/lancashire-east')).text()
    expect(firstMeetingUnder(html, /next meeting/i), 'the meeting linked under "Next meeting"').toBe(future.id)
    expect(textOf(html)).toContain(future.title)
  })

  test('/meetings?locality=lancashire-east lists it first among the upcoming meetings', async () => {
    const html = await (await new WebClient(hostile.server.url).get('/meetings?locality=lancashire-east')).text()
    expect(firstMeetingUnder(html, /upcoming|next meeting/i), 'the first upcoming meeting').toBe(future.id)
  })

  test('/meetings lists it among the upcoming meetings', async () => {
    const html = await (await new WebClient(hostile.server.url).get('/meetings')).text()
    expect(meetingsUnder(html, /upcoming|next meeting/i), 'the upcoming meetings on /meetings').toContain(future.id)
  })

  test("a future meeting stored as held by an older version is still the North locality's next meeting", async () => {
    const html = await (await new WebClient(hostile.server.url).get('/localities/lancashire-north')).text()
    expect(firstMeetingUnder(html, /next meeting/i), 'the meeting linked under "Next meeting"').toBe(legacy.id)
  })

  test('and it is listed on /meetings?locality=lancashire-north among the upcoming meetings', async () => {
    const html = await (await new WebClient(hostile.server.url).get('/meetings?locality=lancashire-north')).text()
    expect(firstMeetingUnder(html, /upcoming|next meeting/i), 'the first upcoming meeting').toBe(legacy.id)
  })
})
