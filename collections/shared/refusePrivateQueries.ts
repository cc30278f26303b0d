// Filtering or sorting by a private field leaks it one comparison at a time (whose anonymous story
// is this? who wrote this post?). Only moderators may; a member may ask for their own records.
import { APIError, type CollectionBeforeOperationHook, type Where } from 'payload'

import { isModerator } from '../../src/policies/roles.js'

const root = (path: string) => path.replace(/^-/, '').split('.')[0]!

function offendingPaths(where: unknown, privatePaths: readonly string[], ownerPath: string, ownId: string | null, out: string[] = []): string[] {
  if (!where || typeof where !== 'object') return out
  for (const [key, value] of Object.entries(where as Record<string, unknown>)) {
    if (key === 'and' || key === 'or') {
      for (const clause of Array.isArray(value) ? value : []) offendingPaths(clause, privatePaths, ownerPath, ownId, out)
      continue
    }
    if (!privatePaths.includes(root(key))) continue
    // "my own records" is the one owner query a member may make.
    const ownQuery = key === ownerPath && ownId !== null && value && typeof value === 'object' && Object.keys(value).length === 1 && String((value as { equals?: unknown }).equals) === ownId
    if (!ownQuery) out.push(key)
  }
  return out
}

export type PrivateQueryRules = { privatePaths: readonly string[]; ownerPath: string; noun: string; defaultSort?: string }

export function refusePrivateQueries(rules: PrivateQueryRules): CollectionBeforeOperationHook {
  return ({ args, operation, req }) => {
    if (!['read', 'count', 'update', 'delete', 'readDistinct'].includes(operation)) return args
    if (isModerator(req.user)) return args
    // Server code that deliberately bypasses access (a hook, a command) is trusted; a request's own query is not.
    if ((args as { overrideAccess?: boolean }).overrideAccess === true) return args
    if (!req.user && req.payloadAPI === 'local' && (args as { overrideAccess?: boolean }).overrideAccess !== false) return args
    const a = args as { sort?: unknown; where?: Where }
    const sorts = Array.isArray(a.sort) ? a.sort.map(String) : typeof a.sort === 'string' ? a.sort.split(',') : []
    const bad = [...sorts.filter((s) => rules.privatePaths.includes(root(s))), ...offendingPaths(a.where, rules.privatePaths, rules.ownerPath, req.user ? String(req.user.id) : null)]
    if (bad.length > 0) throw new APIError(`You cannot filter or sort ${rules.noun} by that.`, 403, undefined, true)
    // Never let the moderators' queue order leak through a default sort (bulk updates sort too: an author's own edit).
    if ((operation === 'read' || operation === 'update') && !a.sort && rules.defaultSort) a.sort = rules.defaultSort
    return args
  }
}
