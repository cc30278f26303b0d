// A member's right to erasure, asked for on /account/delete: the password is checked with the same
// lockout as signing in (a stolen session cannot guess its way to deleting the account), then the
// sessions end and the erasure removes the account itself.
import type { Payload } from 'payload'

import { countFailedAttempt, isLockedOut, LOCKED_MESSAGE } from '../../auth/passwordAttempts.js'
import { endSession } from '../../auth/session.js'
import { verifyPassword } from '../../auth/verifyPassword.js'
import type { ErasureMode } from '../../policies/privacy.js'
import { eraseMember } from './eraseMember.js'

/** What is wrong with the password typed, or undefined when it is right. A wrong one counts as a failed attempt. */
export async function passwordProblemForErasure({ payload, userId, password }: { payload: Payload; userId: number | string; password: string }): Promise<string | undefined> {
  const stored = await payload.findByID({ collection: 'users', id: userId, depth: 0, overrideAccess: true, showHiddenFields: true })
  if (isLockedOut(stored as { lockUntil?: string | null })) return LOCKED_MESSAGE
  if (!(await verifyPassword(stored as never, password))) {
    if (password !== '') countFailedAttempt(payload, stored as never)
    return 'That password is not right.'
  }
  return undefined
}

/** Signs the member out everywhere, then erases them (the mode says what happens to their forum posts). */
export async function deleteOwnAccount({ payload, user, mode }: { payload: Payload; user: Record<string, any>; mode: ErasureMode }): Promise<void> {
  // Signing out first ends the session everywhere; the erasure then removes the account itself.
  try {
    await endSession(payload, user)
  } catch {
    // The account is about to go: its sessions go with it.
  }
  await eraseMember(payload, { memberId: user.id, mode, actor: user, actorRole: 'self' })
}
