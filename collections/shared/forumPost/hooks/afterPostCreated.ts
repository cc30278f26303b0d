// After a post is stored: count a new post towards its author's approved posts if it went straight up,
// update its thread, email the thread's author; and, after any save whose text matched crisis words
// (admitPost), raise a crisis alert.
import type { CollectionAfterChangeHook } from 'payload'

import { afterReplyPublished, countFirstPublication } from '../../../../src/commands/forum/publication.js'
import { notifyPostLive } from '../../../../src/forum/postNotifications.js'
import type { PostDoc } from '../../../../src/commands/forum/shared.js'
import { idOf } from '../../../../src/db/relationId.js'
import { raiseCrisisAlert } from '../../../../src/moderation/crisisAlerts.js'
import type { TriageResult } from '../../../../src/moderation/watchedWords.js'
import { POST_TRIAGE_KEY } from './triageEditedPost.js'

export function afterPostCreated(kind: 'threads' | 'replies'): CollectionAfterChangeHook {
  return async ({ doc, operation, req }) => {
    const post = doc as PostDoc
    if (operation === 'create' && post.status === 'published' && req.user) await countFirstPublication(req.payload, req, idOf(post.author))
    if (operation === 'create' && post.status === 'published' && kind === 'replies') await afterReplyPublished(req.payload, req, post)
    if (operation === 'create' && post.status === 'published' && kind === 'threads') await notifyPostLive(req.payload, req, 'threads', post)
    const triage = req.context?.[POST_TRIAGE_KEY] as TriageResult | undefined
    if (triage?.action === 'crisis') {
      delete req.context[POST_TRIAGE_KEY]
      await raiseCrisisAlert(req, { member: idOf(post.author), targetCollection: kind, targetId: post.id, locality: idOf(post.locality), matches: triage.matches })
    }
    return doc
  }
}
