// What anyone may see of a directory entry: its public details, never who suggested it, its status or a
// moderator's workings. The JSON-LD (schema.org) is built from the same presented values.
import { accessibilityLabel, DEFAULT_DURATION_MINUTES, describeMeetingTime, formatMeetingTime, isStale, isWeekday, meetingsThisWeek, schemaDayOf, type MeetingTime } from '../policies/directory.js'
import { formatLondonDate } from '../policies/londonTime.js'

type Doc = Record<string, any>

export type DirectoryKindView = { id: string; slug: string; name: string; group: string }
export type DirectoryMeetingView = MeetingTime & { text: string; short: string }
export type DirectoryEntryView = {
  id: string
  name: string
  kind: { slug: string; name: string } | null
  locality: { slug: string; name: string } | null
  address: string | null
  postcode: string | null
  meets: DirectoryMeetingView[]
  meetsNote: string | null
  cost: string | null
  contact: string | null
  website: string | null
  accessibility: { value: string; label: string }[]
  description: string | null
  /** "15 March 2027", or null when it has never been checked. */
  checkedOn: string | null
  checkedOnIso: string | null
  stale: boolean
  /** This week's meetings, in words ("Tuesday 12 January, 19:00"). */
  thisWeek: string[]
}

const clean = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null)
const related = (value: unknown) => (value && typeof value === 'object' && 'slug' in value ? { slug: String((value as Doc).slug), name: String((value as Doc).name) } : null)

export const presentKind = (doc: Doc): DirectoryKindView => ({ id: String(doc.id), slug: String(doc.slug), name: String(doc.name), group: String(doc.group ?? '') })

export function meetingTimesOf(doc: Doc): MeetingTime[] {
  return (Array.isArray(doc.meets) ? (doc.meets as Doc[]) : [])
    .filter((m) => isWeekday(m.weekday) && typeof m.time === 'string')
    .map((m) => ({
      frequency: m.frequency === 'monthly' ? 'monthly' : 'weekly',
      weekday: m.weekday,
      week: m.week === null || m.week === undefined || m.week === '' ? null : Number(m.week),
      time: String(m.time),
      durationMinutes: typeof m.durationMinutes === 'number' ? m.durationMinutes : null,
    }))
}

const weekdayDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' })

/** An entry as the public sees it (the caller has checked it is public). `kind` and `locality` at depth 1. */
export function presentEntry(doc: Doc, now: Date): DirectoryEntryView {
  const times = meetingTimesOf(doc)
  const checked = clean(typeof doc.checkedOn === 'string' ? doc.checkedOn.slice(0, 10) : null)
  return {
    id: String(doc.id),
    name: String(doc.name),
    kind: related(doc.kind),
    locality: related(doc.locality),
    address: clean(doc.address),
    postcode: clean(doc.postcode)?.toUpperCase() ?? null,
    meets: times.map((t) => ({ ...t, text: describeMeetingTime(t), short: formatMeetingTime(t) })),
    meetsNote: clean(doc.meetsNote),
    cost: clean(doc.cost),
    contact: clean(doc.contact),
    website: clean(doc.website),
    accessibility: (Array.isArray(doc.accessibility) ? (doc.accessibility as string[]) : []).map((value) => ({ value, label: accessibilityLabel(value) })),
    description: clean(doc.description),
    checkedOn: checked ? formatLondonDate(new Date(`${checked}T12:00:00Z`)) : null,
    checkedOnIso: checked,
    stale: isStale(checked, now),
    thisWeek: meetingsThisWeek(times, now).map(({ date, time }) => `${weekdayDate.format(new Date(`${date}T12:00:00Z`))}, ${time.time}`),
  }
}

// ---------------------------------------------------------------------------------------------------
// schema.org JSON-LD: an Event with a schedule for a group that meets, an Organization otherwise.

const iso8601Duration = (minutes: number) => `PT${Math.floor(minutes / 60) ? `${Math.floor(minutes / 60)}H` : ''}${minutes % 60 ? `${minutes % 60}M` : ''}`

export function entryJsonLd(entry: DirectoryEntryView, origin: string): Record<string, unknown> {
  const url = `${origin}/directory/${entry.id}`
  const place =
    entry.address || entry.postcode
      ? { '@type': 'Place', name: entry.name, address: { '@type': 'PostalAddress', streetAddress: entry.address ?? undefined, postalCode: entry.postcode ?? undefined, addressCountry: 'GB' } }
      : undefined
  const common = {
    name: entry.name,
    url,
    description: entry.description ?? undefined,
    ...(entry.website ? { sameAs: entry.website } : {}),
  }
  if (entry.meets.length === 0) {
    return { '@context': 'https://schema.org', '@type': 'Organization', '@id': url, ...common, ...(place ? { location: place } : {}), ...(entry.contact ? { telephone: entry.contact } : {}) }
  }
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': url,
    ...common,
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    eventStatus: 'https://schema.org/EventScheduled',
    ...(place ? { location: place } : {}),
    ...(entry.cost ? { offers: { '@type': 'Offer', description: entry.cost } } : {}),
    organizer: { '@type': 'Organization', name: entry.name, url },
    eventSchedule: entry.meets.map((m) => ({
      '@type': 'Schedule',
      repeatFrequency: m.frequency === 'weekly' ? 'P1W' : 'P1M',
      byDay: schemaDayOf(m.weekday),
      ...(m.frequency === 'monthly' ? { byMonthWeek: m.week ?? 1 } : {}),
      startTime: `${m.time}:00`,
      duration: iso8601Duration(m.durationMinutes ?? DEFAULT_DURATION_MINUTES),
      scheduleTimezone: 'Europe/London',
    })),
  }
}

/** The listing: an ItemList of the entries on it. */
export function listingJsonLd(entries: DirectoryEntryView[], origin: string, path: string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'ItemList',
    url: `${origin}${path}`,
    numberOfItems: entries.length,
    itemListElement: entries.map((entry, index) => ({ '@type': 'ListItem', position: index + 1, item: entryJsonLd(entry, origin) })),
  }
}

export type ModeratorDirectoryRow = { id: string; name: string; locality: string; kind: string; status: string; suggestionType: string; checkedOn: string | null; correctionOf: string | null }

/** A row of the moderators' directory page (moderators only: it says what is waiting and who it corrects). */
export const presentModeratorRow = (doc: Record<string, any>): ModeratorDirectoryRow => ({
  id: String(doc.id),
  name: String(doc.name),
  locality: doc.locality && typeof doc.locality === 'object' ? String(doc.locality.name) : '',
  kind: doc.kind && typeof doc.kind === 'object' ? String(doc.kind.name) : '',
  status: String(doc.status),
  suggestionType: String(doc.suggestionType ?? 'entry'),
  checkedOn: typeof doc.checkedOn === 'string' ? formatLondonDate(new Date(`${doc.checkedOn.slice(0, 10)}T12:00:00Z`)) : null,
  correctionOf: doc.correctionOf ? String(typeof doc.correctionOf === 'object' ? doc.correctionOf.id : doc.correctionOf) : null,
})
