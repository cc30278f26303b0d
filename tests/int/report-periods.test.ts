// Issue 12 A: the commissioners' report counts every held meeting in its period and none outside it.
//
// The period is [since, now], inclusive at both ends; since = now − N calendar months at the same time of
// day, clamped to the end of a shorter month (31 May − 3 months = 28/29 Feb). A meeting counts when it is
// held (status 'held' with attendance.total set) and since <= startsAt <= now. Nothing is truncated.
//
// Meetings are seeded through the Local API in four stretches of the calendar whose report windows do
// not overlap, so each window's figures are known in advance (written out below by hand), and checked
// again against a plain filter over the seeded table. Every seeded meeting is in the past, so it is
// legitimately held; "after now" means after the `now` passed to buildReport.
//
// Runs on SQLite, and on PostgreSQL when DATABASE_URL is set (tests/support/payload.ts).
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { unique } from './helpers.js'

type Key = 'north' | 'central' | 'east' | 'county'
type Seed = { key: Key; at: string; status?: 'held' | 'scheduled' | 'cancelled'; total?: number; firstTimers?: number; note: string }
type Totals = { meetings: number; attendance: number; firstTimers: number }

let payload: Payload
let buildReport: (payload: Payload, requester: unknown, months: number, now?: Date) => Promise<any>
let reportCsv: (report: any) => string
let requester: unknown
const names = {} as Record<Key, string>
const HOUR = 3_600_000

// ---------------------------------------------------------------------------------------------
// The seeded meetings (UTC instants). Notes say which window counts each one.
// ---------------------------------------------------------------------------------------------
// W1 — now 2026-09-30T11:00:00.000Z, 3 months → since 2026-06-30T11:00:00.000Z (both in BST, so
//      "same time of day" is the same instant whether read in UTC or in London).
const W1: Seed[] = [
  { key: 'east', at: '2026-06-30T11:00:00.000Z', total: 10, firstTimers: 1, note: 'exactly at since: counts' },
  { key: 'north', at: '2026-06-30T10:59:59.999Z', total: 20, firstTimers: 2, note: 'one ms before since: not counted' },
  { key: 'east', at: '2026-09-30T11:00:00.000Z', total: 30, firstTimers: 3, note: 'exactly at now: counts' },
  { key: 'north', at: '2026-09-30T11:00:00.001Z', total: 40, firstTimers: 4, note: 'one ms after now: not counted' },
  { key: 'central', at: '2026-10-01T11:00:00.000Z', total: 50, firstTimers: 5, note: 'a day after now (held, in the past): not counted' },
  { key: 'central', at: '2026-08-12T17:00:00.000Z', total: 7, firstTimers: 0, note: 'inside: counts' },
  { key: 'county', at: '2026-07-16T12:00:00.000Z', total: 100, firstTimers: 9, note: 'the county locality, inside: counts' },
  { key: 'central', at: '2026-08-20T17:00:00.000Z', status: 'scheduled', note: 'never recorded as held: not counted' },
  { key: 'north', at: '2026-07-01T12:00:00.000Z', status: 'cancelled', note: 'cancelled: not counted' },
]
const W1_NOW = '2026-09-30T11:00:00.000Z'
const W1_WANT: Record<Key | 'all', Totals> = {
  all: { meetings: 4, attendance: 147, firstTimers: 13 },
  east: { meetings: 2, attendance: 40, firstTimers: 4 },
  north: { meetings: 0, attendance: 0, firstTimers: 0 },
  central: { meetings: 1, attendance: 7, firstTimers: 0 },
  county: { meetings: 1, attendance: 100, firstTimers: 9 },
}

