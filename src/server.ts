// One process, two faces: Express serves the public site itself and hands /admin, /api and
// Next's assets to the Next request handler (the Payload admin and REST API).
import path from 'node:path'
import type { Server } from 'node:http'
import cookieParser from 'cookie-parser'
import express, { type ErrorRequestHandler } from 'express'
import next from 'next'
import { getPayload, type Payload } from 'payload'

import config from './payload.config.js'
import { SITE_BUSY_MESSAGE, SITE_BUSY_RETRY_SECONDS, SiteBusyError } from './db/siteBusy.js'
import { closeBrokenPayloadDoors } from './security/payloadDoors.js'
import { guardRestParameters } from './security/restParameters.js'
import { fetchHeaders, loadViewer } from './auth/session.js'
import { environment, isProduction, port as defaultPort, rootDir } from './env.js'
import { canEnterSafeguardingWork } from './policies/safeguarding.js'
import { memberMessagesRouter } from './routes/memberMessages.js'
import { messagesRouter } from './routes/messages.js'
import { notificationsRouter } from './routes/notifications.js'
import { followsRouter } from './routes/forum/follows.js'
import { threadVisits } from './routes/forum/threadVisits.js'
import { accountRouter } from './routes/account.js'
import { joinRouter } from './routes/auth/join.js'
import { passwordsRouter } from './routes/auth/passwords.js'
import { signInRouter } from './routes/auth/signIn.js'
import { feedsRouter } from './routes/feeds.js'
import { editsRouter } from './routes/forum/edits.js'
import { flagsRouter } from './routes/forum/flags.js'
import { forumRouter } from './routes/forum/threads.js'
import { healthRouter } from './routes/health.js'
import { meetingCalendarsRouter } from './routes/meetings/calendars.js'
import { meetingFormsRouter } from './routes/meetings/forms.js'
import { meetingPagesRouter } from './routes/meetings/pages.js'
import { myStoriesRouter } from './routes/myStories/manage.js'
import { myStoryWritingRouter } from './routes/myStories/write.js'
import { reportsRouter } from './routes/reports.js'
import { volunteerRouter } from './routes/volunteer.js'
import { volunteerCoordinationRouter } from './routes/volunteerCoordination.js'
import { searchRouter } from './routes/search.js'
import { readingChoicesKey, storiesLikeMineRouter } from './routes/storiesLikeMine.js'
import { storiesRouter } from './routes/stories.js'
import { unsubscribeRouter } from './routes/unsubscribe.js'
import { pagesRouter } from './routes/pages.js'
import { directoryPagesRouter } from './routes/directory/pages.js'
import { directorySuggestRouter } from './routes/directory/suggest.js'
import { directoryModerationRouter } from './routes/directory/moderate.js'
import { aboutRouter } from './routes/about.js'
import { privacyRouter } from './routes/privacy.js'
import { pageContext, sendNotFound } from './routes/support.js'
import { renderProblem } from './routes/problem.js'
import { MAX_UPLOAD_BYTES } from './policies/media.js'
import { checkCsrf, issueCsrfToken } from './security/csrf.js'
import { throttleRestLogin } from './security/ipLimits.js'
import { parseMultipart, UploadTooLarge } from './security/multipart.js'
import { adminHeaders, isNextPath, publicHeaders } from './security/headers.js'
import { startInvalidationBus } from './cache/invalidation.js'
import { servePageCache } from './cache/servePageCache.js'
import { serveRestCache } from './cache/serveRestCache.js'
import { requestLog } from './http/requestLog.js'
import { drainAndClose } from './http/shutdown.js'

export type StartOptions = { port?: number; dev?: boolean; quiet?: boolean }
export type RunningServer = {
  payload: Payload
  server: Server
  url: string
  /** Stops at once (tests). */
  close: () => Promise<void>
  /** SIGTERM: stops accepting, lets in-flight requests finish for up to `graceMs`, then releases everything. */
  shutdown: (graceMs: number) => Promise<void>
}

