// The private line from the people who handle a crisis to a member (src/policies/conversations.ts).
// Starting it, writing in it and reading it; each in one transaction with the log entry (the fact, never
// the text) and the email that says there is a message (never what it says).
import type { Payload, PayloadRequest } from 'payload'

import { idOf } from '../../db/relationId.js'
import { emailSafeguardingLeads } from '../../moderation/alertSafeguardingLeads.js'
import { raiseCrisisAlert } from '../../moderation/crisisAlerts.js'
import { appendModerationEvent } from '../../moderation/events.js'
import { triageWithWatchedWords } from '../../moderation/triage.js'
import { canReadConversation, canWriteInConversation, handlesConversation, senderLabel } from '../../policies/conversations.js'
import { isModerator } from '../../policies/roles.js'
import { canHandleCrisis, isSafeguardingLead } from '../../policies/safeguarding.js'
import { CommandRefusal } from '../errors.js'
import { emailMember } from '../forum/shared.js'
import { inTransaction } from '../../db/transaction.js'
import { checkBody, conversationLink, factsOf, type ConversationDoc, type User } from './shared.js'
import { readMemberConversationState, writeMemberMessage } from './memberMessages.js'

export { conversationLink, MAX_MESSAGE_LENGTH } from './shared.js'

async function addMessage(payload: Payload, req: PayloadRequest, conversation: ConversationDoc, sender: User, body: string, fromMember: boolean) {
  const now = new Date().toISOString()
  const label = senderLabel({ displayName: sender.displayName, isModerator: isModerator(sender as never), isLead: isSafeguardingLead(sender as never) }, false)
  const message = await payload.create({
    collection: 'messages',
    data: {
      conversation: conversation.id,
      kind: conversation.kind,
      member: idOf(conversation.member),
      locality: idOf(conversation.locality),
      sender: sender.id,
      senderLabel: fromMember ? String(sender.displayName) : label,
      fromMember,
      body,
    } as never,
    overrideAccess: true,
    req,
  })
  await payload.update({
    collection: 'conversations',
    id: conversation.id,
    data: { lastMessageAt: now, ...(fromMember ? { staffUnread: true, memberUnread: false } : { memberUnread: true, staffUnread: false }) } as never,
    overrideAccess: true,
    req,
  })
  await appendModerationEvent(payload, req, {
    actor: sender.id,
    actorRole: fromMember ? 'author' : 'moderator',
    locality: idOf(conversation.locality),
    targetCollection: 'conversations',
    targetId: conversation.id,
    action: fromMember ? 'private-message-from-member' : 'private-message-to-member',
  })
  return message
}

export type StartPrivateLineProps = { payload: Payload; user: User | null; alertId: string; body: string }

