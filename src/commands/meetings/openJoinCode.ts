// A moderator opens a join code for a meeting: a short code that works for a few hours, so people
// joining together on the venue's Wi-Fi are not turned away by the per-IP sign-up limit. One code
// is open per meeting at a time: opening a new one closes the earlier ones, and a moderator can
// close the open code early.
import type { Payload } from 'payload'

import { CommandRefusal } from '../errors.js'
import { idOf } from '../../db/relationId.js'
import {
  JOIN_CODE_DEFAULT_MAX_USES,
  JOIN_CODE_MAX_HOURS,
  JOIN_CODE_MIN_HOURS,
  canOpenJoinCode,
  generateJoinCode,
  joinCodeExpiry,
  meetingTakesJoinCodes,
  parseJoinCodeHours,
} from '../../policies/joinCodes.js'

export type OpenJoinCodeProps = {
  payload: Payload
  user: Record<string, any>
  meetingId: number | string
  /** The form's `hours` field: blank means the default (3). */
  hours: unknown
  now?: Date
  /** Tests give a fixed sequence to force collisions; the site uses crypto randomness. */
  generate?: () => string
}

const ATTEMPTS = 8

async function loadManagedMeeting(payload: Payload, user: Record<string, any>, meetingId: number | string) {
  const meeting = await payload.findByID({ collection: 'meetings', id: meetingId, depth: 0, overrideAccess: true, disableErrors: true })
  if (!meeting) throw new CommandRefusal('There is no such meeting.', 404)
  if (!canOpenJoinCode(user as never, idOf(meeting.locality))) throw new CommandRefusal('Only the moderators of this locality can open a join code for its meetings.', 403)
  return meeting
}

const isUniqueClash = (error: unknown) => ((error as { data?: { errors?: { path?: string }[] } })?.data?.errors ?? []).some((e) => e.path === 'code')

export async function openJoinCode(props: OpenJoinCodeProps): Promise<{ code: string; expiresAt: string }> {
  const { payload, user } = props
  const now = props.now ?? new Date()
  const hours = parseJoinCodeHours(props.hours)
  if (hours === null) throw new CommandRefusal(`Choose how long the code works: ${JOIN_CODE_MIN_HOURS} to ${JOIN_CODE_MAX_HOURS} hours.`, 400)
  const meeting = await loadManagedMeeting(payload, user, props.meetingId)
  if (!meetingTakesJoinCodes(meeting)) throw new CommandRefusal('This meeting is cancelled, so it takes no join code.', 409)
  const expiresAt = joinCodeExpiry(now, hours).toISOString()
  const generate = props.generate ?? (() => generateJoinCode())

  // Each try is a single insert of its own, not one transaction: on PostgreSQL a unique-index clash
  // aborts the transaction it happens in, and the next try must still be able to write.
  let created: { id: number | string; code: string } | null = null
  for (let attempt = 0; attempt < ATTEMPTS && !created; attempt++) {
    const code = generate()
    const taken = await payload.count({ collection: 'join-codes', where: { code: { equals: code } }, overrideAccess: true })
    if (taken.totalDocs > 0) continue
    try {
      const doc = await payload.create({
        collection: 'join-codes',
        data: { code, meeting: meeting.id, expiresAt, createdBy: user.id, uses: 0, maxUses: JOIN_CODE_DEFAULT_MAX_USES },
        // The collection refuses creation through the API; this command is the only door.
        overrideAccess: true,
        depth: 0,
      })
      created = { id: doc.id, code: doc.code }
    } catch (error) {
      // Someone else took the same code between the count and the insert: draw again.
      if (!isUniqueClash(error)) throw error
    }
  }
  if (!created) throw new Error(`No free join code after ${ATTEMPTS} attempts`)

  await closeOtherCodes(payload, meeting.id, created.id, now)
  return { code: created.code, expiresAt }
}

/** Closes the meeting's open codes, all but `keepId`. */
async function closeOtherCodes(payload: Payload, meetingId: number | string, keepId: number | string | null, now: Date) {
  await payload.update({
    collection: 'join-codes',
    where: { and: [{ meeting: { equals: meetingId } }, { closedAt: { exists: false } }, ...(keepId === null ? [] : [{ id: { not_equals: keepId } }])] },
    data: { closedAt: now.toISOString() },
    overrideAccess: true,
    depth: 0,
  })
}

/** A moderator closes the meeting's open code before it expires (the meeting is over, or the code leaked). */
export async function closeJoinCode(props: Omit<OpenJoinCodeProps, 'hours' | 'generate'>): Promise<void> {
  const meeting = await loadManagedMeeting(props.payload, props.user, props.meetingId)
  await closeOtherCodes(props.payload, meeting.id, null, props.now ?? new Date())
}