// Admin pages anyone may open, so that a moderator can sign in there.
const ADMIN_PUBLIC_PATHS = ['/admin/login', '/admin/logout', '/admin/forgot', '/admin/reset', '/admin/unauthorized']

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const payload = await getPayload({ config, cron: true })
  const nextApp = next({ dev: options.dev ?? false, dir: rootDir, quiet: options.quiet ?? true })
  await nextApp.prepare()
  const nextHandler = nextApp.getRequestHandler()

  const app = express()
  app.disable('x-powered-by')
  // Hops, addresses or subnets, already read as Express means them (src/config/rules.ts).
  if (environment.TRUST_PROXY !== undefined) app.set('trust proxy', environment.TRUST_PROXY)
  let shuttingDown = false

  app.use(requestLog(payload))
  // While draining, every answer tells the client not to send its next request on this connection.
  app.use((_req, res, nextFn) => {
    if (shuttingDown) res.set('Connection', 'close')
    nextFn()
  })
  app.use((req, res, nextFn) => (isNextPath(req.path) ? adminHeaders(req, res, nextFn) : publicHeaders(req, res, nextFn)))
  app.use(healthRouter(payload, () => shuttingDown))
  app.use('/assets', express.static(path.join(rootDir, 'views', 'assets'), { maxAge: isProduction ? '1h' : 0, fallthrough: false }))
  // `npm run bench` measures pages against a static file served by this same Express.
  if (process.env.WAYMARK_BENCH_STATIC_DIR) app.use('/__bench-static', express.static(process.env.WAYMARK_BENCH_STATIC_DIR))

  app.use(throttleRestLogin(payload))
  // The admin is the moderators' workplace (and the crisis part of it the safeguarding leads'): a signed-in
  // member is turned away before Next renders anything.
  app.use('/admin', async (req, res, nextFn) => {
    const fullPath = req.originalUrl.split('?')[0]!
    if (ADMIN_PUBLIC_PATHS.some((p) => fullPath === p || fullPath.startsWith(`${p}/`))) return nextFn()
    try {
      const { user } = await payload.auth({ headers: fetchHeaders(req) })
      if (user && !canEnterSafeguardingWork(user as never)) {
        res.status(403).type('text/plain').set('Cache-Control', 'no-store').send('The moderation area is for moderators only.')
        return
      }
    } catch {
      // Unreadable cookie: Next's login page will deal with it.
    }
    nextFn()
  })
  // Requests from outside ask only what the site declares (src/policies/queryAllowList.ts).
  app.use('/api', guardRestParameters(payload))
  app.use('/api', closeBrokenPayloadDoors(payload))
  // A visitor's REST reads from the page cache, after the guard has refused anything undeclared.
  app.use('/api', serveRestCache({ cookiePrefix: payload.config.cookiePrefix, collections: Object.keys(payload.collections) }))
  // Next's image optimizer would keep its own copy of a cover after the story is withdrawn. Nothing here
  // uses it (pictures are served by /api/media/file, which asks the media collection's read access).
  app.all(/^\/_next\/image(\/.*)?$/, (_req, res) => {
    res.status(404).set('Cache-Control', 'no-store').type('text/plain').send('Not found.')
  })
  app.all(/^\/(admin|api|_next)(\/.*)?$/, (req, res) => nextHandler(req, res))

  // Everything below is the public site.
  const secret = payload.secret
  app.use(cookieParser())
  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 100 }))
  app.use(parseMultipart({ maxFileBytes: MAX_UPLOAD_BYTES }))
  app.use(issueCsrfToken(secret))
  app.use(loadViewer(payload))
  // Token-authorised (see the router): mail clients post here without a form token.
  app.use(unsubscribeRouter(payload))
  app.use((req, res, nextFn) => {
    if (req.method !== 'POST' && req.method !== 'PUT' && req.method !== 'PATCH' && req.method !== 'DELETE') return nextFn()
    const verdict = checkCsrf(secret, req)
    if (verdict.ok) return nextFn()
    payload.logger.warn({ msg: `Refused ${req.method} ${req.path}: ${verdict.reason}` })
    void renderProblem(payload, req, res, 403, 'This form has expired', 'For your safety we could not accept that form. Go back, reload the page and try again.')
  })

  // Whole public pages from memory when nothing they read has changed (src/cache/, README "Page cache").
  // A member's place in a thread is read (and their visit recorded) before the cache: it is in the page's key.
  app.use(threadVisits(payload))
  app.use(readingChoicesKey())
  app.use(servePageCache())
  app.use(pagesRouter(payload))
  app.use(aboutRouter(payload))
  app.use(joinRouter(payload))
  app.use(signInRouter(payload))
  app.use(passwordsRouter(payload))
  app.use(accountRouter(payload))
  // Before messagesRouter: /account/messages/new is not a conversation id.
  app.use(memberMessagesRouter(payload))
  app.use(messagesRouter(payload))
  app.use(notificationsRouter(payload))
  app.use(followsRouter(payload))
  app.use(privacyRouter(payload))
  // The author's routes come first: /stories/new must not be read as a story called "new".
  app.use(myStoryWritingRouter(payload))
  app.use(myStoriesRouter(payload))
  app.use(storiesLikeMineRouter(payload))
  app.use(storiesRouter(payload))
  app.use(forumRouter(payload))
  app.use(flagsRouter(payload))
  app.use(editsRouter(payload))
  app.use(meetingPagesRouter(payload))
  app.use(meetingCalendarsRouter(payload))
  app.use(meetingFormsRouter(payload))
  // Before the directory's pages: /directory/suggest is not an entry id.
  app.use(directorySuggestRouter(payload))
  app.use(directoryModerationRouter(payload))
  app.use(directoryPagesRouter(payload))
  app.use(reportsRouter(payload))
  app.use(volunteerCoordinationRouter(payload))
  app.use(volunteerRouter(payload))
  app.use(searchRouter(payload))
  app.use(feedsRouter(payload))

  app.use(async (req, res) => sendNotFound(res, await pageContext(payload, req, res)))
  app.use(errorHandler(payload))

  await startInvalidationBus()
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(options.port ?? defaultPort, '0.0.0.0', () => resolve(s))
  })
  const address = server.address()
  const boundPort = typeof address === 'object' && address ? address.port : (options.port ?? defaultPort)
  return {
    payload,
    server,
    url: `http://127.0.0.1:${boundPort}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections?.()
    },
    shutdown: async (graceMs: number) => {
      shuttingDown = true
      await drainAndClose(payload, server, graceMs)
    },
  }
}

function errorHandler(payload: Payload): ErrorRequestHandler {
  return (error, req, res, _next) => {
    // Body-parser errors (too large, malformed) are the sender's fault, not ours.
    const busy = error instanceof SiteBusyError
    const status = busy ? 503 : typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500
    if (status === 500) payload.logger.error({ err: error, msg: `Unhandled error on ${req.method} ${req.path}` })
    if (busy) payload.logger.warn({ err: error, msg: `Busy: no turn to write on ${req.method} ${req.path}` })
    if (res.headersSent) return
    if (busy) res.set('Retry-After', String(SITE_BUSY_RETRY_SECONDS))
    const message =
      status === 413
        ? error instanceof UploadTooLarge
          ? 'That picture is larger than 10 MB. Choose a smaller one; nothing was saved.'
          : 'That was too much to send at once. Shorten it and try again.'
        : busy
          ? SITE_BUSY_MESSAGE
          : status === 500
            ? 'Something went wrong on our side. Nothing you sent was lost; please try again.'
            : 'We could not understand that request.'
    const title = status === 500 ? 'Sorry, something went wrong' : busy ? 'The site is busy' : 'There is a problem'
    void renderProblem(payload, req, res, status, title, message)
  }
}
