// What a viewer gets of a thread or reply: the text as safe HTML, the author's public byline,
// and, for the author only, the banner and the moderator's reason. Never an email or a user id.
import { idOf } from '../db/relationId.js'
import { renderPostBody, postExcerpt } from '../forum/markdown.js'
import { isStaffRole, memberTypeBadge, STAFF_ROLE_LABEL, type MemberTypeBadge, type StaffRole } from '../policies/byline.js'
import type { PostState } from '../policies/forumVisibility.js'
import { isSelf, type Actor } from '../policies/roles.js'
import { badgeLabel } from '../policies/volunteering.js'

export type PostByline = { displayName: string; memberType: MemberTypeBadge | null; staffRoleLabel: string | null; volunteerBadgeLabel: string | null }

export type PresentedPost = {
  id: number | string
  bodyHtml: string
  byline: PostByline
  createdAt: string
  status: PostState
  isOwn: boolean
  /** Not published: only the author and the moderators see it. */
  awaitingReview: boolean
  isFirstPost: boolean
  crisisHold: boolean
  reasonForAuthor: string | null
}

export type PresentedThread = PresentedPost & {
  title: string
  pinned: boolean
  locked: boolean
  replyCount: number
  lastActivityAt: string
  excerpt: string
  locality: { slug: string; name: string } | null
}

function presentPost(doc: Record<string, any>, viewer: Actor): PresentedPost {
  const isOwn = isSelf(viewer, idOf(doc.author))
  return {
    id: doc.id,
    bodyHtml: renderPostBody(String(doc.body ?? '')),
    byline: {
      displayName: String(doc.authorByline?.displayName || 'A former member'),
      // From the post's snapshot of its author, kept in step with their profile and its confirmation.
      memberType: memberTypeBadge('display-name', doc.authorByline?.memberType, doc.authorByline?.memberTypeConfirmed),
      staffRoleLabel: isStaffRole(doc.authorByline?.staffRole) ? STAFF_ROLE_LABEL[doc.authorByline.staffRole as StaffRole] : null,
      volunteerBadgeLabel: badgeLabel(doc.authorByline?.volunteerBadge),
    },
    createdAt: String(doc.createdAt ?? ''),
    status: doc.status,
    isOwn,
    awaitingReview: doc.status !== 'published',
    isFirstPost: doc.isFirstPost === true && doc.status === 'published',
    crisisHold: isOwn && doc.crisisHold === true,
    reasonForAuthor: isOwn && typeof doc.reasonForAuthor === 'string' ? doc.reasonForAuthor : null,
  }
}

export function presentThread(doc: Record<string, any>, viewer: Actor): PresentedThread {
  const locality = doc.locality && typeof doc.locality === 'object' ? { slug: String(doc.locality.slug), name: String(doc.locality.name) } : null
  return {
    ...presentPost(doc, viewer),
    title: String(doc.title ?? ''),
    pinned: doc.pinned === true,
    locked: doc.locked === true,
    replyCount: Number(doc.replyCount ?? 0),
    lastActivityAt: String(doc.lastActivityAt ?? doc.createdAt ?? ''),
    excerpt: postExcerpt(String(doc.body ?? '')),
    locality,
  }
}

export const presentReply = presentPost

/** Fields a thread list needs (never the author relation). */
export const THREAD_LIST_SELECT = {
  title: true,
  body: true,
  status: true,
  pinned: true,
  locked: true,
  replyCount: true,
  lastActivityAt: true,
  isFirstPost: true,
  authorByline: true,
  createdAt: true,
  locality: true,
} as const

/** A search result in the forum: a thread, or a reply in a thread the viewer may read. */
export type ForumHit = { href: string; title: string; excerpt: string; kind: 'thread' | 'reply' }

export function presentForumHits(threads: Record<string, any>[], replies: Record<string, any>[]): ForumHit[] {
  const hits: ForumHit[] = threads.map((t) => ({ kind: 'thread', href: `/threads/${t.id}`, title: String(t.title), excerpt: postExcerpt(String(t.body ?? '')) }))
  for (const reply of replies) {
    // The thread comes populated only if the viewer may read it; a bare id means they may not.
    const thread = reply.thread && typeof reply.thread === 'object' ? reply.thread : null
    if (!thread) continue
    hits.push({ kind: 'reply', href: `/threads/${thread.id}#reply-${reply.id}`, title: `Reply in “${thread.title}”`, excerpt: postExcerpt(String(reply.body ?? '')) })
  }
  return hits
}
