// Who someone is, as plain predicates over the user object, so they can be tested without Payload.

// A reporter reads the commissioners' report and nothing more: not the admin, not private content.
export const ROLES = ['member', 'moderator', 'admin', 'reporter'] as const
export type Role = (typeof ROLES)[number]

/** The part of a user that access decisions read. Anything with these fields will do. */
export type Actor =
  | {
      id: number | string
      roles?: readonly string[] | null
      moderatorLocalities?: readonly (number | string | { id: number | string })[] | null
      _verified?: boolean | null
    }
  | null
  | undefined

export const hasRole = (actor: Actor, role: Role): boolean => Boolean(actor && Array.isArray(actor.roles) && actor.roles.includes(role))

export const isAdmin = (actor: Actor): boolean => hasRole(actor, 'admin')

/** Admins can do everything a moderator can. */
export const isModerator = (actor: Actor): boolean => hasRole(actor, 'moderator') || isAdmin(actor)

export const isSignedIn = (actor: Actor): boolean => Boolean(actor)

export const isSelf = (actor: Actor, userId: number | string | undefined | null): boolean => Boolean(actor && userId !== undefined && userId !== null && String(actor.id) === String(userId))

/** The Payload admin is the moderators' workplace; members and visitors never enter it (safeguarding leads enter for the crisis part: src/policies/safeguarding.ts). */
export const canEnterAdmin = (actor: Actor): boolean => isModerator(actor)

/** Only admins hand out or take away roles, whatever the door. */
export const canChangeRoles = (actor: Actor): boolean => isAdmin(actor)

/** Unlocking someone else's account after failed logins is an admin's job. */
export const canUnlockAccounts = (actor: Actor): boolean => isAdmin(actor)

/** An email address is private to its owner; admins see it to run accounts. */
export const canReadEmail = (actor: Actor, ownerId: number | string | undefined | null): boolean => isAdmin(actor) || isSelf(actor, ownerId)

/**
 * A moderator with no locality scope moderates everywhere; with a scope, only those localities.
 */
export function moderatesLocality(actor: Actor, localityId: number | string | null | undefined): boolean {
  if (isAdmin(actor)) return true
  if (!isModerator(actor)) return false
  const scope = actor?.moderatorLocalities ?? []
  if (scope.length === 0) return true
  if (localityId === null || localityId === undefined) return false
  return scope.some((entry) => String(typeof entry === 'object' ? entry.id : entry) === String(localityId))
}

/** Posting needs a verified email (enforced again by each content collection). */
export const canPost = (actor: Actor): boolean => Boolean(actor && actor._verified === true)
