// The rules a meeting keeps whatever the door (admin, REST, the public close form): times in order,
// a reason for a cancellation, believable attendance, minutes moved one allowed step at a time, nothing
// recorded (held, attendance, minutes past draft) before the meeting has started, and a scoped
// moderator cannot move a meeting out of their own localities. Every change bumps SEQUENCE,
// which calendar apps use to notice an updated event.
import { APIError, ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { canManageMeeting, decideMinutesChange, type MeetingState, type MinutesState } from '../../../src/policies/meetingAccess.js'
import { futureRecordProblems, notHappenedYetMessage } from '../../../src/policies/meetingRecord.js'
import { lexicalToPlainText } from '../../../src/richtext/index.js'
import { idOf } from '../../../src/db/relationId.js'

export const checkMeeting: CollectionBeforeChangeHook = ({ data, originalDoc, operation, req }) => {
  const merged = { ...(originalDoc ?? {}), ...data } as Record<string, any>
  // Nothing can be recorded before the meeting starts: that reason comes first, and wins its field.
  const early = futureRecordProblems(merged)
  const errors: { path: string; message: string }[] = [...early]
  const refuse = (path: string, message: string) => {
    if (!errors.some((e) => e.path === path)) errors.push({ path, message })
  }

  const starts = Date.parse(String(merged.startsAt ?? ''))
  const ends = Date.parse(String(merged.endsAt ?? ''))
  if (Number.isFinite(starts) && Number.isFinite(ends) && ends <= starts) refuse('endsAt', 'The meeting must end after it starts.')

  if (merged.status === 'cancelled' && !String(merged.cancellationReason ?? '').trim()) {
    refuse('cancellationReason', 'Say why the meeting is cancelled: members will read it.')
  }

  const total = merged.attendance?.total
  const firstTimers = merged.attendance?.firstTimers
  if (typeof total === 'number' && typeof firstTimers === 'number' && firstTimers > total) {
    refuse('attendance.firstTimers', 'There cannot be more first-timers than people there.')
  }

  const from = (operation === 'create' ? 'draft' : (originalDoc?.minutesStatus ?? 'draft')) as MinutesState
  const to = (merged.minutesStatus ?? 'draft') as MinutesState
  const decision = decideMinutesChange({ from, to, meetingStatus: (merged.status ?? 'scheduled') as MeetingState, hasMinutes: lexicalToPlainText(merged.minutes).trim().length > 0 })
  if (!decision.ok) refuse('minutesStatus', decision.reason)

  if (errors.length > 0) {
    const error = new ValidationError({ collection: 'meetings', errors }, req.t)
    // The headline (REST's message, the admin's toast) says why in words, not only which fields.
    if (early.length > 0) error.message = `${notHappenedYetMessage(merged.startsAt)} ${error.message}`
    throw error
  }

  // Update access already limits which meetings a scoped moderator may change; this stops one moving a meeting elsewhere.
  if (req.user && data.locality !== undefined && !canManageMeeting(req.user as never, idOf(data.locality))) {
    throw new APIError('You can only put meetings in the localities you moderate.', 403, undefined, true)
  }

  if (to === 'published' && from !== 'published') data.minutesPublishedAt = new Date().toISOString()
  if (to !== 'published') data.minutesPublishedAt = null
  data.sequence = operation === 'create' ? 0 : Number(originalDoc?.sequence ?? 0) + 1
  return data
}
