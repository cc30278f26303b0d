// The community assets directory (issue 17 A): who may see, suggest and approve entries, and the
// recurring times a group meets ("Tuesdays 19:00", "first Saturday of the month 10:30"), as plain
// functions so they can be tested without Payload. Only approved entries are public; a suggestion (a new
// entry, or a correction linked to an entry) is seen by the member who made it and the moderators.
import { addDays, addMonths, londonParts, isIsoDate, isWallTime } from './londonTime.js'
import { isModerator, isSelf, moderatesLocality, canPost, type Actor } from './roles.js'

export const ENTRY_STATES = ['suggested', 'approved', 'rejected'] as const
export type EntryState = (typeof ENTRY_STATES)[number]

/** A suggestion is a new entry, or a correction to an approved one (linked by correctionOf). */
export const SUGGESTION_TYPES = ['entry', 'correction'] as const
export type SuggestionType = (typeof SUGGESTION_TYPES)[number]

/** The fixed list of accessibility tags (value, label). */
export const ACCESSIBILITY_TAGS = [
  { value: 'step-free', label: 'Step-free access' },
  { value: 'hearing-loop', label: 'Hearing loop' },
  { value: 'bsl', label: 'BSL interpreted' },
  { value: 'women-only', label: 'Women only' },
  { value: 'men-only', label: 'Men only' },
  { value: 'under-25s', label: 'Under-25s' },
  { value: 'lgbtq', label: 'LGBTQ+ group' },
  { value: 'online', label: 'Online option' },
  { value: 'children-welcome', label: 'Children welcome' },
] as const
export type AccessibilityTag = (typeof ACCESSIBILITY_TAGS)[number]['value']
export const isAccessibilityTag = (value: unknown): value is AccessibilityTag => ACCESSIBILITY_TAGS.some((t) => t.value === value)
export const accessibilityLabel = (value: string) => ACCESSIBILITY_TAGS.find((t) => t.value === value)?.label ?? value

/** The groups kinds fall into (the moderators' list of kinds names one of these). */
export const KIND_GROUPS = [
  { value: 'mutual-aid', label: 'Mutual aid' },
  { value: 'family', label: 'Family and carers' },
  { value: 'community', label: 'Community and peer support' },
  { value: 'practical', label: 'Housing, learning and work' },
  { value: 'health', label: 'Health and harm reduction' },
] as const

/** How long an entry may go unchecked before moderators are asked to check it again. */
export const STALE_AFTER_MONTHS = 6

// ---------------------------------------------------------------------------------------------------
// Access, as a table: actor, action, target, condition.

type EntryLike = { status?: string | null; suggestionType?: string | null; suggestedBy?: unknown; locality?: unknown }
const idOfRelation = (value: unknown): string | null => {
  if (value === null || value === undefined) return null
  if (typeof value === 'object') return 'id' in (value as object) ? String((value as { id: unknown }).id) : null
  return String(value)
}

/** An entry everyone sees: approved, and an entry rather than a correction to one. */
export const isPublicEntry = (entry: EntryLike): boolean => entry.status === 'approved' && (entry.suggestionType ?? 'entry') === 'entry'

/** Who sees an entry or suggestion: everyone when it is public; the member who suggested it; the moderators of its locality. */
export function canSeeEntry(viewer: Actor, entry: EntryLike): boolean {
  if (isPublicEntry(entry)) return true
  if (moderatesEntry(viewer, entry)) return true
  return isSelf(viewer, idOfRelation(entry.suggestedBy))
}

/** Moderators of the entry's locality (admins and unscoped moderators: every entry). */
export const moderatesEntry = (actor: Actor, entry: Pick<EntryLike, 'locality'>): boolean => moderatesLocality(actor, idOfRelation(entry.locality))

/** Members with a verified email suggest entries and corrections; visitors sign in first. */
export const canSuggestEntry = (actor: Actor): boolean => canPost(actor)

