// Members who might come are told when a meeting that has not yet happened moves or is cancelled.
// The emails are queued in the same transaction as the change, so a change that fails sends nothing.
import type { CollectionAfterChangeHook } from 'payload'

import { queueEmail } from '../../../src/email/queue.js'
import { loadMeetingLocality, meetingAudience } from '../../../src/meetings/audience.js'
import { changeEmail, type MeetingForEmail } from '../../../src/meetings/emails.js'

export const notifyMeetingChange: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || !previousDoc || req.context?.disableEmail) return doc
  const before = Date.parse(String(previousDoc.startsAt))
  const after = Date.parse(String(doc.startsAt))
  if (Math.max(before, after) < Date.now()) return doc
  const cancelled = doc.status === 'cancelled' && previousDoc.status !== 'cancelled'
  const moved = doc.status === 'scheduled' && before !== after
  if (!cancelled && !moved) return doc
  const locality = await loadMeetingLocality(req.payload, doc)
  const audience = await meetingAudience(req.payload, locality, 'notifyMeetingChanges')
  for (const member of audience) {
    await queueEmail(req.payload, changeEmail(cancelled ? 'cancelled' : 'moved', doc as MeetingForEmail, String(previousDoc.startsAt), member), req)
  }
  return doc
}
