// Before a flag is stored: the member can see what they flag, has not flagged it already, and gave
// a note for "something else". The flag is filed under the item's locality for scoped moderators.
import { APIError, ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { isFlagReason, isFlagTarget } from '../../../src/policies/flags.js'

export const checkFlag: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  if (!isFlagTarget(data.targetCollection)) throw new APIError('You can flag a thread, a reply or a story.', 400, undefined, true)
  if (!isFlagReason(data.reason)) throw new ValidationError({ collection: 'flags', errors: [{ path: 'reason', message: 'Choose why you are flagging this.' }] }, req.t)
  data.note = typeof data.note === 'string' ? data.note.trim().slice(0, 1000) : null
  if (data.reason === 'other' && !data.note) throw new ValidationError({ collection: 'flags', errors: [{ path: 'note', message: 'Tell the moderators what is wrong.' }] }, req.t)
  data.targetId = String(data.targetId ?? '').slice(0, 40)

  // The flagger must be able to see the item: flagging is not a way to probe for hidden posts.
  const target = await req.payload.findByID({ collection: data.targetCollection, id: data.targetId, depth: 0, req, overrideAccess: !req.user, user: req.user ?? undefined }).catch(() => null)
  if (!target) throw new APIError('There is nothing to flag at that address.', 404, undefined, true)
  const stored = await req.payload.findByID({ collection: data.targetCollection, id: data.targetId, depth: 0, req, overrideAccess: true })
  const locality = (stored as { locality?: unknown }).locality
  data.locality = locality && typeof locality === 'object' ? (locality as { id: unknown }).id : (locality ?? null)

  if (req.user) data.flagger = req.user.id
  const already = await req.payload.count({
    collection: 'flags',
    where: { and: [{ flagger: { equals: data.flagger } }, { targetCollection: { equals: data.targetCollection } }, { targetId: { equals: data.targetId } }] },
    overrideAccess: true,
    req,
  })
  if (already.totalDocs > 0) throw new APIError('You have already flagged this. The moderators will look at it.', 409, undefined, true)
  data.status = 'open'
  data.moderatorNote = null
  return data
}
