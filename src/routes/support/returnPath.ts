// The address a page's "Sign in" and "Join" links carry back (src/policies/returnPath.ts decides what is safe).
import type { Request } from 'express'

import { cacheableAddress } from '../../cache/cacheablePages.js'
import { safeReturnPath } from '../../policies/returnPath.js'

/**
 * The path with the page cache's declared parameters only (paging, filters), so a kept page's links are
 * the same for every visitor and free text typed into a query (a search) is never copied into links.
 */
export function returnPathOf(req: Request): string | undefined {
  const queryAt = req.originalUrl.indexOf('?')
  return safeReturnPath(cacheableAddress(req.path, queryAt >= 0 ? req.originalUrl.slice(queryAt + 1) : '') ?? req.path)
}
