// The public site shares Payload's session cookie, so a member signed in on the site is signed in
// to REST and (if a moderator) the admin, and signing out ends the session everywhere.
import crypto from 'node:crypto'

import type { NextFunction, Request, Response } from 'express'
import { createLocalReq, executeAuthStrategies, logoutOperation, type Payload } from 'payload'
import { generateExpiredPayloadCookie, generatePayloadCookie } from 'payload/shared'

import { pageCacheEnabled } from '../cache/pageCache.js'
import { rememberedViewer, viewerKey } from '../cache/viewerCache.js'

export function fetchHeaders(req: Request): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  return headers
}

/** The value of Payload's session cookie (`<prefix>-token`) in a Cookie header, or '' when there is none. */
function sessionCookieValue(cookieHeader: string | string[] | undefined, cookiePrefix: string): string {
  const name = `${cookiePrefix}-token`
  for (const part of String(cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return ''
}

/**
 * Whether a request could be signed in at all: it carries Payload's session cookie or an Authorization
 * header (a JWT or an API key). Without either, Payload's auth can only answer "nobody", so a visitor's
 * request skips it (it computes every collection's permissions: about 7% of a page's CPU).
 */
export function hasSessionCredentials(req: Pick<Request, 'headers'>, cookiePrefix: string): boolean {
  if (String(req.headers.authorization ?? '').trim() !== '') return true
  return sessionCookieValue(req.headers.cookie, cookiePrefix) !== ''
}

/**
 * Who a request's credentials belong to, as Payload's auth strategies judge them (null for a visitor or
 * anything unreadable). Only who is signed in: payload.auth() would also work out every collection's
 * permissions, which nothing here uses. A request without credentials is answered without asking.
 */
export async function viewerOf(payload: Payload, req: Request, options: { sameOriginReads: boolean }): Promise<Record<string, any> | null> {
  if (!hasSessionCredentials(req, payload.config.cookiePrefix)) return null
  try {
    const headers = fetchHeaders(req)
    // Payload ignores the cookie when a request carries neither Origin nor Sec-Fetch-Site (its CSRF
    // guard). A GET to a public page changes nothing, and older browsers send neither header, so the
    // public site treats such reads as same-origin. Every POST is checked separately (src/security/csrf.ts).
    if (options.sameOriginReads && (req.method === 'GET' || req.method === 'HEAD') && !headers.has('origin') && !headers.has('sec-fetch-site')) {
      headers.set('sec-fetch-site', 'same-origin')
    }
    const lookUp = async () => ((await executeAuthStrategies({ headers, payload, canSetHeaders: false } as Parameters<typeof executeAuthStrategies>[0])).user ?? null) as Record<string, any> | null
    const tokens = [String(req.headers.authorization ?? '').replace(/^(Bearer|JWT) /, ''), sessionCookieValue(req.headers.cookie, payload.config.cookiePrefix)]
    return pageCacheEnabled() ? await rememberedViewer(viewerKey(headers), tokens, lookUp) : await lookUp()
  } catch {
    return null
  }
}

/** Resolves the signed-in member (or null) into res.locals.user for the public routes. */
export function loadViewer(payload: Payload) {
  return async (req: Request, res: Response, next: NextFunction) => {
    res.locals.user = await viewerOf(payload, req, { sameOriginReads: true })
    next()
  }
}

const usersAuthConfig = (payload: Payload) => payload.collections.users.config.auth

export function setSessionCookie(res: Response, payload: Payload, token: string): void {
  res.append('Set-Cookie', generatePayloadCookie({ collectionAuthConfig: usersAuthConfig(payload), cookiePrefix: payload.config.cookiePrefix, token }) as string)
}

export function clearSessionCookie(res: Response, payload: Payload): void {
  res.append('Set-Cookie', generateExpiredPayloadCookie({ collectionAuthConfig: usersAuthConfig(payload), cookiePrefix: payload.config.cookiePrefix }) as string)
}

/** Ends the server-side session too, so a copied cookie stops working after sign-out. */
export async function endSession(payload: Payload, user: Record<string, any>): Promise<void> {
  const req = await createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)
  await logoutOperation({ collection: payload.collections.users, req } as never)
}

/**
 * Which sign-in this request belongs to: Payload's session id when it gives one, otherwise a hash of the
 * session token itself. Two sign-ins of the same member never share it. Null when there is no sign-in.
 */
export function sessionKeyOf(req: Request, payload: Payload, user: Record<string, any> | null): string | null {
  if (!user) return null
  if (typeof user._sid === 'string' && user._sid !== '') return `sid:${user._sid}`
  const token = sessionCookieValue(req.headers.cookie, payload.config.cookiePrefix) || String(req.headers.authorization ?? '').replace(/^(JWT|Bearer)\s+/i, '')
  return token ? `token:${crypto.createHash('sha256').update(token).digest('hex')}` : null
}
