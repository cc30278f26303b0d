// A stolen session must not be enough to take over an account: changing the email or the
// password needs the current password in the same request, through any door. Admins are exempt
// so that they can help members who are locked out.
import { ValidationError, type CollectionBeforeOperationHook } from 'payload'

import { countFailedAttempt, isLockedOut, LOCKED_MESSAGE } from '../../../src/auth/passwordAttempts.js'

import { verifyPassword } from '../../../src/auth/verifyPassword.js'
import { isAdmin } from '../../../src/policies/roles.js'

export const CURRENT_PASSWORD_FIELD = 'currentPassword'

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
  if (isLockedOut(stored as { lockUntil?: string | null })) {
    throw new ValidationError(
      {
        collection: 'users',
        errors: [{ path: CURRENT_PASSWORD_FIELD, message: LOCKED_MESSAGE }],
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
