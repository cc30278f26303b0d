// Erasure of one member of a member-to-member conversation (src/commands/privacy/eraseMember.ts). The other
// member keeps their copy: their own messages stay, the erased member's become "[removed]" from "A former
// member" (a held message, which only its sender and the leads could read, goes), and the conversation is
// re-pointed so the survivor is its first member. When nobody is left, it goes whole.
import type { Payload, PayloadRequest } from 'payload'

import { idOf } from '../../db/relationId.js'
import { FORMER_MEMBER, REMOVED_TEXT } from './memberMessages.js'

type Id = number | string

export async function eraseMemberSide(payload: Payload, req: PayloadRequest, memberId: Id): Promise<void> {
  const mine = await payload.find({
    collection: 'conversations',
    where: { and: [{ kind: { equals: 'member' } }, { or: [{ member: { equals: memberId } }, { otherMember: { equals: memberId } }] }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  for (const conversation of mine.docs as Record<string, any>[]) {
    const inIt = { conversation: { equals: conversation.id } }
    const wasFirst = String(idOf(conversation.member)) === String(memberId)
    const survivor = wasFirst ? idOf(conversation.otherMember) : idOf(conversation.member)
    if (survivor === null) {
      await payload.delete({ collection: 'messages', where: inIt, overrideAccess: true, req })
      await payload.delete({ collection: 'conversations', id: conversation.id, overrideAccess: true, req })
      continue
    }
    const theirs = { and: [inIt, { sender: { equals: memberId } }] }
    await payload.delete({ collection: 'messages', where: { and: [...theirs.and, { crisisHold: { equals: true } }] }, overrideAccess: true, req })
    await payload.update({ collection: 'messages', where: theirs, data: { body: REMOVED_TEXT, senderLabel: FORMER_MEMBER, sender: null } as never, overrideAccess: true, req })
    await payload.update({ collection: 'messages', where: inIt, data: { member: survivor, otherMember: null } as never, overrideAccess: true, req })
    const survivorSide = wasFirst
      ? { memberName: conversation.otherMemberName, memberUnread: conversation.otherUnread === true, memberBlocked: conversation.otherBlocked === true }
      : { memberName: conversation.memberName, memberUnread: conversation.memberUnread === true, memberBlocked: conversation.memberBlocked === true }
    await payload.update({
      collection: 'conversations',
      id: conversation.id,
      data: { ...survivorSide, member: survivor, otherMember: null, otherMemberName: FORMER_MEMBER, otherUnread: false, otherBlocked: false } as never,
      overrideAccess: true,
      req,
    })
  }
}
