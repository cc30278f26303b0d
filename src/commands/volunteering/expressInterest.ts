// A member says they are interested in an opportunity, with a short note. Made as the member
// (overrideAccess false): the collection's access and its prepareInterest hook decide.
import type { Payload } from 'payload'

import { crisisReportingContext, crisisSeen, type CrisisSeen } from '../../moderation/crisisAlerts.js'
import { NOTE_MAX } from '../../policies/volunteering.js'
import { CommandRefusal } from '../errors.js'

export type ExpressInterestProps = { payload: Payload; user: Record<string, any>; opportunityId: number | string; note: string }

/** Saves the interest; says which locality's crisis services to show when crisis words were written in the note. */
export async function expressInterest({ payload, user, opportunityId, note }: ExpressInterestProps): Promise<{ id: number | string; crisis: CrisisSeen | null }> {
  if (note.length > NOTE_MAX) throw new CommandRefusal(`Keep the note to ${NOTE_MAX} characters.`, 400)
  const context = crisisReportingContext()
  const created = await payload.create({ collection: 'volunteer-interests', data: { opportunity: opportunityId, note } as never, overrideAccess: false, user, depth: 0, context })
  return { id: created.id, crisis: crisisSeen(context) }
}
