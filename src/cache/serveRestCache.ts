// A visitor's REST reads (a collection's list, or one document by id) from the page cache: the same store,
// the same invalidation at the database adapter, the same clock bounds. Only requests that carry no
// credentials and no Origin are kept (what Payload answers them is the same for every such caller: it
// depends on the path and the query alone); each query string is its own entry, after the REST guard
// has refused anything undeclared. Only 200s are kept, and never an answer that sets a cookie.
import type { NextFunction, Request, Response } from 'express'

import { hasSessionCredentials } from '../auth/session.js'
import { lookupPage, pageCacheEnabled, rememberPage, renderGeneration } from './pageCache.js'
import { newTrace, traceRender } from './renderTrace.js'
import { CACHE_HEADER, sendCached } from './servePageCache.js'

// A list, or a document by its id (numbers in SQL, ObjectIds in MongoDB): never a custom endpoint.
const READ_PATH = /^\/api\/([a-z0-9-]+)(?:\/(\d+|[a-f0-9]{24}))?$/
const NOT_KEPT = new Set(['connection', 'content-length', 'date', 'keep-alive', 'transfer-encoding', CACHE_HEADER.toLowerCase()])

function cacheableRead(req: Request, cookiePrefix: string, collections: ReadonlySet<string>): boolean {
  if (req.method !== 'GET' || !pageCacheEnabled()) return false
  if (req.headers.origin !== undefined || hasSessionCredentials(req, cookiePrefix)) return false
  const match = READ_PATH.exec(req.originalUrl.split('?')[0]!)
  return Boolean(match && collections.has(match[1]!))
}

/** Collects what the handler writes, then keeps it when it is a plain 200 that sets no cookie. */
function keepAnswer(res: Response, remember: (body: string, headers: Record<string, string>) => void): void {
  const chunks: Buffer[] = []
  const write = res.write.bind(res) as (...args: unknown[]) => boolean
  const end = res.end.bind(res) as (...args: unknown[]) => Response
  const asBuffer = (chunk: unknown, encoding: unknown) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'))
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(asBuffer(chunk, rest[0]))
    return write(chunk, ...rest)
  }) as Response['write']
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(asBuffer(chunk, rest[0]))
    if (res.statusCode === 200 && !res.hasHeader('set-cookie')) {
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(res.getHeaders())) if (!NOT_KEPT.has(name) && value !== undefined) headers[name] = String(value)
      remember(Buffer.concat(chunks).toString('utf8'), headers)
    }
    return end(chunk, ...rest)
  }) as Response['end']
}

export function serveRestCache(options: { cookiePrefix: string; collections: Iterable<string> }) {
  const collections = new Set(options.collections)
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!cacheableRead(req, options.cookiePrefix, collections)) return next()
    const key = `visitor rest ${req.originalUrl}`
    const cached = await lookupPage(key)
    if (cached) return sendCached(res, cached, '')

    res.set(CACHE_HEADER, 'miss')
    const trace = newTrace()
    const renderedFrom = renderGeneration()
    keepAnswer(res, (body, headers) => {
      // A read that reached no collection through the adapter has nothing to be invalidated by: not kept.
      if (trace.tags.size > 0) rememberPage(key, trace, renderedFrom, { status: 200, headers, body })
    })
    traceRender(trace, () => next())
  }
}
