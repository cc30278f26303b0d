// Express middleware in front of the public pages: answers from the page cache when it can, and otherwise
// lets the route render while noting what the render reads, then keeps the answer. It runs after the
// viewer is known. Visitors share entries; a signed-in member's entries are theirs alone (the key holds
// their id and the time their account last changed, so a new role or name never meets an old page).
// The form token is always the requesting browser's own.
import type { NextFunction, Request, Response } from 'express'

import { cacheableAddress } from './cacheablePages.js'
import { lookupPage, pageCacheEnabled, rememberPage, renderGeneration, TOKEN_PLACEHOLDER, type CachedPage } from './pageCache.js'
import { newTrace, traceRender } from './renderTrace.js'

export const CACHE_HEADER = 'X-Waymark-Cache'
/** Answers worth keeping: a page, and the 404 and 410 that a withdrawn or missing story gets. */
const KEPT_STATUSES = new Set([200, 404, 410])
const KEPT_HEADERS = ['content-type', 'content-disposition'] as const

export function audienceOf(user: Record<string, any> | null | undefined): string {
  if (!user) return 'visitor'
  return `member:${user.id}:${user.updatedAt ?? ''}`
}

export function sendCached(res: Response, page: CachedPage, token: string): void {
  res.status(page.status)
  for (const [name, value] of Object.entries(page.headers)) res.set(name, value)
  res.set('Cache-Control', 'no-store')
  res.set(CACHE_HEADER, 'hit')
  res.send(page.parts.join(token))
}

export function servePageCache() {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    const queryAt = req.originalUrl.indexOf('?')
    const address = cacheableAddress(req.path, queryAt >= 0 ? req.originalUrl.slice(queryAt + 1) : '')
    if (!address) return next()
    // The route sees only the declared parameters, exactly those in the key.
    req.url = address
    if (!pageCacheEnabled()) {
      res.set(CACHE_HEADER, 'off')
      return next()
    }
    // A member's own state on the page that is read before it (their place in a thread) is part of its key.
    const own = typeof res.locals.pageKeyPart === 'string' ? ` ${res.locals.pageKeyPart}` : ''
    const key = `${audienceOf(res.locals.user)}${own} ${address}`
    const token = String(res.locals.csrfToken ?? '')
    const cached = await lookupPage(key)
    if (cached) return sendCached(res, cached, token)

    res.set(CACHE_HEADER, 'miss')
    res.locals.csrfToken = TOKEN_PLACEHOLDER
    const trace = newTrace()
    const renderedFrom = renderGeneration()
    const send = res.send.bind(res)
    res.send = (body?: unknown) => {
      res.send = send
      if (typeof body !== 'string') return send(body)
      if (req.method === 'GET' && KEPT_STATUSES.has(res.statusCode)) {
        const headers: Record<string, string> = {}
        for (const name of KEPT_HEADERS) {
          const value = res.get(name)
          if (value) headers[name] = value
        }
        rememberPage(key, trace, renderedFrom, { status: res.statusCode, headers, body })
      }
      return send(body.split(TOKEN_PLACEHOLDER).join(token))
    }
    traceRender(trace, () => next())
  }
}
