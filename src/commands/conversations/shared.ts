// What the two kinds of private conversation share: the message length, the link to a conversation,
// a conversation's facts for the policies, and checking a message before it is stored.
import { idOf } from '../../db/relationId.js'
import { serverURL } from '../../env.js'
import type { ConversationFacts, MemberConversationState } from '../../policies/conversations.js'
import { CommandRefusal } from '../errors.js'

export const MAX_MESSAGE_LENGTH = 5000
export type User = Record<string, any>
export type ConversationDoc = Record<string, any>

export const conversationLink = (id: number | string) => `${serverURL}/account/messages/${id}`

export const factsOf = (conversation: ConversationDoc): ConversationFacts & MemberConversationState & { closed: boolean } => ({
  kind: conversation.kind,
  memberId: idOf(conversation.member),
  otherMemberId: idOf(conversation.otherMember),
  localityId: idOf(conversation.locality),
  reported: conversation.reported === true,
  closed: conversation.status === 'closed',
  blocked: conversation.memberBlocked === true || conversation.otherBlocked === true,
  otherGone: conversation.kind === 'member' && idOf(conversation.otherMember) === null,
})

export function checkBody(body: string): string {
  const text = body.trim()
  if (text === '') throw new CommandRefusal('Write a message first.', 400)
  if (text.length > MAX_MESSAGE_LENGTH) throw new CommandRefusal(`Keep a message under ${MAX_MESSAGE_LENGTH} characters.`, 400)
  return text
}
