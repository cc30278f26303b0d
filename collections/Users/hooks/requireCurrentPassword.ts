// A stolen session must not be enough to take over an account: changing the email or the
// password needs the current password in the same request, through any door. Admins are exempt
// so that they can help members who are locked out.
import { ValidationError, incrementLoginAttempts, type CollectionBeforeOperationHook, type Payload } from 'payload'

import { verifyPassword } from '../../../src/auth/verifyPassword.js'
import { isAdmin } from '../../../src/policies/roles.js'

export const CURRENT_PASSWORD_FIELD = 'currentPassword'

/**
 * Wrong guesses count towards the lockout, like failed logins. Payload's counter writes outside the
 * request's transaction on purpose (so a refusal cannot roll it back); on SQLite that write must wait
 * until this request's transaction has let go of the write lock, so it runs once the refusal is done.
 */
function countFailedAttempt(payload: Payload, user: Record<string, unknown>): void {
  setImmediate(() => {
    incrementLoginAttempts({ collection: payload.collections.users.config, payload, user: user as never }).catch((error: unknown) =>
      payload.logger.error({ err: error, msg: 'Could not count a wrong current password towards the lockout' }),
    )
  })
}

export const requireCurrentPassword: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'update') return args
  const data = args.data as Record<string, unknown> | undefined
  if (!data) return args
  const currentPassword = data[CURRENT_PASSWORD_FIELD]
  delete data[CURRENT_PASSWORD_FIELD]

  const changesCredentials = data.password !== undefined || data.email !== undefined
  const user = req.user
  if (!changesCredentials || !user || isAdmin(user) || req.context?.credentialsConfirmed === true) return args

  const stored = await req.payload.findByID({
    collection: 'users',
    id: user.id,
    showHiddenFields: true,
    depth: 0,
    req,
    overrideAccess: true,
  })
  // Only a change to a different address or a new password counts; echoing the same email back is harmless.
  if (data.password === undefined && typeof data.email === 'string' && data.email.toLowerCase() === String(stored.email).toLowerCase()) {
    delete data.email
    return args
  }
  // A locked account takes no guesses at all, so a stolen session cannot keep trying.
  const lockUntil = (stored as { lockUntil?: string | null }).lockUntil
  if (lockUntil && new Date(lockUntil).getTime() > Date.now()) {
    throw new ValidationError(
      {
        collection: 'users',
        errors: [{ path: CURRENT_PASSWORD_FIELD, message: 'Too many wrong passwords: your account is locked for 10 minutes. Try again later.' }],
      },
      req.t,
    )
  }
  const ok = typeof currentPassword === 'string' && (await verifyPassword(stored as { hash?: unknown; salt?: unknown }, currentPassword))
  if (!ok) {
    if (typeof currentPassword === 'string' && currentPassword !== '') {
      countFailedAttempt(req.payload, stored as never)
    }
    throw new ValidationError(
      {
        collection: 'users',
        errors: [{ path: CURRENT_PASSWORD_FIELD, message: 'Enter your current password to change your email or password.' }],
      },
      req.t,
    )
  }
  return args
}
