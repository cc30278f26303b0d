// Before an entry is stored: who made it, what status it may have, and that a correction points at an
// entry the member can see. A member's record is always a suggestion, whatever they send; a moderator's is
// approved unless they say otherwise, and only within the localities they moderate.
import { APIError, ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { idOf } from '../../../src/db/relationId.js'
import { canApproveEntry, isAccessibilityTag, isPublicEntry, statusOnCreate } from '../../../src/policies/directory.js'
import { londonParts } from '../../../src/policies/londonTime.js'
import { isModerator } from '../../../src/policies/roles.js'

export const checkEntry: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  const user = req.user
  const tags = Array.isArray(data.accessibility) ? data.accessibility : []
  if (tags.some((tag: unknown) => !isAccessibilityTag(tag)))
    throw new ValidationError({ collection: 'directory-entries', errors: [{ path: 'accessibility', message: 'Choose accessibility tags from the list.' }] }, req.t)

  if (operation === 'create') {
    const correctionOf = idOf(data.correctionOf)
    data.suggestionType = correctionOf === null || correctionOf === undefined ? 'entry' : 'correction'
    if (data.suggestionType === 'correction') {
      // A correction is of an entry the suggester can see: never a way to probe for suggestions.
      const target = await req.payload.findByID({ collection: 'directory-entries', id: correctionOf!, depth: 0, req, overrideAccess: !user, user: user ?? undefined }).catch(() => null)
      if (!target || !isPublicEntry(target)) throw new APIError('There is no directory entry to correct at that address.', 404, undefined, true)
      data.locality ??= idOf(target.locality)
    }
    if (user) {
      data.suggestedBy = user.id
      data.status = canApproveEntry(user, data) ? statusOnCreate(user, data.status) : 'suggested'
      // A moderator cannot approve a correction by creating it: it goes through approval, which applies it.
      if (data.suggestionType === 'correction') data.status = 'suggested'
      if (!isModerator(user)) data.checkedOn = null
    }
    data.status ??= 'suggested'
    if (data.status === 'approved' && !data.checkedOn) data.checkedOn = londonParts(new Date()).date
    return data
  }

  // Erasure takes the member's name off approved entries (src/commands/privacy/eraseMember.ts).
  if (req.context.erasure === true) return data
  // Updates: moderators only (collection access); they stay within their localities.
  if (user) {
    for (const locality of [data.locality, originalDoc?.locality].filter((l) => l !== undefined)) {
      if (!canApproveEntry(user, { locality })) throw new APIError('You can keep directory entries only for the localities you moderate.', 403, undefined, true)
    }
  }
  // What kind of record it is never changes.
  data.suggestionType = originalDoc?.suggestionType ?? 'entry'
  data.correctionOf = originalDoc?.correctionOf ?? null
  data.suggestedBy = originalDoc?.suggestedBy ?? null
  if (data.status === 'approved' && originalDoc?.status !== 'approved' && data.suggestionType === 'entry' && !data.checkedOn) data.checkedOn = londonParts(new Date()).date
  return data
}
