// What a viewer may see of a meeting and of an action. The Local API has already applied read
// access as the viewer; the presenter asks the same policy again, so a page can never show more.
import { ACTION_STATE_LABELS, isActionState } from '../policies/actions.js'
import { canManageMeeting, canSeeJoiningDetails, canSeeMinutes } from '../policies/meetingAccess.js'
import { hasMeetingStarted } from '../policies/meetingRecord.js'
import { formatLondonDate, formatLondonDateTime, formatLondonTime } from '../policies/londonTime.js'
import type { Actor } from '../policies/roles.js'
import { idOf } from '../db/relationId.js'
import { lexicalToMarkdown } from '../richtext/index.js'

const textOf = (value: unknown) => (typeof value === 'string' ? value : '')

export type MeetingSummary = {
  id: number | string
  title: string
  localityName: string
  localitySlug: string
  startsAt: string
  when: string
  status: 'scheduled' | 'held' | 'cancelled'
  cancellationReason: string
  venueName: string
}

export type PresentedMeeting = MeetingSummary & {
  ends: string
  venue: { name: string; address: string; accessibility: string }
  /** null: the viewer may not see joining details; '' there are none. */
  online: string | null
  agenda: { title: string; presenter: string; thread: { id: number | string; title: string } | null }[]
  attendance: { total: number; firstTimers: number } | null
  /** Sign-ups with the meeting's join code who agreed to be counted; for its moderators only (null otherwise). */
  joinedWithCode: number | null
  minutes: { doc: unknown; status: string; visibility: string } | null
  minutesStatus: string
  minutesVisibility: string
  canManage: boolean
  /** Whether the meeting has started, so it may be recorded as held. */
  hasStarted: boolean
}

export function presentMeetingSummary(doc: Record<string, any>): MeetingSummary {
  const locality = doc.locality && typeof doc.locality === 'object' ? doc.locality : null
  return {
    id: doc.id,
    title: textOf(doc.title),
    localityName: textOf(locality?.name),
    localitySlug: textOf(locality?.slug),
    startsAt: String(doc.startsAt),
    when: formatLondonDateTime(new Date(doc.startsAt)),
    status: doc.status === 'held' || doc.status === 'cancelled' ? doc.status : 'scheduled',
    cancellationReason: textOf(doc.cancellationReason),
    venueName: textOf(doc.venue?.name),
  }
}

export function presentMeeting(doc: Record<string, any>, viewer: Actor): PresentedMeeting {
  const minutesVisible = canSeeMinutes(viewer, doc) && doc.minutes
  const total = doc.attendance?.total
  const canManage = canManageMeeting(viewer, idOf(doc.locality))
  return {
    ...presentMeetingSummary(doc),
    ends: formatLondonTime(new Date(doc.endsAt)),
    venue: { name: textOf(doc.venue?.name), address: textOf(doc.venue?.address), accessibility: textOf(doc.venue?.accessibility) },
    online: canSeeJoiningDetails(viewer) ? textOf(doc.online) : null,
    agenda: (Array.isArray(doc.agenda) ? doc.agenda : []).map((item: Record<string, any>) => ({
      title: textOf(item.title),
      presenter: textOf(item.presenter),
      // An unreadable thread arrives as a bare id (read access as the viewer): no title, no link.
      thread: item.thread && typeof item.thread === 'object' && item.thread.title ? { id: item.thread.id, title: textOf(item.thread.title) } : null,
    })),
    attendance: typeof total === 'number' ? { total, firstTimers: Number(doc.attendance?.firstTimers ?? 0) } : null,
    joinedWithCode: canManage ? Number(doc.attendance?.joinedWithCode ?? 0) : null,
    minutes: minutesVisible ? { doc: doc.minutes, status: String(doc.minutesStatus), visibility: String(doc.minutesVisibility) } : null,
    minutesStatus: String(doc.minutesStatus ?? 'draft'),
    minutesVisibility: String(doc.minutesVisibility ?? 'members'),
    canManage,
    hasStarted: hasMeetingStarted(doc.startsAt),
  }
}

/** The close form as it opens: what is recorded so far, the minutes as markdown (for the meeting's moderators). */
export function presentCloseFormValues(doc: Record<string, any>, presented: PresentedMeeting) {
  return {
    attendanceTotal: presented.attendance ? String(presented.attendance.total) : '',
    firstTimers: presented.attendance ? String(presented.attendance.firstTimers) : '',
    minutes: doc.minutes ? lexicalToMarkdown(doc.minutes) : '',
    minutesVisibility: presented.minutesVisibility,
  }
}

export type ActionLinks = { threads: Map<string, string>; stories: Map<string, { slug: string; title: string }> }

export type PresentedAction = {
  id: number | string
  description: string
  owner: string
  status: string
  statusLabel: string
  outcome: string
  localityName: string
  raisedOn: string
  targetDate: string
  completedAt: string
  meeting: { id: number | string; title: string } | null
  thread: { id: number | string; title: string } | null
  story: { slug: string; title: string } | null
}

const day = (value: unknown) => (value ? formatLondonDate(new Date(String(value))) : '')

/** Links are given only for threads and stories in `links`: those the reader may open. */
export function presentAction(doc: Record<string, any>, links: ActionLinks): PresentedAction {
  const meeting = doc.meeting && typeof doc.meeting === 'object' ? doc.meeting : null
  const threadId = idOf(doc.thread)
  const storyId = idOf(doc.story)
  const threadTitle = threadId !== undefined && threadId !== null ? links.threads.get(String(threadId)) : undefined
  const story = storyId !== undefined && storyId !== null ? links.stories.get(String(storyId)) : undefined
  const status = isActionState(doc.status) ? doc.status : 'open'
  return {
    id: doc.id,
    description: textOf(doc.description),
    owner: textOf(doc.owner),
    status,
    statusLabel: ACTION_STATE_LABELS[status],
    outcome: textOf(doc.outcome),
    localityName: textOf(doc.locality && typeof doc.locality === 'object' ? doc.locality.name : ''),
    raisedOn: day(doc.raisedOn),
    targetDate: day(doc.targetDate),
    completedAt: day(doc.completedAt),
    meeting: meeting ? { id: meeting.id, title: textOf(meeting.title) } : null,
    thread: threadTitle !== undefined ? { id: threadId!, title: threadTitle } : null,
    story: story ?? null,
  }
}