// W2 — now 2026-05-31T11:00:00.000Z, 3 months → since 28 February 2026 (no 31 February), at 11:00Z or
//      12:00Z depending on whether "the same time of day" is read in UTC or London; the meetings avoid that hour.
//      (An unclamped 31 Feb rolls over to 3 March and drops the first three rows.)
const W2: Seed[] = [
  { key: 'central', at: '2026-02-28T14:00:00.000Z', total: 11, firstTimers: 1, note: '28 Feb, after since: counts' },
  { key: 'central', at: '2026-02-27T14:00:00.000Z', total: 12, firstTimers: 2, note: '27 Feb: not counted' },
  { key: 'county', at: '2026-02-28T08:00:00.000Z', total: 16, firstTimers: 6, note: '28 Feb before since: not counted' },
  { key: 'north', at: '2026-03-02T18:00:00.000Z', total: 13, firstTimers: 3, note: '2 March: counts' },
  { key: 'east', at: '2026-05-31T10:00:00.000Z', total: 14, firstTimers: 4, note: 'the morning of now: counts' },
  { key: 'east', at: '2026-05-31T18:00:00.000Z', total: 15, firstTimers: 5, note: 'the evening after now: not counted' },
]
const W2_NOW = '2026-05-31T11:00:00.000Z'
const W2_WANT: Record<Key | 'all', Totals> = {
  all: { meetings: 3, attendance: 38, firstTimers: 8 },
  central: { meetings: 1, attendance: 11, firstTimers: 1 },
  north: { meetings: 1, attendance: 13, firstTimers: 3 },
  east: { meetings: 1, attendance: 14, firstTimers: 4 },
  county: { meetings: 0, attendance: 0, firstTimers: 0 },
}

// W3 — a leap year: now 2024-05-31T11:00:00.000Z, 3 months → since 29 February 2024.
const W3: Seed[] = [
  { key: 'east', at: '2024-02-29T14:00:00.000Z', total: 31, firstTimers: 1, note: '29 Feb: counts' },
  { key: 'east', at: '2024-02-28T14:00:00.000Z', total: 32, firstTimers: 2, note: '28 Feb: not counted' },
  { key: 'county', at: '2024-03-01T14:00:00.000Z', total: 33, firstTimers: 3, note: '1 March: counts' },
]
const W3_NOW = '2024-05-31T11:00:00.000Z'
const W3_WANT: Record<Key | 'all', Totals> = {
  all: { meetings: 2, attendance: 64, firstTimers: 4 },
  east: { meetings: 1, attendance: 31, firstTimers: 1 },
  county: { meetings: 1, attendance: 33, firstTimers: 3 },
  north: { meetings: 0, attendance: 0, firstTimers: 0 },
  central: { meetings: 0, attendance: 0, firstTimers: 0 },
}

// W4 — now 2025-12-31T12:00:00.000Z, 12 months → since 2024-12-31T12:00:00.000Z (both GMT).
//      North meets 40 times (more than 24 in one scope); every locality meets in January or February.
const NORTH_40: Seed[] = Array.from({ length: 40 }, (_, i) => ({
  key: 'north' as const,
  at: new Date(Date.UTC(2025, 0, 2, 18) + i * 9 * 24 * HOUR).toISOString(), // 2 Jan 2025 … 19 Dec 2025
  total: 10 + i,
  firstTimers: i % 4,
  note: `north meeting ${i + 1} of 40: counts`,
}))
const W4: Seed[] = [
  ...NORTH_40,
  { key: 'east', at: '2025-01-15T18:00:00.000Z', total: 21, firstTimers: 2, note: 'January: counts' },
  { key: 'east', at: '2025-02-12T18:00:00.000Z', total: 22, firstTimers: 3, note: 'February: counts' },
  { key: 'county', at: '2025-02-20T18:00:00.000Z', total: 150, firstTimers: 12, note: 'February, county locality: counts' },
  { key: 'central', at: '2025-01-29T18:00:00.000Z', total: 23, firstTimers: 4, note: 'January: counts' },
  { key: 'central', at: '2025-12-10T18:00:00.000Z', total: 24, firstTimers: 5, note: 'December: counts' },
  { key: 'central', at: '2024-12-30T18:00:00.000Z', total: 25, firstTimers: 6, note: 'before since: not counted' },
]
const W4_NOW = '2025-12-31T12:00:00.000Z'
const W4_WANT: Record<Key | 'all', Totals> = {
  // north: 40 meetings, 10+…+49 = 1180 people, (0+1+2+3)×10 = 60 first-timers
  all: { meetings: 45, attendance: 1180 + 43 + 150 + 47, firstTimers: 60 + 5 + 12 + 9 },
  north: { meetings: 40, attendance: 1180, firstTimers: 60 },
  east: { meetings: 2, attendance: 43, firstTimers: 5 },
  county: { meetings: 1, attendance: 150, firstTimers: 12 },
  central: { meetings: 2, attendance: 47, firstTimers: 9 },
}

