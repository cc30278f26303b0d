// What may be recorded about a meeting, and when. A meeting that has not started yet cannot be
// "held", have attendance, or have minutes past draft: a record made in advance would skip it as the
// locality's next meeting and count its attendees in the commissioners' report before they came.
import { formatLondonDateTime } from './londonTime.js'

export type MeetingRecordFacts = {
  startsAt?: string | Date | null
  status?: string | null
  attendance?: { total?: number | null; firstTimers?: number | null } | null
  minutesStatus?: string | null
}

export type RecordProblem = { path: 'status' | 'attendance.total' | 'attendance.firstTimers' | 'minutesStatus'; message: string }

const startOf = (startsAt: MeetingRecordFacts['startsAt']): number => (startsAt instanceof Date ? startsAt.getTime() : Date.parse(String(startsAt ?? '')))

/** A meeting has happened (for recording) once its start time has come. An unknown start has not. */
export function hasMeetingStarted(startsAt: MeetingRecordFacts['startsAt'], now: Date = new Date()): boolean {
  const starts = startOf(startsAt)
  return Number.isFinite(starts) && starts <= now.getTime()
}

/** "This meeting has not happened yet (it starts on …)": the words every door uses. */
export function notHappenedYetMessage(startsAt: MeetingRecordFacts['startsAt']): string {
  const starts = startOf(startsAt)
  const when = Number.isFinite(starts) ? ` (it starts on ${formatLondonDateTime(new Date(starts))}, UK time)` : ''
  return `This meeting has not happened yet${when}. You can record it as held, with attendance and minutes, once it has started.`
}

/**
 * What a meeting's record claims that cannot be true yet, one problem per field. Empty when the
 * meeting has started, or when nothing is claimed (scheduled or cancelled, no figures, draft minutes).
 */
export function futureRecordProblems(meeting: MeetingRecordFacts, now: Date = new Date()): RecordProblem[] {
  if (hasMeetingStarted(meeting.startsAt, now)) return []
  const message = notHappenedYetMessage(meeting.startsAt)
  const problems: RecordProblem[] = []
  if (meeting.status === 'held') problems.push({ path: 'status', message })
  if (typeof meeting.attendance?.total === 'number') problems.push({ path: 'attendance.total', message })
  if (typeof meeting.attendance?.firstTimers === 'number') problems.push({ path: 'attendance.firstTimers', message })
  if ((meeting.minutesStatus ?? 'draft') !== 'draft') problems.push({ path: 'minutesStatus', message })
  return problems
}
