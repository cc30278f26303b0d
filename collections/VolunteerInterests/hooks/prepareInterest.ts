// Before an interest is stored: a signed-in member, an open opportunity they can see, once per
// opportunity. The locality and kind are copied from the opportunity (the coordinators' scope and the
// report's counts), the member's display name as it was (the coordinators' list), and the state starts
// at "interested" whatever was sent.
import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { idOf } from '../../../src/db/relationId.js'
import { NOTE_MAX } from '../../../src/policies/volunteering.js'

export const VOLUNTEER_SYSTEM_WRITE = 'volunteerSystemWrite'

export const prepareInterest: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const system = req.context?.[VOLUNTEER_SYSTEM_WRITE] === true
  if (!system) {
    if (!req.user) throw new APIError('Sign in to say you are interested.', 401, undefined, true)
    data.member = req.user.id
  }
  const opportunityId = idOf(data.opportunity)
  if (opportunityId === null || !/^[\w-]{1,40}$/.test(String(opportunityId))) throw new APIError('Choose an opportunity.', 400, undefined, true)
  const opportunity = await req.payload
    .find({ collection: 'volunteer-opportunities', where: { id: { equals: opportunityId } }, depth: 0, limit: 1, req, overrideAccess: system, ...(system ? {} : { user: req.user }) })
    .then((r) => r.docs[0] as Record<string, unknown> | undefined)
    .catch(() => undefined)
  if (!opportunity) throw new APIError('There is no such opportunity.', 404, undefined, true)
  if (opportunity.open !== true && !system) throw new APIError('This opportunity is closed.', 409, undefined, true)
  const member = await req.payload.findByID({ collection: 'users', id: data.member as never, depth: 0, req, overrideAccess: true }).catch(() => null)
  if (!member) throw new APIError('There is no such member.', 400, undefined, true)
  const already = await req.payload.count({
    collection: 'volunteer-interests',
    where: { and: [{ member: { equals: member.id } }, { opportunity: { equals: opportunity.id } }] },
    overrideAccess: true,
    req,
  })
  if (already.totalDocs > 0) throw new APIError('You have already said you are interested in this. A coordinator will be in touch.', 409, undefined, true)
  const note = typeof data.note === 'string' ? data.note.trim() : ''
  if (note.length > NOTE_MAX) throw new APIError(`Keep the note to ${NOTE_MAX} characters.`, 400, undefined, true)
  const now = new Date().toISOString()
  data.opportunity = opportunity.id
  data.note = note || null
  data.locality = idOf(opportunity.locality)
  data.kind = opportunity.kind
  data.memberName = String((member as { displayName?: unknown }).displayName ?? '')
  if (!system || !data.state) {
    data.state = 'interested'
    data.history = [{ state: 'interested', at: now }]
    data.startedActiveAt = null
    data.coordinatorNote = null
  }
  return data
}
