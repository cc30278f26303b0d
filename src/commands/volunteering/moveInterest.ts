// A coordinator moves a member's interest along (interested → contacted → in training → active →
// stepped back), with an optional note for the other coordinators. The interest's own dated history is
// the record: the moderation log, which every moderator reads, never learns who volunteers.
import type { Payload } from 'payload'

import { inTransaction } from '../../db/transaction.js'
import { canMoveInterest, canMoveState, COORDINATOR_NOTE_MAX, isInterestState, mayShowBadge, stateLabel } from '../../policies/volunteering.js'
import { CommandRefusal } from '../errors.js'

export type MoveInterestProps = {
  actor: Record<string, any> | null
  interestId: string
  /** As sent: anything but a state is refused. */
  to: unknown
  coordinatorNote?: string
  now?: Date
}

const idFrom = (value: string): number | string | null => (/^\d{1,15}$/.test(value) ? Number(value) : /^[a-f0-9]{24}$/i.test(value) ? value : null)

export async function moveInterest(payload: Payload, props: MoveInterestProps): Promise<{ id: number | string; state: string }> {
  if (!props.actor) throw new CommandRefusal('Sign in as a volunteer coordinator.', 401)
  if (!isInterestState(props.to)) throw new CommandRefusal('Choose a state: interested, contacted, in-training, active or stepped-back.', 400)
  if (props.coordinatorNote !== undefined && props.coordinatorNote.length > COORDINATOR_NOTE_MAX) throw new CommandRefusal(`Keep the note to ${COORDINATOR_NOTE_MAX} characters.`, 400)
  const id = idFrom(props.interestId)
  if (id === null) throw new CommandRefusal('There is no such interest.', 404)
  const to = props.to
  return inTransaction(payload, props.actor, async (req) => {
    const found = await payload.find({ collection: 'volunteer-interests', where: { id: { equals: id } }, depth: 0, limit: 1, overrideAccess: true, req })
    const interest = found.docs[0] as Record<string, any> | undefined
    // Someone who may not move it is told it is not there: the refusal must not say whose it is.
    if (!interest || !canMoveInterest(props.actor as never, interest)) throw new CommandRefusal('There is no such interest.', 404)
    if (!canMoveState(interest.state, to)) throw new CommandRefusal(`An interest that is “${stateLabel(interest.state)}” cannot move to “${stateLabel(to)}”.`, 409)
    const at = (props.now ?? new Date()).toISOString()
    const history = [...((interest.history ?? []) as { state: string; at: string }[]).map(({ state, at }) => ({ state, at })), { state: to, at }]
    const note = props.coordinatorNote?.trim()
    await payload.update({
      collection: 'volunteer-interests',
      id: interest.id,
      data: {
        state: to,
        history,
        ...(to === 'active' && !interest.startedActiveAt ? { startedActiveAt: at } : {}),
        ...(note ? { coordinatorNote: note } : {}),
      } as never,
      depth: 0,
      overrideAccess: true,
      req,
    })
    // A badge shows only while it is earned: stepping back from the last active role of its kind takes it off.
    if (interest.state === 'active') {
      const member = (await payload.find({ collection: 'users', where: { id: { equals: interest.member } }, depth: 0, limit: 1, overrideAccess: true, req })).docs[0] as Record<string, any> | undefined
      if (member && member.volunteerBadge && member.volunteerBadge !== 'none') {
        const active = await payload.find({
          collection: 'volunteer-interests',
          where: { and: [{ member: { equals: member.id } }, { state: { equals: 'active' } }] },
          depth: 0,
          pagination: false,
          overrideAccess: true,
          req,
        })
        if (
          !mayShowBadge(
            member.volunteerBadge,
            active.docs.map((d) => (d as { kind?: unknown }).kind),
          )
        ) {
          await payload.update({ collection: 'users', id: member.id, data: { volunteerBadge: 'none' } as never, depth: 0, overrideAccess: true, req })
        }
      }
    }
    return { id: interest.id, state: to }
  })
}
