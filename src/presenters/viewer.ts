// What the public site knows about whoever is signed in. Never an email address.
import { memberTypeLabel } from '../policies/memberTypes.js'
import { canSeeReports } from '../policies/meetingAccess.js'
import { isModerator } from '../policies/roles.js'
import { isSafeguardingLead } from '../policies/safeguarding.js'

export type Viewer = {
  id: number | string
  displayName: string
  memberType: string
  memberTypeLabel: string
  isModerator: boolean
  isSafeguardingLead: boolean
  canSeeReports: boolean
}

export function presentViewer(user: Record<string, any> | null | undefined): Viewer | null {
  if (!user) return null
  return {
    id: user.id,
    displayName: String(user.displayName ?? ''),
    memberType: String(user.memberType ?? ''),
    memberTypeLabel: memberTypeLabel(user.memberType),
    isModerator: isModerator(user as never),
    isSafeguardingLead: isSafeguardingLead(user as never),
    canSeeReports: canSeeReports(user as never),
  }
}
