// An action comes from somewhere (a meeting, a thread or a story) and belongs to a locality, taken
// from where it was raised when not given. Its completion date follows its status.
import { APIError, ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { canManageMeeting } from '../../../src/policies/meetingAccess.js'
import { idOf } from '../../../src/db/relationId.js'

const CLOSED = ['done', 'dropped']

export const prepareAction: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const merged = { ...(originalDoc ?? {}), ...data } as Record<string, any>
  if (!idOf(merged.meeting) && !idOf(merged.thread) && !idOf(merged.story)) {
    throw new ValidationError({ collection: 'actions', errors: [{ path: 'meeting', message: 'Say where this was raised: a meeting, a forum thread or a story.' }] }, req.t)
  }
  const find = (collection: 'meetings' | 'threads', id: number | string | null | undefined) =>
    id ? req.payload.findByID({ collection, id, depth: 0, overrideAccess: true, disableErrors: true, req }) : Promise.resolve(null)
  const meeting = await find('meetings', idOf(merged.meeting))
  const source = meeting ?? (await find('threads', idOf(merged.thread)))
  if (!idOf(merged.locality) && source?.locality) data.locality = idOf(source.locality)
  if (!merged.raisedOn) data.raisedOn = (meeting as { startsAt?: string } | null)?.startsAt ?? new Date().toISOString()
  const locality = idOf(data.locality ?? merged.locality)
  if (req.user && !canManageMeeting(req.user as never, locality)) {
    throw new APIError('You can only record actions for the localities you moderate.', 403, undefined, true)
  }
  const closing = CLOSED.includes(merged.status) && !CLOSED.includes(originalDoc?.status)
  if (closing) data.completedAt = new Date().toISOString()
  if (!CLOSED.includes(merged.status)) data.completedAt = null
  return data
}
