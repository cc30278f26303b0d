// Flags are read by the moderators of the item's locality and by the member who raised them. The
// author of the flagged item never learns who flagged it, through any door.
import type { Access, FieldAccess, Where } from 'payload'

import { idOf } from '../../src/db/relationId.js'
import { isModerator, isSelf } from '../../src/policies/roles.js'
import { moderatedWhere } from '../shared/access.js'

export const flagRead: Access = ({ req: { user } }): Where | boolean => {
  if (!user) return false
  const moderated = moderatedWhere(user)
  if (moderated === true) return true
  const own: Where = { flagger: { equals: user.id } }
  return moderated ? { or: [own, moderated] } : own
}

export const flaggerOrModerator: FieldAccess = ({ req: { user }, doc }) => {
  if (isModerator(user)) return true
  if (!doc) return Boolean(user)
  return isSelf(user, idOf(doc.flagger))
}
