// A member shows a "volunteer" or "peer mentor" badge only by choice, and only while they are active
// in volunteering of that kind (src/policies/volunteering.ts). Anything else sent is refused with 400.
import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { isBadge, mayShowBadge } from '../../../src/policies/volunteering.js'

export const checkVolunteerBadge: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  if (data.volunteerBadge === undefined || data.volunteerBadge === originalDoc?.volunteerBadge) return data
  if (data.volunteerBadge === null) data.volunteerBadge = 'none'
  if (!isBadge(data.volunteerBadge)) throw new APIError('Choose no badge, "volunteer" or "peer mentor".', 400, undefined, true)
  if (data.volunteerBadge === 'none' || !originalDoc?.id) return data
  const active = await req.payload.find({
    collection: 'volunteer-interests',
    where: { and: [{ member: { equals: originalDoc.id } }, { state: { equals: 'active' } }] },
    depth: 0,
    pagination: false,
    select: { kind: true },
    overrideAccess: true,
    req,
  })
  if (
    !mayShowBadge(
      data.volunteerBadge,
      active.docs.map((d) => (d as { kind?: unknown }).kind),
    )
  ) {
    throw new APIError('That badge shows once a coordinator has marked you active in that kind of role.', 400, undefined, true)
  }
  return data
}
