// One password rule for every door: sign-up, profile change, reset (REST, Local API and forms).
import { ValidationError, type CollectionBeforeOperationHook } from 'payload'

import { checkPassword } from '../../../src/policies/password.js'

export const enforcePasswordPolicy: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update' && operation !== 'resetPassword') return args
  const data = args.data as Record<string, unknown> | undefined
  if (!data || data.password === undefined) return args
  const problem = checkPassword(data.password, {
    email: typeof data.email === 'string' ? data.email : undefined,
    displayName: typeof data.displayName === 'string' ? data.displayName : undefined,
  })
  if (problem) {
    throw new ValidationError({ collection: 'users', errors: [{ path: 'password', message: problem }] }, req.t)
  }
  return args
}
