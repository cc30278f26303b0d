// A moderator's word on a member's claimed role (professional, commissioner): confirmed, it shows as
// a role on every byline; not confirmed, it keeps reading "Says: …" and leaves the "Roles to confirm"
// list. One transaction holds the member's record, who looked and when, the moderation event, and the
// bylines of their threads and replies (collections/Users/hooks/syncPostBylines.ts runs inside it).
import type { Payload } from 'payload'

import { appendModerationEvent } from '../moderation/events.js'
import { isClaimedRole } from '../policies/byline.js'
import { memberTypeLabel } from '../policies/memberTypes.js'
import { canConfirmRole, roleConfirmationFields } from '../policies/roleConfirmation.js'
import { CommandRefusal } from './errors.js'
import { inTransaction } from '../db/transaction.js'

export type ConfirmRoleProps = {
  actor: Record<string, any> | null
  memberId: string
  /** As sent: anything but true or false is refused. */
  confirmed: unknown
  now?: Date
}

export type ConfirmRoleResult = { confirmed: boolean; memberType: string }

/** Ids as the database writes them: digits (SQL) or a 24-character hex ObjectId (MongoDB). */
const memberIdOf = (value: string): number | string | null => (/^\d{1,15}$/.test(value) ? Number(value) : /^[a-f0-9]{24}$/i.test(value) ? value : null)

export async function confirmRole(payload: Payload, props: ConfirmRoleProps): Promise<ConfirmRoleResult> {
  const verdict = canConfirmRole(props.actor as never, props.memberId)
  if (!verdict.ok) throw new CommandRefusal(verdict.reason, verdict.status)
  if (typeof props.confirmed !== 'boolean') throw new CommandRefusal('Send {"confirmed": true} to confirm the role, or {"confirmed": false} to record that it is not confirmed.', 400)
  const confirmed = props.confirmed
  const memberId = memberIdOf(props.memberId)
  if (memberId === null) throw new CommandRefusal('There is no such member.', 404)
  const moderator = props.actor!

  return inTransaction(payload, moderator, async (req) => {
    const found = await payload.find({ collection: 'users', where: { id: { equals: memberId } }, limit: 1, depth: 0, overrideAccess: true, req })
    const member = found.docs[0] as Record<string, any> | undefined
    if (!member) throw new CommandRefusal('There is no such member.', 404)
    if (!isClaimedRole(member.memberType)) throw new CommandRefusal(`${member.displayName} describes themself as “${memberTypeLabel(member.memberType)}”: that is not a role to confirm.`, 409)

    await payload.update({
      collection: 'users',
      id: member.id,
      data: roleConfirmationFields(confirmed, moderator.id, props.now ?? new Date()) as never,
      depth: 0,
      overrideAccess: true,
      req,
    })
    await appendModerationEvent(payload, req, {
      actor: moderator.id,
      actorRole: 'moderator',
      targetCollection: 'users',
      targetId: member.id,
      subject: member.id,
      action: confirmed ? 'confirm-role' : 'role-not-confirmed',
      reason: `Claimed role: ${memberTypeLabel(member.memberType)}`,
      fromState: member.memberTypeConfirmed === true ? 'confirmed' : 'unconfirmed',
      toState: confirmed ? 'confirmed' : 'unconfirmed',
    })
    return { confirmed, memberType: String(member.memberType) }
  })
}
