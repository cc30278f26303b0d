// A safeguarding lead, or a moderator of the alert's locality, records that a crisis alert has been dealt
// with: the alert is closed once, by someone allowed, and the moderation log says who.
import type { PayloadRequest } from 'payload'

import { idOf } from '../../db/relationId.js'
import { appendModerationEvent } from '../../moderation/events.js'
import { canHandleCrisis } from '../../policies/safeguarding.js'
import { CommandRefusal } from '../errors.js'

/** A lead or a moderator of the alert's locality records that it has been dealt with. */
export async function handleCrisisAlert(req: PayloadRequest, id: string, note?: string) {
  const alert = await req.payload.findByID({ collection: 'crisis-alerts', id, depth: 0, overrideAccess: true, req }).catch(() => null)
  if (!alert || !canHandleCrisis(req.user as never, idOf(alert.locality))) throw new CommandRefusal('There is no crisis alert at that address for you.', 404)
  if (alert.status === 'handled') throw new CommandRefusal('This alert has already been handled.', 409)
  const updated = await req.payload.update({
    collection: 'crisis-alerts',
    id: alert.id,
    data: { status: 'handled', handledBy: req.user!.id as never, handledAt: new Date().toISOString(), handledNote: note?.trim() || null },
    overrideAccess: true,
    req,
  })
  await appendModerationEvent(req.payload, req, {
    actor: req.user!.id,
    actorRole: 'moderator',
    targetCollection: 'crisis-alerts',
    targetId: alert.id,
    action: 'crisis-handled',
    fromState: 'open',
    toState: 'handled',
    locality: idOf(alert.locality),
  })
  return updated
}
