// REST reads by people who are not staff carry only the parameters the site declares
// (src/policies/queryAllowList.ts: where, sort, select, populate, depth, joins, limit, page), in range.
// Which fields those may name is decided in every collection's own hook (enforceQueryAllowList).
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { Payload } from 'payload'

import { fetchHeaders } from '../auth/session.js'
import { checkRestParameters } from '../policies/queryAllowList.js'
import { canEnterSafeguardingWork } from '../policies/safeguarding.js'

// Files are fetched by URL, with no query to speak of; their read access is the media collection's.
const FILE_PATH = /^\/api\/[a-z0-9-]+\/file\//

/** The top-level names of a query string: where[title][equals]=x and where[or][0]… both count as "where". */
export function topLevelParameters(queryString: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of new URLSearchParams(queryString)) out[key.split('[')[0]!] = value
  return out
}

export function guardRestParameters(payload: Payload): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const [path, queryString = ''] = req.originalUrl.split('?') as [string, string?]
    if ((req.method !== 'GET' && req.method !== 'HEAD') || FILE_PATH.test(path)) return next()
    if (queryString === '') return next()
    try {
      const { user } = await payload.auth({ headers: fetchHeaders(req) })
      if (canEnterSafeguardingWork(user as never)) return next()
    } catch {
      // An unreadable session is a visitor's.
    }
    const verdict = checkRestParameters(topLevelParameters(queryString))
    if (verdict.ok) return next()
    res.status(verdict.status).set('Cache-Control', 'no-store').json({ errors: [{ message: verdict.message }] })
  }
}
