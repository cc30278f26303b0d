// Follow or unfollow one forum from its page: the same choice as the account page's "forums I follow",
// saved as the member (overrideAccess: false) like the rest of their profile.
import type { Payload } from 'payload'

import { idOf } from '../../db/relationId.js'
import { followedLocalityIds, withLocalityFollow } from '../../policies/memberNotifications.js'
import type { LocalitySummary } from '../../presenters/locality.js'

type Member = Record<string, any> & { id: number | string }

/** Whether the member follows this forum now (their choice, or the defaults when they chose none). */
export function followsLocality(user: Member | null, locality: LocalitySummary, localities: LocalitySummary[]): boolean {
  if (!user) return false
  const chosen = (user.followedLocalities ?? []).map(idOf).filter((id: unknown) => id !== null && id !== undefined)
  return followedLocalityIds(chosen, idOf(user.homeLocality), localities).includes(String(locality.id))
}

export async function setLocalityFollow({
  payload,
  user,
  locality,
  localities,
  follow,
}: {
  payload: Payload
  user: Member
  locality: LocalitySummary
  localities: LocalitySummary[]
  follow: boolean
}): Promise<void> {
  const chosen = (user.followedLocalities ?? []).map(idOf).filter((id: unknown) => id !== null && id !== undefined)
  const next = withLocalityFollow(followedLocalityIds(chosen, idOf(user.homeLocality), localities), locality.id, follow)
  const ids = localities.filter((l) => next.includes(String(l.id))).map((l) => l.id)
  await payload.update({ collection: 'users', id: user.id, data: { followedLocalities: ids } as never, depth: 0, overrideAccess: false, user })
}
