// What the public site knows about whoever is signed in. Never an email address.
import { memberTypeBadge, type MemberTypeBadge } from '../policies/byline.js'
import { canSeeReports } from '../policies/meetingAccess.js'
import { isModerator } from '../policies/roles.js'
import { isSafeguardingLead } from '../policies/safeguarding.js'

export type Viewer = {
  id: number | string
  displayName: string
  memberType: string
  /** The badge beside their name in the header: the same as on their posts. */
  memberTypeBadge: MemberTypeBadge
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
    memberTypeBadge: memberTypeBadge('display-name', user.memberType, user.memberTypeConfirmed)!,
    isModerator: isModerator(user as never),
    isSafeguardingLead: isSafeguardingLead(user as never),
    canSeeReports: canSeeReports(user as never),
  }
}
