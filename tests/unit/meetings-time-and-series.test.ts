// Issue 5: Europe/London wall-clock times, England & Wales bank holidays and the meeting-series planner.
// Expectations come from oracles written here (Intl with an explicit time zone, the Gregorian Easter
// computus, plain UTC date arithmetic) and from dates checked by hand against gov.uk; never from the
// implementation. No real clock is read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { englandAndWalesBankHolidays } from '../../src/policies/bankHolidays.js'
import { formatLondonDate, formatLondonDateTime, londonParts, londonToUtc } from '../../src/policies/londonTime.js'
import { planMeetingSeries, type Cadence } from '../../src/policies/meetingSeries.js'
import { seededRandom } from '../../src/seed/scale/words.js'
import { DAY, HOUR, MINUTE, addDays, nominalDate, oracleSeries, pad, parseYmd, ruleBankHolidays, weekdayOf, ymd } from './calendarOracle.js'

// =============================================================================================
// Oracles
// =============================================================================================
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

// Intl with an explicit zone is the independent reference for "what does the clock on the wall say".
const londonFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})
function oracleParts(instant: Date): { date: string; time: string } {
  const p = Object.fromEntries(londonFmt.formatToParts(instant).map((x) => [x.type, x.value]))
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour === '24' ? '00' : p.hour}:${p.minute}` }
}
/** London wall time → instant: first (BST) occurrence when ambiguous, an hour later when it does not exist. */
function oracleToUtc(date: string, time: string): number {
  const [h, mi] = time.split(':').map(Number) as [number, number]
  const wall = parseYmd(date) + h * HOUR + mi * MINUTE
  const matches = [wall - HOUR, wall].filter((ms) => {
    const p = oracleParts(new Date(ms))
    return p.date === date && p.time === time
  })
  if (matches.length > 0) return Math.min(...matches)
  // In the spring gap: the same wall time an hour later, read as BST (wall + 1 h − 1 h offset).
  return wall
}

// A small deterministic PRNG so the property loops are repeatable.
const prng = seededRandom

const bankHolidayDates = (from: number, to: number) => {
  const out: string[] = []
  for (let y = from; y <= to; y++) out.push(...englandAndWalesBankHolidays(y).map((h) => h.date))
  return out
}

// Run a block of tests under another process time zone: the server's TZ must not matter.
function underProcessTz(tz: string, body: () => void) {
  describe(`with the process time zone set to ${tz}`, () => {
    let saved: string | undefined
    beforeAll(() => {
      saved = process.env.TZ
      process.env.TZ = tz
    })
    afterAll(() => {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    })
    body()
  })
}

// =============================================================================================
// londonToUtc
// =============================================================================================
describe('londonToUtc', () => {
  it('18:00 London on 15 July 2027 (BST) is 17:00Z', () => {
    expect(londonToUtc('2027-07-15', '18:00').toISOString()).toBe('2027-07-15T17:00:00.000Z')
  })
  it('18:00 London on 15 January 2027 (GMT) is 18:00Z', () => {
    expect(londonToUtc('2027-01-15', '18:00').toISOString()).toBe('2027-01-15T18:00:00.000Z')
  })
  it('returns a real Date', () => {
    const d = londonToUtc('2027-07-15', '18:00')
    expect(d).toBeInstanceOf(Date)
    expect(Number.isNaN(d.getTime())).toBe(false)
  })

  describe('the spring change, Sunday 28 March 2027 (01:00 GMT → 02:00 BST)', () => {
    it.each([
      ['2027-03-27', '18:00', '2027-03-27T18:00:00.000Z'], // the day before: GMT
      ['2027-03-28', '00:00', '2027-03-28T00:00:00.000Z'],
      ['2027-03-28', '00:59', '2027-03-28T00:59:00.000Z'],
      ['2027-03-28', '02:00', '2027-03-28T01:00:00.000Z'], // first BST minute
      ['2027-03-28', '03:00', '2027-03-28T02:00:00.000Z'],
      ['2027-03-28', '18:00', '2027-03-28T17:00:00.000Z'],
      ['2027-03-29', '18:00', '2027-03-29T17:00:00.000Z'],
    ])('%s %s → %s', (date, time, iso) => {
      expect(londonToUtc(date, time).toISOString()).toBe(iso)
    })
    it.each([
      ['01:00', '2027-03-28T01:00:00.000Z'], // does not exist: read as 02:00 BST
      ['01:30', '2027-03-28T01:30:00.000Z'], // does not exist: read as 02:30 BST
      ['01:59', '2027-03-28T01:59:00.000Z'],
    ])('%s does not exist on the wall: it moves forward an hour (→ %s)', (time, iso) => {
      const got = londonToUtc('2027-03-28', time)
      expect(got.toISOString()).toBe(iso)
      // ... which is the wall time an hour later
      const [h, m] = time.split(':').map(Number) as [number, number]
      expect(londonParts(got)).toMatchObject({ date: '2027-03-28', time: `${pad(h + 1)}:${pad(m)}` })
    })
  })

  describe('the autumn change, Sunday 31 October 2027 (02:00 BST → 01:00 GMT)', () => {
    it.each([
      ['2027-10-30', '18:00', '2027-10-30T17:00:00.000Z'], // the day before: BST
      ['2027-10-31', '00:00', '2027-10-30T23:00:00.000Z'],
      ['2027-10-31', '00:59', '2027-10-30T23:59:00.000Z'],
      ['2027-10-31', '02:00', '2027-10-31T02:00:00.000Z'], // GMT
      ['2027-10-31', '18:00', '2027-10-31T18:00:00.000Z'],
      ['2027-11-01', '18:00', '2027-11-01T18:00:00.000Z'],
    ])('%s %s → %s', (date, time, iso) => {
      expect(londonToUtc(date, time).toISOString()).toBe(iso)
    })
    it.each([
      ['01:00', '2027-10-31T00:00:00.000Z'],
      ['01:30', '2027-10-31T00:30:00.000Z'],
      ['01:59', '2027-10-31T00:59:00.000Z'],
    ])('%s happens twice: the first (BST) occurrence is taken (→ %s)', (time, iso) => {
      expect(londonToUtc('2027-10-31', time).toISOString()).toBe(iso)
    })
  })

  it('the 2026 and 2028 change days follow the same rules', () => {
    // 2026: 29 March and 25 October; 2028: 26 March and 29 October.
    expect(londonToUtc('2026-03-29', '00:30').toISOString()).toBe('2026-03-29T00:30:00.000Z')
    expect(londonToUtc('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T01:30:00.000Z')
    expect(londonToUtc('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z')
    expect(londonToUtc('2026-10-25', '01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z')
    expect(londonToUtc('2028-03-26', '01:15').toISOString()).toBe('2028-03-26T01:15:00.000Z')
    expect(londonToUtc('2028-10-29', '01:45').toISOString()).toBe('2028-10-29T00:45:00.000Z')
    expect(londonToUtc('2028-10-29', '18:00').toISOString()).toBe('2028-10-29T18:00:00.000Z')
    expect(londonToUtc('2028-10-28', '18:00').toISOString()).toBe('2028-10-28T17:00:00.000Z')
  })

  it('midnight and the last minute of the day, across a year end and a leap day', () => {
    expect(londonToUtc('2027-12-31', '23:59').toISOString()).toBe('2027-12-31T23:59:00.000Z')
    expect(londonToUtc('2028-01-01', '00:00').toISOString()).toBe('2028-01-01T00:00:00.000Z')
    expect(londonToUtc('2028-02-29', '18:00').toISOString()).toBe('2028-02-29T18:00:00.000Z')
    expect(londonToUtc('2027-07-01', '00:00').toISOString()).toBe('2027-06-30T23:00:00.000Z')
    expect(londonToUtc('2027-06-30', '23:59').toISOString()).toBe('2027-06-30T22:59:00.000Z')
  })

  it('agrees with Intl (Europe/London) for every day of 2026–2028 at several times', () => {
    const times = ['00:00', '00:30', '01:00', '01:30', '01:59', '02:00', '02:30', '09:05', '12:00', '18:00', '23:59']
    let checked = 0
    for (let ms = Date.UTC(2026, 0, 1); ms <= Date.UTC(2028, 11, 31); ms += DAY) {
      const date = ymd(ms)
      for (const time of times) {
        expect(londonToUtc(date, time).getTime(), `${date} ${time}`).toBe(oracleToUtc(date, time))
        checked++
      }
    }
    expect(checked).toBe(1096 * times.length)
  })
})

// =============================================================================================
// londonParts
// =============================================================================================
describe('londonParts', () => {
  it.each([
    ['2027-07-15T17:00:00.000Z', '2027-07-15', '18:00', 4],
    ['2027-01-15T18:00:00.000Z', '2027-01-15', '18:00', 5],
    ['2027-07-15T23:30:00.000Z', '2027-07-16', '00:30', 5], // BST moves it into the next day
    ['2027-06-30T23:00:00.000Z', '2027-07-01', '00:00', 4],
    ['2027-01-15T23:30:00.000Z', '2027-01-15', '23:30', 5], // GMT: same day
    ['2026-12-31T23:59:00.000Z', '2026-12-31', '23:59', 4],
    ['2027-03-28T00:59:00.000Z', '2027-03-28', '00:59', 0],
    ['2027-03-28T01:00:00.000Z', '2027-03-28', '02:00', 0],
    ['2027-10-31T00:30:00.000Z', '2027-10-31', '01:30', 0],
    ['2027-10-31T01:30:00.000Z', '2027-10-31', '01:30', 0],
    ['2027-10-30T23:30:00.000Z', '2027-10-31', '00:30', 0],
    ['2027-10-31T02:00:00.000Z', '2027-10-31', '02:00', 0],
  ])('%s is %s %s in London (weekday %i)', (iso, date, time, weekday) => {
    expect(londonParts(new Date(iso))).toEqual({ date, time, weekday })
  })

  it('ignores seconds and milliseconds (no rounding up)', () => {
    expect(londonParts(new Date('2027-07-15T17:59:59.999Z'))).toMatchObject({ date: '2027-07-15', time: '18:59' })
  })

  it('agrees with Intl every hour (alternately at :00 and :59) from 2026 to 2028', () => {
    let k = 0
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2029, 0, 1); ms += HOUR) {
      for (const t of [k++ % 2 === 0 ? ms : ms + 59 * MINUTE]) {
        const instant = new Date(t)
        const want = oracleParts(instant)
        const got = londonParts(instant)
        if (got.date !== want.date || got.time !== want.time || got.weekday !== weekdayOf(want.date)) {
          expect(got, instant.toISOString()).toEqual({ ...want, weekday: weekdayOf(want.date) })
        }
      }
    }
  })

  it('round-trips with londonToUtc for every wall time that exists', () => {
    for (let ms = Date.UTC(2027, 0, 1); ms < Date.UTC(2028, 0, 1); ms += DAY) {
      const date = ymd(ms)
      for (const time of ['00:00', '00:45', '01:30', '02:15', '06:00', '18:00', '19:30', '23:59']) {
        if (date === '2027-03-28' && time.startsWith('01:')) continue // the gap
        expect(londonParts(londonToUtc(date, time)), `${date} ${time}`).toEqual({ date, time, weekday: weekdayOf(date) })
      }
    }
  })
})

// =============================================================================================
// formatLondonDateTime / formatLondonDate
// =============================================================================================
// Leading zeros on the day and the hour are a matter of taste: accept both, check everything else.
const dateRe = (weekday: string | null, day: number, month: string, year: number) => `${weekday ? `${weekday} ` : ''}0?${day} ${month} ${year}`
const timeRe = (h: number, m: number) => `0?${h}:${pad(m)}`

describe('formatLondonDateTime', () => {
  it('the spec example: Thursday 15 July 2027, 18:00', () => {
    expect(formatLondonDateTime(new Date('2027-07-15T17:00:00.000Z'))).toBe('Thursday 15 July 2027, 18:00')
  })
  it('a January evening is shown in GMT', () => {
    expect(formatLondonDateTime(new Date('2027-01-15T18:00:00.000Z'))).toBe('Friday 15 January 2027, 18:00')
  })
  it.each([
    ['2027-07-15T23:30:00.000Z', 'Friday', 16, 'July', 2027, 0, 30],
    ['2027-03-28T01:00:00.000Z', 'Sunday', 28, 'March', 2027, 2, 0],
    ['2027-10-31T00:30:00.000Z', 'Sunday', 31, 'October', 2027, 1, 30],
    ['2027-10-31T01:30:00.000Z', 'Sunday', 31, 'October', 2027, 1, 30],
    ['2027-12-31T23:59:00.000Z', 'Friday', 31, 'December', 2027, 23, 59],
    ['2028-02-29T09:05:00.000Z', 'Tuesday', 29, 'February', 2028, 9, 5],
    ['2027-05-03T08:07:00.000Z', 'Monday', 3, 'May', 2027, 9, 7],
  ] as const)('%s → %s %i %s %i, %i:%i', (iso, wd, day, month, year, h, m) => {
    expect(formatLondonDateTime(new Date(iso))).toMatch(new RegExp(`^${dateRe(wd, day, month, year)}, ${timeRe(h, m)}$`))
  })
})

describe('formatLondonDate', () => {
  it('the spec example: 15 July 2027', () => {
    expect(formatLondonDate(new Date('2027-07-15T17:00:00.000Z'))).toBe('15 July 2027')
  })
  it.each([
    ['2027-07-15T23:30:00.000Z', 16, 'July', 2027], // BST: already the 16th in London
    ['2027-06-30T23:00:00.000Z', 1, 'July', 2027],
    ['2027-01-15T23:30:00.000Z', 15, 'January', 2027], // GMT: still the 15th
    ['2026-12-31T23:59:59.000Z', 31, 'December', 2026],
    ['2028-02-29T12:00:00.000Z', 29, 'February', 2028],
  ] as const)('%s → %i %s %i', (iso, day, month, year) => {
    expect(formatLondonDate(new Date(iso))).toMatch(new RegExp(`^${dateRe(null, day, month, year)}$`))
  })
  it('agrees with Intl at 23:30Z on every day of 2027 (the London date, never the UTC one)', () => {
    for (let ms = Date.UTC(2027, 0, 1, 23, 30); ms < Date.UTC(2028, 0, 1); ms += DAY) {
      const instant = new Date(ms)
      const { date } = oracleParts(instant)
      const [y, m, d] = date.split('-').map(Number) as [number, number, number]
      expect(formatLondonDate(instant), instant.toISOString()).toMatch(new RegExp(`^${dateRe(null, d, MONTHS[m - 1]!, y)}$`))
      expect(formatLondonDateTime(instant), instant.toISOString()).toMatch(new RegExp(`^${dateRe(WEEKDAYS[weekdayOf(date)]!, d, MONTHS[m - 1]!, y)}, `))
    }
  })
})

underProcessTz('America/Los_Angeles', () => {
  it('londonToUtc, londonParts and the formatters do not depend on the server time zone', () => {
    expect(londonToUtc('2027-07-15', '18:00').toISOString()).toBe('2027-07-15T17:00:00.000Z')
    expect(londonToUtc('2027-01-15', '18:00').toISOString()).toBe('2027-01-15T18:00:00.000Z')
    expect(londonToUtc('2027-10-31', '01:30').toISOString()).toBe('2027-10-31T00:30:00.000Z')
    expect(londonToUtc('2027-03-28', '01:30').toISOString()).toBe('2027-03-28T01:30:00.000Z')
    // Los Angeles changes its clocks on other days (14 March, 7 November 2027).
    expect(londonToUtc('2027-03-20', '18:00').toISOString()).toBe('2027-03-20T18:00:00.000Z')
    expect(londonToUtc('2027-11-03', '18:00').toISOString()).toBe('2027-11-03T18:00:00.000Z')
    expect(londonParts(new Date('2027-07-15T23:30:00.000Z'))).toEqual({ date: '2027-07-16', time: '00:30', weekday: 5 })
    expect(formatLondonDateTime(new Date('2027-07-15T17:00:00.000Z'))).toBe('Thursday 15 July 2027, 18:00')
    expect(formatLondonDate(new Date('2027-07-15T23:30:00.000Z'))).toBe('16 July 2027')
  })
})

underProcessTz('Pacific/Kiritimati', () => {
  it('londonToUtc and londonParts do not depend on the server time zone (UTC+14)', () => {
    expect(londonToUtc('2027-07-15', '18:00').toISOString()).toBe('2027-07-15T17:00:00.000Z')
    expect(londonToUtc('2027-01-15', '00:30').toISOString()).toBe('2027-01-15T00:30:00.000Z')
    expect(londonParts(new Date('2027-01-15T18:00:00.000Z'))).toEqual({ date: '2027-01-15', time: '18:00', weekday: 5 })
    expect(formatLondonDate(new Date('2027-01-15T18:00:00.000Z'))).toBe('15 January 2027')
  })
})

// =============================================================================================
// englandAndWalesBankHolidays
// =============================================================================================
describe('englandAndWalesBankHolidays', () => {
  // Checked by hand against gov.uk/bank-holidays.
  const GOV_UK: Record<number, string[]> = {
    2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
    2028: ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
    // 2021: Christmas on a Saturday, Boxing Day on a Sunday → 27 and 28 December.
    2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
    // 2024: nothing on a weekend.
    2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
    // 2025
    2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  }

  it.each(Object.keys(GOV_UK).map(Number))('%i matches gov.uk', (year) => {
    const got = englandAndWalesBankHolidays(year)
    expect(got.map((h) => h.date).sort()).toEqual(GOV_UK[year])
  })

  it('2027: each holiday carries its own name', () => {
    const byDate = new Map(englandAndWalesBankHolidays(2027).map((h) => [h.date, h.name]))
    expect(byDate.get('2027-01-01')).toMatch(/new year/i)
    expect(byDate.get('2027-03-26')).toMatch(/good friday/i)
    expect(byDate.get('2027-03-29')).toMatch(/easter monday/i)
    expect(byDate.get('2027-05-03')).toMatch(/early may/i)
    expect(byDate.get('2027-05-31')).toMatch(/spring/i)
    expect(byDate.get('2027-08-30')).toMatch(/summer/i)
    // Both substitutes exist; one is Christmas and the other Boxing Day.
    const xmas = [byDate.get('2027-12-27'), byDate.get('2027-12-28')].join(' | ')
    expect(xmas).toMatch(/christmas/i)
    expect(xmas).toMatch(/boxing/i)
  })

  it('2022 (Christmas on a Sunday): Boxing Day on Monday 26, Christmas substitute on Tuesday 27', () => {
    const dates = englandAndWalesBankHolidays(2022)
      .map((h) => h.date)
      .filter((d) => d.startsWith('2022-12-'))
      .sort()
    expect(dates).toEqual(['2022-12-26', '2022-12-27'])
  })

  it('2022 and 2023 (1 January on a Saturday / a Sunday) move New Year to Monday 3 / Monday 2 January', () => {
    expect(englandAndWalesBankHolidays(2022).map((h) => h.date)).toContain('2022-01-03')
    expect(englandAndWalesBankHolidays(2022).map((h) => h.date)).not.toContain('2022-01-01')
    // 1 January 2023 is a Sunday → Monday 2 January.
    expect(englandAndWalesBankHolidays(2023).map((h) => h.date)).toContain('2023-01-02')
    expect(englandAndWalesBankHolidays(2023).map((h) => h.date)).not.toContain('2023-01-01')
  })

  it('every year 2000–2099 (apart from years with one-off changes) matches the rules: computus, first/last Mondays, weekend substitutes', () => {
    // One-off changes gov.uk made by proclamation: the implementation does not know them, and they are
    // not the rule, so those years are left out.
    const oneOffs = new Set([2002, 2011, 2012, 2020, 2022, 2023])
    for (let year = 2000; year < 2100; year++) {
      const got = englandAndWalesBankHolidays(year)
      const dates = got.map((h) => h.date)
      // Outside the one-off years: exactly eight. Always distinct, in that year, on weekdays, named.
      if (!oneOffs.has(year)) expect(dates, String(year)).toHaveLength(8)
      expect(new Set(dates).size, String(year)).toBe(dates.length)
      for (const h of got) {
        expect(h.date, String(year)).toMatch(new RegExp(`^${year}-\\d{2}-\\d{2}$`))
        expect([0, 6], h.date).not.toContain(weekdayOf(h.date))
        expect(typeof h.name).toBe('string')
        expect(h.name.trim().length, h.date).toBeGreaterThan(0)
      }
      if (!oneOffs.has(year)) expect(dates.slice().sort(), String(year)).toEqual(ruleBankHolidays(year))
    }
  })

  it('the oracle itself agrees with the hand-checked gov.uk dates', () => {
    for (const [year, dates] of Object.entries(GOV_UK)) expect(ruleBankHolidays(Number(year))).toEqual(dates)
  })

  it('Easter extremes: 22 March 2285 and 25 April 2038', () => {
    expect(englandAndWalesBankHolidays(2285).map((h) => h.date)).toEqual(expect.arrayContaining(['2285-03-20', '2285-03-23']))
    expect(englandAndWalesBankHolidays(2038).map((h) => h.date)).toEqual(expect.arrayContaining(['2038-04-23', '2038-04-26']))
  })

  it('repeated calls give equal, independent answers (no shared mutable state)', () => {
    const a = englandAndWalesBankHolidays(2027)
    try {
      a.push({ date: '2027-07-15', name: 'Tampered' })
      if (a[0]) a[0].date = '1999-01-01'
    } catch {
      // a frozen answer is fine too
    }
    const b = englandAndWalesBankHolidays(2027)
    expect(b.map((h) => h.date).sort()).toEqual(GOV_UK[2027])
  })
})

// =============================================================================================
// planMeetingSeries
// =============================================================================================
const SIX_WEEKLY: Cadence = { kind: 'weeks', weeks: 6 }
const QUARTERLY: Cadence = { kind: 'quarterly' }
const BH_2026_2030 = bankHolidayDates(2026, 2030)

describe('planMeetingSeries: nominal dates and cadence', () => {
  it('six-weekly from Thursday 14 January 2027, no closures', () => {
    const got = planMeetingSeries({ firstDate: '2027-01-14', cadence: SIX_WEEKLY, count: 5, closures: [] })
    expect(got).toEqual(['2027-01-14', '2027-02-25', '2027-04-08', '2027-05-20', '2027-07-01'].map((d) => ({ date: d, nominalDate: d, moved: false })))
  })

  it('the first date is included and is the first nominal date', () => {
    const got = planMeetingSeries({ firstDate: '2027-07-15', cadence: SIX_WEEKLY, count: 1, closures: [] })
    expect(got).toEqual([{ date: '2027-07-15', nominalDate: '2027-07-15', moved: false }])
  })

  it('weekly across the spring clock change is still exactly 7 days apart (no 23-hour-day drift)', () => {
    const got = planMeetingSeries({ firstDate: '2027-03-18', cadence: { kind: 'weeks', weeks: 1 }, count: 4, closures: [] })
    expect(got.map((g) => g.date)).toEqual(['2027-03-18', '2027-03-25', '2027-04-01', '2027-04-08'])
  })

  it('weekly across the autumn clock change (25-hour day)', () => {
    const got = planMeetingSeries({ firstDate: '2027-10-24', cadence: { kind: 'weeks', weeks: 1 }, count: 3, closures: [] })
    expect(got.map((g) => g.date)).toEqual(['2027-10-24', '2027-10-31', '2027-11-07'])
  })

  it('crosses a year end and a leap day', () => {
    const got = planMeetingSeries({ firstDate: '2027-12-02', cadence: SIX_WEEKLY, count: 3, closures: [] })
    expect(got.map((g) => g.date)).toEqual(['2027-12-02', '2028-01-13', '2028-02-24'])
    const w = planMeetingSeries({ firstDate: '2028-02-22', cadence: { kind: 'weeks', weeks: 1 }, count: 2, closures: [] })
    expect(w.map((g) => g.date)).toEqual(['2028-02-22', '2028-02-29'])
  })

  it('52-weekly (the longest allowed) is 364 days', () => {
    const got = planMeetingSeries({ firstDate: '2027-01-14', cadence: { kind: 'weeks', weeks: 52 }, count: 3, closures: [] })
    expect(got.map((g) => g.date)).toEqual(['2027-01-14', '2028-01-13', '2029-01-11'])
  })

  it('a Saturday or Sunday nominal date that is not a closure day is kept (the weekend rule only applies when moving)', () => {
    const got = planMeetingSeries({ firstDate: '2027-07-17', cadence: SIX_WEEKLY, count: 3, closures: [] })
    expect(got).toEqual(['2027-07-17', '2027-08-28', '2027-10-09'].map((d) => ({ date: d, nominalDate: d, moved: false })))
  })
})

// Issue 12 changed the county cadence: the same nth weekday of the month every three months (a 5th
// becomes the last), so county meetings stay on one weekday; a closed county date moves a week later.
describe('planMeetingSeries: quarterly', () => {
  it('every three months on the same nth weekday: the 2nd Thursday stays the 2nd Thursday', () => {
    const got = planMeetingSeries({ firstDate: '2027-01-14', cadence: QUARTERLY, count: 5, closures: [] })
    expect(got.map((g) => g.nominalDate)).toEqual(['2027-01-14', '2027-04-08', '2027-07-08', '2027-10-14', '2028-01-13'])
    for (const g of got) expect(weekdayOf(g.date)).toBe(4)
  })

  it('a 5th weekday becomes the last of that weekday (31 January 2027, a Sunday → last Sundays)', () => {
    const got = planMeetingSeries({ firstDate: '2027-01-31', cadence: QUARTERLY, count: 5, closures: [] })
    expect(got).toEqual(['2027-01-31', '2027-04-25', '2027-07-25', '2027-10-31', '2028-01-30'].map((d) => ({ date: d, nominalDate: d, moved: false })))
  })

  it('a 4th Thursday stays the 4th even when the month has five; a 5th Thursday takes the last', () => {
    expect(planMeetingSeries({ firstDate: '2026-10-22', cadence: QUARTERLY, count: 3, closures: [] }).map((g) => g.nominalDate)).toEqual(['2026-10-22', '2027-01-28', '2027-04-22'])
    expect(planMeetingSeries({ firstDate: '2026-10-29', cadence: QUARTERLY, count: 3, closures: [] }).map((g) => g.nominalDate)).toEqual(['2026-10-29', '2027-01-28', '2027-04-29'])
  })

  it('24 quarters span six years and land on the right months', () => {
    const got = planMeetingSeries({ firstDate: '2026-12-31', cadence: QUARTERLY, count: 24, closures: [] })
    expect(got).toHaveLength(24)
    expect(got.map((g) => g.nominalDate)).toEqual(Array.from({ length: 24 }, (_, i) => nominalDate('2026-12-31', QUARTERLY, i)))
    expect(got[23]!.nominalDate).toBe('2032-09-30')
  })

  it('a quarterly date on a closure day moves a week later (same weekday); the next quarter is still from the nominal date', () => {
    // 1 January 2027 is New Year's Day (a Friday) → Friday 8 January; then the 1st Fridays of April and July.
    const got = planMeetingSeries({ firstDate: '2027-01-01', cadence: QUARTERLY, count: 3, closures: BH_2026_2030 })
    expect(got).toEqual([
      { date: '2027-01-08', nominalDate: '2027-01-01', moved: true },
      { date: '2027-04-02', nominalDate: '2027-04-02', moved: false },
      { date: '2027-07-02', nominalDate: '2027-07-02', moved: false },
    ])
  })
})

describe('planMeetingSeries: closure days', () => {
  it('Easter Monday 2027 moves to Tuesday and the rest of the series keeps its Mondays', () => {
    const got = planMeetingSeries({ firstDate: '2027-02-15', cadence: SIX_WEEKLY, count: 4, closures: BH_2026_2030 })
    expect(got).toEqual([
      { date: '2027-02-15', nominalDate: '2027-02-15', moved: false },
      { date: '2027-03-30', nominalDate: '2027-03-29', moved: true },
      { date: '2027-05-10', nominalDate: '2027-05-10', moved: false }, // not 11 May: cadence from the nominal date
      { date: '2027-06-21', nominalDate: '2027-06-21', moved: false },
    ])
  })

  it('Good Friday 2027 skips the weekend and Easter Monday: Tuesday 30 March', () => {
    const got = planMeetingSeries({ firstDate: '2027-02-12', cadence: SIX_WEEKLY, count: 3, closures: BH_2026_2030 })
    expect(got).toEqual([
      { date: '2027-02-12', nominalDate: '2027-02-12', moved: false },
      { date: '2027-03-30', nominalDate: '2027-03-26', moved: true },
      { date: '2027-05-07', nominalDate: '2027-05-07', moved: false },
    ])
  })

  it('Christmas 2027 (27 and 28 December bank holidays, 24 Dec–1 Jan closed, 3 January a bank holiday) → Tuesday 4 January', () => {
    const got = planMeetingSeries({ firstDate: '2027-11-15', cadence: SIX_WEEKLY, count: 3, closures: BH_2026_2030 })
    expect(got).toEqual([
      { date: '2027-11-15', nominalDate: '2027-11-15', moved: false },
      { date: '2028-01-04', nominalDate: '2027-12-27', moved: true },
      { date: '2028-02-07', nominalDate: '2028-02-07', moved: false },
    ])
  })

  it('a long office closure (24 Dec – 3 Jan) is skipped in one move, over the weekends', () => {
    const closures: string[] = []
    for (let d = '2027-12-24'; d <= '2028-01-03'; d = addDays(d, 1)) closures.push(d)
    const got = planMeetingSeries({ firstDate: '2027-12-24', cadence: SIX_WEEKLY, count: 2, closures })
    expect(got).toEqual([
      { date: '2028-01-04', nominalDate: '2027-12-24', moved: true },
      { date: '2028-02-04', nominalDate: '2028-02-04', moved: false },
    ])
  })

  it('a closure on a Saturday nominal date moves to the Monday; a closed Monday too → Tuesday', () => {
    expect(planMeetingSeries({ firstDate: '2027-07-17', cadence: SIX_WEEKLY, count: 1, closures: ['2027-07-17'] })).toEqual([{ date: '2027-07-19', nominalDate: '2027-07-17', moved: true }])
    expect(planMeetingSeries({ firstDate: '2027-07-17', cadence: SIX_WEEKLY, count: 1, closures: ['2027-07-17', '2027-07-19'] })).toEqual([
      { date: '2027-07-20', nominalDate: '2027-07-17', moved: true },
    ])
  })

  it('a closure the day before or after a nominal date does nothing', () => {
    const got = planMeetingSeries({ firstDate: '2027-07-15', cadence: SIX_WEEKLY, count: 2, closures: ['2027-07-14', '2027-07-16', '2027-08-25', '2027-08-27'] })
    expect(got).toEqual(['2027-07-15', '2027-08-26'].map((d) => ({ date: d, nominalDate: d, moved: false })))
  })

  it('every nominal date closed: nothing is dropped and each keeps its own nominal date', () => {
    const nominal = Array.from({ length: 24 }, (_, i) => addDays('2027-01-14', i * 7))
    const got = planMeetingSeries({ firstDate: '2027-01-14', cadence: { kind: 'weeks', weeks: 1 }, count: 24, closures: nominal })
    expect(got).toHaveLength(24)
    expect(got.map((g) => g.nominalDate)).toEqual(nominal)
    expect(got.every((g) => g.moved)).toBe(true)
    // Thursdays → Fridays, except Thursday 25 March 2027: Good Friday and Easter Monday are closed too → Tuesday.
    expect(got.map((g) => g.date)).toEqual(nominal.map((d) => (d === '2027-03-25' ? '2027-03-30' : addDays(d, 1))))
  })

  it('closures given unsorted and with duplicates give the same plan, and the list is not modified', () => {
    const sorted = [...BH_2026_2030].sort()
    const shuffled = [...BH_2026_2030].reverse().concat(BH_2026_2030.slice(0, 5))
    const before = [...shuffled]
    const a = planMeetingSeries({ firstDate: '2027-02-12', cadence: SIX_WEEKLY, count: 24, closures: sorted })
    const b = planMeetingSeries({ firstDate: '2027-02-12', cadence: SIX_WEEKLY, count: 24, closures: shuffled })
    expect(b).toEqual(a)
    expect(shuffled).toEqual(before)
  })

  it('a moved date is never a closure day, a Saturday or a Sunday, and is after its nominal date', () => {
    const closures = BH_2026_2030
    for (const firstDate of ['2027-03-26', '2027-12-27', '2026-12-25', '2028-12-25', '2030-04-19']) {
      for (const g of planMeetingSeries({ firstDate, cadence: SIX_WEEKLY, count: 24, closures })) {
        if (!g.moved) continue
        expect(closures).not.toContain(g.date)
        expect([0, 6]).not.toContain(weekdayOf(g.date))
        expect(g.date > g.nominalDate).toBe(true)
      }
    }
  })
})

describe('planMeetingSeries: agrees with an independent oracle for many start dates', () => {
  const rand = prng(20270715)
  const extra: string[] = []
  for (let i = 0; i < 120; i++) extra.push(ymd(Date.UTC(2026, 0, 1) + Math.floor(rand() * 5 * 365) * DAY))
  // Runs of consecutive closures, some of them touching weekends.
  for (const start of ['2027-06-10', '2028-09-29', '2029-02-14']) for (let k = 0; k < 6; k++) extra.push(addDays(start, k))
  const closures = [...BH_2026_2030, ...extra]

  const cadences: Cadence[] = [SIX_WEEKLY, QUARTERLY, { kind: 'weeks', weeks: 1 }, { kind: 'weeks', weeks: 13 }]
  for (const cadence of cadences) {
    it(`${cadence.kind === 'weeks' ? `${cadence.weeks}-weekly` : 'quarterly'}: every start date in 2026–2027, count 24`, () => {
      let moved = 0
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2028, 0, 1); ms += DAY) {
        const firstDate = ymd(ms)
        const want = oracleSeries(firstDate, cadence, 24, closures)
        const got = planMeetingSeries({ firstDate, cadence, count: 24, closures })
        expect(got.length, firstDate).toBe(24)
        // Compare cheaply, then report the whole plan on the first mismatch.
        for (let i = 0; i < 24; i++) {
          const g = got[i]!
          const w = want[i]!
          if (g.date !== w.date || g.nominalDate !== w.nominalDate || g.moved !== w.moved) expect(got, `firstDate ${firstDate}`).toEqual(want)
          if (w.moved) moved++
        }
      }
      expect(moved).toBeGreaterThan(0) // the loop really exercised moves
    })
  }

  it('count in = count out for every count from 1 to 24', () => {
    for (let count = 1; count <= 24; count++) {
      expect(planMeetingSeries({ firstDate: '2027-03-26', cadence: SIX_WEEKLY, count, closures }).length).toBe(count)
      expect(planMeetingSeries({ firstDate: '2027-01-01', cadence: QUARTERLY, count, closures }).length).toBe(count)
    }
  })
})

underProcessTz('Europe/London', () => {
  it('planMeetingSeries gives the same plan when the process runs in London time', () => {
    const got = planMeetingSeries({ firstDate: '2027-02-15', cadence: SIX_WEEKLY, count: 24, closures: BH_2026_2030 })
    expect(got).toEqual(oracleSeries('2027-02-15', SIX_WEEKLY, 24, BH_2026_2030))
    const w = planMeetingSeries({ firstDate: '2027-03-21', cadence: { kind: 'weeks', weeks: 1 }, count: 3, closures: [] })
    expect(w.map((g) => g.date)).toEqual(['2027-03-21', '2027-03-28', '2027-04-04'])
  })
})

underProcessTz('America/Los_Angeles', () => {
  it('planMeetingSeries gives the same plan when the process runs west of UTC', () => {
    for (const cadence of [SIX_WEEKLY, QUARTERLY]) {
      for (const firstDate of ['2027-01-01', '2027-01-31', '2027-03-12', '2027-11-05', '2028-02-29']) {
        expect(planMeetingSeries({ firstDate, cadence, count: 24, closures: BH_2026_2030 })).toEqual(oracleSeries(firstDate, cadence, 24, BH_2026_2030))
      }
    }
  })
})

underProcessTz('Pacific/Kiritimati', () => {
  it('planMeetingSeries gives the same plan when the process runs at UTC+14', () => {
    for (const cadence of [SIX_WEEKLY, QUARTERLY]) {
      for (const firstDate of ['2027-01-01', '2027-01-31', '2027-03-28', '2027-10-31', '2028-02-29']) {
        expect(planMeetingSeries({ firstDate, cadence, count: 24, closures: BH_2026_2030 })).toEqual(oracleSeries(firstDate, cadence, 24, BH_2026_2030))
      }
    }
  })
})

describe('planMeetingSeries: bad input is a RangeError with a plain message', () => {
  const ok = { firstDate: '2027-07-15', cadence: SIX_WEEKLY, count: 6, closures: [] as string[] }
  const expectRangeError = (fn: () => unknown) => {
    let caught: unknown
    try {
      fn()
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(RangeError)
    const message = (caught as Error).message
    expect(typeof message).toBe('string')
    expect(message.trim().length).toBeGreaterThan(5)
    expect(message).not.toMatch(/undefined|NaN|\[object/)
  }

  it.each([0, -1, 25, 100, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('count %s', (count) => {
    expectRangeError(() => planMeetingSeries({ ...ok, count }))
  })
  it.each([0, -6, 53, 2.5, Number.NaN])('weeks %s', (weeks) => {
    expectRangeError(() => planMeetingSeries({ ...ok, cadence: { kind: 'weeks', weeks } }))
  })
  it.each(['2027-02-29', '2027-04-31', '2027-13-01', '2027-00-10', '2027-07-00', '2027-7-15', '15/07/2027', 'tomorrow', '', '2027-07-15T18:00'])('firstDate %j', (firstDate) => {
    expectRangeError(() => planMeetingSeries({ ...ok, firstDate }))
  })
  it('the edges are accepted: count 1 and 24, weeks 1 and 52, 29 February in a leap year', () => {
    expect(planMeetingSeries({ ...ok, count: 1 })).toHaveLength(1)
    expect(planMeetingSeries({ ...ok, count: 24 })).toHaveLength(24)
    expect(planMeetingSeries({ ...ok, cadence: { kind: 'weeks', weeks: 1 } })).toHaveLength(6)
    expect(planMeetingSeries({ ...ok, cadence: { kind: 'weeks', weeks: 52 } })).toHaveLength(6)
    expect(planMeetingSeries({ ...ok, firstDate: '2028-02-29' })[0]).toEqual({ date: '2028-02-29', nominalDate: '2028-02-29', moved: false })
  })
})
