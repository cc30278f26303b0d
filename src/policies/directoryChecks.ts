// The weekly email to moderators about directory entries due a check (unchecked for six months,
// src/policies/directory.ts isStale). Pure, so who is told about what, and when, is testable.
import { addDays, londonParts } from './londonTime.js'
import { isModerator, moderatesLocality, type Actor } from './roles.js'

export type DueEntry = { id: number | string; name: string; locality: number | string | null }

/** The Monday (London) of the week `now` falls in: one email per moderator per week. */
export function checkWeekOf(now: Date): string {
  const { date, weekday } = londonParts(now)
  return addDays(date, -((weekday + 6) % 7))
}

/** The email's idempotency key: a second run in the same week (or a retry) sends nothing new. */
export const directoryCheckKey = (week: string, moderatorId: number | string): string => `dircheck-${week}-${moderatorId}`

/**
 * The due entries a moderator is told about: those of the localities they moderate (every locality for an
 * unscoped moderator), and every county-wide entry, which is all the moderators' to keep.
 */
export function entriesDueFor(moderator: Actor, entries: readonly DueEntry[], countyWide: ReadonlySet<string>): DueEntry[] {
  if (!isModerator(moderator)) return []
  return entries.filter((entry) => (entry.locality !== null && countyWide.has(String(entry.locality))) || moderatesLocality(moderator, entry.locality))
}
