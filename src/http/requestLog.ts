// One structured log line per request (pino-http, through Payload's logger), with a request id that the
// response carries as X-Request-Id. Only the method, the path without its query string, the status and the
// time are written: never a body, a header (cookies, Authorization), a query string or a path segment that
// could be a token or an email address, or the client's address. Health checks are not logged: a proxy asks every few seconds.
import crypto from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Payload } from 'payload'
import { pinoHttp } from 'pino-http'

export const REQUEST_ID_HEADER = 'X-Request-Id'
/** An id a proxy in front already gave the request is kept when it is this plain; anything else is replaced. */
const ACCEPTED_ID = /^[A-Za-z0-9._-]{1,64}$/
const QUIET_PATHS = new Set(['/healthz', '/readyz'])

/** A path segment that could be a secret (Payload's /api/users/verify/<token>, /admin/reset/<token>) or an address. */
const SECRET_OR_ADDRESS = /^(?:[A-Za-z0-9_-]{20,}|[^/]*(?:@|%40)[^/]*)$/

/** The path as logged: no query string, and no segment that could be a token or an email address. */
export const pathOf = (url: string | undefined): string =>
  (url ?? '/')
    .split('?')[0]!
    .split('/')
    .map((segment) => (SECRET_OR_ADDRESS.test(segment) ? ':redacted' : segment))
    .join('/')

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id']
  return typeof given === 'string' && ACCEPTED_ID.test(given) ? given : crypto.randomUUID()
}

export function requestLog(payload: Payload) {
  return pinoHttp({
    // Payload's pino and pino-http's differ only in their type parameters.
    logger: payload.logger as never,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdOf(req)
      res.setHeader(REQUEST_ID_HEADER, id)
      return id
    },
    autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.has(pathOf(req.url)) },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${pathOf(req.url)} ${res.statusCode}`,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${pathOf(req.url)} ${res.statusCode}`,
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: pathOf(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // An error's message can quote what was sent; its type and stack are enough to find it.
      err: (error: Error) => ({ type: error?.name, stack: error?.stack?.split('\n').slice(1).join('\n') }),
    },
    // Each request's own logger would otherwise copy the whole request into every line it writes.
    quietReqLogger: true,
  })
}
