// The welcome page and locality pages.
import { Router } from 'express'
import type { Payload } from 'payload'

import { HomePage } from '../../views/pages/HomePage.js'
import { LocalityPage } from '../../views/pages/LocalityPage.js'
import { MessagePage } from '../../views/pages/MessagePage.js'
import { sendPage } from '../../views/render.js'
import { loadModerationSettings } from '../forum/settings.js'
import { attendancePoints, nextMeeting } from '../meetings/queries.js'
import { canReadForum } from '../policies/forumVisibility.js'
import { visibleThreads } from './forum.js'
import { visibleStoryCards } from './stories.js'
import { handle, pageContext } from './support.js'

export function pagesRouter(payload: Payload): Router {
  const router = Router()

  router.get('/', handle(async (req, res) => {
    sendPage(res, <HomePage ctx={await pageContext(payload, req, res)} />)
  }))

  router.get('/localities/:slug', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const locality = ctx.localities.find((l) => l.slug === req.params.slug)
    if (!locality) return sendNotFound(res, ctx)
    const user = res.locals.user ?? null
    const page = Math.max(1, Math.min(10_000, Number.parseInt(String(req.query.page ?? '1'), 10) || 1))
    const [{ cards }, forum, settings, upcoming, attendance] = await Promise.all([
      visibleStoryCards(payload, user, { locality: { equals: locality.id } }, { limit: 6 }),
      // A visitor at a members' forum gets the "join" message, not even a count of threads.
      canReadForum(user, locality.forumVisibility) ? visibleThreads(payload, user, locality.id, page) : Promise.resolve(null),
      loadModerationSettings(payload),
      nextMeeting(payload, user, locality.id),
      attendancePoints(payload, user, { localityId: locality.id }),
    ])
    sendPage(
      res,
      <LocalityPage ctx={ctx} locality={locality} stories={cards} forum={forum ? { ...forum, reviewHours: settings.reviewHours } : null} meetings={{ next: upcoming, attendance }} />,
    )
  }))

  return router
}

export function sendNotFound(res: Parameters<typeof sendPage>[0], ctx: Awaited<ReturnType<typeof pageContext>>) {
  sendPage(
    res,
    <MessagePage ctx={ctx} title="Page not found">
      <p>
        There is nothing at this address. It may have moved, or it may no longer be shared. Go to the <a href="/">welcome page</a>.
      </p>
    </MessagePage>,
    404,
  )
}
