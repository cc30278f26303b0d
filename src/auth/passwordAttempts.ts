// Wrong passwords wherever a password is asked again (changing credentials, deleting the account) count
// towards the same lockout as failed sign-ins, and a locked account takes no guesses at all.
import { incrementLoginAttempts, type Payload } from 'payload'

export const LOCKED_MESSAGE = 'Too many wrong passwords: your account is locked for 10 minutes. Try again later.'

export const isLockedOut = (stored: { lockUntil?: string | null }, now = Date.now()): boolean => Boolean(stored.lockUntil && new Date(stored.lockUntil).getTime() > now)

/**
 * Payload's counter writes outside the request's transaction on purpose (so a refusal cannot roll it
 * back); on SQLite that write must wait until the request's transaction has let go of the write lock, so
 * it runs once the refusal is done.
 */
export function countFailedAttempt(payload: Payload, user: Record<string, unknown>): void {
  setImmediate(() => {
    incrementLoginAttempts({ collection: payload.collections.users.config, payload, user: user as never }).catch((error: unknown) =>
      payload.logger.error({ err: error, msg: 'Could not count a wrong password towards the lockout' }),
    )
  })
}
