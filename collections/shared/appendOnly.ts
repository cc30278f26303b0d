// Append-only records (consents, the moderation log): no update and no delete through any door,
// including the Local API with overrideAccess, which skips access functions but not hooks.
// The only exceptions are erasure (UK GDPR), which runs with context.erasure and is itself logged, and a
// migration that fills in a new column for old rows (context.migration).
import { APIError, type CollectionBeforeOperationHook } from 'payload'

export const refuseChanges: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if ((operation === 'update' || operation === 'delete') && req.context?.erasure !== true && !(operation === 'update' && req.context?.migration === true)) {
    throw new APIError('These records are append-only: add a new record instead of changing one.', 403, undefined, true)
  }
  return args
}
