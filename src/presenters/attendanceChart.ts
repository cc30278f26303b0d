// The data behind the attendance chart (views/components/AttendanceChart.tsx): the points, a round
// axis, which bars get a month label, and the chart said in words. Pure: no I/O, no markup.
import { formatLondonDate } from '../policies/londonTime.js'

export type AttendancePoint = { label: string; date: string; total: number; firstTimers: number }

/**
 * Centre-to-centre room for one month label ("Sept 27" at 12px is about 45 units wide in a wide
 * sans-serif), with a gap. Labels closer than this are left out.
 */
export const LABEL_PITCH = 60

// Built once: a formatter per label would be rebuilt for every bar of every chart.
const monthLabel = new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'Europe/London' })

/** "Jan 27": the label under a bar. */
export const monthOf = (date: string): string => monthLabel.format(new Date(date))

/**
 * Which bars get a month label: every bar while they fit; when crowded, the first meeting of each
 * month, skipping any that would sit closer than LABEL_PITCH to the label before it.
 */
export function labelledIndexes(dates: string[], slot: number): number[] {
  const months = dates.map(monthOf)
  const candidates = slot >= LABEL_PITCH ? dates.map((_, i) => i) : dates.map((_, i) => i).filter((i) => i === 0 || months[i] !== months[i - 1])
  const kept: number[] = []
  for (const index of candidates) {
    const last = kept[kept.length - 1]
    if (last === undefined || (index - last) * slot >= LABEL_PITCH) kept.push(index)
  }
  return kept
}

/** A count as drawn: anything not a positive finite number is 0. */
export const safeCount = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0)

/** A round axis maximum at or above the largest value, so bars compare honestly. */
export function axisMaximum(values: number[]): number {
  const largest = Math.max(1, ...values.map(safeCount))
  const magnitude = 10 ** Math.floor(Math.log10(largest))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= largest / 4) ?? magnitude * 10
  return Math.ceil(largest / step) * step
}

export function describeAttendance(points: AttendancePoint[]): string {
  const first = points[0]!
  const last = points[points.length - 1]!
  const totals = points.map((p) => safeCount(p.total))
  const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`
  const firstTimers = (n: number) => `${n} ${n === 1 ? 'first-timer' : 'first-timers'}`
  return (
    `Attendance at ${points.length} ${points.length === 1 ? 'meeting' : 'meetings'} from ${formatLondonDate(new Date(first.date))} to ${formatLondonDate(new Date(last.date))}, ` +
    `between ${people(Math.min(...totals))} and ${people(Math.max(...totals))}. ` +
    `Latest: ${last.label} on ${formatLondonDate(new Date(last.date))}, ${people(safeCount(last.total))}, ${firstTimers(safeCount(last.firstTimers))}.`
  )
}

/** "Attendance and first-timers at the last 12 meetings, Lancashire East" (or "the last meeting"). */
export function attendanceHeading(count: number, where: string): string {
  const span = count === 0 ? '' : count === 1 ? ' at the last meeting' : ` at the last ${count} meetings`
  return `Attendance and first-timers${span}, ${where}`
}
