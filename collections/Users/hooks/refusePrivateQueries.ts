// Sorting or filtering by a private field leaks it one comparison at a time, so only those
// who may read the field may query by it. Payload checks `where` against field access; it does
// not check `sort`, so both are refused here for every door.
import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { isAdmin } from '../../../src/policies/roles.js'

const PRIVATE_PATHS = ['email', 'hash', 'salt', 'resetPasswordToken', '_verificationToken', 'lockUntil', 'loginAttempts']

const mentionsPrivate = (path: string) => PRIVATE_PATHS.includes(path.replace(/^-/, '').split('.')[0]!)

function wherePaths(where: unknown, out: string[] = []): string[] {
  if (!where || typeof where !== 'object') return out
  for (const [key, value] of Object.entries(where as Record<string, unknown>)) {
    if (key === 'and' || key === 'or') {
      for (const clause of Array.isArray(value) ? value : []) wherePaths(clause, out)
    } else {
      out.push(key)
    }
  }
  return out
}

export const refusePrivateQueries: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'read' && operation !== 'count' && operation !== 'update' && operation !== 'delete') return args
  if (isAdmin(req.user)) return args
  // Server code with no actor (seed, uniqueness checks) is trusted; every request from outside is not.
  if (!req.user && req.payloadAPI === 'local') return args
  const sort = (args as { sort?: unknown }).sort
  const sorts = Array.isArray(sort) ? sort.map(String) : typeof sort === 'string' ? sort.split(',') : []
  const where = (args as { where?: unknown }).where
  if ([...sorts, ...wherePaths(where)].some(mentionsPrivate)) {
    throw new APIError('You cannot sort or filter members by a private field.', 403, undefined, true)
  }
  return args
}
