// Reads of private conversations made for a page, as the viewer (the collections' access decides).
import type { Payload } from 'payload'

import { isModerator } from '../policies/roles.js'
import { isSafeguardingLead } from '../policies/safeguarding.js'
import { presentConversationRow, type ConversationRow } from '../presenters/message.js'

export type { ConversationRow }

type User = Record<string, any>

/** Conversations with something new for this viewer: messages to them, or (for staff) members' replies. */
export async function unreadConversations(payload: Payload, user: User | null): Promise<number> {
  if (!user) return 0
  const staff = isModerator(user as never) || isSafeguardingLead(user as never)
  const found = await payload.count({
    collection: 'conversations',
    where: staff
      ? { or: [{ and: [{ member: { equals: user.id } }, { memberUnread: { equals: true } }] }, { staffUnread: { equals: true } }] }
      : { and: [{ member: { equals: user.id } }, { memberUnread: { equals: true } }] },
    overrideAccess: false,
    user,
  })
  return found.totalDocs
}

/** The viewer's conversations: their own line, and for staff the lines of the members they look after. */
export async function conversationList(payload: Payload, user: User): Promise<ConversationRow[]> {
  const found = await payload.find({ collection: 'conversations', sort: '-lastMessageAt', limit: 100, pagination: false, depth: 0, overrideAccess: false, user })
  return found.docs.map((doc) => presentConversationRow(doc as Record<string, any>, user.id))
}
