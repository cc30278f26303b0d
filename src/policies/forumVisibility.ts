// Who may read which forum post: one rule for pages, REST, search, feeds and email, as plain predicates.
import { isModerator, isSelf, moderatesLocality, type Actor } from './roles.js'
import { isSafeguardingLead } from './safeguarding.js'

export const POST_STATES = ['pending', 'published', 'hidden', 'removed'] as const
export type PostState = (typeof POST_STATES)[number]
/** A thread or reply as stored, for code that only needs its id and state. */
export type PostDoc = Record<string, any> & { id: number | string; status: PostState }
export type ForumVisibility = 'members' | 'public'

/** Visitors read only public forums; any signed-in member reads members' forums. */
export const canReadForum = (viewer: Actor, forumVisibility: ForumVisibility | null | undefined): boolean => forumVisibility === 'public' || Boolean(viewer)

export type PostFacts = {
  status: PostState
  authorId: number | string | null | undefined
  localityId: number | string | null | undefined
  forumVisibility: ForumVisibility | null | undefined
  /** For a reply: the status of its thread. A reply is never seen where its thread is not. */
  threadStatus?: PostState
  /** Held for crisis words: safeguarding leads read it wherever it is. */
  crisisHold?: boolean | null
}

/**
 * visitor: published, in a public forum (and, for a reply, its thread published)
 * member: the same in any forum
 * author: always their own (with a banner while it is not published)
 * moderator of the locality: everything
 */
export function canSeePost(viewer: Actor, post: PostFacts): boolean {
  if (moderatesLocality(viewer, post.localityId)) return true
  if (isSelf(viewer, post.authorId)) return true
  if (isSafeguardingLead(viewer) && post.crisisHold === true) return true
  if (post.status !== 'published') return false
  if (post.threadStatus !== undefined && post.threadStatus !== 'published') return false
  return canReadForum(viewer, post.forumVisibility)
}

/** Moderation happens inside a moderator's localities; unscoped moderators and admins work everywhere. */
export const canModeratePost = (viewer: Actor, localityId: number | string | null | undefined): boolean => isModerator(viewer) && moderatesLocality(viewer, localityId)
