// Reads of meeting join codes. The open code of a meeting is read as the viewer (the collection lets
// only moderators read codes, and the page asks canOpenJoinCode as well); the /join form's check is
// a server-side lookup of what was typed, which tells the person joining only "valid or not".
import type { Payload } from 'payload'

import { idOf } from '../db/relationId.js'
import { serverURL } from '../env.js'
import { isJoinCodeUsable, normaliseJoinCode } from '../policies/joinCodes.js'
import { isModerator } from '../policies/roles.js'
import { presentJoinCode, type PresentedJoinCode } from '../presenters/joinCode.js'

/** The code a moderator sees on the meeting page: the newest one that still works, or null. */
export async function currentJoinCode(payload: Payload, user: Record<string, any> | null, meetingId: number | string, now = new Date()): Promise<PresentedJoinCode | null> {
  // Only moderators read codes at all (the collection would refuse anyone else outright).
  if (!isModerator(user as never)) return null
  const found = await payload.find({
    collection: 'join-codes',
    where: { and: [{ meeting: { equals: meetingId } }, { closedAt: { exists: false } }, { expiresAt: { greater_than: now.toISOString() } }] },
    sort: '-createdAt',
    limit: 5,
    pagination: false,
    depth: 0,
    overrideAccess: false,
    user,
  })
  const doc = found.docs.find((d) => isJoinCodeUsable(d, now))
  if (!doc) return null
  return presentJoinCode({ code: String(doc.code), expiresAt: String(doc.expiresAt), uses: doc.uses }, serverURL)
}

export type UsableJoinCode = { id: number | string; code: string; meetingId: number | string }

/**
 * The code typed on /join, if it works now. Read with overrideAccess: the person joining is not
 * signed in, and nothing of the code but "it works" goes back to them.
 */
export async function findUsableJoinCode(payload: Payload, typed: unknown, now = new Date()): Promise<UsableJoinCode | null> {
  const code = normaliseJoinCode(typed)
  if (!code) return null
  const found = await payload.find({ collection: 'join-codes', where: { code: { equals: code } }, limit: 1, pagination: false, depth: 0, overrideAccess: true })
  const doc = found.docs[0]
  const meetingId = idOf(doc?.meeting)
  if (!doc || meetingId === null || !isJoinCodeUsable(doc, now)) return null
  return { id: doc.id, code, meetingId }
}
