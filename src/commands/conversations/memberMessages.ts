// Private messages between members (the "member" kind in src/policies/conversations.ts): starting one from
// a post's byline, writing, blocking, reporting, and a lead reading one held message. One conversation per
// pair of members. Each write is one transaction with its log entry (the fact, never the text); emails
// say there is a message, never what it says or who sent it.
import type { Payload, PayloadRequest, Where } from 'payload'

import { idOf } from '../../db/relationId.js'
import { inTransaction } from '../../db/transaction.js'
import { queueEmail } from '../../email/queue.js'
import { composeEmail, link, paragraph } from '../../email/compose.js'
import { unsubscribeParts } from '../../email/unsubscribe.js'
import { loadModerationSettings } from '../../forum/settings.js'
import { raiseCrisisAlert } from '../../moderation/crisisAlerts.js'
import { appendModerationEvent } from '../../moderation/events.js'
import { triageWithWatchedWords } from '../../moderation/triage.js'
import {
  canBlock,
  canReadMessage,
  canReportConversation,
  canStartMemberConversation,
  canUseMemberMessages,
  canWriteInConversation,
  CANNOT_MESSAGE_MEMBER,
  CANNOT_WRITE_MESSAGE,
  isParticipant,
} from '../../policies/conversations.js'
import { BLOCKED_POST_MESSAGE } from '../../policies/postQueue.js'
import type { MemberConversationView } from '../../presenters/message.js'
import { CommandRefusal } from '../errors.js'
import { checkBody, conversationLink, factsOf, type ConversationDoc, type User } from './shared.js'

export type PostRef = { collection: 'threads' | 'replies'; id: string }
export const FORMER_MEMBER = 'A former member'
export const REMOVED_TEXT = '[removed]'

const isMemberSide = (conversation: ConversationDoc, user: User) => String(idOf(conversation.member)) === String(user.id)
const otherNameFor = (conversation: ConversationDoc, user: User) => String((isMemberSide(conversation, user) ? conversation.otherMemberName : conversation.memberName) ?? FORMER_MEMBER)

export const pairWhere = (a: number | string, b: number | string): Where => ({
  and: [{ kind: { equals: 'member' } }, { or: [{ and: [{ member: { equals: a } }, { otherMember: { equals: b } }] }, { and: [{ member: { equals: b } }, { otherMember: { equals: a } }] }] }],
})

async function findPair(payload: Payload, a: number | string, b: number | string, req?: PayloadRequest): Promise<ConversationDoc | null> {
  const found = await payload.find({ collection: 'conversations', where: pairWhere(a, b), limit: 1, depth: 0, overrideAccess: true, req })
  return (found.docs[0] as ConversationDoc | undefined) ?? null
}

/** The author of a post the viewer can see (read as the viewer first), or null: a former member's post, a post they may not see. */
async function authorOfPost(payload: Payload, user: User, post: PostRef, req?: PayloadRequest): Promise<User | null> {
  const seen = await payload.find({ collection: post.collection, where: { id: { equals: post.id } }, limit: 1, depth: 0, overrideAccess: false, user, req }).catch(() => null)
  if (!seen?.docs[0]) return null
  // The author relation is not shown to members; the system reads it for the post the viewer has just seen.
  const stored = await payload.findByID({ collection: post.collection, id: post.id, depth: 0, overrideAccess: true, req })
  const authorId = idOf(stored.author)
  if (authorId === null) return null
  return (await payload.findByID({ collection: 'users', id: authorId, depth: 0, overrideAccess: true, req }).catch(() => null)) as User | null
}

export type StartDecision = { kind: 'existing'; conversationId: number | string } | { kind: 'new'; recipientName: string } | { kind: 'refused'; message: string }

/** Where a "Message" link leads: the pair's conversation if there is one, a new one if allowed, else the one refusal for every reason. */
export async function decideMemberMessage(payload: Payload, user: User, post: PostRef): Promise<StartDecision> {
  const recipient = await authorOfPost(payload, user, post)
  if (!recipient || String(recipient.id) === String(user.id)) return { kind: 'refused', message: CANNOT_MESSAGE_MEMBER }
  const existing = await findPair(payload, user.id, recipient.id)
  // One the viewer cannot see yet (the other's first message is held) is written to as if new.
  const visible = existing && (isMemberSide(existing, user) || existing.lastMessageAt)
  if (existing && visible) return { kind: 'existing', conversationId: existing.id }
  const { postQueueThreshold } = await loadModerationSettings(payload)
  if (!canStartMemberConversation(user as never, recipient as never, postQueueThreshold, existing ? factsOf(existing).blocked === true : false))
    return { kind: 'refused', message: CANNOT_MESSAGE_MEMBER }
  return { kind: 'new', recipientName: String(recipient.displayName ?? 'A member') }
}

