// Checking the close-meeting form (attendance and minutes) before the command records it.
import type { CloseMeetingValues } from '../../../views/pages/MeetingClosePage.js'

export type CloseErrors = Partial<Record<keyof CloseMeetingValues, string>>

const COUNT_RE = /^\d{1,4}$/

export function checkCloseForm(form: CloseMeetingValues): CloseErrors {
  const errors: CloseErrors = {}
  const total = COUNT_RE.test(form.attendanceTotal.trim()) ? Number(form.attendanceTotal.trim()) : NaN
  const first = COUNT_RE.test(form.firstTimers.trim()) ? Number(form.firstTimers.trim()) : NaN
  if (!Number.isInteger(total) || total > 1000) errors.attendanceTotal = 'Give a whole number from 0 to 1000.'
  if (!Number.isInteger(first) || first > 1000) errors.firstTimers = 'Give a whole number from 0 to 1000.'
  else if (Number.isInteger(total) && first > total) errors.firstTimers = 'There cannot be more first-timers than people there.'
  if (form.minutesVisibility !== 'public' && form.minutesVisibility !== 'members') errors.minutesVisibility = 'Choose who can read the minutes.'
  return errors
}
