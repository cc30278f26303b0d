// After a new post is stored: count it towards its author's approved posts if it went straight up,
// update its thread, email the thread's author, and alert the safeguarding leads on a crisis match.
import type { CollectionAfterChangeHook } from 'payload'

import { afterReplyPublished, countFirstPublication } from '../../../../src/commands/forum/publication.js'
import { idOf, type PostDoc } from '../../../../src/commands/forum/shared.js'
import { serverURL } from '../../../../src/env.js'
import { emailSafeguardingLeads } from '../../../../src/moderation/alertSafeguardingLeads.js'

export function afterPostCreated(kind: 'threads' | 'replies'): CollectionAfterChangeHook {
  return async ({ doc, operation, req }) => {
    if (operation !== 'create') return doc
    const post = doc as PostDoc
    if (post.status === 'published' && req.user) await countFirstPublication(req.payload, req, idOf(post.author))
    if (post.status === 'published' && kind === 'replies') await afterReplyPublished(req.payload, req, post)
    if (post.crisisHold) {
      await emailSafeguardingLeads(
        req,
        `Urgent: a forum ${kind === 'threads' ? 'thread' : 'reply'} needs a safeguarding check`,
        [
          `A ${kind === 'threads' ? 'thread' : 'reply'} posted on the Waymark forum matched crisis words. It is held and only the author and moderators can see it.`,
          'The author was shown the crisis numbers. Please look at it now:',
        ],
        `${serverURL}/admin/collections/${kind}/${post.id}`,
      )
    }
    return doc
  }
}
