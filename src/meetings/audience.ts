// Who hears about a meeting: verified members who chose this kind of email, from the meeting's
// locality, or everyone who chose it when the whole county meets.
import type { Payload } from 'payload'
import { idOf } from '../db/relationId.js'

export type MeetingPreference = 'notifyMeetingReminders' | 'notifyMeetingChanges'
export type AudienceMember = { id: number | string; email: string; displayName: string }

export async function loadMeetingLocality(payload: Payload, meeting: { locality?: unknown }) {
  return payload.findByID({ collection: 'localities', id: idOf(meeting.locality) as number | string, depth: 0, overrideAccess: true })
}

export async function meetingAudience(payload: Payload, locality: { id: number | string; isCountyWide?: boolean | null }, preference: MeetingPreference): Promise<AudienceMember[]> {
  const result = await payload.find({
    collection: 'users',
    where: {
      and: [{ [`notifications.${preference}`]: { equals: true } }, { _verified: { equals: true } }, ...(locality.isCountyWide ? [] : [{ homeLocality: { equals: locality.id } }])],
    },
    select: { email: true, displayName: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  return result.docs.map((doc) => ({ id: doc.id, email: String(doc.email), displayName: String(doc.displayName ?? '') }))
}
