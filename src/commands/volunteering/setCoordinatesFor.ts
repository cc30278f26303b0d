// Making someone a volunteer coordinator (or no longer one) for some localities. Not a role: a scoped
// field on the member. Admins and the moderators of each locality added or taken away may; every change
// is written to the moderation log in the same transaction.
import type { Payload } from 'payload'

import { inTransaction } from '../../db/transaction.js'
import { idOf, toId } from '../../db/relationId.js'
import { appendModerationEvent } from '../../moderation/events.js'
import { canSetCoordinatesFor } from '../../policies/volunteering.js'
import { CommandRefusal } from '../errors.js'

export type SetCoordinatesForProps = { actor: Record<string, any> | null; memberId: string; localities: unknown }

export async function setCoordinatesFor(payload: Payload, props: SetCoordinatesForProps): Promise<{ coordinatesFor: string[] }> {
  if (!props.actor) throw new CommandRefusal('Sign in as a moderator to choose volunteer coordinators.', 401)
  const list = Array.isArray(props.localities) ? props.localities : null
  if (!list || list.length > 50 || !list.every((l) => (typeof l === 'string' || typeof l === 'number') && /^[\w-]{1,40}$/.test(String(l)))) {
    throw new CommandRefusal('Send {"localities": [ids]}: the full list of localities the member coordinates for (empty for none).', 400)
  }
  if (!/^[\w-]{1,40}$/.test(props.memberId)) throw new CommandRefusal('There is no such member.', 404)
  const wanted = [...new Set(list.map(String))]
  return inTransaction(payload, props.actor, async (req) => {
    const member = (await payload.find({ collection: 'users', where: { id: { equals: toId(props.memberId) } }, depth: 0, limit: 1, overrideAccess: true, req })).docs[0] as
      Record<string, any> | undefined
    if (!member) throw new CommandRefusal('There is no such member.', 404)
    const known = wanted.length ? await payload.find({ collection: 'localities', where: { id: { in: wanted.map(toId) } }, depth: 0, pagination: false, overrideAccess: true, req }) : { docs: [] }
    if (known.docs.length !== wanted.length) throw new CommandRefusal('One of those localities does not exist.', 400)
    const before = ((member.coordinatesFor ?? []) as unknown[]).map((l) => String(idOf(l)))
    const verdict = canSetCoordinatesFor(props.actor as never, member.id, before, wanted)
    if (!verdict.ok) throw new CommandRefusal(verdict.reason, verdict.status)
    if (verdict.added.length === 0 && verdict.removed.length === 0) return { coordinatesFor: before }
    await payload.update({ collection: 'users', id: member.id, data: { coordinatesFor: wanted.map(toId) } as never, depth: 0, overrideAccess: true, req })
    await appendModerationEvent(payload, req, {
      actor: props.actor!.id,
      actorRole: 'moderator',
      targetCollection: 'users',
      targetId: member.id,
      subject: member.id,
      action: 'set-volunteer-coordinator',
      reason: `Volunteer coordinator for localities: added ${verdict.added.join(', ') || 'none'}; removed ${verdict.removed.join(', ') || 'none'}.`,
      fromState: before.join(',') || 'none',
      toState: wanted.join(',') || 'none',
    })
    return { coordinatesFor: wanted }
  })
}
