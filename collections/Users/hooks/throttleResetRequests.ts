// One password-reset email per address per minute, through every door and every process, so nobody can
// flood a member's inbox. (Payload's own interval check writes outside its transaction, which deadlocks
// SQLite while the transaction holds the write lock, so it is switched off in favour of this.) The counter
// lives in the rate-limit store (shared through Redis or the cluster's primary), keyed by a hash of the
// address: no email address is written to Redis.
import crypto from 'node:crypto'
import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { rateLimitStore } from '../../../src/security/rateLimitStore.js'

export const RESET_REQUEST_INTERVAL_MS = 60_000

export const throttleResetRequests: CollectionBeforeOperationHook = async ({ args, operation }) => {
  if (operation !== 'forgotPassword') return args
  const email = String((args.data as { email?: unknown })?.email ?? '')
    .trim()
    .toLowerCase()
  const addressKey = `reset:${crypto.createHash('sha256').update(email).digest('base64url')}`
  if (email && !(await rateLimitStore().consume(addressKey, 1, RESET_REQUEST_INTERVAL_MS / 1000)).allowed) {
    throw new APIError('A reset link was sent to this address a moment ago. Please wait a minute before asking again.', 429, undefined, true)
  }
  return args
}
