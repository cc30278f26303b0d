// What the member's own account page shows of their record: their own details, for their own form.
export type AccountValues = {
  email: string
  displayName: string
  memberType: string
  homeLocality: string
  followedLocalities: string[]
  notifications: Record<string, boolean | string>
  volunteerBadge: string
}

export function presentAccountValues(user: Record<string, any>): AccountValues {
  const homeLocality = user.homeLocality && typeof user.homeLocality === 'object' ? user.homeLocality.id : user.homeLocality
  return {
    email: String(user.email ?? ''),
    displayName: String(user.displayName ?? ''),
    memberType: String(user.memberType ?? ''),
    homeLocality: homeLocality ? String(homeLocality) : '',
    followedLocalities: (user.followedLocalities ?? []).map((l: unknown) => String(l && typeof l === 'object' ? (l as { id: unknown }).id : l)),
    notifications: { ...(user.notifications ?? {}) },
    volunteerBadge: String(user.volunteerBadge ?? 'none'),
  }
}