/** Approving, rejecting, editing and deleting entries is the moderators' work. */
export const canApproveEntry = (actor: Actor, entry: Pick<EntryLike, 'locality'>): boolean => moderatesEntry(actor, entry)

/** Only moderators set an entry's status or checked-on date; everyone else's suggestion is "suggested". */
export const mayChooseStatus = (actor: Actor): boolean => isModerator(actor)

/** The status a new record gets: a moderator's choice (default approved), else always "suggested". */
export function statusOnCreate(actor: Actor, asked: unknown): EntryState {
  if (!mayChooseStatus(actor)) return 'suggested'
  return typeof asked === 'string' && (ENTRY_STATES as readonly string[]).includes(asked) ? (asked as EntryState) : 'approved'
}

/** The moderator-managed list of kinds: everyone reads it, moderators keep it. */
export const canManageKinds = (actor: Actor): boolean => isModerator(actor)

// ---------------------------------------------------------------------------------------------------
// When an entry was last checked.

export { addMonths }

/** An entry not checked for six months (or never checked) is flagged to moderators. */
export function isStale(checkedOn: string | Date | null | undefined, now: Date): boolean {
  if (!checkedOn) return true
  const checked = typeof checkedOn === 'string' ? checkedOn.slice(0, 10) : checkedOn.toISOString().slice(0, 10)
  if (!isIsoDate(checked)) return true
  return addMonths(checked, STALE_AFTER_MONTHS) <= londonParts(now).date
}

/** The checked-on date before which an entry counts as stale, for a query: `checkedOn < staleBefore(now)`. */
export const staleBefore = (now: Date): string => addMonths(londonParts(now).date, -STALE_AFTER_MONTHS)

// ---------------------------------------------------------------------------------------------------
// Recurring times.

export const WEEKDAYS = [
  { value: 'mon', label: 'Monday', plural: 'Mondays', short: 'Mon', ics: 'MO', index: 1 },
  { value: 'tue', label: 'Tuesday', plural: 'Tuesdays', short: 'Tue', ics: 'TU', index: 2 },
  { value: 'wed', label: 'Wednesday', plural: 'Wednesdays', short: 'Wed', ics: 'WE', index: 3 },
  { value: 'thu', label: 'Thursday', plural: 'Thursdays', short: 'Thu', ics: 'TH', index: 4 },
  { value: 'fri', label: 'Friday', plural: 'Fridays', short: 'Fri', ics: 'FR', index: 5 },
  { value: 'sat', label: 'Saturday', plural: 'Saturdays', short: 'Sat', ics: 'SA', index: 6 },
  { value: 'sun', label: 'Sunday', plural: 'Sundays', short: 'Sun', ics: 'SU', index: 0 },
] as const
export type Weekday = (typeof WEEKDAYS)[number]['value']
export const isWeekday = (value: unknown): value is Weekday => WEEKDAYS.some((d) => d.value === value)
const dayOf = (value: Weekday) => WEEKDAYS.find((d) => d.value === value)!

/** Which week of the month: 1 to 4, or -1 for the last. */
export const WEEKS_OF_MONTH = [
  { value: '1', label: 'First', ordinal: '1st' },
  { value: '2', label: 'Second', ordinal: '2nd' },
  { value: '3', label: 'Third', ordinal: '3rd' },
  { value: '4', label: 'Fourth', ordinal: '4th' },
  { value: '-1', label: 'Last', ordinal: 'last' },
] as const

export type MeetingTime = {
  frequency: 'weekly' | 'monthly'
  weekday: Weekday
  /** For monthly: 1–4, or -1 for the last such weekday of the month. */
  week?: number | null
  /** HH:MM, London time. */
  time: string
  /** How long it lasts, in minutes (for calendars). */
  durationMinutes?: number | null
}

export const DEFAULT_DURATION_MINUTES = 90

