// A moderator's action on a thread or reply: decided by decidePostTransition, applied in one
// transaction with its moderation event, the author's email and the thread's counts.
import type { Payload } from 'payload'

import { idOf } from '../../db/relationId.js'
import { inTransaction } from '../../db/transaction.js'
import { closeCrisisAlertsFor } from '../../moderation/crisisAlerts.js'
import { appendModerationEvent } from '../../moderation/events.js'
import { decidePostTransition, isPostAction, type PostAction } from '../../policies/postWorkflow.js'
import { canModeratePost } from '../../policies/forumVisibility.js'
import { isSelf } from '../../policies/roles.js'
import { notifyDecision, notifyPostLive } from '../../forum/postNotifications.js'
import type { Decision } from '../../policies/memberNotifications.js'
import { afterReplyPublished, countFirstPublication, refreshThreadActivity, tellAuthorApproved } from './publication.js'
import { emailMember, ForumCommandError, loadPost, postQueueOrder, type PostCollection, type PostDoc } from './shared.js'

export type ModeratePostProps = {
  collection: PostCollection
  id: number | string
  action: PostAction | string
  reason?: string
  privateNote?: string
  user: Record<string, any> | null
}

/** The actions the author hears about on their notifications page (and, for some, by email). */
const DECISION_OF: Partial<Record<PostAction, Decision>> = { approve: 'approved', reject: 'rejected', hide: 'hidden', restore: 'restored', remove: 'removed' }

const FLAGS: Partial<Record<PostAction, Record<string, boolean>>> = {
  lock: { locked: true },
  unlock: { locked: false },
  pin: { pinned: true },
  unpin: { pinned: false },
  mark_safe: { crisisHold: false },
}

export async function moderatePost(payload: Payload, props: ModeratePostProps): Promise<PostDoc> {
  if (!isPostAction(props.action)) throw new ForumCommandError('Unknown action.', 400)
  const action = props.action
  return inTransaction(payload, props.user, async (req) => {
    const post = await loadPost(payload, props.collection, props.id, req)
    const localityId = idOf(post.locality)
    // Moderating your own post is not moderation.
    const actorModerates = canModeratePost(props.user as never, localityId) && !isSelf(props.user as never, idOf(post.author))
    const verdict = decidePostTransition({
      kind: props.collection,
      state: post.status,
      action,
      actorModerates,
      crisisHold: post.crisisHold === true,
      reason: props.reason,
      locked: post.locked === true,
      pinned: post.pinned === true,
    })
    if (!verdict.ok) throw new ForumCommandError(verdict.reason, verdict.status)

    const firstPublication = verdict.next === 'published' && !post.everPublished
    const isFirstPost = firstPublication ? await countFirstPublication(payload, req, idOf(post.author)) : post.isFirstPost === true
    const data: Record<string, unknown> = {
      status: verdict.next,
      ...(FLAGS[action] ?? {}),
      ...(verdict.next === 'published' ? { everPublished: true, isFirstPost, autoHidden: false } : {}),
      ...(action === 'reject' || action === 'hide' || action === 'remove' ? { reasonForAuthor: props.reason?.trim() || null } : {}),
    }
    const after = { ...post, ...data }
    // Locking or pinning is housekeeping; every other action is the review the queue was waiting for.
    if (!['lock', 'unlock', 'pin', 'unpin'].includes(action)) data.needsReview = after.status === 'pending' || after.crisisHold === true
    data.queueOrder = postQueueOrder({ ...after, ...data } as never)
    const updated = (await payload.update({
      collection: props.collection,
      id: post.id,
      data: data as never,
      depth: 0,
      overrideAccess: true,
      req,
      context: { ...req.context, forumSystemWrite: true },
    })) as PostDoc

    await appendModerationEvent(payload, req, {
      actor: props.user?.id ?? null,
      actorRole: 'moderator',
      targetCollection: props.collection,
      targetId: post.id,
      action,
      reason: props.reason,
      privateNote: props.privateNote,
      fromState: post.status,
      toState: verdict.next,
    })

    if (action === 'mark_safe') await closeCrisisAlertsFor(req, props.collection, post.id, props.user?.id ?? null)
    if (props.collection === 'replies' && verdict.next !== post.status) {
      if (verdict.next === 'published' && firstPublication) await afterReplyPublished(payload, req, updated)
      else await refreshThreadActivity(payload, req, idOf(post.thread)!)
    }
    if (props.collection === 'threads' && verdict.next === 'published' && firstPublication) await notifyPostLive(payload, req, 'threads', updated)
    const decision = DECISION_OF[action]
    if (decision) {
      const target = props.collection === 'threads' ? { thread: post.id } : { thread: idOf(post.thread), reply: post.id }
      await notifyDecision(payload, req, idOf(post.author), decision, target)
    }
    if (action === 'approve') await tellAuthorApproved(payload, req, props.collection, updated)
    if (action === 'reject') {
      await emailMember(payload, req, idOf(post.author), 'Your post was not approved', [
        'A moderator looked at your post and could not approve it. Their reason:',
        props.reason!.trim(),
        'You are welcome to post again with changes. Only you and the moderators ever saw this post.',
      ])
    }
    return updated
  })
}
