// Reads for the directory pages, always as the viewer (overrideAccess false), and always narrowed to
// public entries: a member's own suggestion is theirs to see through REST, never on the public pages.
// Pages that say "this week" or "last checked" change at London midnight, so the cache is told so.
import type { Payload, Where } from 'payload'

import { noteChangeAt } from '../cache/renderTrace.js'
import { isPublicEntry, meetsOnWeekday, meetsThisWeek, staleBefore, type DirectoryFilters } from '../policies/directory.js'
import { addDays, londonParts, londonToUtc } from '../policies/londonTime.js'
import { directoryCalendarText } from '../directory/calendar.js'
import { meetingTimesOf, presentEntry, presentKind, presentModeratorRow as row, type DirectoryEntryView, type DirectoryKindView, type ModeratorDirectoryRow } from '../presenters/directory.js'

type User = Record<string, any> | null

const PUBLIC: Where[] = [{ status: { equals: 'approved' } }, { suggestionType: { equals: 'entry' } }]
/** Enough for a county's directory on one page; the filters narrow it. */
const LISTING_LIMIT = 500

const noteMidnight = (now: Date) => noteChangeAt(londonToUtc(addDays(londonParts(now).date, 1), '00:00'))

export async function directoryKinds(payload: Payload, user: User): Promise<DirectoryKindView[]> {
  const found = await payload.find({ collection: 'directory-kinds', sort: 'order', limit: 200, pagination: false, depth: 0, overrideAccess: false, user })
  return found.docs.map((doc) => presentKind(doc as Record<string, any>))
}

export type ListingQuery = { filters: DirectoryFilters; kindId?: string; localityId?: number | string }

/** The listing: approved entries, narrowed by kind and locality in the query and by day or "this week" on their times. */
export async function directoryListing(payload: Payload, user: User, query: ListingQuery, now = new Date()): Promise<DirectoryEntryView[]> {
  const where: Where = {
    and: [...PUBLIC, ...(query.kindId ? [{ kind: { equals: query.kindId } }] : []), ...(query.localityId !== undefined ? [{ locality: { equals: query.localityId } }] : [])],
  }
  const found = await payload.find({ collection: 'directory-entries', where, sort: 'name', limit: LISTING_LIMIT, pagination: false, depth: 1, overrideAccess: false, user })
  noteMidnight(now)
  return (found.docs as Record<string, any>[])
    .filter(isPublicEntry)
    .filter((doc) => !query.filters.day || meetsOnWeekday(meetingTimesOf(doc), query.filters.day))
    .filter((doc) => !query.filters.week || meetsThisWeek(meetingTimesOf(doc), now))
    .map((doc) => presentEntry(doc, now))
}

/** One public entry, or null (a suggestion, a correction, a rejected entry and a missing one alike). */
export async function directoryEntry(payload: Payload, user: User, id: number | string, now = new Date()): Promise<DirectoryEntryView | null> {
  const found = await payload.find({ collection: 'directory-entries', where: { and: [{ id: { equals: id } }, ...PUBLIC] }, limit: 1, pagination: false, depth: 1, overrideAccess: false, user })
  const doc = found.docs[0] as Record<string, any> | undefined
  if (!doc || !isPublicEntry(doc)) return null
  noteMidnight(now)
  return presentEntry(doc, now)
}

/** A locality page's directory section: the first entries of that locality, and how many there are. */
export async function localityDirectory(payload: Payload, user: User, localityId: number | string, now = new Date()): Promise<{ entries: DirectoryEntryView[]; total: number }> {
  const found = await payload.find({
    collection: 'directory-entries',
    where: { and: [...PUBLIC, { locality: { equals: localityId } }] },
    sort: 'name',
    limit: 8,
    depth: 1,
    overrideAccess: false,
    user,
  })
  noteMidnight(now)
  return { entries: (found.docs as Record<string, any>[]).filter(isPublicEntry).map((doc) => presentEntry(doc, now)), total: found.totalDocs }
}

/** For moderators: suggestions waiting, and approved entries unchecked for six months (read as the moderator: their localities only). */
export async function directoryWork(payload: Payload, user: User, now = new Date()): Promise<{ waiting: ModeratorDirectoryRow[]; stale: ModeratorDirectoryRow[] }> {
  const [waiting, stale] = await Promise.all([
    payload.find({ collection: 'directory-entries', where: { status: { equals: 'suggested' } }, sort: 'createdAt', limit: 200, depth: 1, overrideAccess: false, user }),
    payload.find({
      collection: 'directory-entries',
      where: { and: [...PUBLIC, { or: [{ checkedOn: { less_than_equal: `${staleBefore(now)}T23:59:59.999Z` } }, { checkedOn: { exists: false } }] }] },
      sort: 'checkedOn',
      limit: 500,
      depth: 1,
      overrideAccess: false,
      user,
    }),
  ])
  return { waiting: (waiting.docs as Record<string, any>[]).map(row), stale: (stale.docs as Record<string, any>[]).map(row) }
}

/** The iCalendar text of a public entry's recurring meetings, or null when there is no such entry. */
export async function directoryCalendar(payload: Payload, id: number | string, now = new Date()): Promise<string | null> {
  // Calendars are shared and synced: always read as a visitor sees the site.
  const entry = await directoryEntry(payload, null, id, now)
  if (!entry) return null
  return directoryCalendarText(entry, londonParts(now).date, new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000))
}
