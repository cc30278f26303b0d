// Every collection's REST reads, counts and bulk writes ask the query allow-list
// (src/policies/queryAllowList.ts). Server code reads through the Local API and is not a request: it is
// not limited here (it passes overrideAccess: false and the viewer, and the collections' access decides).
import { APIError, type CollectionBeforeOperationHook, type Where } from 'payload'

import { checkQuery } from '../../../src/policies/queryAllowList.js'

const QUERY_OPERATIONS = ['read', 'count', 'readDistinct', 'update', 'delete']

/**
 * `hasLocality`: the collection files its records under a locality, so a scoped moderator's query can be
 * narrowed to theirs. Elsewhere their access already decides every record they may read.
 */
export function enforceQueryAllowList(collection: string, hasLocality: boolean): CollectionBeforeOperationHook {
  return ({ args, operation, req }) => {
    if (req.payloadAPI !== 'REST' && req.payloadAPI !== 'GraphQL') return args
    if (!QUERY_OPERATIONS.includes(operation)) return args
    // Server code inside a REST request (a hook's own lookup, overriding access on purpose) is not the request.
    if ((args as { overrideAccess?: boolean }).overrideAccess === true) return args
    const query = args as { where?: unknown; sort?: unknown }
    const verdict = checkQuery(collection, { where: query.where, sort: query.sort }, (req.user ?? null) as never)
    if (!verdict.ok) throw new APIError(verdict.message, verdict.status, undefined, true)
    if (verdict.narrowToLocalities && hasLocality) {
      const scope = ((req.user as { moderatorLocalities?: unknown[] } | null)?.moderatorLocalities ?? []).map((l) => (l && typeof l === 'object' ? (l as { id: unknown }).id : l))
      const within: Where = { locality: { in: scope } }
      query.where = query.where ? { and: [query.where as Where, within] } : within
    }
    return args
  }
}
