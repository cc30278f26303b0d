// Filtering or sorting stories by their author would unmask anonymous bylines, one query at a
// time. Only moderators may; a member may ask for their own stories and nothing more.
import { APIError, type CollectionBeforeOperationHook, type Where } from 'payload'

import { isModerator } from '../../../src/policies/roles.js'

const PRIVATE = ['author', 'revision', 'revisionState', 'redaction', 'reasonForAuthor', 'triageAction', 'triageMatches', 'queueOrder', 'crisisHold', 'decidedAt', 'submittedAt', 'consentVersion']

const root = (path: string) => path.replace(/^-/, '').split('.')[0]!

function offendingPaths(where: unknown, ownId: string | null, out: string[] = []): string[] {
  if (!where || typeof where !== 'object') return out
  for (const [key, value] of Object.entries(where as Record<string, unknown>)) {
    if (key === 'and' || key === 'or') {
      for (const clause of Array.isArray(value) ? value : []) offendingPaths(clause, ownId, out)
      continue
    }
    if (!PRIVATE.includes(root(key))) continue
    // "my own stories" is the one author query a member may make.
    const ownQuery = key === 'author' && ownId !== null && value && typeof value === 'object' && Object.keys(value).length === 1 && String((value as { equals?: unknown }).equals) === ownId
    if (!ownQuery) out.push(key)
  }
  return out
}

export const refusePrivateStoryQueries: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (!['read', 'count', 'update', 'delete', 'readDistinct'].includes(operation)) return args
  if (isModerator(req.user)) return args
  if (!req.user && req.payloadAPI === 'local' && (args as { overrideAccess?: boolean }).overrideAccess !== false) return args
  const a = args as { sort?: unknown; where?: Where }
  const sorts = Array.isArray(a.sort) ? a.sort.map(String) : typeof a.sort === 'string' ? a.sort.split(',') : []
  const bad = [...sorts.filter((s) => PRIVATE.includes(root(s))), ...offendingPaths(a.where, req.user ? String(req.user.id) : null)]
  if (bad.length > 0) throw new APIError('You cannot filter or sort stories by that.', 403, undefined, true)
  // Never let the moderators' queue order leak through a default sort.
  if (operation === 'read' && !a.sort) a.sort = '-publishedAt'
  return args
}
