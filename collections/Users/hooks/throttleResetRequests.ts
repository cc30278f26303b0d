// One password-reset email per address per minute, through every door, so nobody can flood a
// member's inbox. (Payload's own interval check writes outside its transaction, which deadlocks
// SQLite while the transaction holds the write lock, so it is switched off in favour of this.)
import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { createThrottle } from '../../../src/security/throttle.js'

export const RESET_REQUEST_INTERVAL_MS = 60_000
const throttle = createThrottle(RESET_REQUEST_INTERVAL_MS)

export const throttleResetRequests: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation !== 'forgotPassword') return args
  const email = String((args.data as { email?: unknown })?.email ?? '')
    .trim()
    .toLowerCase()
  if (email && !throttle.allow(email)) {
    throw new APIError('A reset link was sent to this address a moment ago. Please wait a minute before asking again.', 429, undefined, true)
  }
  return args
}
