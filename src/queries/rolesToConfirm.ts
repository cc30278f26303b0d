// The "Roles to confirm" list on /admin/queue, read as the moderator (the users collection's access
// decides): members whose claimed role no moderator has looked at since they chose it, oldest first.
import type { Payload, Where } from 'payload'

import { CLAIMED_ROLES } from '../policies/byline.js'
import { londonParts } from '../policies/londonTime.js'
import { memberTypeLabel } from '../policies/memberTypes.js'
import { isSelf } from '../policies/roles.js'

export const ROLES_SHOWN = 100
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "4 Mar 2027", in London. */
const joinedOn = (iso: string) => {
  const [year, month, day] = londonParts(new Date(iso)).date.split('-').map(Number)
  return `${day} ${MONTHS[month! - 1]} ${year}`
}

/** The same rule as awaitsRoleConfirmation (src/policies/roleConfirmation.ts), as a query. */
const ROLES_TO_CONFIRM: Where = {
  and: [{ memberType: { in: [...CLAIMED_ROLES] } }, { or: [{ memberTypeConfirmed: { equals: false } }, { memberTypeConfirmed: { exists: false } }] }, { memberTypeConfirmedAt: { exists: false } }],
}

export type RoleToConfirm = { id: number | string; displayName: string; memberType: string; joined: string; joinedIso: string; isYou: boolean }

export async function rolesToConfirm(payload: Payload, user: Record<string, any>): Promise<{ rows: RoleToConfirm[]; total: number }> {
  const found = await payload.find({
    collection: 'users',
    where: ROLES_TO_CONFIRM,
    sort: 'createdAt',
    limit: ROLES_SHOWN,
    depth: 0,
    select: { displayName: true, memberType: true, createdAt: true },
    overrideAccess: false,
    user,
  })
  const rows = found.docs.map((member) => ({
    id: member.id,
    displayName: String(member.displayName ?? ''),
    memberType: memberTypeLabel(member.memberType),
    joined: joinedOn(String(member.createdAt)),
    joinedIso: String(member.createdAt),
    isYou: isSelf(user as never, member.id),
  }))
  return { rows, total: found.totalDocs }
}
