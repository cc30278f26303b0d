// Small statistics for the commissioners' report.

/** The middle value (the mean of the middle two for an even count); null when there is nothing to measure. */
export function median(values: readonly number[]): number | null {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (finite.length === 0) return null
  const middle = Math.floor(finite.length / 2)
  return finite.length % 2 === 1 ? finite[middle]! : (finite[middle - 1]! + finite[middle]!) / 2
}

/**
 * The start of a report period: `months` calendar months before `now`, at the same time of day (UTC),
 * on the same day of the month or, when that month is shorter, its last day (31 May − 3 = 28/29 Feb).
 */
export function periodStart(now: Date, months: number): Date {
  const year = now.getUTCFullYear()
  const month = now.getUTCMonth() - months
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return new Date(Date.UTC(year, month, Math.min(now.getUTCDate(), lastDay), now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds()))
}

/** Below this many people a figure is shown as "fewer than 5": a count of one or two can point at someone. */
export const SMALL_NUMBER = 5
export const FEWER_THAN = `fewer than ${SMALL_NUMBER}`

/** A count of people as the report shows it: exact from 5 up, otherwise "fewer than 5" (0 included). */
export const peopleCount = (count: number): string => (count >= SMALL_NUMBER ? String(count) : FEWER_THAN)

/** A count hidden only so that a small number beside it cannot be worked out by subtraction (src/reports/suppression.ts). */
export const WITHHELD = 'withheld'
