// Issue 12 A: the county-wide cadence keeps its weekday, and generated meeting dates avoid England and
// Wales bank holidays (by rule, for any year, listed or not) and the Christmas closure (24 Dec–1 Jan).
//
// Oracles are written here, never taken from the implementation: the bank holidays of 2026–2030 are the
// published gov.uk dates typed in by hand; later years use the Gregorian computus and the published rules
// (checked against the typed-in years first). The county rule: the same nth weekday of the month as the
// first date (a 5th weekday becomes "the last"), every three months; a county date on a closed day moves a
// week later, again if that is closed too. Locality series (every N weeks): a closed day moves to the next
// open Monday–Friday, and the next nominal date still counts from the first date.
import { describe, expect, it } from 'vitest'

import * as bankHolidays from '../../src/policies/bankHolidays.js'
import { planMeetingSeries, type Cadence } from '../../src/policies/meetingSeries.js'
import { addDays, inChristmasClosure, nthWeekday, oracleSeries, ruleBankHolidays, weekdayOf, type Planned } from './calendarOracle.js'

// The spec's new export, read through the module so this file compiles before it exists.
const isChristmasClosure = (date: string): boolean => {
  const fn = (bankHolidays as unknown as { isChristmasClosure?: (date: string) => boolean }).isChristmasClosure
  if (typeof fn !== 'function') throw new Error('src/policies/bankHolidays.ts does not export isChristmasClosure(date: string): boolean')
  return fn(date)
}

const WEEKDAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

// =============================================================================================
// The oracle for closed days
// =============================================================================================
/** England and Wales bank holidays as published on gov.uk/bank-holidays (typed in by hand). */
const GOV_UK: Record<number, string[]> = {
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
  2028: ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
  // 2029 and 2030: the same rules, worked by hand (Easter Sunday 1 April 2029 and 21 April 2030).
  2029: ['2029-01-01', '2029-03-30', '2029-04-02', '2029-05-07', '2029-05-28', '2029-08-27', '2029-12-25', '2029-12-26'],
  2030: ['2030-01-01', '2030-04-19', '2030-04-22', '2030-05-06', '2030-05-27', '2030-08-26', '2030-12-25', '2030-12-26'],
}

const bankHolidaysOf = (year: number) => GOV_UK[year] ?? ruleBankHolidays(year)
const BANK_HOLIDAYS = new Set<string>()
for (let y = 2024; y <= 2045; y++) for (const d of bankHolidaysOf(y)) BANK_HOLIDAYS.add(d)
const isBankHoliday = (d: string) => BANK_HOLIDAYS.has(d)

// The county: the same nth weekday every three months; localities every N weeks.
const oracleCounty = (firstDate: string, count: number, listed: string[]) => oracleSeries(firstDate, QUARTERLY, count, listed, bankHolidaysOf)
const oracleWeeks = (firstDate: string, weeks: number, count: number, listed: string[]) => oracleSeries(firstDate, { kind: 'weeks', weeks }, count, listed, bankHolidaysOf)

const QUARTERLY: Cadence = { kind: 'quarterly' }
const SIX_WEEKLY: Cadence = { kind: 'weeks', weeks: 6 }
const plan = (firstDate: string, cadence: Cadence, count: number, closures: string[] = []) => planMeetingSeries({ firstDate, cadence, count, closures }) as Planned[]

/** Every day from `from` to `to` inclusive. */
function* days(from: string, to: string) {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d
}

// =============================================================================================
// The oracles agree with what was typed in
// =============================================================================================
describe('the test oracles', () => {
  it('the computus-and-rules list agrees with every typed-in gov.uk year', () => {
    for (const [year, dates] of Object.entries(GOV_UK)) expect(ruleBankHolidays(Number(year)), year).toEqual(dates)
  })
  it('nthWeekday: the 3rd Thursday of April 2026 is the 16th; the last Thursday of April 2026 is the 30th', () => {
    expect(nthWeekday(2026, 3, 4, 3)).toBe('2026-04-16')
    expect(nthWeekday(2026, 3, 4, 5)).toBe('2026-04-30')
    expect(nthWeekday(2026, 1, 1, 5)).toBe('2026-02-23')
  })
})

// =============================================================================================
// isChristmasClosure
// =============================================================================================
describe('isChristmasClosure', () => {
  it.each([
    ['2026-12-23', false],
    ['2026-12-24', true],
    ['2026-12-25', true],
    ['2026-12-26', true],
    ['2026-12-31', true],
    ['2027-01-01', true],
    ['2027-01-02', false],
    ['2027-12-23', false],
    ['2027-12-24', true],
    ['2028-01-01', true],
    ['2028-01-02', false],
    ['2030-12-24', true],
    ['2031-01-02', false],
  ])('%s → %s', (date, closed) => {
    expect(isChristmasClosure(date)).toBe(closed)
  })

  it('is true on exactly 9 days around each new year, 2026–2030, and false on every other day', () => {
    for (const d of days('2026-01-01', '2030-12-31')) expect(isChristmasClosure(d), d).toBe(inChristmasClosure(d))
  })
})

