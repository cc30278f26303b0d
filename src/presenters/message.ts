// What a reader of a private conversation sees of one message: who (display name, and for staff their
// role), when, and the text; and one line of the conversations list. Never an email address or a user id.
import { idOf } from '../db/relationId.js'

export type PresentedMessage = { id: number | string; from: string; fromViewer: boolean; sentAt: string; body: string; held: boolean }

export function presentMessage(doc: Record<string, any>, viewerId: number | string): PresentedMessage {
  const senderId = doc.sender && typeof doc.sender === 'object' ? doc.sender.id : doc.sender
  const fromViewer = String(senderId) === String(viewerId)
  return { id: doc.id, from: fromViewer ? 'You' : String(doc.senderLabel ?? 'Waymark'), fromViewer, sentAt: String(doc.createdAt), body: String(doc.body ?? ''), held: doc.crisisHold === true }
}

export type ConversationRow = { id: number | string; title: string; lastMessageAt: string | null; unread: boolean; yours: boolean; href: string }

/** The other member's name, seen from one side of a member-to-member conversation. */
const otherName = (doc: Record<string, any>, firstSide: boolean) => String((firstSide ? doc.otherMemberName : doc.memberName) ?? 'a former member')

/** A conversation's title for this viewer: their own line, a member conversation, or (for staff) a line or a report. */
export function conversationTitle(doc: Record<string, any>, viewerId: number | string): string {
  const firstSide = String(idOf(doc.member)) === String(viewerId)
  const secondSide = doc.kind === 'member' && String(idOf(doc.otherMember)) === String(viewerId)
  if (doc.kind === 'member') {
    if (firstSide || secondSide) return `Conversation with ${otherName(doc, firstSide)}`
    return `Reported conversation between ${doc.memberName ?? 'a former member'} and ${doc.otherMemberName ?? 'a former member'}`
  }
  return firstSide ? 'Private messages from the moderators' : `Private line with ${doc.memberName ?? 'a member'}`
}

/** One line of /account/messages. */
export function presentConversationRow(doc: Record<string, any>, viewerId: number | string): ConversationRow {
  const firstSide = String(idOf(doc.member)) === String(viewerId)
  const secondSide = doc.kind === 'member' && String(idOf(doc.otherMember)) === String(viewerId)
  return {
    id: doc.id,
    title: conversationTitle(doc, viewerId),
    lastMessageAt: doc.lastMessageAt ?? null,
    unread: firstSide ? doc.memberUnread === true : secondSide ? doc.otherUnread === true : doc.staffUnread === true,
    yours: firstSide || secondSide,
    href: `/account/messages/${doc.id}`,
  }
}

/** A member conversation seen from one side (or by a moderator reading a report): never whether the other side blocked the viewer. */
export type MemberConversationView = { otherName: string; viewerBlocked: boolean; canWrite: boolean; participant: boolean }
