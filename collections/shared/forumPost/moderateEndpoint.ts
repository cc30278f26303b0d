// POST /api/threads/:id/moderate and /api/replies/:id/moderate: the moderators' actions (approve,
// reject, hide, restore, remove, lock, unlock, pin, unpin, mark safe). Payload's CSRF and session apply.
import { addDataAndFileToRequest, type Endpoint } from 'payload'

import { ForumCommandError } from '../../../src/commands/forum/shared.js'
import { moderatePost } from '../../../src/commands/forum/moderatePost.js'
import { isModerator } from '../../../src/policies/roles.js'

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : undefined)

export function moderatePostEndpoint(collection: 'threads' | 'replies'): Endpoint {
  return {
    path: '/:id/moderate',
    method: 'post',
    handler: async (req) => {
      if (!isModerator(req.user)) return Response.json({ error: 'Moderators only.' }, { status: 403 })
      await addDataAndFileToRequest(req)
      const body = (req.data ?? {}) as Record<string, unknown>
      try {
        const post = await moderatePost(req.payload, {
          collection,
          id: String(req.routeParams?.id ?? ''),
          action: String(body.action ?? ''),
          reason: text(body.reason, 2000),
          privateNote: text(body.privateNote, 4000),
          user: req.user as never,
        })
        return Response.json({ ok: true, status: post.status, locked: post.locked, pinned: post.pinned })
      } catch (error) {
        if (error instanceof ForumCommandError) return Response.json({ error: error.message }, { status: error.status })
        throw error
      }
    },
  }
}
