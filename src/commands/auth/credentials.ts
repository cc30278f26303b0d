// Signing in and out, confirming an email address and resetting a password: Payload's auth operations on the
// users collection. Payload's errors reach the caller unchanged (LockedAuth, UnverifiedEmail,
// AuthenticationError…), so the route can say what went wrong in words.
import type { Payload } from 'payload'

import { endSession } from '../../auth/session.js'

/** The session token for an email address and password; throws Payload's error when they do not match. */
export async function signIn({ payload, email, password }: { payload: Payload; email: string; password: string }): Promise<string> {
  const result = await payload.login({ collection: 'users', data: { email, password } })
  if (!result.token) throw new Error('Login returned no token')
  return result.token
}

/** Ends the server-side session, so a copied cookie stops working; the route clears the cookie anyway. */
export async function signOut({ payload, user }: { payload: Payload; user: Record<string, any> }): Promise<void> {
  try {
    await endSession(payload, user)
  } catch (error) {
    payload.logger.warn({ err: error, msg: 'Could not end session on the server; clearing the cookie anyway' })
  }
}

/** Whether the link's token confirmed an address; a used or broken token is simply false. */
export async function confirmEmail({ payload, token }: { payload: Payload; token: string }): Promise<boolean> {
  try {
    return await payload.verifyEmail({ collection: 'users', token })
  } catch {
    return false
  }
}

/**
 * Emails a reset link if the address has an account. Whatever happens is only logged: the page says the
 * same thing either way, so nobody can tell whether an address is registered.
 */
export async function requestPasswordReset({ payload, email }: { payload: Payload; email: string }): Promise<void> {
  try {
    await payload.forgotPassword({ collection: 'users', data: { email }, disableEmail: false })
  } catch (error) {
    payload.logger.warn({ err: error, msg: 'forgotPassword failed' })
  }
}

/** Sets the new password from a reset link; returns a session token when Payload signs the member in. */
export async function resetPassword({ payload, token, password }: { payload: Payload; token: string; password: string }): Promise<string | undefined> {
  const result = await payload.resetPassword({ collection: 'users', data: { token, password }, overrideAccess: true })
  return result.token ?? undefined
}
