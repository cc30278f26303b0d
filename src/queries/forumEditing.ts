// Reads for editing and quoting forum posts, made as the viewer (overrideAccess: false): the post an
// author asks to edit (null when they cannot see it: the route's 404), and the reply a quote starts
// from (null when the viewer cannot read it as a published reply of this thread: nothing is revealed).
import type { Payload } from 'payload'

import { idOf } from '../db/relationId.js'
import type { PostState } from '../policies/forumVisibility.js'
import { canEditOwnPost, quoteMarkdown } from '../policies/postEditing.js'
import { presentReply } from '../presenters/forumPost.js'
import type { EditableKind, PostToEdit } from '../presenters/postEdits.js'
import { replyPageNumber } from './forum.js'

type User = Record<string, any> | null

const asViewer = (user: User) => ({ overrideAccess: false, user, depth: 0, limit: 1, pagination: false }) as const

async function readAsViewer(payload: Payload, user: User, collection: EditableKind, id: number | string) {
  const found = await payload.find({ collection, where: { id: { equals: id } }, ...asViewer(user) })
  return (found.docs[0] as Record<string, any> | undefined) ?? null
}

export async function postToEdit(payload: Payload, user: User, kind: EditableKind, id: number | string): Promise<PostToEdit | null> {
  const post = await readAsViewer(payload, user, kind, id)
  if (!post) return null
  const threadId = kind === 'threads' ? post.id : idOf(post.thread)
  // A thread its reply's author can no longer read is closed to their edits (and says nothing more).
  const thread = kind === 'threads' ? post : threadId === null ? null : await readAsViewer(payload, user, 'threads', threadId)
  const verdict = canEditOwnPost(user as never, {
    authorId: idOf(post.author),
    status: post.status as PostState,
    threadLocked: thread?.locked === true,
    threadStatus: (thread?.status ?? 'removed') as PostState,
    editCount: Array.isArray(post.editHistory) ? post.editHistory.length : 0,
  })
  const page = kind === 'replies' && threadId !== null ? await replyPageNumber(payload, user, threadId, { id: post.id, createdAt: String(post.createdAt) }) : 1
  return {
    kind,
    id: post.id,
    threadId: threadId ?? post.id,
    threadTitle: String(thread?.title ?? ''),
    title: String(post.title ?? ''),
    body: String(post.body ?? ''),
    href: kind === 'threads' ? `/threads/${post.id}` : `/threads/${threadId}${page > 1 ? `?page=${page}` : ''}#reply-${post.id}`,
    refusal: verdict.ok ? null : verdict,
  }
}

/** The markdown a "Quote" link starts the reply form with, or null: only a published reply of this thread the viewer reads. */
export async function quotedReply(payload: Payload, user: User, threadId: number | string, replyId: number | string): Promise<string | null> {
  if (!user) return null
  const found = await payload.find({ collection: 'replies', where: { and: [{ id: { equals: replyId } }, { thread: { equals: threadId } }] }, ...asViewer(user) })
  const reply = found.docs[0] as Record<string, any> | undefined
  if (!reply || reply.status !== 'published') return null
  return quoteMarkdown(presentReply(reply, user as never).byline.displayName, String(reply.body ?? ''))
}
