// Private conversations: one model with a kind, and a read rule per kind. "safeguarding" is the private
// line from the people who handle a crisis to a member; a later "member" kind (members writing to each
// other) adds its own rule here instead of a second system.
import { isModerator, isSelf, moderatesLocality, type Actor } from './roles.js'
import { isSafeguardingLead } from './safeguarding.js'

export const CONVERSATION_KINDS = ['safeguarding'] as const
export type ConversationKind = (typeof CONVERSATION_KINDS)[number]

export type ConversationFacts = {
  kind: ConversationKind
  memberId: number | string | null | undefined
  localityId: number | string | null | undefined
}

/** Staff on a safeguarding line: the leads, and the moderators of the conversation's locality. */
export const handlesConversation = (viewer: Actor, conversation: ConversationFacts): boolean =>
  conversation.kind === 'safeguarding' && (isSafeguardingLead(viewer) || (isModerator(viewer) && moderatesLocality(viewer, conversation.localityId)))

/**
 * safeguarding: the member it is with, the safeguarding leads, and the moderators of its locality (for a
 * member with no locality, unscoped moderators only). Nobody else, other moderators included.
 */
export function canReadConversation(viewer: Actor, conversation: ConversationFacts): boolean {
  if (!viewer) return false
  if (isSelf(viewer, conversation.memberId)) return true
  return handlesConversation(viewer, conversation)
}

/** Whoever may read a conversation may write in it; a closed one takes no more messages from anyone. */
export const canWriteInConversation = (viewer: Actor, conversation: ConversationFacts & { closed?: boolean }): boolean => !conversation.closed && canReadConversation(viewer, conversation)

/** How a message's sender is shown: members by display name; staff by name and what they do here. */
export function senderLabel(sender: { displayName?: string | null; isModerator: boolean; isLead: boolean }, viewerIsSender: boolean): string {
  if (viewerIsSender) return 'You'
  const role = sender.isLead ? 'safeguarding lead' : sender.isModerator ? 'moderator' : null
  return role ? `${sender.displayName ?? 'Waymark'} (${role})` : (sender.displayName ?? 'A member')
}
