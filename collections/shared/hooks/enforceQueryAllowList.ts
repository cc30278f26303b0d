// Every collection's REST reads, counts and bulk writes ask the query allow-list
// (src/policies/queryAllowList.ts). Server code reads through the Local API and is not a request: it is
// not limited here (it passes overrideAccess: false and the viewer, and the collections' access decides).
import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { checkQuery } from '../../../src/policies/queryAllowList.js'

const QUERY_OPERATIONS = ['read', 'count', 'readDistinct', 'update', 'delete']

export function enforceQueryAllowList(collection: string): CollectionBeforeOperationHook {
  return ({ args, operation, req }) => {
    if (req.payloadAPI !== 'REST' && req.payloadAPI !== 'GraphQL') return args
    if (!QUERY_OPERATIONS.includes(operation)) return args
    const query = args as { where?: unknown; sort?: unknown }
    const verdict = checkQuery(collection, { where: query.where, sort: query.sort }, (req.user ?? null) as never)
    if (!verdict.ok) throw new APIError(verdict.message, verdict.status, undefined, true)
    return args
  }
}