/** "Tuesdays at 19:00", "First Saturday of the month at 10:30". */
export function describeMeetingTime(t: MeetingTime): string {
  const day = dayOf(t.weekday)
  if (t.frequency === 'weekly') return `${day.plural} at ${t.time}`
  const week = WEEKS_OF_MONTH.find((w) => Number(w.value) === t.week)
  return `${week?.label ?? 'First'} ${day.label} of the month at ${t.time}`
}

/** The same time as a short CSV token: "Tue 19:00", "1st Sat 10:30", "last Fri 18:00" (plus "/120" for a length). */
export function formatMeetingTime(t: MeetingTime): string {
  const day = dayOf(t.weekday).short
  const length = t.durationMinutes && t.durationMinutes !== DEFAULT_DURATION_MINUTES ? `/${t.durationMinutes}` : ''
  if (t.frequency === 'weekly') return `${day} ${t.time}${length}`
  const week = WEEKS_OF_MONTH.find((w) => Number(w.value) === t.week)
  return `${week?.ordinal ?? '1st'} ${day} ${t.time}${length}`
}

const ORDINALS: Record<string, number> = { '1st': 1, first: 1, '2nd': 2, second: 2, '3rd': 3, third: 3, '4th': 4, fourth: 4, last: -1 }

/**
 * Reads one recurring time, as people write it in a spreadsheet: "Tue 19:00", "Tuesdays 19:00",
 * "every Tuesday 7pm" is not accepted (times are HH:MM), "1st Sat 10:30", "first Saturday of the month 10:30",
 * "last Fri 18:00/120". Returns the time, or an error saying what is wrong.
 */
export function parseMeetingTime(text: string): { ok: true; value: MeetingTime } | { ok: false; error: string } {
  const cleaned = text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ of the month/, '')
    .replace(/^every /, '')
    .replace(/ at /, ' ')
  const match = /^(?:(1st|2nd|3rd|4th|first|second|third|fourth|last) )?([a-z]+) (\d{1,2}:\d{2})(?:\/(\d{1,3}))?$/.exec(cleaned)
  if (!match) return { ok: false, error: `"${text.trim()}" is not a time like "Tue 19:00" or "1st Sat 10:30".` }
  const [, ordinal, dayWord, rawTime, length] = match
  const day = WEEKDAYS.find((d) => [d.value, d.short.toLowerCase(), d.label.toLowerCase(), d.plural.toLowerCase()].includes(dayWord!))
  if (!day) return { ok: false, error: `"${dayWord}" is not a day of the week.` }
  const time = rawTime!.padStart(5, '0')
  if (!isWallTime(time)) return { ok: false, error: `"${rawTime}" is not a time of day written HH:MM.` }
  const durationMinutes = length ? Number(length) : null
  if (durationMinutes !== null && (durationMinutes < 15 || durationMinutes > 600)) return { ok: false, error: 'A meeting lasts between 15 and 600 minutes.' }
  if (ordinal) return { ok: true, value: { frequency: 'monthly', weekday: day.value, week: ORDINALS[ordinal]!, time, durationMinutes } }
  return { ok: true, value: { frequency: 'weekly', weekday: day.value, week: null, time, durationMinutes } }
}

/** Several times separated by ";" (an empty text is no times). */
export function parseMeetingTimes(text: string): { ok: true; value: MeetingTime[] } | { ok: false; error: string } {
  const parts = text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)
  const out: MeetingTime[] = []
  for (const part of parts) {
    const parsed = parseMeetingTime(part)
    if (!parsed.ok) return parsed
    out.push(parsed.value)
  }
  if (out.length > 10) return { ok: false, error: 'Give at most 10 meeting times.' }
  return { ok: true, value: out }
}

const weekdayOfIso = (iso: string) => new Date(`${iso}T12:00:00Z`).getUTCDay()

