// Before validation: tidy what was typed (new or edited) and, for a new reply, check the thread may take it (visible to
// the replier, published, not locked) and file the reply under the thread's locality.
import { APIError, type CollectionBeforeValidateHook } from 'payload'

import { cleanPostText } from '../../../../src/forum/markdown.js'
import { canSeePost, type PostState } from '../../../../src/policies/forumVisibility.js'
import { moderatesLocality } from '../../../../src/policies/roles.js'
import { idOf } from '../../../../src/db/relationId.js'

export function preparePost(kind: 'threads' | 'replies'): CollectionBeforeValidateHook {
  return async ({ data, operation, req }) => {
    if (!data) return data
    if (typeof data.body === 'string') data.body = cleanPostText(data.body)
    if (kind === 'threads' && typeof data.title === 'string') data.title = cleanPostText(data.title).replace(/\s+/g, ' ')
    if (operation === 'create' && kind === 'replies') await fileUnderThread(data, req)
    return data
  }
}

async function fileUnderThread(data: Record<string, any>, req: Parameters<CollectionBeforeValidateHook>[0]['req']) {
  const threadId = idOf(data.thread)
  const notFound = () => new APIError('That thread does not exist, or you cannot see it.', 404, undefined, true)
  if (threadId === null) return
  const thread = await req.payload.findByID({ collection: 'threads', id: threadId, depth: 1, overrideAccess: true, req }).catch(() => null)
  if (!thread) throw notFound()
  const locality = thread.locality && typeof thread.locality === 'object' ? thread.locality : null
  data.locality = locality?.id ?? thread.locality
  // Server code without an actor (the seed) files the reply and nothing more.
  if (!req.user) return
  const facts = { status: thread.status as PostState, authorId: idOf(thread.author), localityId: locality?.id, forumVisibility: locality?.forumVisibility }
  if (!canSeePost(req.user, facts)) throw notFound()
  const moderator = moderatesLocality(req.user, locality?.id)
  if (thread.status !== 'published' && !moderator) throw new APIError('You can reply once this thread has been approved.', 409, undefined, true)
  if (thread.locked && !moderator) throw new APIError('This thread is locked: it takes no more replies.', 403, undefined, true)
}