/** Whether a viewer sees "Message" links at all: a member past the post queue. */
export async function canViewerMessage(payload: Payload, user: User | null): Promise<boolean> {
  if (!user) return false
  const { postQueueThreshold } = await loadModerationSettings(payload)
  return canUseMemberMessages(user as never, postQueueThreshold)
}

export type WrittenMessage = { message: Record<string, any>; crisis: boolean; locality: number | string | null; conversationId: number | string }

/** Stores a member's message after watched-word triage: "block" words refuse it, crisis words hold it for the leads. */
export async function writeMemberMessage(payload: Payload, req: PayloadRequest, conversation: ConversationDoc, user: User, text: string): Promise<WrittenMessage> {
  if (!canWriteInConversation(user as never, factsOf(conversation))) throw new CommandRefusal(CANNOT_WRITE_MESSAGE, 409)
  const triage = await triageWithWatchedWords(req, text)
  if (triage.action === 'block') throw new CommandRefusal(BLOCKED_POST_MESSAGE, 422)
  const crisis = triage.action === 'crisis'
  const fromFirst = isMemberSide(conversation, user)
  const message = await payload.create({
    collection: 'messages',
    data: {
      conversation: conversation.id,
      kind: 'member',
      member: idOf(conversation.member),
      otherMember: idOf(conversation.otherMember),
      locality: idOf(conversation.locality),
      reported: conversation.reported === true,
      sender: user.id,
      senderLabel: String(user.displayName ?? 'A member'),
      fromMember: true,
      crisisHold: crisis,
      body: text,
    } as never,
    overrideAccess: true,
    req,
  })
  await appendModerationEvent(payload, req, {
    actor: user.id,
    actorRole: 'author',
    locality: idOf(conversation.locality),
    targetCollection: 'conversations',
    targetId: conversation.id,
    action: crisis ? 'member-message-held' : 'member-message',
  })
  // A held message reaches nobody but the leads: the other member is not told there is anything.
  if (crisis) {
    const locality = idOf(user.homeLocality)
    await raiseCrisisAlert(req, { member: user.id, targetCollection: 'messages', targetId: message.id, locality, matches: triage.matches })
    return { message, crisis, locality, conversationId: conversation.id }
  }
  await payload.update({
    collection: 'conversations',
    id: conversation.id,
    data: { lastMessageAt: new Date().toISOString(), ...(fromFirst ? { otherUnread: true, memberUnread: false } : { memberUnread: true, otherUnread: false }) } as never,
    overrideAccess: true,
    req,
  })
  await emailRecipient(payload, req, idOf(fromFirst ? conversation.otherMember : conversation.member), conversation.id)
  return { message, crisis, locality: idOf(conversation.locality), conversationId: conversation.id }
}

/** "You have a private message": no text, no sender, only if the member wants these emails. */
async function emailRecipient(payload: Payload, req: PayloadRequest, recipientId: number | string | null, conversationId: number | string) {
  if (recipientId === null || req.context?.disableEmail === true) return
  const recipient = await payload.findByID({ collection: 'users', id: recipientId, depth: 0, overrideAccess: true, req }).catch(() => null)
  if (!recipient?.email || recipient.notifications?.notifyMessages === false) return
  const unsubscribe = unsubscribeParts(recipientId, 'notifyMessages')
  const body = composeEmail([
    paragraph('A member has sent you a private message on Waymark.'),
    paragraph('We never put messages in emails: sign in to read it, and reply if you want to.'),
    paragraph(link(conversationLink(conversationId), 'Read your message')),
    unsubscribe.block,
  ])
  await queueEmail(payload, { to: String(recipient.email), subject: 'You have a private message on Waymark', body, headers: unsubscribe.headers }, req)
}

export type StartProps = { payload: Payload; user: User | null; post: PostRef; body: string }

/** The first message to a post's author: made into the pair's conversation (new, or the one they already have). */
export async function startMemberConversation({ payload, user, post, body }: StartProps): Promise<WrittenMessage> {
  const text = checkBody(body)
  if (!user) throw new CommandRefusal(CANNOT_MESSAGE_MEMBER, 403)
  return inTransaction(payload, user, async (req) => {
    const recipient = await authorOfPost(payload, user, post, req)
    if (!recipient || String(recipient.id) === String(user.id)) throw new CommandRefusal(CANNOT_MESSAGE_MEMBER, 403)
    const existing = await findPair(payload, user.id, recipient.id, req)
    if (existing) return writeMemberMessage(payload, req, existing, user, text)
    const { postQueueThreshold } = await loadModerationSettings(payload, req)
    if (!canStartMemberConversation(user as never, recipient as never, postQueueThreshold, false)) throw new CommandRefusal(CANNOT_MESSAGE_MEMBER, 403)
    const conversation = await payload.create({
      collection: 'conversations',
      data: {
        kind: 'member',
        member: user.id,
        memberName: String(user.displayName ?? 'A member'),
        otherMember: recipient.id,
        otherMemberName: String(recipient.displayName ?? 'A member'),
        // No lastMessageAt until a message is delivered: a first message held for crisis words leaves nothing for the other member to see.
        status: 'open',
      } as never,
      overrideAccess: true,
      req,
    })
    return writeMemberMessage(payload, req, conversation, user, text)
  })
}

