// The one shape of a byline: the name, the member-type badge, and the staff role when the author is
// staff. A staff role is never shown on a pen name or an anonymous byline: a moderator who writes a
// story under a pen name stays unknown. (Later work adds confirmed roles and volunteer badges here.)
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
