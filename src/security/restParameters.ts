// The REST door, before Payload sees a request (src/policies/queryAllowList.ts decides):
// - everyone: a where that is not an object, a sort that is not a name, or an id far too long is 400,
//   never a 500 from deeper down;
// - people who are not staff: only the declared parameters, in range; only declared fields in where and
//   sort (the collections' own hooks ask the same again, for whatever reaches them); and no method
//   override (a POST carrying a read), which would carry a query past these checks.
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { Payload } from 'payload'
import qs from 'qs'

import { viewerOf } from '../auth/session.js'
import { checkQuery, checkRestParameters, type QueryCheck } from '../policies/queryAllowList.js'
import { canEnterSafeguardingWork } from '../policies/safeguarding.js'

// Files are fetched by URL, with no query to speak of; their read access is the media collection's.
const FILE_PATH = /^\/api\/[a-z0-9-]+\/file\//
const METHOD_OVERRIDE = ['x-http-method-override', 'x-payload-http-method-override']
const MAX_ID_LENGTH = 64

/** The top-level names of a query string: where[title][equals]=x and where[or][0]… both count as "where". */
export function topLevelParameters(queryString: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of new URLSearchParams(queryString)) out[key.split('[')[0]!] = value
  return out
}

const isPlainObject = (value: unknown) => Boolean(value) && typeof value === 'object' && !Array.isArray(value)

/** Shape checks for everyone, staff included: Payload answers these with a 500 otherwise. */
function checkShape(parsed: Record<string, unknown>, segments: string[]): QueryCheck {
  const refuse = (message: string): QueryCheck => ({ ok: false, status: 400, message })
  if (parsed.where !== undefined && !isPlainObject(parsed.where)) return refuse('The query (where) must be made of fields and operators.')
  if (parsed.sort !== undefined && typeof parsed.sort !== 'string') return refuse('Sort by a field name, or by -name for the other way.')
  if (segments.some((segment) => segment.length > MAX_ID_LENGTH)) return refuse('That is not an address on this site.')
  return { ok: true }
}

export function guardRestParameters(payload: Payload): RequestHandler {
  const collections = new Set(Object.keys(payload.collections))
  const globals = new Set<string>(payload.config.globals.map((global) => global.slug))
  return async (req: Request, res: Response, next: NextFunction) => {
    const [path, queryString = ''] = req.originalUrl.split('?') as [string, string?]
    if (FILE_PATH.test(path)) return next()
    const segments = path.split('/').slice(2).filter(Boolean)
    // Only the doors that take a query: a collection's or a global's. Anything else (an unknown path,
    // /api/graphql) is Payload's to answer, with a 404.
    const isQueryDoor = segments[0] === 'globals' ? globals.has(segments[1] ?? '') : collections.has(segments[0] ?? '')
    if (!isQueryDoor) return next()
    const refuse = (verdict: Extract<QueryCheck, { ok: false }>) =>
      res
        .status(verdict.status)
        .set('Cache-Control', 'no-store')
        .json({ errors: [{ message: verdict.message }] })
    const parsed = qs.parse(queryString, { depth: 10, arrayLimit: 1000, parameterLimit: 1000 }) as Record<string, unknown>
    const shape = checkShape(parsed, segments)
    if (!shape.ok) return refuse(shape)

    const overridden = METHOD_OVERRIDE.some((header) => req.headers[header] !== undefined)
    const reading = req.method === 'GET' || req.method === 'HEAD'
    if (!overridden && (!reading || queryString === '')) return next()
    // Judged as Payload's REST handler will judge it next (no same-origin allowance for reads).
    const user = await viewerOf(payload, req, { sameOriginReads: false })
    if (canEnterSafeguardingWork(user as never)) return next()
    if (overridden) return refuse({ ok: false, status: 400, message: 'Send a read as a GET request.' })

    const parameters = checkRestParameters(topLevelParameters(queryString))
    if (!parameters.ok) return refuse(parameters)
    // /api/<collection>, /api/<collection>/count, /api/<collection>/<id>, /api/globals/<slug>: the fields
    // a where or sort names must be declared for that collection (a global declares none).
    const collection = segments[0] === 'globals' ? `globals/${segments[1] ?? ''}` : (segments[0] ?? '')
    if (parsed.where !== undefined || parsed.sort !== undefined) {
      const verdict = checkQuery(collection, { where: parsed.where, sort: parsed.sort }, user as never)
      if (!verdict.ok) return refuse(verdict)
    }
    next()
  }
}
