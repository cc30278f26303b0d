// Security headers for every response. Public pages get a strict CSP (no inline script at all);
// the Payload admin, rendered by Next, needs inline scripts and styles, so it gets a looser one.
import type { RequestHandler } from 'express'
import helmet from 'helmet'

import { isHttps, isProduction, secureCookies } from '../env.js'

const common = {
  // Clickjacking: nobody may frame any page of ours.
  frameguard: { action: 'deny' as const },
  referrerPolicy: { policy: 'same-origin' as const },
  strictTransportSecurity: secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
  crossOriginEmbedderPolicy: false,
}

const upgrade = isHttps ? [] : null

export const publicHeaders: RequestHandler = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      upgradeInsecureRequests: upgrade,
    },
  },
})

export const adminHeaders: RequestHandler = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'", ...(isProduction ? [] : ["'unsafe-eval'"])],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", ...(isProduction ? [] : ['ws:'])],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      upgradeInsecureRequests: upgrade,
    },
  },
})

/** Paths the Next handler serves: the admin, Payload's REST API and Next's own assets. */
export const isNextPath = (path: string) => path === '/admin' || path.startsWith('/admin/') || path === '/api' || path.startsWith('/api/') || path.startsWith('/_next/')
