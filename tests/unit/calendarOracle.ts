// The calendar reference model shared by the meeting-series tests: plain UTC date arithmetic, the
// Gregorian Easter computus, England and Wales bank holidays by their published rules, the Christmas
// closure and the two meeting cadences. Written from the rules, never taken from the implementation.
import type { Cadence } from '../../src/policies/meetingSeries.js'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export const pad = (n: number, w = 2) => String(n).padStart(w, '0')
export const ymd = (ms: number) => {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}
export const parseYmd = (s: string) => {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d)
}
export const addDays = (s: string, n: number) => ymd(parseYmd(s) + n * DAY)
export const weekdayOf = (s: string) => new Date(parseYmd(s)).getUTCDay()
export const daysInMonth = (y: number, m0: number) => new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate()

/** Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): number {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return Date.UTC(year, month - 1, day)
}
const firstMonday = (y: number, m0: number) => Date.UTC(y, m0, 1 + ((8 - new Date(Date.UTC(y, m0, 1)).getUTCDay()) % 7))
const lastMonday = (y: number, m0: number) => {
  const last = daysInMonth(y, m0)
  return Date.UTC(y, m0, last - ((new Date(Date.UTC(y, m0, last)).getUTCDay() + 6) % 7))
}

/** England and Wales bank holidays of a year, by the published rules. */
export function ruleBankHolidays(year: number): string[] {
  const out: number[] = []
  // New Year's Day: a weekend day moves to the Monday.
  const ny = Date.UTC(year, 0, 1)
  const nyDow = new Date(ny).getUTCDay()
  out.push(nyDow === 6 ? ny + 2 * DAY : nyDow === 0 ? ny + DAY : ny)
  const easter = easterSunday(year)
  out.push(easter - 2 * DAY, easter + DAY, firstMonday(year, 4), lastMonday(year, 4), lastMonday(year, 7))
  // Christmas and Boxing Day, each on the next free weekday when on a weekend.
  const xmas = Date.UTC(year, 11, 25)
  const dow = new Date(xmas).getUTCDay()
  if (dow === 5)
    out.push(xmas, xmas + 3 * DAY) // Fri: Boxing Day (Sat) → Mon 28
  else if (dow === 6)
    out.push(xmas + 2 * DAY, xmas + 3 * DAY) // Sat: → Mon 27, Tue 28
  else if (dow === 0)
    out.push(xmas + DAY, xmas + 2 * DAY) // Sun: Boxing Day Mon 26, substitute Tue 27
  else out.push(xmas, xmas + DAY)
  return out.map(ymd).sort()
}

/** 24 December to 1 January inclusive. */
export const inChristmasClosure = (d: string) => {
  const md = d.slice(5)
  return md >= '12-24' || md === '01-01'
}

/** The nth (1–4) weekday of a month, or its last one (n ≥ 5 means "the last"). */
export function nthWeekday(year: number, m0: number, weekday: number, n: number): string {
  if (n >= 5) {
    const last = daysInMonth(year, m0)
    const lastDow = new Date(Date.UTC(year, m0, last)).getUTCDay()
    return ymd(Date.UTC(year, m0, last - ((lastDow - weekday + 7) % 7)))
  }
  const firstDow = new Date(Date.UTC(year, m0, 1)).getUTCDay()
  return ymd(Date.UTC(year, m0, 1 + ((weekday - firstDow + 7) % 7) + 7 * (n - 1)))
}

/** The i-th nominal date: every N weeks, or the county's same nth weekday every three months. */
export function nominalDate(firstDate: string, cadence: Cadence, i: number): string {
  if (cadence.kind === 'weeks') return addDays(firstDate, i * cadence.weeks * 7)
  const [y, m, d] = firstDate.split('-').map(Number) as [number, number, number]
  const idx = m - 1 + 3 * i
  return nthWeekday(y + Math.floor(idx / 12), idx % 12, weekdayOf(firstDate), Math.ceil(d / 7))
}

export type Planned = { date: string; nominalDate: string; moved: boolean }

/**
 * The series with closed days avoided: listed days, bank holidays and the Christmas closure are closed.
 * The county moves a week later (same weekday); a locality to the next open weekday.
 */
export function oracleSeries(firstDate: string, cadence: Cadence, count: number, listed: string[], bankHolidaysOf = ruleBankHolidays): Planned[] {
  const listedSet = new Set(listed)
  const years = new Map<number, Set<string>>()
  const closed = (date: string) => {
    const year = Number(date.slice(0, 4))
    if (!years.has(year)) years.set(year, new Set(bankHolidaysOf(year)))
    return listedSet.has(date) || years.get(year)!.has(date) || inChristmasClosure(date)
  }
  return Array.from({ length: count }, (_, i) => {
    const nominal = nominalDate(firstDate, cadence, i)
    let date = nominal
    if (cadence.kind === 'quarterly') while (closed(date)) date = addDays(date, 7)
    else if (closed(date)) {
      do date = addDays(date, 1)
      while (closed(date) || weekdayOf(date) === 0 || weekdayOf(date) === 6)
    }
    return { date, nominalDate: nominal, moved: date !== nominal }
  })
}
