// A member says they are interested in an opportunity, with a short note. Made as the member
// (overrideAccess false): the collection's access and its prepareInterest hook decide.
import type { Payload } from 'payload'

import { NOTE_MAX } from '../../policies/volunteering.js'
import { CommandRefusal } from '../errors.js'

export type ExpressInterestProps = { payload: Payload; user: Record<string, any>; opportunityId: number | string; note: string }

export async function expressInterest({ payload, user, opportunityId, note }: ExpressInterestProps): Promise<{ id: number | string }> {
  if (note.length > NOTE_MAX) throw new CommandRefusal(`Keep the note to ${NOTE_MAX} characters.`, 400)
  const created = await payload.create({ collection: 'volunteer-interests', data: { opportunity: opportunityId, note } as never, overrideAccess: false, user, depth: 0 })
  return { id: created.id }
}
