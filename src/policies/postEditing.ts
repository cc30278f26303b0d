// Members editing their own forum posts, and quoting replies. Plain predicates, unit-tested; the
// collections' update access (collections/shared/forumPost/access.ts) writes the same rule as a query.
//
// No edit window (as in Discourse): a member may correct a post for as long as it stands. A moderator
// stops edits by locking the thread or removing the post. Every edit is triaged like a new post
// (decideEditedPost), and the text it replaced is kept for the moderators (the post's editHistory).
import type { PostState } from './forumVisibility.js'
import { decideNewPost } from './postQueue.js'
import { canPost, isSelf, moderatesLocality, type Actor } from './roles.js'
import type { WatchedAction } from './watchedActions.js'

/** A post its author may still edit: anything but a removed one. */
export const EDITABLE_POST_STATES: readonly PostState[] = ['pending', 'published', 'hidden']

/** Previous versions kept per post; an author who reaches it asks a moderator (the history is never trimmed). */
export const MAX_POST_EDITS = 50

export type EditFacts = {
  authorId: number | string | null | undefined
  status: PostState
  /** The thread the post is in (the post itself, for a thread): locked or removed stops its author's edits. */
  threadLocked: boolean
  threadStatus: PostState
  editCount: number
}

export type EditRefusal = { ok: false; status: 403 | 409; reason: string }

/** May this member edit this post of theirs? Moderators' corrections go through the admin, as before. */
export function canEditOwnPost(viewer: Actor, post: EditFacts): { ok: true } | EditRefusal {
  if (!viewer || !isSelf(viewer, post.authorId)) return { ok: false, status: 403, reason: 'You can only edit your own posts.' }
  if (!canPost(viewer)) return { ok: false, status: 403, reason: 'Confirm your email address to edit your posts.' }
  if (!EDITABLE_POST_STATES.includes(post.status)) return { ok: false, status: 409, reason: 'A moderator removed this post, so it cannot be edited.' }
  if (post.threadStatus === 'removed') return { ok: false, status: 409, reason: 'This thread was removed, so its posts cannot be edited.' }
  if (post.threadLocked) return { ok: false, status: 409, reason: 'This thread is locked: its posts can no longer be edited.' }
  if (post.editCount >= MAX_POST_EDITS) return { ok: false, status: 409, reason: 'This post has been edited many times. Ask a moderator if it needs another change.' }
  return { ok: true }
}

export type EditedPostInput = {
  state: PostState
  triageAction: WatchedAction | null
  authorIsModerator: boolean
  approvedPostCount: number
  postQueueThreshold: number
}

export type EditedPostDecision = { refused: true; reason: string } | { refused: false; status: PostState; crisisHold: boolean; needsReview: boolean }

/**
 * An author's edit is triaged exactly as a new post: what a new post with this text would wait for,
 * a published post waits for again (back to the queue, unseen by others until approved). A pending or
 * hidden post stays as it is; a crisis match holds it whatever its state.
 */
export function decideEditedPost(input: EditedPostInput): EditedPostDecision {
  const asNew = decideNewPost({
    authorIsModerator: input.authorIsModerator,
    approvedPostCount: input.approvedPostCount,
    postQueueThreshold: input.postQueueThreshold,
    triageAction: input.triageAction,
  })
  if (asNew.refused) return asNew
  const waits = asNew.status === 'pending'
  const status: PostState = waits && input.state === 'published' ? 'pending' : input.state
  return { refused: false, status, crisisHold: asNew.crisisHold, needsReview: waits || input.triageAction === 'flag' }
}

/** Moderators of the post's locality read its earlier versions; nobody else ever does. */
export const canReadEditHistory = (viewer: Actor, localityId: number | string | null | undefined): boolean => moderatesLocality(viewer, localityId)

/**
 * The markdown a quote starts a reply with: who wrote it (their public byline, never more), then
 * each line of the quoted text as a blockquote, then a blank line for the reply.
 */
export function quoteMarkdown(displayName: string, body: string): string {
  const name = displayName.replace(/\s+/g, ' ').trim() || 'A member'
  const lines = body.replace(/\r\n?/g, '\n').trim().split('\n')
  return `> ${name} wrote:\n>\n${lines.map((line) => (line.trim() === '' ? '>' : `> ${line}`)).join('\n')}\n\n`
}
