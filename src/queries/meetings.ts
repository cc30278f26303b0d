// Meeting and action reads for the public pages, always made as the viewer (overrideAccess: false),
// so field access strips joining details and minutes the viewer may not see. The calendars are read
// as a visitor whoever asks; the open join code and the minutes note keep their own rules.
import type { Payload, Where } from 'payload'

import { CALENDAR_SELECT, meetingsCalendarText } from '../meetings/calendar.js'
import { minutesApprovalNote } from '../meetings/minutesApproval.js'
import type { ActionState } from '../policies/actions.js'
import type { PageRequest } from '../policies/pageCursor.js'
import type { AttendancePoint } from '../presenters/attendanceChart.js'
import { presentAction, presentMeeting, presentMeetingSummary, type ActionLinks } from '../presenters/meeting.js'
import { currentJoinCode } from './joinCodes.js'
import { findKeysetPage, type KeysetOrder } from './keyset.js'

type User = Record<string, any> | null

export const PAST_MEETINGS_PER_PAGE = 20
const MEETING_SUMMARY_SELECT = { title: true, locality: true, startsAt: true, endsAt: true, status: true, cancellationReason: true, venue: true } as const
type LocalityFilter = number | string | readonly (number | string)[]
const byLocality = (localityId?: LocalityFilter): Where[] =>
  localityId === undefined ? [] : Array.isArray(localityId) ? [{ locality: { in: [...localityId] } }] : [{ locality: { equals: localityId } }]

/** Meetings not yet over, soonest first: of one locality, of several (a member's home page), or of all. */
export async function upcomingMeetings(payload: Payload, user: User, localityId?: LocalityFilter, limit = 50) {
  const result = await payload.find({
    collection: 'meetings',
    where: { and: [...byLocality(localityId), { endsAt: { greater_than_equal: new Date().toISOString() } }] },
    sort: 'startsAt',
    limit,
    pagination: false,
    depth: 1,
    select: MEETING_SUMMARY_SELECT,
    overrideAccess: false,
    user,
  })
  return result.docs.map((doc) => presentMeetingSummary(doc as never))
}

/** Past meetings, most recent first; the id breaks ties. */
export const PAST_MEETINGS_ORDER: KeysetOrder = { keys: [{ field: 'startsAt', kind: 'date', descending: true }], idDescending: true }

export async function pastMeetings(payload: Payload, user: User, localityId: number | string | undefined, at: PageRequest) {
  const page = await findKeysetPage<Record<string, any>>(payload, {
    collection: 'meetings',
    where: { and: [...byLocality(localityId), { endsAt: { less_than: new Date().toISOString() } }] },
    order: PAST_MEETINGS_ORDER,
    at,
    limit: PAST_MEETINGS_PER_PAGE,
    depth: 1,
    select: MEETING_SUMMARY_SELECT,
    user,
  })
  return { meetings: page.docs.map((doc) => presentMeetingSummary(doc as never)), before: page.before, after: page.after }
}

/**
 * The next meeting: the first not cancelled that starts now or later, whatever its status (a meeting
 * wrongly marked held is still the one people should come to), for a locality page or /meetings.
 */
export async function nextMeeting(payload: Payload, user: User, localityId?: number | string, now: Date = new Date()) {
  const result = await payload.find({
    collection: 'meetings',
    where: { and: [...byLocality(localityId), { status: { not_equals: 'cancelled' } }, { startsAt: { greater_than_equal: now.toISOString() } }] },
    sort: 'startsAt',
    limit: 1,
    pagination: false,
    depth: 1,
    select: MEETING_SUMMARY_SELECT,
    overrideAccess: false,
    user,
  })
  return result.docs[0] ? presentMeetingSummary(result.docs[0] as never) : null
}

/** Attendance at the last `count` meetings that were held and counted, oldest first (none after now). */
export async function attendancePoints(payload: Payload, user: User, options: { localityId?: number | string; since?: Date; count?: number } = {}): Promise<AttendancePoint[]> {
  const result = await payload.find({
    collection: 'meetings',
    where: {
      and: [
        ...byLocality(options.localityId),
        { status: { equals: 'held' } },
        { 'attendance.total': { exists: true } },
        { startsAt: { less_than_equal: new Date().toISOString() } },
        ...(options.since ? [{ startsAt: { greater_than_equal: options.since.toISOString() } }] : []),
      ],
    },
    sort: '-startsAt',
    limit: options.count ?? 12,
    pagination: false,
    depth: 1,
    select: { title: true, locality: true, startsAt: true, attendance: true },
    overrideAccess: false,
    user,
  })
  return result.docs
    .map((doc) => {
      const meeting = doc as Record<string, any>
      return { label: String(meeting.title), date: String(meeting.startsAt), total: Number(meeting.attendance?.total ?? 0), firstTimers: Number(meeting.attendance?.firstTimers ?? 0) }
    })
    .reverse()
}

/**
 * Which linked threads and stories a visitor could open. "You said, we did" is public: it links only
 * to what is public, whoever is reading, so that nobody copies a members-only link into the open.
 */
