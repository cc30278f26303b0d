// After an edit that changed a reply's text: if triage sent it back to the queue (or it came back up),
// its thread's reply count and last activity are counted again, as after a moderator's decision.
import type { CollectionAfterChangeHook } from 'payload'

import { refreshThreadActivity } from '../../../../src/commands/forum/publication.js'
import { idOf } from '../../../../src/db/relationId.js'
import { POST_EDITED_KEY } from './triageEditedPost.js'

export function afterPostEdited(kind: 'threads' | 'replies'): CollectionAfterChangeHook {
  return async ({ doc, operation, req }) => {
    const edited = req.context?.[POST_EDITED_KEY] as { previousStatus: string } | undefined
    if (operation !== 'update' || !edited) return doc
    delete req.context[POST_EDITED_KEY]
    if (kind === 'replies' && edited.previousStatus !== doc.status && idOf(doc.thread) !== null) await refreshThreadActivity(req.payload, req, idOf(doc.thread)!)
    return doc
  }
}
