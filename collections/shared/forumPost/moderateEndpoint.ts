// POST /api/threads/:id/moderate and /api/replies/:id/moderate: the moderators' actions (approve,
// reject, hide, restore, remove, lock, unlock, pin, unpin, mark safe, dismiss). Payload's CSRF and session apply.
import type { Endpoint } from 'payload'

import { moderatePost } from '../../../src/commands/forum/moderatePost.js'
import { moderatorEndpoint, text } from '../moderatorEndpoint.js'

export function moderatePostEndpoint(collection: 'threads' | 'replies'): Endpoint {
  return moderatorEndpoint('/:id/moderate', async (req, body, id) => {
    const post = await moderatePost(req.payload, {
      collection,
      id,
      action: String(body.action ?? ''),
      reason: text(body.reason, 2000),
      privateNote: text(body.privateNote, 4000),
      user: req.user as never,
    })
    return { status: post.status, locked: post.locked, pinned: post.pinned }
  })
}
