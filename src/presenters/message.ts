// What a reader of a private conversation sees of one message: who (display name, and for staff their
// role), when, and the text; and one line of the conversations list. Never an email address or a user id.
import { idOf } from '../db/relationId.js'

export type PresentedMessage = { id: number | string; from: string; fromViewer: boolean; sentAt: string; body: string }

export function presentMessage(doc: Record<string, any>, viewerId: number | string): PresentedMessage {
  const senderId = doc.sender && typeof doc.sender === 'object' ? doc.sender.id : doc.sender
  const fromViewer = String(senderId) === String(viewerId)
  return { id: doc.id, from: fromViewer ? 'You' : String(doc.senderLabel ?? 'Waymark'), fromViewer, sentAt: String(doc.createdAt), body: String(doc.body ?? '') }
}

export type ConversationRow = { id: number | string; title: string; lastMessageAt: string | null; unread: boolean; yours: boolean }

/** One line of /account/messages: the viewer's own line, or (for staff) a member's line. */
export function presentConversationRow(doc: Record<string, any>, viewerId: number | string): ConversationRow {
  const yours = String(idOf(doc.member)) === String(viewerId)
  return {
    id: doc.id,
    title: yours ? 'Private messages from the moderators' : `Private line with ${doc.memberName ?? 'a member'}`,
    lastMessageAt: doc.lastMessageAt ?? null,
    unread: yours ? doc.memberUnread === true : doc.staffUnread === true,
    yours,
  }
}
