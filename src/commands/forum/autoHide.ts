// Enough members flagging one item hides it until a moderator reviews it (moderation-settings).
import type { PayloadRequest } from 'payload'

import { loadModerationSettings } from '../../forum/settings.js'
import { appendModerationEvent } from '../../moderation/events.js'
import { shouldAutoHide, type FlagTarget } from '../../policies/flags.js'
import { refreshThreadActivity } from './publication.js'
import { idOf } from '../../db/relationId.js'
import { postQueueOrder } from './shared.js'
import { notifyDecision } from '../../forum/postNotifications.js'

export async function hideIfFlaggedEnough(req: PayloadRequest, targetCollection: FlagTarget, targetId: string): Promise<boolean> {
  const { payload } = req
  const settings = await loadModerationSettings(payload, req)
  const open = await payload.count({
    collection: 'flags',
    where: { and: [{ targetCollection: { equals: targetCollection } }, { targetId: { equals: targetId } }, { status: { equals: 'open' } }] },
    overrideAccess: true,
    req,
  })
  const target = (await payload.findByID({ collection: targetCollection, id: targetId, depth: 0, overrideAccess: true, req })) as Record<string, any>
  if (!shouldAutoHide(open.totalDocs, settings.flagHideThreshold, target.status === 'published')) return false

  const context = { ...req.context, forumSystemWrite: true, storyCommand: true }
  if (targetCollection === 'stories') {
    // A story has no "hidden" state: it is unpublished, and a moderator can approve it again.
    await payload.update({ collection: 'stories', id: targetId, data: { status: 'unpublished' } as never, overrideAccess: true, req, context, depth: 0 })
  } else {
    const data = { status: 'hidden', autoHidden: true, needsReview: true }
    await payload.update({
      collection: targetCollection,
      id: targetId,
      data: { ...data, queueOrder: postQueueOrder({ ...target, ...data } as never) } as never,
      overrideAccess: true,
      req,
      context,
      depth: 0,
    })
    if (targetCollection === 'replies') await refreshThreadActivity(payload, req, idOf(target.thread)!)
  }
  // The stored ids (a flag carries the target's id as text).
  const ref = targetCollection === 'stories' ? { story: target.id } : targetCollection === 'threads' ? { thread: target.id } : { thread: idOf(target.thread), reply: target.id }
  await notifyDecision(payload, req, idOf(target.author), 'held', ref)
  await appendModerationEvent(payload, req, {
    actorRole: 'system',
    targetCollection,
    targetId,
    action: 'auto_hide',
    reason: `${open.totalDocs} members flagged this.`,
    fromState: target.status,
    toState: targetCollection === 'stories' ? 'unpublished' : 'hidden',
  })
  return true
}
