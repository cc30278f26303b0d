// Private conversations: one model with a kind, and a read rule per kind.
// - "safeguarding": the private line from the people who handle a crisis to a member.
// - "member": two members writing to each other. Only the two read it; moderators only once one of them
//   has reported it; a message held for crisis words is read by its sender and the safeguarding leads only.
import { isModerator, isSelf, moderatesLocality, type Actor } from './roles.js'
import { isNewcomer } from './postQueue.js'
import { isSafeguardingLead } from './safeguarding.js'

export const CONVERSATION_KINDS = ['safeguarding', 'member'] as const
export type ConversationKind = (typeof CONVERSATION_KINDS)[number]

type Id = number | string | null | undefined

export type ConversationFacts = {
  kind: ConversationKind
  memberId: Id
  localityId: Id
  /** member kind: the second member (the first is memberId, who started it). */
  otherMemberId?: Id
  /** member kind: one of the two has reported it to the moderators. */
  reported?: boolean
}

/** Staff on a safeguarding line: the leads, and the moderators of the conversation's locality. */
export const handlesConversation = (viewer: Actor, conversation: ConversationFacts): boolean =>
  conversation.kind === 'safeguarding' && (isSafeguardingLead(viewer) || (isModerator(viewer) && moderatesLocality(viewer, conversation.localityId)))

/** One of the two members of a member-to-member conversation. */
export const isParticipant = (viewer: Actor, conversation: ConversationFacts): boolean =>
  conversation.kind === 'member' && (isSelf(viewer, conversation.memberId) || isSelf(viewer, conversation.otherMemberId))

/** A moderator reads a member-to-member conversation only after a member of it reported it (and it is in their area). */
export const readsAsModerator = (viewer: Actor, conversation: ConversationFacts): boolean =>
  conversation.kind === 'member' && conversation.reported === true && isModerator(viewer) && moderatesLocality(viewer, conversation.localityId) && !isParticipant(viewer, conversation)

/**
 * safeguarding: the member it is with, the safeguarding leads, and the moderators of its locality (for a
 * member with no locality, unscoped moderators only). member: its two members, and moderators once it is
 * reported. Nobody else, other moderators and leads included.
 */
export function canReadConversation(viewer: Actor, conversation: ConversationFacts): boolean {
  if (!viewer) return false
  if (conversation.kind === 'member') return isParticipant(viewer, conversation) || readsAsModerator(viewer, conversation)
  if (isSelf(viewer, conversation.memberId)) return true
  return handlesConversation(viewer, conversation)
}

export type MemberConversationState = {
  closed?: boolean
  /** Either side has blocked the other. */
  blocked?: boolean
  /** One side has left Waymark (erased). */
  otherGone?: boolean
}

/**
 * Whoever may read a safeguarding line may write in it; a closed one takes no more messages from anyone.
 * A member conversation is written in by its two members only, and by neither while a block stands or
 * after one of them has left. Moderators who read a reported one do not write in it.
 */
export function canWriteInConversation(viewer: Actor, conversation: ConversationFacts & MemberConversationState): boolean {
  if (conversation.closed) return false
  if (conversation.kind === 'member') return isParticipant(viewer, conversation) && !conversation.blocked && !conversation.otherGone
  return canReadConversation(viewer, conversation)
}

export type MessageFacts = ConversationFacts & { senderId: Id; crisisHold?: boolean }

/**
 * One message: as its conversation, except that a message held for crisis words is read by its sender and
 * the safeguarding leads (that message only, not the conversation), never by the other member or moderators.
 */
export function canReadMessage(viewer: Actor, message: MessageFacts): boolean {
  if (!viewer) return false
  if (message.kind === 'member' && message.crisisHold) return isSelf(viewer, message.senderId) || isSafeguardingLead(viewer)
  return canReadConversation(viewer, message)
}

export type MessagingMember = { id: number | string; approvedPostCount?: number | null; _verified?: boolean | null }

/** A member may take part in member-to-member messages once past the post queue (the newcomer threshold). */
export const canUseMemberMessages = (member: MessagingMember | null | undefined, postQueueThreshold: number): boolean =>
  Boolean(member && member._verified !== false && !isNewcomer(member.approvedPostCount, postQueueThreshold))

/** Starting (or reopening) a conversation: both past the threshold, not oneself, and no block either way. */
export function canStartMemberConversation(sender: MessagingMember | null | undefined, recipient: MessagingMember | null | undefined, postQueueThreshold: number, blockedEitherWay: boolean): boolean {
  if (!sender || !recipient || String(sender.id) === String(recipient.id)) return false
  return !blockedEitherWay && canUseMemberMessages(sender, postQueueThreshold) && canUseMemberMessages(recipient, postQueueThreshold)
}

/** Only a member of the conversation can report it, once (a report lets the moderators read it). */
export const canReportConversation = (viewer: Actor, conversation: ConversationFacts): boolean => isParticipant(viewer, conversation) && conversation.reported !== true

/** Either member can block the other, and only the one who blocked can lift it. */
export const canBlock = (viewer: Actor, conversation: ConversationFacts): boolean => isParticipant(viewer, conversation)

/** How a message's sender is shown: members by display name; staff by name and what they do here. */
export function senderLabel(sender: { displayName?: string | null; isModerator: boolean; isLead: boolean }, viewerIsSender: boolean): string {
  if (viewerIsSender) return 'You'
  const role = sender.isLead ? 'safeguarding lead' : sender.isModerator ? 'moderator' : null
  return role ? `${sender.displayName ?? 'Waymark'} (${role})` : (sender.displayName ?? 'A member')
}

/** What a member is told when they cannot write: the same words for a block, a departure and a closed line, so a block does not show. */
export const CANNOT_WRITE_MESSAGE = 'This conversation is closed.'
/** The same refusal for a newcomer recipient, a blocked pair and a member who has left. */
export const CANNOT_MESSAGE_MEMBER = 'You cannot send this member a private message.'