// =============================================================================================
// County-wide (quarterly): one weekday, the same nth weekday of the month
// =============================================================================================
describe('planMeetingSeries, county-wide (quarterly): the weekday never drifts', () => {
  it('the 3rd Thursday of January 2026 gives the 3rd Thursday of every third month for six years', () => {
    const got = plan('2026-01-15', QUARTERLY, 24)
    expect(got).toHaveLength(24)
    expect(got.slice(0, 6).map((g) => g.date)).toEqual(['2026-01-15', '2026-04-16', '2026-07-16', '2026-10-15', '2027-01-21', '2027-04-15'])
    for (const g of got) {
      expect(WEEKDAY[weekdayOf(g.date)], g.date).toBe('Thursday')
      expect(Math.ceil(Number(g.date.slice(8)) / 7), `${g.date} is a 3rd Thursday`).toBe(3)
    }
    expect(got).toEqual(oracleCounty('2026-01-15', 24, []))
  })

  it('a 5th Thursday becomes the last Thursday of the month', () => {
    const got = plan('2026-01-29', QUARTERLY, 8)
    expect(got.map((g) => g.date)).toEqual(['2026-01-29', '2026-04-30', '2026-07-30', '2026-10-29', '2027-01-28', '2027-04-29', '2027-07-29', '2027-10-28'])
    for (const g of got) expect(WEEKDAY[weekdayOf(g.date)], g.date).toBe('Thursday')
  })

  it('a 4th Monday that lands on the Spring bank holiday (25 May 2026) moves a week later, still a Monday', () => {
    const got = plan('2026-02-23', QUARTERLY, 5)
    expect(got).toEqual([
      { date: '2026-02-23', nominalDate: '2026-02-23', moved: false },
      { date: '2026-06-01', nominalDate: '2026-05-25', moved: true },
      { date: '2026-08-24', nominalDate: '2026-08-24', moved: false },
      { date: '2026-11-23', nominalDate: '2026-11-23', moved: false },
      { date: '2027-02-22', nominalDate: '2027-02-22', moved: false },
    ])
  })

  it('the 1st Monday of April 2026 is Easter Monday: a week later, and the series stays on 1st Mondays', () => {
    const got = plan('2026-01-05', QUARTERLY, 6)
    expect(got).toEqual([
      { date: '2026-01-05', nominalDate: '2026-01-05', moved: false },
      { date: '2026-04-13', nominalDate: '2026-04-06', moved: true },
      { date: '2026-07-06', nominalDate: '2026-07-06', moved: false },
      { date: '2026-10-05', nominalDate: '2026-10-05', moved: false },
      { date: '2027-01-04', nominalDate: '2027-01-04', moved: false },
      { date: '2027-04-05', nominalDate: '2027-04-05', moved: false },
    ])
  })

  it('a 4th Thursday on Christmas Eve 2026 moves past the whole closure (31 Dec is closed too) to 7 January', () => {
    const got = plan('2026-09-24', QUARTERLY, 3)
    expect(got).toEqual([
      { date: '2026-09-24', nominalDate: '2026-09-24', moved: false },
      { date: '2027-01-07', nominalDate: '2026-12-24', moved: true },
      { date: '2027-03-25', nominalDate: '2027-03-25', moved: false },
    ])
  })

  it('a listed closure day (not a bank holiday) also moves a county date a week later', () => {
    const got = plan('2026-01-15', QUARTERLY, 3, ['2026-04-16'])
    expect(got[1]).toEqual({ date: '2026-04-23', nominalDate: '2026-04-16', moved: true })
    expect(got[2]).toEqual({ date: '2026-07-16', nominalDate: '2026-07-16', moved: false })
  })

  it("every start date in 2026–2027, 24 quarters: every date (moved or not) is on the first date's weekday and agrees with the oracle", () => {
    let moved = 0
    for (const firstDate of days('2026-01-01', '2027-12-31')) {
      const got = plan(firstDate, QUARTERLY, 24)
      const want = oracleCounty(firstDate, 24, [])
      expect(got.length, firstDate).toBe(24)
      for (let i = 0; i < 24; i++) {
        const g = got[i]!
        if (weekdayOf(g.date) !== weekdayOf(firstDate)) {
          expect.fail(`first date ${firstDate} (${WEEKDAY[weekdayOf(firstDate)]}): meeting ${i + 1} is on ${g.date}, a ${WEEKDAY[weekdayOf(g.date)]}`)
        }
        const w = want[i]!
        if (g.date !== w.date || g.nominalDate !== w.nominalDate || g.moved !== w.moved) expect(got, `first date ${firstDate}`).toEqual(want)
        if (g.moved) moved++
      }
    }
    expect(moved).toBeGreaterThan(0) // the loop really met closed days
  })
})

