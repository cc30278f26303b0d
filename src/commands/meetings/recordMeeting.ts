// A moderator records a meeting (attendance and minutes) and moves its minutes through draft,
// approved and published. Both are saved as the moderator (overrideAccess: false), so the meetings
// collection's access and hooks decide (the meeting has happened, a second moderator approves…);
// their ValidationErrors reach the caller unchanged, for the form to show.
import type { Payload } from 'payload'

import { markdownToLexical } from '../../richtext/index.js'

export type RecordMeetingProps = {
  payload: Payload
  user: Record<string, any>
  meetingId: number | string
  /** Already checked by the form: whole numbers from 0 to 1000, first-timers no more than everyone. */
  attendanceTotal: number
  firstTimers: number
  /** Markdown; blank means no minutes. */
  minutes: string
  minutesVisibility: string
}

export async function recordMeeting({ payload, user, meetingId, attendanceTotal, firstTimers, minutes, minutesVisibility }: RecordMeetingProps): Promise<void> {
  await payload.update({
    collection: 'meetings',
    id: meetingId,
    data: {
      status: 'held',
      attendance: { total: attendanceTotal, firstTimers },
      minutes: minutes.trim() ? markdownToLexical(minutes) : null,
      // Changed minutes need approving again.
      minutesStatus: 'draft',
      minutesVisibility,
    } as never,
    overrideAccess: false,
    user,
    depth: 0,
  })
}

/** The minutes form's decisions, and the state each moves the minutes to. */
export const MINUTES_DECISIONS = { approve: 'approved', publish: 'published', retract: 'draft' } as const
export type MinutesStatus = (typeof MINUTES_DECISIONS)[keyof typeof MINUTES_DECISIONS]

export async function setMinutesStatus({ payload, user, meetingId, to }: { payload: Payload; user: Record<string, any>; meetingId: number | string; to: MinutesStatus }): Promise<void> {
  await payload.update({ collection: 'meetings', id: meetingId, data: { minutesStatus: to } as never, overrideAccess: false, user, depth: 0 })
}
