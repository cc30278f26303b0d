// Meetings, one meeting, and "you said, we did". Reads are made as the viewer, so field access strips
// joining details and minutes the viewer may not see.
import { Router } from 'express'
import type { Payload } from 'payload'

import { MeetingPage } from '../../../views/pages/MeetingPage.js'
import { MeetingsPage } from '../../../views/pages/MeetingsPage.js'
import { YouSaidWeDidPage } from '../../../views/pages/YouSaidWeDidPage.js'
import { sendPage } from '../../../views/render.js'
import { isActionState } from '../../policies/actions.js'
import { pageRequestFor } from '../../queries/keyset.js'
import { attendancePoints, meetingForViewer, meetingPage, nextMeeting, PAST_MEETINGS_ORDER, pastMeetings, upcomingMeetings, visibleActions } from '../../queries/meetings.js'
import { handle, isPlausibleId, pageContext, sendBadPageLink, sendNotFound, toId } from '../support.js'

export function meetingPagesRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/meetings',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const slug = typeof req.query.locality === 'string' ? req.query.locality : ''
      const locality = slug ? ctx.localities.find((l) => l.slug === slug) : undefined
      if (slug && !locality) return sendNotFound(res, ctx)
      const pastAt = pageRequestFor(req.query, PAST_MEETINGS_ORDER)
      if (!pastAt) return sendBadPageLink(res, ctx, locality ? `/meetings?locality=${locality.slug}` : '/meetings')
      const user = res.locals.user ?? null
      const [next, upcoming, past, attendance] = await Promise.all([
        nextMeeting(payload, user, locality?.id),
        upcomingMeetings(payload, user, locality?.id),
        pastMeetings(payload, user, locality?.id, pastAt),
        attendancePoints(payload, user, { localityId: locality?.id }),
      ])
      sendPage(res, <MeetingsPage ctx={ctx} locality={locality ?? null} next={next} upcoming={upcoming} past={{ ...past, firstPage: pastAt.kind === 'first' }} attendance={attendance} />)
    }),
  )

  router.get(
    '/meetings/:id',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const user = res.locals.user ?? null
      const id = String(req.params.id)
      const meeting = isPlausibleId(id) ? await meetingForViewer(payload, user, toId(id)) : null
      if (!meeting) return sendNotFound(res, ctx)
      sendPage(res, <MeetingPage ctx={ctx} {...await meetingPage(payload, user, meeting)} />)
    }),
  )

  router.get(
    '/you-said-we-did',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const slug = typeof req.query.locality === 'string' ? req.query.locality : ''
      const locality = slug ? ctx.localities.find((l) => l.slug === slug) : undefined
      const status = isActionState(req.query.status) ? req.query.status : undefined
      const actions = await visibleActions(payload, res.locals.user ?? null, { status, localityId: locality?.id })
      sendPage(res, <YouSaidWeDidPage ctx={ctx} actions={actions} status={status ?? ''} localitySlug={locality?.slug ?? ''} />)
    }),
  )

  return router
}
