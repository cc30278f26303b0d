// The member's notifications page and its plain forms: mark one read, mark all read. Never cached (it is
// not a cacheable page), and every read is made as the member.
import { Router } from 'express'
import type { Payload } from 'payload'

import { NotificationsPage } from '../../views/pages/NotificationsPage.js'
import { sendPage } from '../../views/render.js'
import { markNotificationsRead } from '../commands/notifications/markRead.js'
import { notificationsPage } from '../queries/notifications.js'
import { formText, handle, isPlausibleId, pageContext, readForm, signedIn, toId } from './support.js'

export function notificationsRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/notifications',
    handle(async (req, res) => {
      const user = signedIn(req, res)
      if (!user) return
      const ctx = await pageContext(payload, req, res)
      const notice = req.query.marked === '1' ? 'Marked read.' : undefined
      sendPage(res, <NotificationsPage ctx={ctx} {...await notificationsPage(payload, user)} notice={notice} />)
    }),
  )

  router.post(
    '/notifications/read',
    handle(async (req, res) => {
      const user = signedIn(req, res, '/notifications')
      if (!user) return
      const { id } = readForm(req.body, { id: formText(40) })
      if (id !== 'all' && !isPlausibleId(id)) {
        const ctx = await pageContext(payload, req, res)
        return sendPage(res, <NotificationsPage ctx={ctx} {...await notificationsPage(payload, user)} notice="That notification could not be found." />, 400)
      }
      // Someone else's id, or one already read, changes nothing: the answer is the same either way.
      await markNotificationsRead({ payload, user, id: id === 'all' ? 'all' : toId(id) })
      res.redirect(303, '/notifications?marked=1')
    }),
  )

  return router
}
