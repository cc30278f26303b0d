// The badges after a story's byline: the staff role (from the staff-names rule) and the member type, each
// after a space, as a story card and a story page both show them.
import { MemberTypeBadge } from './MemberTypeBadge.js'

type Props = { staffRole?: string | null; memberType?: Parameters<typeof MemberTypeBadge>[0]['badge'] | null }

export function StoryBylineBadges({ staffRole, memberType }: Props) {
  return (
    <>
      {staffRole ? (
        <>
          {' '}
          <span className="badge badge--staff">{staffRole}</span>
        </>
      ) : null}
      {memberType ? (
        <>
          {' '}
          <MemberTypeBadge badge={memberType} />
        </>
      ) : null}
    </>
  )
}
