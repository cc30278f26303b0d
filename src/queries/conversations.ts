// Reads of private conversations made for a page, as the viewer (the collections' access decides).
import type { Payload, Where } from 'payload'

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
