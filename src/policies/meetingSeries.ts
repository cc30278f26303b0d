// The meeting cycle: localities every N weeks, the county quarterly. Dates run from the nominal
// series, so a meeting moved off a closure day does not shift every meeting after it.
import { addDays, addMonths, isIsoDate, weekdayOf } from './londonTime.js'

export type Cadence = { kind: 'weeks'; weeks: number } | { kind: 'quarterly' }
export type PlannedMeeting = { date: string; nominalDate: string; moved: boolean }

export const MAX_SERIES_COUNT = 24

export function cadenceFor(locality: { isCountyWide?: boolean | null; meetingCadenceWeeks?: number | null }): Cadence {
  return locality.isCountyWide ? { kind: 'quarterly' } : { kind: 'weeks', weeks: locality.meetingCadenceWeeks || 6 }
}

/** The nominal date `steps` cadences after `date`. */
export function advance(date: string, cadence: Cadence, steps: number): string {
  return cadence.kind === 'quarterly' ? addMonths(date, 3 * steps) : addDays(date, 7 * cadence.weeks * steps)
}

const isWeekend = (date: string) => weekdayOf(date) === 0 || weekdayOf(date) === 6

export function planMeetingSeries(input: { firstDate: string; cadence: Cadence; count: number; closures: readonly string[] }): PlannedMeeting[] {
  const { firstDate, cadence, count } = input
  if (!isIsoDate(firstDate)) throw new RangeError(`The first date "${firstDate}" is not a date written as YYYY-MM-DD.`)
  if (!Number.isInteger(count) || count < 1 || count > MAX_SERIES_COUNT) throw new RangeError(`Choose between 1 and ${MAX_SERIES_COUNT} meetings.`)
  if (cadence.kind === 'weeks' && (!Number.isInteger(cadence.weeks) || cadence.weeks < 1 || cadence.weeks > 52)) {
    throw new RangeError('A meeting cadence is between 1 and 52 weeks.')
  }
  const closed = new Set(input.closures)
  const planned: PlannedMeeting[] = []
  for (let i = 0; i < count; i++) {
    const nominalDate = advance(firstDate, cadence, i)
    let date = nominalDate
    if (closed.has(date)) {
      do date = addDays(date, 1)
      while (closed.has(date) || isWeekend(date))
    }
    planned.push({ date, nominalDate, moved: date !== nominalDate })
  }
  return planned
}

/** The title a generated meeting starts with; moderators rename it as they like. */
export const defaultMeetingTitle = (locality: { name: string; isCountyWide?: boolean | null }) =>
  locality.isCountyWide ? `${locality.name} quarterly meeting` : `${locality.name} forum meeting`
