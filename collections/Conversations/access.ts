// canReadConversation and canReadMessage (src/policies/conversations.ts) as database queries, for
// conversations and their messages (which carry the conversation's kind, members, locality and report
// state, so no join is needed).
import type { Access, FieldAccess, Where } from 'payload'

import { idOf } from '../../src/db/relationId.js'
import { isModerator, isSelf, type Actor } from '../../src/policies/roles.js'
import { isSafeguardingLead } from '../../src/policies/safeguarding.js'
import { moderatedWhere } from '../shared/access.js'

const safeguarding: Where = { kind: { equals: 'safeguarding' } }
const memberKind: Where = { kind: { equals: 'member' } }

/** Staff on safeguarding lines: the leads everywhere, moderators in the localities they moderate. */
function safeguardingStaff(user: Actor): Where[] {
  if (isSafeguardingLead(user)) return [safeguarding]
  if (!isModerator(user)) return []
  const moderated = moderatedWhere(user)
  return moderated === true ? [safeguarding] : moderated ? [{ and: [safeguarding, moderated] }] : []
}

/** Moderators read a member-to-member conversation only once a member of it has reported it. */
function reportedToModerators(user: Actor, extra: Where[] = []): Where[] {
  if (!isModerator(user)) return []
  const moderated = moderatedWhere(user)
  if (!moderated) return []
  return [{ and: [memberKind, { reported: { equals: true } }, ...extra, ...(moderated === true ? [] : [moderated])] }]
}

const participant = (user: NonNullable<Actor>): Where => ({ or: [{ member: { equals: user.id } }, { otherMember: { equals: user.id } }] })
/** The member written to sees a conversation once a message reached them (a first message held for crisis words did not). */
const participantOfDelivered = (user: NonNullable<Actor>): Where => ({ or: [{ member: { equals: user.id } }, { and: [{ otherMember: { equals: user.id } }, { lastMessageAt: { exists: true } }] }] })

export const conversationRead: Access = ({ req: { user } }): Where | boolean => {
  if (!user) return false
  return { or: [{ and: [safeguarding, { member: { equals: user.id } }] }, { and: [memberKind, participantOfDelivered(user)] }, ...safeguardingStaff(user), ...reportedToModerators(user)] }
}

/** As the conversation, except a message held for crisis words: its sender and the safeguarding leads only. */
export const messageRead: Access = ({ req: { user } }): Where | boolean => {
  if (!user) return false
  const notHeld: Where = { crisisHold: { not_equals: true } }
  return {
    or: [
      { and: [safeguarding, { member: { equals: user.id } }] },
      ...safeguardingStaff(user),
      { and: [memberKind, participant(user), { or: [notHeld, { sender: { equals: user.id } }] }] },
      ...(isSafeguardingLead(user) ? [{ and: [memberKind, { crisisHold: { equals: true } }] }] : []),
      ...reportedToModerators(user, [notHeld]),
    ],
  }
}

/** A block is seen only by the member who made it: the blocked side learns no more than "closed". */
export const blockedByMemberRead: FieldAccess = ({ req: { user }, doc }) => Boolean(doc && isSelf(user, idOf(doc.member)))
export const blockedByOtherRead: FieldAccess = ({ req: { user }, doc }) => Boolean(doc && isSelf(user, idOf(doc.otherMember)))
/** Whether (and by whom) a conversation was reported: the moderators, not the other member. */
export const moderatorsRead: FieldAccess = ({ req: { user } }) => isModerator(user)
