// The member changes their own account: profile and notification choices, or their email address and
// password. Saved as the member (overrideAccess: false), so the users collection's access and hooks
// decide; a ValidationError reaches the caller unchanged, for the form to show.
import type { Payload } from 'payload'

import { crisisReportingContext, crisisSeen } from '../../moderation/crisisAlerts.js'

export type ProfileChanges = {
  displayName: string
  memberType: string
  homeLocality: number | string | null
  followedLocalities: (number | string)[]
  notifications: Record<string, boolean | string>
}

/** Saves the profile; says which locality's crisis services to show when crisis words were written in it. */
export async function saveProfile({ payload, user, changes }: { payload: Payload; user: Record<string, any>; changes: ProfileChanges }) {
  const context = crisisReportingContext()
  await payload.update({ collection: 'users', id: user.id, data: changes as never, overrideAccess: false, user, context })
  return { crisis: crisisSeen(context) }
}

/** A new email address, a new password or both; Payload checks `currentPassword`. */
export async function changeCredentials({ payload, user, changes }: { payload: Payload; user: Record<string, any>; changes: Record<string, string> }): Promise<void> {
  await payload.update({ collection: 'users', id: user.id, data: changes as never, overrideAccess: false, user })
}

/** The volunteer badge the member chooses to show (the users collection's checkVolunteerBadge hook decides whether it may). */
export async function saveVolunteerBadge({ payload, user, badge }: { payload: Payload; user: Record<string, any>; badge: string }): Promise<void> {
  await payload.update({ collection: 'users', id: user.id, data: { volunteerBadge: badge } as never, overrideAccess: false, user })
}
