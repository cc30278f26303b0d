// Meeting and action reads for the public pages, always made as the viewer (overrideAccess: false),
// so field access strips joining details and minutes the viewer may not see.
import type { Payload, Where } from 'payload'

import type { ActionState } from '../policies/actions.js'
import { presentAction, presentMeetingSummary, type ActionLinks } from '../presenters/meeting.js'
import type { AttendancePoint } from './AttendanceChart.js'

type User = Record<string, any> | null

export const PAST_MEETINGS_PER_PAGE = 20
const byLocality = (localityId?: number | string): Where[] => (localityId === undefined ? [] : [{ locality: { equals: localityId } }])

export async function upcomingMeetings(payload: Payload, user: User, localityId?: number | string, limit = 50) {
  const result = await payload.find({
    collection: 'meetings',
    where: { and: [...byLocality(localityId), { endsAt: { greater_than_equal: new Date().toISOString() } }] },
    sort: 'startsAt',
    limit,
    depth: 1,
    select: { title: true, locality: true, startsAt: true, endsAt: true, status: true, cancellationReason: true, venue: true },
    overrideAccess: false,
    user,
  })
  return result.docs.map((doc) => presentMeetingSummary(doc as never))
}

export async function pastMeetings(payload: Payload, user: User, localityId: number | string | undefined, page: number) {
  const result = await payload.find({
    collection: 'meetings',
    where: { and: [...byLocality(localityId), { endsAt: { less_than: new Date().toISOString() } }] },
    sort: '-startsAt',
    page,
    limit: PAST_MEETINGS_PER_PAGE,
    depth: 1,
    select: { title: true, locality: true, startsAt: true, endsAt: true, status: true, cancellationReason: true, venue: true },
    overrideAccess: false,
    user,
  })
  return { meetings: result.docs.map((doc) => presentMeetingSummary(doc as never)), page: result.page ?? page, totalPages: Math.max(1, result.totalPages) }
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
    depth: 1,
    select: { title: true, locality: true, startsAt: true, endsAt: true, status: true, cancellationReason: true, venue: true },
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
    storyIds.length ? payload.find({ collection: 'stories', where: { id: { in: storyIds } }, select: { title: true, slug: true }, depth: 0, pagination: false, overrideAccess: false, user: null }) : null,
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
    // Only the meeting and locality are populated; threads and stories are looked up as a visitor.
    depth: 0,
    overrideAccess: false,
    user,
  })
  const docs = result.docs as Record<string, any>[]
  const [links, meetings, localities] = await Promise.all([
    publicLinks(payload, docs),
    relatedTitles(payload, user, 'meetings', docs.map((d) => d.meeting)),
    relatedTitles(payload, user, 'localities', docs.map((d) => d.locality)),
  ])
  return docs.map((doc) =>
    presentAction({ ...doc, meeting: meetings.get(String(doc.meeting)) ?? null, locality: localities.get(String(doc.locality)) ?? null }, links),
  )
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
