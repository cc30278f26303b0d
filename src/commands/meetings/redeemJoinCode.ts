// A sign-up uses a meeting's join code. Runs inside the sign-up's transaction (registerMember), before
// the account is created, so the count and the account land together or not at all.
//
// Privacy: attending a recovery meeting is health data. Joining with a code therefore stores no
// per-person record: not who used the code, not which meeting a member first came to. The code keeps
// only a number of uses, and the meeting only a number (attendance.joinedWithCode) for those who
// agreed to be counted. So there is nothing to export or erase for a member (src/privacy/*), and
// attendance.firstTimers, the figure a moderator types, is never touched, so nobody is counted twice.
import type { Payload, PayloadRequest } from 'payload'

import { CommandRefusal } from '../errors.js'
import { idOf } from '../../db/relationId.js'
import { INVALID_JOIN_CODE_MESSAGE, isJoinCodeUsable, normaliseJoinCode } from '../../policies/joinCodes.js'

export type RedeemJoinCodeProps = {
  payload: Payload
  /** The sign-up's transaction. */
  req: PayloadRequest
  /** As typed; it is normalised here. */
  code: string
  countAsFirstTimer: boolean
  now?: Date
}

export async function redeemJoinCode({ payload, req, code: typed, countAsFirstTimer, now = new Date() }: RedeemJoinCodeProps): Promise<{ meetingId: number | string }> {
  const refuse = () => new CommandRefusal(INVALID_JOIN_CODE_MESSAGE, 400)
  const code = normaliseJoinCode(typed)
  if (!code) throw refuse()
  const found = (await payload.find({ collection: 'join-codes', where: { code: { equals: code } }, limit: 1, depth: 0, overrideAccess: true, req })).docs[0]
  const meetingId = idOf(found?.meeting)
  if (!found || meetingId === null || !isJoinCodeUsable(found, now)) throw refuse()

  // One conditional UPDATE … SET uses = uses + 1 WHERE <still usable>: two people using the last use
  // at once cannot both get it, and a code that expired or was closed a moment ago gives nothing.
  // The adapter's updateOne, not payload.update: there are no hooks to run, and only it increments atomically.
  const used = await payload.db.updateOne({
    collection: 'join-codes',
    where: {
      and: [
        { id: { equals: found.id } },
        { closedAt: { exists: false } },
        { expiresAt: { greater_than: now.toISOString() } },
        { uses: { less_than: typeof found.maxUses === 'number' ? found.maxUses : 300 } },
      ],
    },
    data: { uses: { $inc: 1 } } as never,
    req,
  })
  if (!used) throw refuse()

  if (countAsFirstTimer) {
    // Straight to the column as well: a count is not an edit of the meeting, so no SEQUENCE bump
    // for calendars, no change emails and no re-validation of fields nobody changed.
    const meeting = await payload.findByID({ collection: 'meetings', id: meetingId, depth: 0, overrideAccess: true, disableErrors: true, select: { attendance: true }, req })
    if (!meeting) throw refuse()
    const attendance = (meeting.attendance ?? {}) as { total?: number | null; firstTimers?: number | null; joinedWithCode?: number | null }
    await payload.db.updateOne({
      collection: 'meetings',
      id: meetingId,
      data: {
        // SQL's NULL + 1 is NULL, so a count never set starts at 1 (the whole group is written, as MongoDB would replace it).
        attendance:
          typeof attendance.joinedWithCode === 'number' ? { joinedWithCode: { $inc: 1 } } : { total: attendance.total ?? null, firstTimers: attendance.firstTimers ?? null, joinedWithCode: 1 },
        // Left as it was: a changed updatedAt would tell a watcher the moment someone joined.
        updatedAt: null,
      } as never,
      req,
      returning: false,
    })
  }
  return { meetingId }
}
