// England and Wales bank holidays by rule, so the closure list can be seeded for any years. One-off
// holidays (coronations, jubilees) are not rules: moderators add those to the closure list by hand.
import { addDays, weekdayOf } from './londonTime.js'

export type ClosureDay = { date: string; name: string }

const iso = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10)

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm. */
export function easterSunday(year: number): string {
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
  return iso(year, month, day)
}

const firstMonday = (year: number, month: number) => {
  const first = iso(year, month, 1)
  return addDays(first, (8 - weekdayOf(first)) % 7)
}

const lastMonday = (year: number, month: number) => {
  const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10)
  return addDays(last, -((weekdayOf(last) + 6) % 7))
}

/** The next weekday on or after a date that is not already taken. */
function substitute(date: string, taken: Set<string>): string {
  let day = date
  while (weekdayOf(day) === 0 || weekdayOf(day) === 6 || taken.has(day)) day = addDays(day, 1)
  return day
}

/** The days around Christmas when nothing meets: 24 December to 1 January inclusive. */
export function isChristmasClosure(date: string): boolean {
  const monthDay = date.slice(5, 10)
  return monthDay >= '12-24' || monthDay === '01-01'
}

const holidayCache = new Map<number, Set<string>>()

/** Whether a YYYY-MM-DD date is an England and Wales bank holiday, worked out by rule for its year. */
export function isBankHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4))
  if (!Number.isInteger(year)) return false
  let dates = holidayCache.get(year)
  if (!dates) {
    dates = new Set(englandAndWalesBankHolidays(year).map((d) => d.date))
    holidayCache.set(year, dates)
  }
  return dates.has(date)
}

export function englandAndWalesBankHolidays(year: number): ClosureDay[] {
  const easter = easterSunday(year)
  const fixed: ClosureDay[] = [
    { date: addDays(easter, -2), name: 'Good Friday' },
    { date: addDays(easter, 1), name: 'Easter Monday' },
    { date: firstMonday(year, 5), name: 'Early May bank holiday' },
    { date: lastMonday(year, 5), name: 'Spring bank holiday' },
    { date: lastMonday(year, 8), name: 'Summer bank holiday' },
  ]
  const taken = new Set(fixed.map((d) => d.date))
  const newYear = substitute(iso(year, 1, 1), taken)
  taken.add(newYear)
  const christmas = substitute(iso(year, 12, 25), taken)
  taken.add(christmas)
  const boxingDay = substitute(iso(year, 12, 26), taken)
  const named = (date: string, name: string, nominal: string) => ({ date, name: date === nominal ? name : `${name} (substitute day)` })
  return [named(newYear, "New Year's Day", iso(year, 1, 1)), ...fixed, named(christmas, 'Christmas Day', iso(year, 12, 25)), named(boxingDay, 'Boxing Day', iso(year, 12, 26))].sort((x, y) =>
    x.date.localeCompare(y.date),
  )
}
