// Who may confirm a member's claimed role (professional, commissioner), and whose claims wait for it.
//
// | actor                 | target            | verdict                                  |
// |-----------------------|-------------------|------------------------------------------|
// | nobody signed in      | anyone            | 401                                      |
// | anyone                | themself          | 403 "You cannot confirm your own role."  |
// | member, reporter, lead| someone else      | 403                                      |
// | moderator, admin      | someone else      | allowed                                  |
//
// A confirmation is a moderator's word that the claim is true: asking for your own is refused first,
// whoever you are, so that a moderator's own claim is always checked by somebody else.
import { isClaimedRole } from './byline.js'
import { isModerator, isSelf, type Actor } from './roles.js'

export type RoleConfirmationVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string }

export const OWN_ROLE_MESSAGE = 'You cannot confirm your own role.'

export function canConfirmRole(actor: Actor, targetId: number | string | null | undefined): RoleConfirmationVerdict {
  if (!actor) return { ok: false, status: 401, reason: 'Sign in as a moderator to confirm roles.' }
  if (isSelf(actor, targetId)) return { ok: false, status: 403, reason: OWN_ROLE_MESSAGE }
  if (!isModerator(actor)) return { ok: false, status: 403, reason: 'Only moderators confirm roles.' }
  return { ok: true }
}

/** The part of a member that says where their claim stands. */
export type RoleClaim = { memberType?: string | null; memberTypeConfirmed?: boolean | null; memberTypeConfirmedAt?: string | null }

/**
 * Waiting for a moderator: a claimed role that nobody has looked at since it was chosen. "Not confirmed"
 * is a look too: it leaves the claim reading "Says: …" and takes it off the list until the member
 * chooses a member type again (which clears every trace of the last look).
 */
export const awaitsRoleConfirmation = (member: RoleClaim): boolean => isClaimedRole(member.memberType) && member.memberTypeConfirmed !== true && !member.memberTypeConfirmedAt

/** The stored fields after a moderator's look: who and when, and whether the claim is now a role. */
export function roleConfirmationFields(confirmed: boolean, moderatorId: number | string, now: Date) {
  return { memberTypeConfirmed: confirmed, memberTypeConfirmedBy: moderatorId, memberTypeConfirmedAt: now.toISOString() }
}

/** What choosing another member type leaves of a confirmation: nothing. */
export const CLEARED_CONFIRMATION = { memberTypeConfirmed: false, memberTypeConfirmedBy: null, memberTypeConfirmedAt: null } as const
