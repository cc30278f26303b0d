// Directory entries: everyone reads approved entries; a member also reads their own suggestions; the
// moderators of a locality read (and decide) everything in it. Thin wrappers over src/policies/directory.ts.
import type { Access, FieldAccess, Where } from 'payload'

import { idOf } from '../../src/db/relationId.js'
import { isModerator, isSelf } from '../../src/policies/roles.js'
import { moderatedWhere } from '../shared/access.js'

/** The rows everyone sees: approved entries, never suggestions or corrections (isPublicEntry). */
export const PUBLIC_ENTRIES: Where = { and: [{ status: { equals: 'approved' } }, { suggestionType: { equals: 'entry' } }] }

export const directoryRead: Access = ({ req: { user } }): Where | boolean => {
  if (!user) return PUBLIC_ENTRIES
  const moderated = moderatedWhere(user)
  if (moderated === true) return true
  const own: Where = { suggestedBy: { equals: user.id } }
  return { or: [PUBLIC_ENTRIES, own, ...(moderated ? [moderated] : [])] }
}

/** Who suggested an entry: the moderators and that member, never anyone else. */
export const suggesterOrModerator: FieldAccess = ({ req: { user }, doc }) => {
  if (isModerator(user)) return true
  if (!doc) return false
  return isSelf(user, idOf(doc.suggestedBy))
}
