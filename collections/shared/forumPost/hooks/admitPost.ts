// Before a new post is stored: who wrote it, whether they are posting too fast, what the
// watched-words triage says, and so whether it goes up at once or waits in the queue. An edit of the
// text is triaged again (triageEditedPost.ts).
import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { postQueueOrder } from '../../../../src/commands/forum/shared.js'
import { postFingerprint } from '../../../../src/forum/markdown.js'
import { postingHistory } from '../../../../src/forum/postingHistory.js'
import { loadModerationSettings } from '../../../../src/forum/settings.js'
import { triageWithWatchedWords } from '../../../../src/moderation/triage.js'
import { decidePostingLimit, retryAfterText } from '../../../../src/policies/postingLimits.js'
import { decideNewPost } from '../../../../src/policies/postQueue.js'
import { bylineSnapshot } from '../../../../src/policies/byline.js'
import { isModerator } from '../../../../src/policies/roles.js'
import { POST_TRIAGE_KEY, postText, triageEditedPost } from './triageEditedPost.js'

/** 429 with the wait in its data, so forms can set Retry-After and say when. */
class RateLimited extends APIError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429, { retryAfterSeconds }, true)
  }
}

export function admitPost(kind: 'threads' | 'replies'): CollectionBeforeChangeHook {
  return async ({ data, operation, req, originalDoc }) => {
    if (operation !== 'create') return triageEditedPost(kind, data, originalDoc, req)
    const now = new Date()
    const authorId = req.user ? req.user.id : data.author
    const author = authorId ? await req.payload.findByID({ collection: 'users', id: authorId, depth: 0, overrideAccess: true, req }).catch(() => null) : null
    data.author = author?.id ?? null
    data.authorByline = bylineSnapshot(author)
    data.fingerprint = postFingerprint(String(data.body ?? ''))
    if (kind === 'threads') {
      data.lastActivityAt = now.toISOString()
      data.replyCount = 0
    }
    // The seed and other server code without an actor set the status themselves.
    if (!req.user) {
      data.status ??= 'published'
      data.everPublished = data.status === 'published'
      return data
    }

    const settings = await loadModerationSettings(req.payload, req)
    const moderator = isModerator(author as never)
    const poster = { isModerator: moderator, joinedAt: new Date(String(author?.createdAt ?? now.toISOString())), approvedPostCount: Number(author?.approvedPostCount ?? 0) }
    const history = await postingHistory(req, author!.id, poster.joinedAt, data.fingerprint, settings, now)
    const limit = decidePostingLimit(kind, poster, history, settings, now)
    if (!limit.ok) throw new RateLimited(`${limit.reason} ${retryAfterText(limit.retryAfterSeconds, now)}`, limit.retryAfterSeconds)

    const triage = await triageWithWatchedWords(req, postText(kind, data, null))
    req.context[POST_TRIAGE_KEY] = triage
    const decision = decideNewPost({ authorIsModerator: moderator, approvedPostCount: poster.approvedPostCount, postQueueThreshold: settings.postQueueThreshold, triageAction: triage.action })
    if (decision.refused) throw new APIError(decision.reason, 400, { field: 'body' }, true)
    Object.assign(data, {
      status: decision.status,
      crisisHold: decision.crisisHold,
      triageAction: triage.action,
      triageMatches: triage.matches,
      everPublished: decision.status === 'published',
      needsReview: decision.status === 'pending' || decision.crisisHold || triage.action === 'flag',
      isFirstPost: decision.status === 'published' && poster.approvedPostCount === 0 && !moderator,
      pinned: false,
      locked: false,
    })
    data.queueOrder = postQueueOrder({ ...data, status: decision.status, createdAt: now.toISOString() } as never)
    return data
  }
}
