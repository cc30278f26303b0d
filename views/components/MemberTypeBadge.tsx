// The member-type badge of a byline: a confirmed role, a role in the member's own words ("Says: …"),
// or another member type. The policy (src/policies/byline.ts) decides which; this only draws it.
import { MEMBER_TYPE_BADGE_CLASS, type MemberTypeBadge as Badge } from '../../src/policies/byline.js'

export function MemberTypeBadge({ badge }: { badge: Badge | null | undefined }) {
  if (!badge) return null
  return <span className={MEMBER_TYPE_BADGE_CLASS[badge.kind]}>{badge.label}</span>
}
