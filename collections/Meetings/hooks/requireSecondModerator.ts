// With meeting-settings.minutesNeedSecondModerator on, the moderator who recorded the minutes cannot
// approve them (src/policies/meetingAccess.ts, decideMinutesApproval). A save that changes the words
// and approves them in one go counts its saver as the recorder (as recordMinutesRecorder.ts records).
import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { idOf } from '../../../src/db/relationId.js'
import { loadMinutesNeedSecondModerator, minutesTextChanged } from '../../../src/meetings/minutesApproval.js'
import { decideMinutesApproval, type MinutesState } from '../../../src/policies/meetingAccess.js'

export const requireSecondModerator: CollectionBeforeChangeHook = async ({ data, originalDoc, operation, req }) => {
  if (!req.user) return data
  const from = (operation === 'create' ? 'draft' : (originalDoc?.minutesStatus ?? 'draft')) as MinutesState
  const to = (data.minutesStatus ?? originalDoc?.minutesStatus ?? 'draft') as MinutesState
  if (to === 'draft') return data
  const textChanged = minutesTextChanged(data, originalDoc)
  // Who recorded the minutes once this save is done: the saver if they change the words.
  const facts = { from, to, textChanged, recordedBy: textChanged ? req.user.id : idOf(originalDoc?.minutesRecordedBy), actor: req.user.id }
  // The setting is read only when the rule could refuse.
  if (decideMinutesApproval({ ...facts, needSecondModerator: true }).ok) return data
  const decision = decideMinutesApproval({ ...facts, needSecondModerator: await loadMinutesNeedSecondModerator(req.payload, req) })
  if (decision.ok) return data
  // 403 with the field named, so the admin shows the reason and the public minutes form puts it by the buttons.
  throw new APIError(decision.reason, 403, { errors: [{ path: 'minutesStatus', message: decision.reason }] }, true)
}
