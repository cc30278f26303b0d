// What follows when a post goes up or comes down: the author's approved-post count (the newcomer
// queue), the "first post" marker, the thread's reply count and last activity, and the reply email.
import type { Payload, PayloadRequest, Where } from 'payload'

import { serverURL } from '../../env.js'
import { notifyPostLive } from '../../forum/postNotifications.js'
import { idOf } from '../../db/relationId.js'
import { emailMember, postLink, type PostCollection, type PostDoc } from './shared.js'

/**
 * Counts a post's first publication towards its author's approved posts. Returns whether it is the
 * author's first approved post (it then carries "First post: say welcome").
 */
export async function countFirstPublication(payload: Payload, req: PayloadRequest, authorId: number | string | null): Promise<boolean> {
  if (authorId === null) return false
  const author = await payload.findByID({ collection: 'users', id: authorId, depth: 0, overrideAccess: true, req }).catch(() => null)
  if (!author) return false
  const before = Number(author.approvedPostCount ?? 0)
  await payload.update({
    collection: 'users',
    id: authorId,
    data: { approvedPostCount: before + 1 } as never,
    depth: 0,
    overrideAccess: true,
    req,
    context: { ...req.context, systemCount: true },
  })
  return before === 0
}

/** Replies shown, and when the thread last had a visible post: recounted, never incremented. */
export async function refreshThreadActivity(payload: Payload, req: PayloadRequest, threadId: number | string): Promise<void> {
  const published: Where = { and: [{ thread: { equals: threadId } }, { status: { equals: 'published' } }] }
  const [count, latest, thread] = await Promise.all([
    payload.count({ collection: 'replies', where: published, overrideAccess: true, req }),
    payload.find({ collection: 'replies', where: published, sort: '-createdAt', limit: 1, depth: 0, overrideAccess: true, req }),
    payload.findByID({ collection: 'threads', id: threadId, depth: 0, overrideAccess: true, req }),
  ])
  const lastReplyAt = latest.docs[0]?.createdAt
  await payload.update({
    collection: 'threads',
    id: threadId,
    data: { replyCount: count.totalDocs, lastActivityAt: lastReplyAt && lastReplyAt > String(thread.createdAt) ? lastReplyAt : thread.createdAt } as never,
    depth: 0,
    overrideAccess: true,
    req,
    context: { ...req.context, forumSystemWrite: true },
  })
}

/** After a reply went up (on posting, or on approval): counts, then the thread's author, followers and the members it mentions. */
export async function afterReplyPublished(payload: Payload, req: PayloadRequest, reply: PostDoc): Promise<void> {
  const threadId = idOf(reply.thread)
  if (threadId === null) return
  await refreshThreadActivity(payload, req, threadId)
  await notifyPostLive(payload, req, 'replies', reply)
}

export async function tellAuthorApproved(payload: Payload, req: PayloadRequest, collection: PostCollection, post: PostDoc): Promise<void> {
  const link = postLink(serverURL, collection, post)
  await emailMember(
    payload,
    req,
    idOf(post.author),
    'Your post is now live on Waymark',
    [
      collection === 'threads' ? `Your thread "${post.title}" has been approved and other members can now see it.` : 'Your reply has been approved and other members can now see it.',
      'Thank you for taking part.',
    ],
    { href: link, text: 'See your post' },
  )
}
