// Keeps meetings.adminTitle (src/meetings/adminTitle.ts) in step with what it is made of. The meeting's
// own hook sets it on every save; this rewrites it for meetings saved before the field existed (a data
// step) and when a locality is renamed. Only the derived field is written, at the database level: a new
// title is not a change of the meeting, so calendars, reminders and the meeting's rules are untouched.
import type { Payload, PayloadRequest, Where } from 'payload'

import { idOf } from '../db/relationId.js'
import { meetingAdminTitle } from './adminTitle.js'

export async function localityNameOf(payload: Payload, localityId: unknown, req?: PayloadRequest): Promise<string> {
  const id = idOf(localityId)
  if (id === null) return ''
  const locality = await payload.findByID({ collection: 'localities', id, depth: 0, overrideAccess: true, req, select: { name: true } }).catch(() => null)
  return String(locality?.name ?? '')
}

/** Rewrites adminTitle where it differs from what the meeting says now; returns how many changed. */
export async function refreshMeetingAdminTitles(payload: Payload, req?: PayloadRequest, where?: Where): Promise<number> {
  const meetings = await payload.find({
    collection: 'meetings',
    where,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
    select: { title: true, startsAt: true, locality: true, adminTitle: true },
  })
  const names = new Map<string, string>()
  let changed = 0
  for (const meeting of meetings.docs) {
    const localityId = String(idOf(meeting.locality) ?? '')
    if (!names.has(localityId)) names.set(localityId, await localityNameOf(payload, localityId || null, req))
    const adminTitle = meetingAdminTitle({ title: meeting.title, startsAt: meeting.startsAt, localityName: names.get(localityId) })
    if (adminTitle === meeting.adminTitle) continue
    await payload.db.updateOne({ collection: 'meetings', id: meeting.id, data: { adminTitle }, req, returning: false })
    changed++
  }
  return changed
}
