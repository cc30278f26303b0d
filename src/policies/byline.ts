// The one shape of a byline: the name, the member-type badge, and the staff role when the author is
// staff. Neither badge is ever shown on a pen name or an anonymous byline: a moderator who writes a
// story under a pen name stays unknown, and so does a professional. (Later work adds volunteer badges here.)
import { memberTypeLabel } from './memberTypes.js'
import { isAdmin, isModerator, type Actor } from './roles.js'
import { isSafeguardingLead } from './safeguarding.js'

export const STAFF_ROLES = ['moderator', 'safeguarding-lead', 'admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const STAFF_ROLE_LABEL: Record<StaffRole, string> = { moderator: 'Moderator', 'safeguarding-lead': 'Safeguarding lead', admin: 'Admin' }

/** The role a staff member's byline shows; null for everyone else. */
export function staffRoleOf(actor: Actor): StaffRole | null {
  if (isAdmin(actor)) return 'admin'
  if (isModerator(actor)) return 'moderator'
  if (isSafeguardingLead(actor)) return 'safeguarding-lead'
  return null
}

export type BylineKind = 'display-name' | 'pen-name' | 'anonymous'

/** A staff role shows only on a byline that names the person by their display name. */
export const shownStaffRole = (kind: BylineKind, role: StaffRole | null | undefined): StaffRole | null => (kind === 'display-name' ? (role ?? null) : null)

export const isStaffRole = (value: unknown): value is StaffRole => (STAFF_ROLES as readonly unknown[]).includes(value)

/**
 * Member types that claim a role someone could rely on. They read as the member's own description
 * ("Says: professional") until a moderator confirms them; the other types describe only the member.
 */
export const CLAIMED_ROLES = ['professional', 'commissioner'] as const
export type ClaimedRole = (typeof CLAIMED_ROLES)[number]

export const isClaimedRole = (value: unknown): value is ClaimedRole => (CLAIMED_ROLES as readonly unknown[]).includes(value)

/** `role`: a confirmed claimed role; `self`: a claimed role in the member's own words; `type`: any other member type. */
export type MemberTypeBadge = { kind: 'role' | 'self' | 'type'; label: string }

/**
 * The member-type badge a byline shows: none on a pen name or an anonymous byline; a claimed role as a
 * role only once a moderator has confirmed it, otherwise as what the member says of themself.
 */
export function memberTypeBadge(kind: BylineKind, memberType: string | null | undefined, confirmed: boolean | null | undefined): MemberTypeBadge | null {
  if (kind !== 'display-name') return null
  const label = memberTypeLabel(memberType)
  if (!isClaimedRole(memberType)) return { kind: 'type', label }
  return confirmed === true ? { kind: 'role', label } : { kind: 'self', label: `Says: ${label.toLowerCase()}` }
}

/** The classes of a member-type badge, so every byline draws the three kinds alike. */
export const MEMBER_TYPE_BADGE_CLASS: Record<MemberTypeBadge['kind'], string> = { role: 'badge badge--role', self: 'badge badge--self', type: 'badge' }

/** What a forum post keeps of its author (`authorByline`), kept in step by collections/Users/hooks/syncPostBylines.ts. */
export type BylineSnapshot = {
  displayName: string
  memberType: string | null
  memberTypeConfirmed: boolean
  staffRole: StaffRole | null
  /** The volunteer or peer-mentor badge the member chose to show (kept only while they are active: src/policies/volunteering.ts). */
  volunteerBadge?: 'volunteer' | 'peer-mentor' | null
}

export function bylineSnapshot(author: (Record<string, any> & { id: number | string }) | null | undefined): BylineSnapshot {
  return {
    displayName: author?.displayName ?? 'A former member',
    memberType: author?.memberType ?? null,
    memberTypeConfirmed: author?.memberTypeConfirmed === true,
    staffRole: staffRoleOf(author),
    volunteerBadge: author?.volunteerBadge === 'volunteer' || author?.volunteerBadge === 'peer-mentor' ? author.volunteerBadge : null,
  }
}

export const sameBylineSnapshot = (a: BylineSnapshot, b: BylineSnapshot): boolean =>
  a.displayName === b.displayName &&
  a.memberType === b.memberType &&
  a.memberTypeConfirmed === b.memberTypeConfirmed &&
  a.staffRole === b.staffRole &&
  (a.volunteerBadge ?? null) === (b.volunteerBadge ?? null)
