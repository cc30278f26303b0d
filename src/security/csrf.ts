// CSRF protection for the public forms, in two layers:
// 1. a request whose Origin or Sec-Fetch-Site says it came from another site is refused;
// 2. every state-changing form carries a token bound, by HMAC, to a random per-browser cookie.
import crypto from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'

import { secureCookies, serverURL } from '../env.js'

export const CSRF_COOKIE = 'wm_csrf'
export const CSRF_FIELD = '_csrf'

const ownOrigin = new URL(serverURL).origin

export function csrfTokenFor(secret: string, browserId: string): string {
  return crypto.createHmac('sha256', secret).update(`csrf:${browserId}`).digest('base64url')
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && crypto.timingSafeEqual(left, right)
}

/** Gives each browser its id cookie and exposes the matching token to views as res.locals.csrfToken. */
export function issueCsrfToken(secret: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    let browserId = req.cookies?.[CSRF_COOKIE]
    if (typeof browserId !== 'string' || !/^[A-Za-z0-9_-]{32,64}$/.test(browserId)) {
      browserId = crypto.randomBytes(24).toString('base64url')
      res.cookie(CSRF_COOKIE, browserId, { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/' })
      req.cookies = { ...(req.cookies ?? {}), [CSRF_COOKIE]: browserId }
    }
    res.locals.csrfToken = csrfTokenFor(secret, browserId)
    next()
  }
}

export type CsrfVerdict = { ok: true } | { ok: false; reason: string }

export function checkCsrf(secret: string, req: Request): CsrfVerdict {
  const fetchSite = req.get('sec-fetch-site')
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    return { ok: false, reason: `cross-site request (${fetchSite})` }
  }
  const origin = req.get('origin')
  if (origin && origin !== ownOrigin) return { ok: false, reason: 'foreign Origin' }
  const browserId = req.cookies?.[CSRF_COOKIE]
  const sent = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD]
  if (typeof browserId !== 'string' || typeof sent !== 'string' || !safeEqual(sent, csrfTokenFor(secret, browserId))) {
    return { ok: false, reason: 'missing or wrong form token' }
  }
  return { ok: true }
}
