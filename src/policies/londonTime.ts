// Meetings happen at Europe/London wall-clock times; the database stores instants. These convert
// between the two without a date library, using the platform's time-zone data (Intl).
const ZONE = 'Europe/London'

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
})

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

export type LondonParts = { date: string; time: string; weekday: number }

export function londonParts(instant: Date): LondonParts {
  const parts = Object.fromEntries(partsFormatter.formatToParts(instant).map((p) => [p.type, p.value]))
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, weekday: WEEKDAYS.indexOf(parts.weekday!) }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/

/** Whether a string is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const match = DATE_RE.exec(value)
  if (!match) return false
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return date.toISOString().slice(0, 10) === value
}

export const isWallTime = (value: unknown): value is string => typeof value === 'string' && TIME_RE.test(value)

/** Minutes London is ahead of UTC at an instant (0 in GMT, 60 in BST). */
function offsetMinutes(instant: Date): number {
  const { date, time } = londonParts(instant)
  const asUtc = Date.parse(`${date}T${time}:00Z`)
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000)
}

/**
 * A London wall-clock time as an instant. A time that does not exist (the spring-forward hour) is
 * moved forward an hour; an ambiguous autumn time is taken at its first (BST) occurrence.
 */
export function londonToUtc(date: string, time: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`"${date}" is not a date written as YYYY-MM-DD.`)
  if (!isWallTime(time)) throw new RangeError(`"${time}" is not a time written as HH:MM.`)
  const naive = Date.parse(`${date}T${time}:00Z`)
  // Try the larger offset first so that an ambiguous time resolves to BST.
  for (const guess of [60, 0]) {
    const candidate = new Date(naive - guess * 60_000)
    if (offsetMinutes(candidate) === guess) return candidate
  }
  // In the gap: the wall clock skipped this hour, so the same clock time an hour later is meant.
  return new Date(naive)
}

const dateTimeFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})
const dateFormatter = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: 'numeric', month: 'long', year: 'numeric' })

/** "Thursday 15 July 2027, 18:00" */
export function formatLondonDateTime(instant: Date): string {
  return `${dateTimeFormatter.format(instant).replace(',', '')}, ${londonParts(instant).time}`
}

/** "15 July 2027" */
export const formatLondonDate = (instant: Date): string => dateFormatter.format(instant)

/** "18:00" */
export const formatLondonTime = (instant: Date): string => londonParts(instant).time

// Display formatters, each built once. Building an Intl.DateTimeFormat costs far more than formatting
// with one (Date#toLocaleString with options builds a new one on every call), and pages format a date
// per post, per message, per bar. Each says exactly what the toLocale* call it replaced said.
const displayFormatters = {
  /** "5 Dec 2026, 14:03": forum posts. */
  postedAt: new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
  /** "5 Dec 2026, 14:03" in the platform's medium style: private messages. */
  sentAt: new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' }),
  /** "05/12/2026": consent summaries. */
  numericDate: new Intl.DateTimeFormat('en-GB', { timeZone: ZONE }),
  /** "14:03" */
  clock: new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }),
  /** "14:03:09" */
  clockWithSeconds: new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit' }),
  /** "15 July 2027" */
  longDate: dateFormatter,
}

export type LondonDisplayFormat = keyof typeof displayFormatters

/**
 * A date (an instant or an ISO string) in one of the display formats, London time. An invalid date
 * reads "Invalid Date", as Date#toLocaleString says, instead of throwing as Intl does.
 */
export function formatLondon(format: LondonDisplayFormat, value: Date | string | number): string {
  const instant = value instanceof Date ? value : new Date(value)
  return Number.isNaN(instant.getTime()) ? 'Invalid Date' : displayFormatters[format].format(instant)
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Adds calendar months, clamping the day to the end of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(y, m - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d, lastDay))
  return target.toISOString().slice(0, 10)
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date. */
export const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay()
