// The access one-liners the collections share, written once over the pure predicates in src/policies
// and named for who gets in. Rules particular to one collection stay in that collection's access.ts.
//
// Each rule reads only `req.user`, so one definition serves as a collection Access, a FieldAccess
// and a jobs access alike. A rule that filters rows rather than refusing returns a Where, and says so.
import type { Where } from 'payload'

import { canPost, isAdmin, isModerator, type Actor } from '../../src/policies/roles.js'
import { canEnterSafeguardingWork } from '../../src/policies/safeguarding.js'

type AccessArgs = { req: { user?: Actor } }

/** Everyone, signed in or not. */
export const anyone = (): boolean => true
/** No door: the operation happens only on the server (commands, hooks, jobs) with overrideAccess. */
export const nobody = (): boolean => false
/** A field only the server writes (hooks and commands); no request may set it. */
export const systemField = (): boolean => false

export const adminsOnly = ({ req: { user } }: AccessArgs): boolean => isAdmin(user)
/** Moderators, wherever they moderate; admins too. */
export const moderatorsOnly = ({ req: { user } }: AccessArgs): boolean => isModerator(user)
/** The people who handle safeguarding work: moderators, admins and safeguarding leads. */
export const staffOnly = ({ req: { user } }: AccessArgs): boolean => canEnterSafeguardingWork(user)
/** Members with a verified email: posting, flagging and writing stories need one. */
export const verifiedMembers = ({ req: { user } }: AccessArgs): boolean => canPost(user)

/** Everything a moderator moderates: true for admins and unscoped moderators, else their localities. */
export function moderatedWhere(user: Actor): Where | boolean {
  if (isAdmin(user)) return true
  if (!isModerator(user)) return false
  const scope = (user?.moderatorLocalities ?? []).map((entry) => (typeof entry === 'object' ? entry.id : entry))
  return scope.length === 0 ? true : { locality: { in: scope } }
}

/** Moderators, each for the rows of the localities they moderate (a Where on the row's `locality`). */
export const moderatorsOfLocality = ({ req: { user } }: AccessArgs): Where | boolean => moderatedWhere(user)