async function loadForParticipant(payload: Payload, req: PayloadRequest, user: User | null, conversationId: string): Promise<ConversationDoc> {
  const conversation = await payload.findByID({ collection: 'conversations', id: conversationId, depth: 0, overrideAccess: true, req }).catch(() => null)
  if (!conversation || !user || !isParticipant(user as never, factsOf(conversation))) throw new CommandRefusal('There is no conversation at that address.', 404)
  return conversation
}

export type BlockProps = { payload: Payload; user: User | null; conversationId: string; block: boolean }

/** Blocks (or unblocks) the other member: only the blocker's own side changes, and the other is not told. */
export async function setMemberBlock({ payload, user, conversationId, block }: BlockProps): Promise<void> {
  await inTransaction(payload, user, async (req) => {
    const conversation = await loadForParticipant(payload, req, user, conversationId)
    if (!canBlock(user as never, factsOf(conversation))) throw new CommandRefusal('There is no conversation at that address.', 404)
    const field = isMemberSide(conversation, user!) ? 'memberBlocked' : 'otherBlocked'
    await payload.update({ collection: 'conversations', id: conversation.id, data: { [field]: block } as never, overrideAccess: true, req })
    await appendModerationEvent(payload, req, {
      actor: user!.id,
      actorRole: 'author',
      locality: idOf(conversation.locality),
      targetCollection: 'conversations',
      targetId: conversation.id,
      action: block ? 'member-blocked' : 'member-unblocked',
    })
  })
}

export type ReportProps = { payload: Payload; user: User | null; conversationId: string; reason: string }

/** A member's report opens the conversation to the moderators of the reporter's area (unscoped moderators if none). */
export async function reportMemberConversation({ payload, user, conversationId, reason }: ReportProps): Promise<void> {
  await inTransaction(payload, user, async (req) => {
    const conversation = await loadForParticipant(payload, req, user, conversationId)
    // A second report (from either side) changes nothing and says nothing about the first.
    if (!canReportConversation(user as never, factsOf(conversation))) return
    const locality = idOf(user!.homeLocality)
    const now = new Date().toISOString()
    await payload.update({
      collection: 'conversations',
      id: conversation.id,
      data: { reported: true, reportedAt: now, reportReason: reason.slice(0, 200), locality, staffUnread: true } as never,
      overrideAccess: true,
      req,
    })
    await payload.update({ collection: 'messages', where: { conversation: { equals: conversation.id } }, data: { reported: true, locality } as never, overrideAccess: true, req })
    await appendModerationEvent(payload, req, { actor: user!.id, actorRole: 'author', locality, targetCollection: 'conversations', targetId: conversation.id, action: 'member-conversation-reported' })
  })
}

/** What the conversation page shows a member about their side: never whether the other side blocked them. */
export function memberConversationView(stored: ConversationDoc, user: User): MemberConversationView {
  const facts = factsOf(stored)
  const participant = isParticipant(user as never, facts)
  const viewerBlocked = participant && (isMemberSide(stored, user) ? stored.memberBlocked === true : stored.otherBlocked === true)
  return { otherName: participant ? otherNameFor(stored, user) : '', viewerBlocked, canWrite: canWriteInConversation(user as never, facts), participant }
}

/** The stored conversation, for a viewer who has just been allowed to read it (the block state is not readable to them). */
export async function readMemberConversationState(payload: Payload, conversationId: number | string, user: User): Promise<MemberConversationView> {
  const stored = await payload.findByID({ collection: 'conversations', id: conversationId, depth: 0, overrideAccess: true })
  return memberConversationView(stored as ConversationDoc, user)
}

/** One message held for crisis words, for a safeguarding lead (or its sender): that message only. */
export async function readHeldMessage(payload: Payload, user: User | null, messageId: string) {
  if (!user) return null
  const message = await payload.findByID({ collection: 'messages', id: messageId, depth: 0, overrideAccess: false, user }).catch(() => null)
  if (!message || message.kind !== 'member' || message.crisisHold !== true) return null
  const facts = {
    kind: 'member' as const,
    memberId: idOf(message.member),
    otherMemberId: idOf(message.otherMember),
    localityId: idOf(message.locality),
    senderId: idOf(message.sender),
    crisisHold: true,
  }
  return canReadMessage(user as never, facts) ? (message as Record<string, any>) : null
}
