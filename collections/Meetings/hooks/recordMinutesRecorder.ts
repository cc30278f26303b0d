// Whoever changes the words of the minutes is their recorder (minutesRecordedBy): with the
// second-moderator setting on, someone else must approve them (requireSecondModerator.ts).
// Nobody names the recorder by hand (the field refuses writes); server code with no actor that
// changes the words leaves no recorder.
import type { CollectionBeforeChangeHook } from 'payload'

import { minutesTextChanged } from '../../../src/meetings/minutesApproval.js'

export const recordMinutesRecorder: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  if (minutesTextChanged(data, originalDoc)) data.minutesRecordedBy = req.user?.id ?? null
  else if (req.user) delete data.minutesRecordedBy
  return data
}
