// Forum reads for the public pages: a locality's threads, a thread with its replies, where a new reply
// landed, what a flag points at, and a member's own posts awaiting review. Every read is made as the
// viewer (overrideAccess: false), so the collections' rules decide; the moderation settings are a
// server-side global read the same for everyone.
import type { Payload, Where } from 'payload'

import { loadModerationSettings } from '../forum/settings.js'
import type { ModerationSettings } from '../policies/moderationSettings.js'
import type { PageRequest } from '../policies/pageCursor.js'
import { canPost, moderatesLocality } from '../policies/roles.js'
import { presentReply, presentThread, THREAD_LIST_SELECT } from '../presenters/forumPost.js'
import { messageablePosts } from './conversations.js'
import { presentPostEdits, threadFacts } from '../presenters/postEdits.js'
import { localCrisisServices } from './crisisServices.js'
import { findKeysetPage, type KeysetOrder } from './keyset.js'

type User = Record<string, any> | null

export const THREADS_PER_PAGE = 20
export const REPLIES_PER_PAGE = 30

/** The moderation settings pages mention (review hours, the first-posts queue). */
export function moderationSettings(payload: Payload): Promise<ModerationSettings> {
  return loadModerationSettings(payload)
}

/** Pinned first, then latest activity; the id breaks ties. */
export const THREAD_LIST_ORDER: KeysetOrder = {
  keys: [
    { field: 'pinned', kind: 'flag', descending: true },
    { field: 'lastActivityAt', kind: 'date', descending: true },
  ],
  idDescending: true,
}

/** A thread's replies, oldest first; the id breaks ties. */
export const REPLY_ORDER: KeysetOrder = { keys: [{ field: 'createdAt', kind: 'date', descending: false }], idDescending: false }

/** The thread list of one locality as the viewer may see it, one page at a time. */
export async function visibleThreads(payload: Payload, user: User, localityId: number | string, at: PageRequest) {
  const page = await findKeysetPage<Record<string, any>>(payload, {
    collection: 'threads',
    where: { locality: { equals: localityId } },
    order: THREAD_LIST_ORDER,
    at,
    select: { ...THREAD_LIST_SELECT, author: true },
    depth: 0,
    limit: THREADS_PER_PAGE,
    user,
  })
  return { threads: page.docs.map((doc) => presentThread(doc, user as never)), before: page.before, after: page.after }
}

/** The new-thread form: whether the viewer's post will wait for review, and for how long at most. */
export async function newThreadForm(payload: Payload, user: Record<string, any>, viewerIsModerator: boolean) {
  const settings = await loadModerationSettings(payload)
  return { postQueued: Number(user.approvedPostCount ?? 0) < settings.postQueueThreshold && !viewerIsModerator, reviewHours: settings.reviewHours }
}

/** One thread and a page of its replies as the viewer may see them, or null (the route's 404). */
export async function threadPage(payload: Payload, user: User, id: number | string, at: PageRequest) {
  const found = await payload.find({ collection: 'threads', where: { id: { equals: id } }, depth: 1, limit: 1, pagination: false, overrideAccess: false, user })
  const doc = found.docs[0]
  if (!doc) return null
  const [settings, replies] = await Promise.all([
    loadModerationSettings(payload),
    findKeysetPage<Record<string, any>>(payload, { collection: 'replies', where: { thread: { equals: doc.id } }, order: REPLY_ORDER, at, depth: 0, limit: REPLIES_PER_PAGE, user }),
  ])
  const facts = threadFacts(doc)
  const thread = { ...presentThread(doc as never, user as never), edits: presentPostEdits('threads', doc, user as never, facts) }
  const presentedReplies = replies.docs.map((r) => ({ ...presentReply(r, user as never), edits: presentPostEdits('replies', r, user as never, facts) }))
  const localityId = doc.locality && typeof doc.locality === 'object' ? doc.locality.id : doc.locality
  const crisisServices = thread.crisisHold || presentedReplies.some((r) => r.crisisHold) ? await localCrisisServices(payload, localityId as never) : []
  const moderator = moderatesLocality(user as never, localityId as never)
  const replyBlocked = !user
    ? 'Sign in to reply.'
    : !canPost(user as never)
      ? 'Confirm your email address to reply.'
      : thread.status !== 'published' && !moderator
        ? 'Replies open once this thread has been approved.'
        : thread.locked && !moderator
          ? 'This thread is locked.'
          : null
  const posts = [{ collection: 'threads' as const, id: doc.id }, ...replies.docs.map((r) => ({ collection: 'replies' as const, id: r.id }))]
  return {
    thread,
    replies: presentedReplies,
    messageable: await messageablePosts(payload, user, posts),
    before: replies.before,
    after: replies.after,
    reviewHours: settings.reviewHours,
    replyBlocked,
    crisisServices,
    moderator,
  }
}

/** The page of its thread a reply is on, as the viewer sees the thread (for the `?page=` after posting). */
export async function replyPageNumber(payload: Payload, user: User, threadId: number | string, reply: { id: number | string; createdAt: string }): Promise<number> {
  // The replies up to and including this one, in the thread's order: those not after it.
  const upTo: Where = { or: [{ createdAt: { less_than: reply.createdAt } }, { and: [{ createdAt: { equals: reply.createdAt } }, { id: { less_than_equal: reply.id } }] }] }
  const before = await payload.count({ collection: 'replies', where: { and: [{ thread: { equals: threadId } }, upTo] }, overrideAccess: false, user })
  return Math.max(1, Math.ceil(before.totalDocs / REPLIES_PER_PAGE))
}

/**
 * Where to send the flagger back to, if they can see the item at all (else nothing: a 404). The route
 * has checked that the id is plausible.
 */
export async function flaggedItemPath(payload: Payload, user: Record<string, any>, collection: string, id: number | string): Promise<string | null> {
  if (!['threads', 'replies', 'stories'].includes(collection)) return null
  const found = await payload.find({ collection: collection as 'threads', where: { id: { equals: id } }, depth: 0, limit: 1, pagination: false, overrideAccess: false, user })
  const doc = found.docs[0] as Record<string, any> | undefined
  if (!doc) return null
  if (collection === 'stories') return `/stories/${doc.slug}?flagged=1`
  if (collection === 'replies') return `/threads/${typeof doc.thread === 'object' ? doc.thread.id : doc.thread}?flagged=1#reply-${doc.id}`
  return `/threads/${doc.id}?flagged=1`
}

/** A member's own threads and replies that only they and the moderators can see yet (for /account). */
export async function postsAwaitingReview(payload: Payload, user: Record<string, any>) {
  const mine: Where = { and: [{ author: { equals: user.id } }, { status: { in: ['pending', 'hidden'] } }] }
  const [settings, threads, replies] = await Promise.all([
    loadModerationSettings(payload),
    payload.find({ collection: 'threads', where: mine, select: { title: true }, sort: '-createdAt', limit: 20, pagination: false, depth: 0, overrideAccess: false, user }),
    payload.find({ collection: 'replies', where: mine, select: { thread: true }, sort: '-createdAt', limit: 20, pagination: false, depth: 1, overrideAccess: false, user }),
  ])
  const posts = [
    ...threads.docs.map((t) => ({ href: `/threads/${t.id}`, title: String(t.title) })),
    ...replies.docs.map((r) => {
      const thread = r.thread && typeof r.thread === 'object' ? r.thread : null
      return { href: thread ? `/threads/${thread.id}#reply-${r.id}` : `/account`, title: thread ? `Your reply in “${thread.title}”` : 'Your reply' }
    }),
  ]
  return { posts, reviewHours: settings.reviewHours }
}
