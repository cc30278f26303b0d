// Access rules for members: thin wrappers over the pure predicates in src/policies/roles.ts.
import type { Access, FieldAccess } from 'payload'

import { canChangeRoles, canReadEmail, canUnlockAccounts, isAdmin, isModerator } from '../../src/policies/roles.js'
import { SIGNUP_CONTEXT } from '../../src/policies/signup.js'

/** Moderators read every profile (to moderate); a member reads only their own; visitors none. */
export const selfOrModerator: Access = ({ req: { user } }) => {
  if (!user) return false
  if (isModerator(user)) return true
  return { id: { equals: user.id } }
}

/** A member edits their own profile; admins edit anyone's. */
export const selfOrAdmin: Access = ({ req: { user } }) => {
  if (!user) return false
  if (isAdmin(user)) return true
  return { id: { equals: user.id } }
}

/**
 * New accounts come through the /join form (which answers alike whether or not an address is
 * registered) or from an admin. A raw REST sign-up would say "email already exists" and reveal
 * that someone belongs to a recovery community.
 */
export const signupFormOrAdmin: Access = ({ req }) => isAdmin(req.user) || req.context?.[SIGNUP_CONTEXT] === true

export const unlockAccess: Access = ({ req: { user } }) => canUnlockAccounts(user)

export const emailFieldRead: FieldAccess = ({ req: { user }, doc, id }) => canReadEmail(user, doc?.id ?? id)
/** A member's own private choices (reading preferences): the member and admins, as the email address. */
export const selfOrAdminField: FieldAccess = ({ req: { user }, doc, id }) => canReadEmail(user, doc?.id ?? id)
export const rolesFieldWrite: FieldAccess = ({ req: { user } }) => canChangeRoles(user)

/** Which localities a member coordinates volunteering for: the member and moderators. */
export const selfOrModeratorField: FieldAccess = ({ req: { user }, doc, id }) => isModerator(user) || Boolean(user && String(user.id) === String(doc?.id ?? id))
