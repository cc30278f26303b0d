// A moderator closes a flag: "resolved" (the report was right, and any hide stands) or "rejected"
// (nothing wrong; the moderator can then restore an auto-hidden item).
import type { Payload } from 'payload'

import { idOf } from '../../db/relationId.js'
import { inTransaction } from '../../db/transaction.js'
import { appendModerationEvent } from '../../moderation/events.js'
import { canModeratePost } from '../../policies/forumVisibility.js'
import { ForumCommandError } from './shared.js'

export type ResolveFlagProps = { id: number | string; status: string; moderatorNote?: string; user: Record<string, any> | null }

export async function resolveFlag(payload: Payload, props: ResolveFlagProps): Promise<Record<string, any>> {
  if (props.status !== 'resolved' && props.status !== 'rejected') throw new ForumCommandError('A flag is resolved or rejected.', 400)
  return inTransaction(payload, props.user, async (req) => {
    const flag = await payload.findByID({ collection: 'flags', id: props.id, depth: 0, overrideAccess: true, req }).catch(() => null)
    if (!flag) throw new ForumCommandError('No such flag.', 404)
    if (!canModeratePost(props.user as never, idOf(flag.locality))) throw new ForumCommandError('Only the moderators of this locality can do that.', 403)
    if (flag.status !== 'open') throw new ForumCommandError('This flag has already been dealt with.', 409)
    const updated = await payload.update({
      collection: 'flags',
      id: flag.id,
      data: { status: props.status, moderatorNote: props.moderatorNote?.trim().slice(0, 2000) || null, resolvedBy: props.user?.id, resolvedAt: new Date().toISOString() } as never,
      overrideAccess: true,
      req,
      depth: 0,
    })
    await appendModerationEvent(payload, req, {
      actor: props.user?.id,
      actorRole: 'moderator',
      targetCollection: 'flags',
      targetId: flag.id,
      action: props.status === 'resolved' ? 'resolve_flag' : 'reject_flag',
      privateNote: props.moderatorNote,
      fromState: 'open',
      toState: props.status,
    })
    return updated
  })
}