async function publicLinks(payload: Payload, docs: Record<string, any>[]): Promise<ActionLinks> {
  const ids = (key: 'thread' | 'story') => [...new Set(docs.map((d) => (d[key] && typeof d[key] === 'object' ? d[key].id : d[key])).filter((id) => id !== null && id !== undefined))]
  const threadIds = ids('thread')
  const storyIds = ids('story')
  const [threads, stories] = await Promise.all([
    threadIds.length ? payload.find({ collection: 'threads', where: { id: { in: threadIds } }, select: { title: true }, depth: 0, pagination: false, overrideAccess: false, user: null }) : null,
    storyIds.length
      ? payload.find({ collection: 'stories', where: { id: { in: storyIds } }, select: { title: true, slug: true }, depth: 0, pagination: false, overrideAccess: false, user: null })
      : null,
  ])
  return {
    threads: new Map((threads?.docs ?? []).map((t) => [String(t.id), String((t as Record<string, any>).title)])),
    stories: new Map((stories?.docs ?? []).map((s) => [String(s.id), { slug: String((s as Record<string, any>).slug), title: String((s as Record<string, any>).title) }])),
  }
}

export async function visibleActions(payload: Payload, user: User, filter: { status?: ActionState; localityId?: number | string; meetingId?: number | string }, limit = 200) {
  const result = await payload.find({
    collection: 'actions',
    where: {
      and: [
        ...byLocality(filter.localityId),
        ...(filter.status ? [{ status: { equals: filter.status } }] : []),
        ...(filter.meetingId !== undefined ? [{ meeting: { equals: filter.meetingId } }] : []),
      ],
    },
    sort: '-raisedOn',
    limit,
    pagination: false,
    // Only the meeting and locality are populated; threads and stories are looked up as a visitor.
    depth: 0,
    overrideAccess: false,
    user,
  })
  const docs = result.docs as Record<string, any>[]
  const [links, meetings, localities] = await Promise.all([
    publicLinks(payload, docs),
    relatedTitles(
      payload,
      user,
      'meetings',
      docs.map((d) => d.meeting),
    ),
    relatedTitles(
      payload,
      user,
      'localities',
      docs.map((d) => d.locality),
    ),
  ])
  return docs.map((doc) => presentAction({ ...doc, meeting: meetings.get(String(doc.meeting)) ?? null, locality: localities.get(String(doc.locality)) ?? null }, links))
}

async function relatedTitles(payload: Payload, user: User, collection: 'meetings' | 'localities', values: unknown[]) {
  const ids = [...new Set(values.filter((v) => v !== null && v !== undefined))] as (number | string)[]
  if (ids.length === 0) return new Map<string, Record<string, any>>()
  const result = await payload.find({
    collection,
    where: { id: { in: ids } },
    select: collection === 'meetings' ? { title: true } : { name: true },
    depth: 0,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return new Map(result.docs.map((doc) => [String(doc.id), doc as Record<string, any>]))
}

/**
 * One meeting as the viewer may read it, or null. The route has checked that the id is plausible. It
 * returns the document: the page presents it, and the moderators' forms act on it.
 */
export async function meetingForViewer(payload: Payload, user: User, id: number | string): Promise<Record<string, any> | null> {
  return (await payload.findByID({ collection: 'meetings', id, depth: 1, overrideAccess: false, user, disableErrors: true })) as Record<string, any> | null
}

/** The meeting page: the meeting, its actions, and the open join code when the viewer moderates its locality. */
export async function meetingPage(payload: Payload, user: User, meeting: Record<string, any>) {
  const presented = presentMeeting(meeting, user as never)
  const [actions, joinCode, approvalNote] = await Promise.all([
    visibleActions(payload, user, { meetingId: meeting.id }),
    presented.canManage ? currentJoinCode(payload, user, meeting.id) : null,
    minutesApprovalNote(payload, user as never, meeting),
  ])
  return { meeting: presented, actions, joinCode, minutesApprovalNote: approvalNote }
}

const CALENDAR_HISTORY_MS = 365 * 24 * 60 * 60 * 1000

/**
 * A calendar feed of the meetings of the last year onwards (of a locality, when given), always read as
 * a visitor whoever asks: a calendar URL gets shared and synced.
 */
export async function meetingsCalendar(payload: Payload, name: string, localityId?: number | string): Promise<string> {
  const since = new Date(Date.now() - CALENDAR_HISTORY_MS).toISOString()
  return calendarOf(payload, name, { and: [...byLocality(localityId), { startsAt: { greater_than_equal: since } }] })
}

/** One meeting's calendar, or null when a visitor cannot see it. */
export async function meetingCalendar(payload: Payload, id: number | string): Promise<string | null> {
  const body = await calendarOf(payload, 'Waymark meeting', { id: { equals: id } })
  return body.includes('BEGIN:VEVENT') ? body : null
}

async function calendarOf(payload: Payload, name: string, where: Where): Promise<string> {
  const result = await payload.find({ collection: 'meetings', where, sort: 'startsAt', limit: 1000, pagination: false, depth: 0, select: CALENDAR_SELECT, overrideAccess: false, user: null })
  return meetingsCalendarText(name, result.docs as never)
}