/** From a crisis alert: the member's safeguarding line (made on first use), with a first message. */
export async function startPrivateLine({ payload, user, alertId, body }: StartPrivateLineProps) {
  const text = checkBody(body)
  return inTransaction(payload, user, async (req) => {
    const alert = await payload.findByID({ collection: 'crisis-alerts', id: alertId, depth: 0, overrideAccess: true, req }).catch(() => null)
    if (!alert || !user || !canHandleCrisis(user as never, idOf(alert.locality))) throw new CommandRefusal('There is no crisis alert at that address for you.', 404)
    const memberId = idOf(alert.member)
    if (memberId === null) throw new CommandRefusal('This member has left Waymark.', 409)
    const member = await payload.findByID({ collection: 'users', id: memberId, depth: 0, overrideAccess: true, req })
    // One open line per member and locality: the moderators of the alert's locality (and the leads) hold it.
    const locality = idOf(alert.locality)
    const existing = await payload.find({
      collection: 'conversations',
      where: {
        and: [
          { kind: { equals: 'safeguarding' } },
          { member: { equals: memberId } },
          { status: { equals: 'open' } },
          locality === null ? { locality: { exists: false } } : { locality: { equals: locality } },
        ],
      },
      limit: 1,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const conversation =
      existing.docs[0] ??
      (await payload.create({
        collection: 'conversations',
        data: { kind: 'safeguarding', member: memberId, memberName: String(member.displayName), locality: idOf(alert.locality), alert: alert.id, startedBy: user.id, status: 'open' } as never,
        overrideAccess: true,
        req,
      }))
    if (!handlesConversation(user as never, factsOf(conversation))) throw new CommandRefusal('This member’s private line belongs to another locality’s moderators.', 403)
    await addMessage(payload, req, conversation, user, text, false)
    await emailMember(
      payload,
      req,
      memberId,
      'You have a private message on Waymark',
      [
        'One of the Waymark moderators or safeguarding leads has sent you a private message. Only you and the people who look after members’ safety can read it.',
        'We do not put messages in emails. Sign in to read it and reply if you want to.',
      ],
      { href: conversationLink(conversation.id), text: 'Read your message' },
    )
    return conversation
  })
}

export type WriteProps = { payload: Payload; user: User | null; conversationId: string; body: string }

/** A reply, from the member or from staff. A member's words are triaged like every other door. */
export async function writeInConversation({ payload, user, conversationId, body }: WriteProps) {
  const text = checkBody(body)
  return inTransaction(payload, user, async (req) => {
    const conversation = await payload.findByID({ collection: 'conversations', id: conversationId, depth: 0, overrideAccess: true, req }).catch(() => null)
    if (!conversation || !user || !canReadConversation(user as never, factsOf(conversation))) throw new CommandRefusal('There is no conversation at that address.', 404)
    if (conversation.kind === 'member') return writeMemberMessage(payload, req, conversation, user, text)
    if (!canWriteInConversation(user as never, factsOf(conversation))) throw new CommandRefusal('This conversation is closed.', 409)
    const fromMember = String(idOf(conversation.member)) === String(user.id)
    const message = await addMessage(payload, req, conversation, user, text, fromMember)
    if (!fromMember) {
      await emailMember(
        payload,
        req,
        idOf(conversation.member),
        'You have a private message on Waymark',
        ['There is a new private message for you on Waymark. We do not put messages in emails: sign in to read it.'],
        { href: conversationLink(conversation.id), text: 'Read your message' },
      )
      return { message, crisis: false, locality: idOf(conversation.locality) }
    }
    const triage = await triageWithWatchedWords(req, text)
    const crisis = triage.action === 'crisis'
    if (crisis) {
      await raiseCrisisAlert(req, { member: user.id, targetCollection: 'messages', targetId: message.id, locality: idOf(conversation.locality), matches: triage.matches })
    } else {
      await emailSafeguardingLeads(
        req,
        'A member replied on a private line',
        ['A member replied to a private message from the moderators. This email does not quote them.'],
        [{ label: 'Read the conversation', href: conversationLink(conversation.id) }],
      )
    }
    return { message, crisis, locality: idOf(conversation.locality) }
  })
}

/** Which unread flag a reader clears: their own side's (a moderator reading a report clears the report's). */
function unreadSideOf(conversation: ConversationDoc, user: User): 'memberUnread' | 'otherUnread' | 'staffUnread' {
  if (String(idOf(conversation.member)) === String(user.id)) return 'memberUnread'
  if (conversation.kind === 'member' && String(idOf(conversation.otherMember)) === String(user.id)) return 'otherUnread'
  return 'staffUnread'
}

/** Reading marks the conversation read for that side. Returns null when the viewer may not read it. */
export async function readConversation(payload: Payload, user: User | null, conversationId: string) {
  const found = await payload.find({ collection: 'conversations', where: { id: { equals: conversationId } }, limit: 1, depth: 0, overrideAccess: false, user })
  const conversation = found.docs[0] as ConversationDoc | undefined
  if (!conversation || !user) return null
  const messages = await payload.find({ collection: 'messages', where: { conversation: { equals: conversation.id } }, sort: 'createdAt', pagination: false, depth: 0, overrideAccess: false, user })
  const fromMember = String(idOf(conversation.member)) === String(user.id)
  // Marking read is the system's own bookkeeping for a conversation the viewer has just been allowed to read.
  await payload.update({ collection: 'conversations', id: conversation.id, data: { [unreadSideOf(conversation, user)]: false } as never, overrideAccess: true })
  const memberView = conversation.kind === 'member' ? await readMemberConversationState(payload, conversation.id, user) : null
  return { conversation, messages: messages.docs as Record<string, any>[], viewerIsMember: fromMember, memberView }
}