const ALL: Seed[] = [...W1, ...W2, ...W3, ...W4]
const KEYS: Key[] = ['north', 'central', 'east', 'county']

// ---------------------------------------------------------------------------------------------
// Independent check of the hand-written figures: a plain filter over the table.
// ---------------------------------------------------------------------------------------------
function expected(sinceIso: string, nowIso: string, key: Key | 'all'): Totals {
  const since = Date.parse(sinceIso)
  const now = Date.parse(nowIso)
  const counted = ALL.filter((s) => (key === 'all' || s.key === key) && (s.status ?? 'held') === 'held' && s.total != null)
    .map((s) => ({ ...s, t: Date.parse(s.at) }))
    .filter((s) => s.t >= since && s.t <= now)
  return {
    meetings: counted.length,
    attendance: counted.reduce((n, s) => n + s.total!, 0),
    firstTimers: counted.reduce((n, s) => n + (s.firstTimers ?? 0), 0),
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the report
// ---------------------------------------------------------------------------------------------
/** A small CSV reader (quoted fields, doubled quotes, CRLF or LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '')
}

const scopeOf = (report: any, key: Key | 'all') => {
  const scopes: any[] = report.scopes
  if (key === 'all') return scopes[0]
  const found = scopes.find((s) => s.name === names[key])
  if (!found) throw new Error(`no scope named ${names[key]} in ${scopes.map((s) => s.name).join(', ')}`)
  return found
}

function csvValue(rows: string[][], scope: string, measure: string): string | undefined {
  const hits = rows.filter((r) => r[0] === scope && r[1] === measure && r[2] === 'all')
  if (hits.length > 1) throw new Error(`${hits.length} CSV rows for ${scope},${measure},all`)
  return hits[0]?.[3]
}

async function report(months: number, nowIso: string) {
  const built = await buildReport(payload, requester, months, new Date(nowIso))
  return { built, rows: parseCsv(reportCsv(built)) }
}

function checkWindow(label: string, months: number, nowIso: string, sinceIso: string | string[], want: Record<Key | 'all', Totals>) {
  describe(label, () => {
    let built: any
    let rows: string[][]
    beforeAll(async () => {
      ;({ built, rows } = await report(months, nowIso))
    })

    it('the hand-written figures agree with a plain filter over the seeded meetings', () => {
      for (const since of [sinceIso].flat()) for (const key of ['all', ...KEYS] as const) expect(expected(since, nowIso, key), `${key} since ${since}`).toEqual(want[key])
    })

    it(`since is ${[sinceIso].flat().join(' or ')}`, () => {
      expect([sinceIso].flat()).toContain(new Date(built.since).toISOString())
    })

    it('the county-wide scope comes first and covers every locality, the county one included', () => {
      expect(Object.values(names)).not.toContain(built.scopes[0].name)
      for (const key of KEYS) expect(built.scopes.map((s: any) => s.name)).toContain(names[key])
    })

    for (const key of ['all', ...KEYS] as const) {
      const scopeLabel = key === 'all' ? 'county-wide' : key
      it(`${scopeLabel}: totals are ${JSON.stringify(want[key])}`, () => {
        const scope = scopeOf(built, key)
        expect(scope.totals, `${scopeLabel} totals`).toEqual(want[key])
      })
      it(`${scopeLabel}: the attendance series has ${want[key].meetings} meetings, nothing cut off`, () => {
        const scope = scopeOf(built, key)
        expect(scope.attendance, `${scopeLabel} attendance`).toHaveLength(want[key].meetings)
        const sum = (scope.attendance as any[]).reduce((n, p) => n + Number(p.total ?? 0), 0)
        expect(sum, `${scopeLabel} attendance points add up`).toBe(want[key].attendance)
      })
      it(`${scopeLabel}: the CSV has meetings_held, attendance_sum and first_timers_sum`, () => {
        const name = scopeOf(built, key).name
        expect(
          {
            meetings_held: csvValue(rows, name, 'meetings_held'),
            attendance_sum: csvValue(rows, name, 'attendance_sum'),
            first_timers_sum: csvValue(rows, name, 'first_timers_sum'),
          },
          `CSV rows for ${name}`,
        ).toEqual({
          meetings_held: String(want[key].meetings),
          attendance_sum: String(want[key].attendance),
          first_timers_sum: String(want[key].firstTimers),
        })
      })
    }
  })
}

beforeAll(async () => {
  payload = await bootPayload()
  ;({ buildReport, reportCsv } = (await import('../../src/reports/buildReport.js')) as any)
  requester = await createMember(payload, { roles: ['moderator'] })

  const suffix = unique()
  for (const key of KEYS) {
    const name = `Report ${key} ${suffix}`
    names[key] = name
    const doc = await payload.create({
      collection: 'localities',
      data: { name, slug: `report-${key}-${suffix}`.toLowerCase(), meetingCadenceWeeks: key === 'county' ? 13 : 6, isCountyWide: key === 'county' } as never,
      overrideAccess: true,
    })
    ;(names as any)[`${key}Id`] = doc.id
  }
  for (const [index, seed] of ALL.entries()) {
    const start = new Date(seed.at)
    const status = seed.status ?? 'held'
    await payload.create({
      collection: 'meetings',
      data: {
        locality: (names as any)[`${seed.key}Id`],
        title: `Meeting ${index + 1}`,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
        status,
        ...(status === 'cancelled' ? { cancellationReason: 'The hall flooded.' } : {}),
        ...(seed.total != null ? { attendance: { total: seed.total, firstTimers: seed.firstTimers ?? 0 } } : {}),
      } as never,
      overrideAccess: true,
    })
  }
  // The seeded instants were stored to the millisecond (the edges depend on it).
  const stored = await payload.find({ collection: 'meetings', limit: 1000, depth: 0, overrideAccess: true, pagination: false })
  const got = new Set(stored.docs.map((d: any) => new Date(d.startsAt).toISOString()))
  for (const seed of ALL) if (!got.has(seed.at)) throw new Error(`Arrange failed: no meeting stored at ${seed.at}`)
}, 300_000)

checkWindow('at the edges: [since, now] inclusive, to the millisecond (3 months to 30 Sep 2026 11:00Z)', 3, W1_NOW, '2026-06-30T11:00:00.000Z', W1_WANT)
checkWindow('31 May 2026 minus 3 months is 28 February, not 3 March', 3, W2_NOW, ['2026-02-28T11:00:00.000Z', '2026-02-28T12:00:00.000Z'], W2_WANT)
checkWindow('31 May 2024 minus 3 months is 29 February (a leap year)', 3, W3_NOW, ['2024-02-29T11:00:00.000Z', '2024-02-29T12:00:00.000Z'], W3_WANT)
checkWindow('12 months with 40 meetings in one locality and January and February meetings everywhere', 12, W4_NOW, '2024-12-31T12:00:00.000Z', W4_WANT)

describe('24 months to 30 November 2026: every window at once, nothing truncated', () => {
  const NOW = '2026-11-30T12:00:00.000Z'
  const SINCE = '2024-11-30T12:00:00.000Z'
  it('each scope counts exactly the held meetings of the 24 months (59 in all)', async () => {
    const { built, rows } = await report(24, NOW)
    expect(expected(SINCE, NOW, 'all').meetings).toBe(59)
    for (const key of ['all', ...KEYS] as const) {
      const want = expected(SINCE, NOW, key)
      const scope = scopeOf(built, key)
      expect(scope.totals, `${key} totals`).toEqual(want)
      expect(scope.attendance, `${key} attendance`).toHaveLength(want.meetings)
      expect(csvValue(rows, scope.name, 'meetings_held'), `${key} CSV meetings_held`).toBe(String(want.meetings))
    }
  })
})
