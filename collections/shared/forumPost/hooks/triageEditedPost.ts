// Before an edited post is stored: its author's edit is triaged exactly as a new post (block refuses,
// crisis holds and alerts, "require approval" and the newcomer queue send a published post back to the
// queue, "flag" puts it in front of the moderators); a moderator's correction is held for crisis words,
// as before. Either way the text it replaces is kept in editHistory (moderators only) and editedAt
// says "edited" to everyone. Server writes (moderation, counts, erasure) change no text and pass.
import { APIError, type PayloadRequest } from 'payload'

import { postQueueOrder } from '../../../../src/commands/forum/shared.js'
import { idOf } from '../../../../src/db/relationId.js'
import { postFingerprint } from '../../../../src/forum/markdown.js'
import { loadModerationSettings } from '../../../../src/forum/settings.js'
import { textAtDoor } from '../../../../src/moderation/textDoors.js'
import { triageWithWatchedWords } from '../../../../src/moderation/triage.js'
import type { PostState } from '../../../../src/policies/forumVisibility.js'
import { canEditOwnPost, decideEditedPost } from '../../../../src/policies/postEditing.js'
import { isModerator, isSelf } from '../../../../src/policies/roles.js'

type Kind = 'threads' | 'replies'
type Doc = Record<string, any>

export const POST_TRIAGE_KEY = 'postTriage'
/** Set on an edit that changed the text: the status it had before (afterPostEdited recounts the thread). */
export const POST_EDITED_KEY = 'postEdited'

export const postText = (kind: Kind, data: Doc, stored: Doc | null | undefined) => textAtDoor(kind, data, stored, String)

export async function triageEditedPost(kind: Kind, data: Doc, originalDoc: Doc | undefined, req: PayloadRequest): Promise<Doc> {
  if (req.context?.forumSystemWrite === true || req.context?.erasure === true || !originalDoc) return data
  const text = postText(kind, data, originalDoc)
  if (text === postText(kind, originalDoc, null)) return data
  const byAuthor = isSelf(req.user, idOf(originalDoc.author))
  const history: Doc[] = Array.isArray(originalDoc.editHistory) ? originalDoc.editHistory : []
  if (byAuthor) await refuseUnlessEditable(kind, originalDoc, history.length, req)

  const triage = await triageWithWatchedWords(req, text)
  data.triageAction = triage.action
  data.triageMatches = triage.matches
  if (triage.action === 'crisis') req.context[POST_TRIAGE_KEY] = triage
  if (byAuthor) {
    const decision = decideEditedPost({ state: originalDoc.status as PostState, triageAction: triage.action, ...(await posterFacts(req, originalDoc)) })
    if (decision.refused) throw new APIError(decision.reason, 400, { field: 'body' }, true)
    Object.assign(data, { status: decision.status, crisisHold: decision.crisisHold || originalDoc.crisisHold === true, needsReview: decision.needsReview || originalDoc.needsReview === true })
  } else if (triage.action === 'crisis') {
    Object.assign(data, { crisisHold: true, needsReview: true, status: originalDoc.status === 'published' ? 'pending' : originalDoc.status })
  }
  const now = new Date().toISOString()
  data.fingerprint = postFingerprint(String(data.body ?? originalDoc.body ?? ''))
  data.queueOrder = postQueueOrder({ ...originalDoc, ...data } as never)
  data.editedAt = now
  data.editHistory = [
    ...history.map((entry) => ({ ...entry, editedBy: idOf(entry.editedBy) ?? null })),
    {
      ...(kind === 'threads' ? { title: String(originalDoc.title ?? '') } : {}),
      body: String(originalDoc.body ?? ''),
      replacedAt: now,
      editedBy: req.user?.id ?? null,
      editorRole: byAuthor ? 'author' : req.user ? 'moderator' : 'system',
    },
  ]
  req.context[POST_EDITED_KEY] = { previousStatus: originalDoc.status }
  return data
}

/** canEditOwnPost again on the stored post and its thread (the update access already filtered most of it). */
async function refuseUnlessEditable(kind: Kind, post: Doc, editCount: number, req: PayloadRequest) {
  const thread = kind === 'threads' ? post : await req.payload.findByID({ collection: 'threads', id: idOf(post.thread)!, depth: 0, overrideAccess: true, req }).catch(() => null)
  const verdict = canEditOwnPost(req.user as never, {
    authorId: idOf(post.author),
    status: post.status,
    threadLocked: thread?.locked === true,
    threadStatus: (thread?.status ?? 'removed') as PostState,
    editCount,
  })
  if (!verdict.ok) throw new APIError(verdict.reason, verdict.status, undefined, true)
}

async function posterFacts(req: PayloadRequest, post: Doc) {
  const [author, settings] = await Promise.all([
    req.payload.findByID({ collection: 'users', id: idOf(post.author)!, depth: 0, overrideAccess: true, req }).catch(() => null),
    loadModerationSettings(req.payload, req),
  ])
  return { authorIsModerator: isModerator(author as never), approvedPostCount: Number(author?.approvedPostCount ?? 0), postQueueThreshold: settings.postQueueThreshold }
}
