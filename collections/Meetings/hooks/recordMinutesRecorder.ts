// Whoever changes the words of the minutes is their recorder (minutesRecordedBy): with the
// second-moderator setting on, someone else must approve them (requireSecondModerator.ts).
// Server code with no actor leaves no recorder.
import type { CollectionBeforeChangeHook } from 'payload'

import { minutesTextChanged } from '../../../src/meetings/minutesApproval.js'

export const recordMinutesRecorder: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  if (minutesTextChanged(data, originalDoc)) data.minutesRecordedBy = req.user?.id ?? null
  return data
}