// =============================================================================================
// No generated date on a closed day (either cadence)
// =============================================================================================
describe('planMeetingSeries: no date on a bank holiday or in the Christmas closure, listed or not', () => {
  const cadences: [string, Cadence][] = [
    ['quarterly', QUARTERLY],
    ['weekly', { kind: 'weeks', weeks: 1 }],
    ['six-weekly', SIX_WEEKLY],
    ['13-weekly', { kind: 'weeks', weeks: 13 }],
  ]
  for (const [name, cadence] of cadences) {
    it(`${name}, with an empty closure list: no date in 2026–2030 is a bank holiday or in 24 Dec–1 Jan`, () => {
      const hits: string[] = []
      for (const firstDate of days('2026-01-01', '2028-12-31')) {
        for (const g of plan(firstDate, cadence, 24)) {
          if (g.date > '2030-12-31') continue
          if (isBankHoliday(g.date) || inChristmasClosure(g.date)) hits.push(`${firstDate} → ${g.date}`)
        }
      }
      expect(hits.slice(0, 20), `${hits.length} closed dates generated`).toEqual([])
    })
  }

  it('beyond the years anyone listed: no date in 2031–2036 on a bank holiday worked out by rule', () => {
    const hits: string[] = []
    for (const firstDate of days('2031-01-01', '2032-12-31')) {
      for (const cadence of [QUARTERLY, SIX_WEEKLY]) {
        for (const g of plan(firstDate, cadence, 24)) if (isBankHoliday(g.date) || inChristmasClosure(g.date)) hits.push(`${firstDate} → ${g.date}`)
      }
    }
    expect(hits.slice(0, 20), `${hits.length} closed dates generated`).toEqual([])
  })

  it('locality series (every N weeks) agree with the oracle: next open Monday–Friday, cadence kept from the first date', () => {
    const listed = ['2026-06-11', '2026-06-12', '2027-09-16', '2028-03-02']
    for (const weeks of [1, 6, 13]) {
      for (const firstDate of days('2026-01-01', '2027-12-31')) {
        const got = plan(firstDate, { kind: 'weeks', weeks }, 24, listed)
        const want = oracleWeeks(firstDate, weeks, 24, listed)
        for (let i = 0; i < 24; i++) {
          const g = got[i]!
          const w = want[i]!
          if (g?.date !== w.date || g.nominalDate !== w.nominalDate || g.moved !== w.moved) expect(got, `${weeks}-weekly from ${firstDate}`).toEqual(want)
        }
      }
    }
  })
})

// =============================================================================================
// Central's series: six-weekly, and it used to meet on Boxing Day
// =============================================================================================
describe('a Central-style six-weekly series around Christmas', () => {
  it('a Saturday series that would meet on Boxing Day 2026 (not itself the bank holiday that year) moves to Monday 4 January 2027', () => {
    const got = plan('2026-11-14', SIX_WEEKLY, 3)
    expect(got).toEqual([
      { date: '2026-11-14', nominalDate: '2026-11-14', moved: false },
      { date: '2027-01-04', nominalDate: '2026-12-26', moved: true },
      { date: '2027-02-06', nominalDate: '2027-02-06', moved: false },
    ])
  })

  it('with the demo closure list (bank holidays only) it still does not meet on 26 December', () => {
    const listed = [...GOV_UK[2026]!, ...GOV_UK[2027]!, ...GOV_UK[2028]!]
    const got = plan('2026-11-14', SIX_WEEKLY, 8, listed)
    expect(got.map((g) => g.date)).not.toContain('2026-12-26')
    for (const g of got) expect(inChristmasClosure(g.date) || isBankHoliday(g.date), g.date).toBe(false)
  })

  it('a Thursday series on Christmas Eve 2026 moves to the first open weekday after New Year (Monday 4 January)', () => {
    const got = plan('2026-11-12', SIX_WEEKLY, 3)
    expect(got).toEqual([
      { date: '2026-11-12', nominalDate: '2026-11-12', moved: false },
      { date: '2027-01-04', nominalDate: '2026-12-24', moved: true },
      { date: '2027-02-04', nominalDate: '2027-02-04', moved: false },
    ])
  })

  it('a Monday series on Easter Monday 2026 moves to the Tuesday with no closures listed at all', () => {
    const got = plan('2026-02-23', SIX_WEEKLY, 3)
    expect(got).toEqual([
      { date: '2026-02-23', nominalDate: '2026-02-23', moved: false },
      { date: '2026-04-07', nominalDate: '2026-04-06', moved: true },
      { date: '2026-05-18', nominalDate: '2026-05-18', moved: false },
    ])
  })

  it('a Tuesday series on 29 December 2026 (in the closure, not a bank holiday) moves to Monday 4 January', () => {
    const got = plan('2026-11-17', SIX_WEEKLY, 2)
    expect(got[1]).toEqual({ date: '2027-01-04', nominalDate: '2026-12-29', moved: true })
  })
})
