// The calendar feeds: every meeting, a locality's meetings, one meeting. Always built as a visitor
// sees the site, whoever asks (src/queries/meetings.ts).
import { Router, type Response } from 'express'
import type { Payload } from 'payload'

import { meetingCalendar, meetingsCalendar } from '../../queries/meetings.js'
import { handle, isPlausibleId, pageContext, sendNotFound, toId } from '../support.js'

function sendCalendar(res: Response, body: string, filename: string) {
  res.set('Cache-Control', 'no-cache').set('Content-Disposition', `inline; filename="${filename}"`).type('text/calendar; charset=utf-8').send(body)
}

export function meetingCalendarsRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/meetings.ics',
    handle(async (_req, res) => {
      sendCalendar(res, await meetingsCalendar(payload, 'Waymark forum meetings'), 'waymark-meetings.ics')
    }),
  )

  router.get(
    '/localities/:slug/meetings.ics',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const locality = ctx.localities.find((l) => l.slug === req.params.slug)
      if (!locality) return sendNotFound(res, ctx)
      sendCalendar(res, await meetingsCalendar(payload, `${locality.name} meetings · Waymark`, locality.id), `${locality.slug}-meetings.ics`)
    }),
  )

  router.get(
    '/meetings/:id/calendar.ics',
    handle(async (req, res) => {
      const id = String(req.params.id)
      const body = isPlausibleId(id) ? await meetingCalendar(payload, toId(id)) : null
      if (!body) return sendNotFound(res, await pageContext(payload, req, res))
      sendCalendar(res, body, `meeting-${id}.ics`)
    }),
  )

  return router
}
