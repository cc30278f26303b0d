// Flags are read by the moderators of the item's locality and by the member who raised them. The
// author of the flagged item never learns who flagged it, through any door.
import type { Access, FieldAccess, Where } from 'payload'

import { canPost, isModerator, isSelf } from '../../src/policies/roles.js'
import { moderatedWhere } from '../shared/forumPost/access.js'

export const flagRead: Access = ({ req: { user } }): Where | boolean => {
  if (!user) return false
  const moderated = moderatedWhere(user)
  if (moderated === true) return true
  const own: Where = { flagger: { equals: user.id } }
  return moderated ? { or: [own, moderated] } : own
}

export const verifiedMembers: Access = ({ req: { user } }) => canPost(user)
export const nobody: Access = () => false
export const systemField: FieldAccess = () => false
export const flaggerOrModerator: FieldAccess = ({ req: { user }, doc }) => {
  if (isModerator(user)) return true
  if (!doc) return Boolean(user)
  const flagger = doc.flagger && typeof doc.flagger === 'object' ? doc.flagger.id : doc.flagger
  return isSelf(user, flagger)
}
