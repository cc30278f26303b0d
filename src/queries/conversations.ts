// Reads of private conversations made for a page, as the viewer (the collections' access decides).
import type { Payload, Where } from 'payload'

import { idOf } from '../db/relationId.js'
import { loadModerationSettings } from '../forum/settings.js'
import { canUseMemberMessages } from '../policies/conversations.js'
import { isModerator } from '../policies/roles.js'
import { isSafeguardingLead } from '../policies/safeguarding.js'
import { presentConversationRow, type ConversationRow } from '../presenters/message.js'

export type { ConversationRow }

type User = Record<string, any>

/**
 * What is new for this viewer, side by side: messages to them on their own line or from another member
 * (each member of a member conversation has their own flag), and for staff members' replies on the lines
 * they handle and reported member conversations nobody has opened yet (the access rule narrows staffUnread).
 */
function unreadWhere(user: User): Where {
  const own: Where[] = [
    { and: [{ member: { equals: user.id } }, { memberUnread: { equals: true } }] },
    { and: [{ kind: { equals: 'member' } }, { otherMember: { equals: user.id } }, { otherUnread: { equals: true } }] },
  ]
  const staff = isModerator(user as never) || isSafeguardingLead(user as never)
  return { or: staff ? [...own, { staffUnread: { equals: true } }] : own }
}

/** How many conversations have something new for this viewer (the header's count). */
export async function unreadConversations(payload: Payload, user: User | null): Promise<number> {
  if (!user) return 0
  const found = await payload.count({ collection: 'conversations', where: unreadWhere(user), overrideAccess: false, user })
  return found.totalDocs
}

/**
 * The conversations with something new for this viewer, newest first, as list rows (title, link id,
 * last message time): for a notifications page's "messages". Read as the viewer; never the text.
 */
export async function unreadConversationsForViewer(payload: Payload, user: User | null, limit = 50): Promise<ConversationRow[]> {
  if (!user) return []
  const found = await payload.find({ collection: 'conversations', where: unreadWhere(user), sort: '-lastMessageAt', limit, depth: 0, overrideAccess: false, user })
  return found.docs.map((doc) => presentConversationRow(doc as Record<string, any>, user.id))
}

/** The viewer's conversations: their own line and member conversations, and for staff the lines they handle. */
export async function conversationList(payload: Payload, user: User): Promise<ConversationRow[]> {
  const found = await payload.find({ collection: 'conversations', sort: '-lastMessageAt', limit: 100, pagination: false, depth: 0, overrideAccess: false, user })
  return found.docs.map((doc) => presentConversationRow(doc as Record<string, any>, user.id))
}

export type PostKey = `${'threads' | 'replies'}:${string}`

/**
 * The posts (of those the viewer has just been shown) whose byline gets a "Message" link: the viewer and
 * the author are both past the post queue, and it is not the viewer's own. A block does not hide the
 * link (that would tell the blocked member); its conversation then reads "closed".
 */
export async function messageablePosts(payload: Payload, user: User | null, posts: { collection: 'threads' | 'replies'; id: number | string }[]): Promise<PostKey[]> {
  if (!user || posts.length === 0) return []
  const { postQueueThreshold } = await loadModerationSettings(payload)
  if (!canUseMemberMessages(user as never, postQueueThreshold)) return []
  // The authors are not shown to members: the system reads them for posts the viewer was just allowed to see.
  const authorOf = new Map<string, string>()
  for (const collection of ['threads', 'replies'] as const) {
    const ids = posts.filter((p) => p.collection === collection).map((p) => p.id)
    if (ids.length === 0) continue
    const found = await payload.find({ collection, where: { id: { in: ids } }, select: { author: true }, pagination: false, depth: 0, overrideAccess: true })
    for (const doc of found.docs) if (idOf(doc.author) !== null) authorOf.set(`${collection}:${doc.id}`, String(idOf(doc.author)))
  }
  const authorIds = [...new Set(authorOf.values())].filter((id) => id !== String(user.id))
  if (authorIds.length === 0) return []
  const authors = await payload.find({ collection: 'users', where: { id: { in: authorIds } }, select: { approvedPostCount: true }, pagination: false, depth: 0, overrideAccess: true })
  const eligible = new Set(authors.docs.filter((a) => canUseMemberMessages(a as never, postQueueThreshold)).map((a) => String(a.id)))
  return [...authorOf.entries()].filter(([, author]) => eligible.has(author)).map(([key]) => key as PostKey)
}
