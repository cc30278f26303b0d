// /admin/queue, "Roles to confirm": members whose claimed role (professional, commissioner) no
// moderator has looked at since they chose it, oldest first. Their bylines read "Says: …" until then.
// "Not confirmed" is a look too: the byline keeps reading "Says: …" and the member leaves this list
// until they choose a member type again (src/policies/roleConfirmation.ts).
import type { Payload, Where } from 'payload'
import React from 'react'

import { CLAIMED_ROLES } from '../policies/byline.js'
import { londonParts } from '../policies/londonTime.js'
import { memberTypeLabel } from '../policies/memberTypes.js'
import { isModerator, isSelf } from '../policies/roles.js'
import { RolesToConfirmList, type RoleToConfirm } from './RolesToConfirmList.js'

const SHOWN = 100
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "4 Mar 2027", in London. */
const joinedOn = (iso: string) => {
  const [year, month, day] = londonParts(new Date(iso)).date.split('-').map(Number)
  return `${day} ${MONTHS[month! - 1]} ${year}`
}

/** Claimed, not confirmed, and not yet looked at (no date of a look). */
export const ROLES_TO_CONFIRM: Where = {
  and: [
    { memberType: { in: [...CLAIMED_ROLES] } },
    { or: [{ memberTypeConfirmed: { equals: false } }, { memberTypeConfirmed: { exists: false } }] },
    { memberTypeConfirmedAt: { exists: false } },
  ],
}

export async function RolesToConfirm({ payload, user }: { payload: Payload; user: Record<string, any> | null }) {
  if (!isModerator(user as never)) return null
  const found = await payload.find({
    collection: 'users',
    where: ROLES_TO_CONFIRM,
    sort: 'createdAt',
    limit: SHOWN,
    depth: 0,
    select: { displayName: true, memberType: true, createdAt: true },
    overrideAccess: false,
    user,
  })
  const rows: RoleToConfirm[] = found.docs.map((member) => ({
    id: member.id,
    displayName: String(member.displayName ?? ''),
    memberType: memberTypeLabel(member.memberType),
    joined: joinedOn(String(member.createdAt)),
    joinedIso: String(member.createdAt),
    isYou: isSelf(user as never, member.id),
  }))
  return (
    <section aria-labelledby="roles-to-confirm-heading" style={{ margin: '2rem 0' }}>
      <h2 id="roles-to-confirm-heading">Roles to confirm</h2>
      <p>
        Members who say they are a professional or a commissioner. Until a moderator confirms it, their name shows “Says: professional” (or commissioner) rather than the role.
        Confirm only what you have checked. “Not confirmed” leaves their own words and takes them off this list until they choose a member type again.
      </p>
      <RolesToConfirmList rows={rows} total={found.totalDocs} />
    </section>
  )
}