/** Whether a time falls on a London calendar date. */
export function meetsOn(t: MeetingTime, isoDate: string): boolean {
  if (weekdayOfIso(isoDate) !== dayOf(t.weekday).index) return false
  if (t.frequency === 'weekly') return true
  const dayOfMonth = Number(isoDate.slice(8, 10))
  if (t.week === -1) return addDays(isoDate, 7).slice(5, 7) !== isoDate.slice(5, 7)
  return Math.ceil(dayOfMonth / 7) === (t.week ?? 1)
}

/** "This week": today and the six days after, in London. */
export function thisWeek(now: Date): { from: string; to: string; dates: string[] } {
  const from = londonParts(now).date
  const dates = Array.from({ length: 7 }, (_, i) => addDays(from, i))
  return { from, to: dates[6]!, dates }
}

/** The dates (London) within this week on which any of the times falls, earliest first. */
export function meetingsThisWeek(times: readonly MeetingTime[], now: Date): { date: string; time: MeetingTime }[] {
  const { dates } = thisWeek(now)
  return dates.flatMap((date) => times.filter((t) => meetsOn(t, date)).map((time) => ({ date, time }))).sort((a, b) => (a.date + a.time.time).localeCompare(b.date + b.time.time))
}

export const meetsThisWeek = (times: readonly MeetingTime[], now: Date): boolean => meetingsThisWeek(times, now).length > 0

export const meetsOnWeekday = (times: readonly MeetingTime[], day: Weekday): boolean => times.some((t) => t.weekday === day)

/** The first date on or after `from` on which the time falls (within a year), for a calendar's DTSTART. */
export function firstDateFrom(t: MeetingTime, from: string): string {
  for (let i = 0; i < 370; i++) {
    const date = addDays(from, i)
    if (meetsOn(t, date)) return date
  }
  return from
}

/** The RFC 5545 recurrence rule: FREQ=WEEKLY;BYDAY=TU or FREQ=MONTHLY;BYDAY=1SA (-1FR for the last). */
export function rruleOf(t: MeetingTime): string {
  const day = dayOf(t.weekday).ics
  return t.frequency === 'weekly' ? `FREQ=WEEKLY;BYDAY=${day}` : `FREQ=MONTHLY;BYDAY=${t.week ?? 1}${day}`
}

/** The schema.org day for JSON-LD (https://schema.org/Tuesday). */
export const schemaDayOf = (day: Weekday): string => `https://schema.org/${dayOf(day).label}`

// ---------------------------------------------------------------------------------------------------
// Filters on the public listing.

export type DirectoryFilters = { kind?: string; locality?: string; day?: Weekday; week?: boolean }

/** Reads the listing's query string: unknown values are dropped, never an error. */
export function readDirectoryFilters(query: Record<string, unknown>, known: { kinds: readonly string[]; localities: readonly string[] }): DirectoryFilters {
  const one = (v: unknown) => (typeof v === 'string' ? v : undefined)
  const kind = one(query.kind)
  const locality = one(query.locality)
  const day = one(query.day)
  return {
    ...(kind && known.kinds.includes(kind) ? { kind } : {}),
    ...(locality && known.localities.includes(locality) ? { locality } : {}),
    ...(isWeekday(day) ? { day } : {}),
    ...(one(query.when) === 'week' ? { week: true } : {}),
  }
}

/** The listing's address for some filters, in a fixed order (links and the cache key agree). */
export function directoryHref(filters: DirectoryFilters): string {
  const params = new URLSearchParams()
  if (filters.kind) params.set('kind', filters.kind)
  if (filters.locality) params.set('locality', filters.locality)
  if (filters.day) params.set('day', filters.day)
  if (filters.week) params.set('when', 'week')
  const query = params.toString()
  return query ? `/directory?${query}` : '/directory'
}

// ---------------------------------------------------------------------------------------------------
// JSON-LD in a <script> element.

/**
 * JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&` are written as \u escapes
 * so no text (a suggested name such as `</script><script>…`) can end the element or open a comment,
 * and U+2028/2029 are escaped for older parsers. The result is still the same JSON value.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
