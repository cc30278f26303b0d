// The meeting cycle: localities every N weeks, the county quarterly on one weekday (the same nth
// weekday of the month). Dates run from the nominal series, so a meeting moved off a closed day does
// not shift every meeting after it. Closed: a listed closure day, an England and Wales bank holiday
// (by rule, listed or not) and 24 December–1 January.
import { isBankHoliday, isChristmasClosure } from './bankHolidays.js'
import { addDays, addMonths, isIsoDate, weekdayOf } from './londonTime.js'

export type Cadence = { kind: 'weeks'; weeks: number } | { kind: 'quarterly' }
export type PlannedMeeting = { date: string; nominalDate: string; moved: boolean }

export const MAX_SERIES_COUNT = 24

export function cadenceFor(locality: { isCountyWide?: boolean | null; meetingCadenceWeeks?: number | null }): Cadence {
  return locality.isCountyWide ? { kind: 'quarterly' } : { kind: 'weeks', weeks: locality.meetingCadenceWeeks || 6 }
}

/** The last day of a YYYY-MM-DD date's month, as YYYY-MM-DD. */
const lastOfMonth = (date: string) => addDays(`${addMonths(`${date.slice(0, 8)}01`, 1).slice(0, 8)}01`, -1)

/**
 * The same weekday in the same place of the month as `date`, `months` calendar months on: the 3rd
 * Thursday gives the 3rd Thursday; a 5th one (the 29th–31st) gives the last of that weekday.
 */
export function sameWeekdayOfMonth(date: string, months: number): string {
  const day = Number(date.slice(8, 10))
  const nth = Math.ceil(day / 7)
  const weekday = weekdayOf(date)
  const first = `${addMonths(date, months).slice(0, 8)}01`
  if (nth >= 5) {
    const last = lastOfMonth(first)
    return addDays(last, -((weekdayOf(last) - weekday + 7) % 7))
  }
  return addDays(first, ((weekday - weekdayOf(first) + 7) % 7) + 7 * (nth - 1))
}

/** The nominal date `steps` cadences after `date`. */
export function advance(date: string, cadence: Cadence, steps: number): string {
  return cadence.kind === 'quarterly' ? sameWeekdayOfMonth(date, 3 * steps) : addDays(date, 7 * cadence.weeks * steps)
}

const isWeekend = (date: string) => weekdayOf(date) === 0 || weekdayOf(date) === 6

/** A day nothing meets on: listed, a bank holiday, or the Christmas closure. */
export const closedDay = (listed: ReadonlySet<string>) => (date: string) => listed.has(date) || isBankHoliday(date) || isChristmasClosure(date)

export function planMeetingSeries(input: { firstDate: string; cadence: Cadence; count: number; closures: readonly string[] }): PlannedMeeting[] {
  const { firstDate, cadence, count } = input
  if (!isIsoDate(firstDate)) throw new RangeError(`The first date "${firstDate}" is not a date written as YYYY-MM-DD.`)
  if (!Number.isInteger(count) || count < 1 || count > MAX_SERIES_COUNT) throw new RangeError(`Choose between 1 and ${MAX_SERIES_COUNT} meetings.`)
  if (cadence.kind === 'weeks' && (!Number.isInteger(cadence.weeks) || cadence.weeks < 1 || cadence.weeks > 52)) {
    throw new RangeError('A meeting cadence is between 1 and 52 weeks.')
  }
  const closed = closedDay(new Set(input.closures))
  const planned: PlannedMeeting[] = []
  for (let i = 0; i < count; i++) {
    const nominalDate = advance(firstDate, cadence, i)
    let date = nominalDate
    // The county keeps its weekday: a week later. A locality takes the next open weekday.
    if (cadence.kind === 'quarterly') while (closed(date)) date = addDays(date, 7)
    else if (closed(date)) {
      do date = addDays(date, 1)
      while (closed(date) || isWeekend(date))
    }
    planned.push({ date, nominalDate, moved: date !== nominalDate })
  }
  return planned
}

/** The title a generated meeting starts with; moderators rename it as they like. */
export const defaultMeetingTitle = (locality: { name: string; isCountyWide?: boolean | null }) => (locality.isCountyWide ? `${locality.name} quarterly meeting` : `${locality.name} forum meeting`)
