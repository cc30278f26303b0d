// Meetings, their calendars, the close form and "you said, we did". Reads are made as the viewer;
// writes as the moderator, so the collection's access and hooks decide what is allowed.
import { Router, type Request, type Response } from 'express'
import type { Payload, Where } from 'payload'

import { MeetingClosePage, type CloseMeetingValues } from '../../views/pages/MeetingClosePage.js'
import { MeetingPage } from '../../views/pages/MeetingPage.js'
import { MeetingsPage } from '../../views/pages/MeetingsPage.js'
import { MessagePage } from '../../views/pages/MessagePage.js'
import { YouSaidWeDidPage } from '../../views/pages/YouSaidWeDidPage.js'
import { sendPage } from '../../views/render.js'
import { meetingsCalendar } from '../meetings/calendar.js'
import { minutesApprovalNote } from '../meetings/minutesApproval.js'
import { attendancePoints, nextMeeting, pastMeetings, upcomingMeetings, visibleActions } from '../meetings/queries.js'
import { CommandRefusal } from '../commands/errors.js'
import { closeJoinCode, openJoinCode } from '../commands/meetings/openJoinCode.js'
import { idOf } from '../db/relationId.js'
import { canOpenJoinCode } from '../policies/joinCodes.js'
import { currentJoinCode } from '../queries/joinCodes.js'
import { isActionState } from '../policies/actions.js'
import { canManageMeeting } from '../policies/meetingAccess.js'
import { hasMeetingStarted, notHappenedYetMessage } from '../policies/meetingRecord.js'
import { presentMeeting } from '../presenters/meeting.js'
import { markdownToLexical, lexicalToMarkdown } from '../richtext/index.js'
import { sendNotFound } from './pages.js'
import { fieldErrorsFrom, formText, handle, isPlausibleId, pageContext, readForm, toId } from './support.js'

type PageCtx = Awaited<ReturnType<typeof pageContext>>

const CALENDAR_HISTORY_MS = 365 * 24 * 60 * 60 * 1000
const pageNumber = (value: unknown) => Math.max(1, Math.min(10_000, Number.parseInt(String(value ?? '1'), 10) || 1))

function sendCalendar(res: Response, body: string, filename: string) {
  res.set('Cache-Control', 'no-cache').set('Content-Disposition', `inline; filename="${filename}"`).type('text/calendar; charset=utf-8').send(body)
}

async function loadMeeting(payload: Payload, user: Record<string, any> | null, id: string) {
  if (!isPlausibleId(id)) return null
  return (await payload.findByID({ collection: 'meetings', id: toId(id), depth: 1, overrideAccess: false, user, disableErrors: true })) as Record<string, any> | null
}

/** Moderators of the meeting's locality only: visitors are sent to sign in, others refused. */
function mayManage(ctx: PageCtx, req: Request, res: Response, user: Record<string, any> | null, meeting: Record<string, any>): boolean {
  if (!user) {
    res.redirect(303, `/login?next=${encodeURIComponent(`/meetings/${meeting.id}`)}`)
    return false
  }
  const localityId = meeting.locality && typeof meeting.locality === 'object' ? meeting.locality.id : meeting.locality
  if (canManageMeeting(user as never, localityId)) return true
  sendPage(
    res,
    <MessagePage ctx={ctx} title="For the meeting's moderators">
      <p>Only the moderators of this locality can record a meeting. <a href={`/meetings/${meeting.id}`}>Back to the meeting</a>.</p>
    </MessagePage>,
    403,
  )
  return false
}

/** The meeting page, with the open join code when the viewer moderates the meeting's locality. */
async function sendMeetingPage(payload: Payload, res: Response, ctx: PageCtx, user: Record<string, any> | null, meeting: Record<string, any>, error?: string, status = 200) {
  const presented = presentMeeting(meeting, user as never)
  const [actions, joinCode, approvalNote] = await Promise.all([
    visibleActions(payload, user, { meetingId: meeting.id }),
    presented.canManage ? currentJoinCode(payload, user, meeting.id) : null,
    minutesApprovalNote(payload, user as never, meeting),
  ])
  sendPage(res, <MeetingPage ctx={ctx} meeting={presented} actions={actions} joinCode={joinCode} error={error} minutesApprovalNote={approvalNote} />, status)
}

type CloseForm = CloseMeetingValues
type CloseErrors = Partial<Record<keyof CloseForm, string>>

const COUNT_RE = /^\d{1,4}$/

function checkCloseForm(form: CloseForm): CloseErrors {
  const errors: CloseErrors = {}
  const total = COUNT_RE.test(form.attendanceTotal.trim()) ? Number(form.attendanceTotal.trim()) : NaN
  const first = COUNT_RE.test(form.firstTimers.trim()) ? Number(form.firstTimers.trim()) : NaN
  if (!Number.isInteger(total) || total > 1000) errors.attendanceTotal = 'Give a whole number from 0 to 1000.'
  if (!Number.isInteger(first) || first > 1000) errors.firstTimers = 'Give a whole number from 0 to 1000.'
  else if (Number.isInteger(total) && first > total) errors.firstTimers = 'There cannot be more first-timers than people there.'
  if (form.minutesVisibility !== 'public' && form.minutesVisibility !== 'members') errors.minutesVisibility = 'Choose who can read the minutes.'
  return errors
}

export function meetingsRouter(payload: Payload): Router {
  const router = Router()

  router.get('/meetings', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const slug = typeof req.query.locality === 'string' ? req.query.locality : ''
    const locality = slug ? ctx.localities.find((l) => l.slug === slug) : undefined
    if (slug && !locality) return sendNotFound(res, ctx)
    const user = res.locals.user ?? null
    const [next, upcoming, past, attendance] = await Promise.all([
      nextMeeting(payload, user, locality?.id),
      upcomingMeetings(payload, user, locality?.id),
      pastMeetings(payload, user, locality?.id, pageNumber(req.query.page)),
      attendancePoints(payload, user, { localityId: locality?.id }),
    ])
    sendPage(res, <MeetingsPage ctx={ctx} locality={locality ?? null} next={next} upcoming={upcoming} past={past} attendance={attendance} />)
  }))

  router.get('/meetings.ics', handle(async (_req, res) => {
    const since = new Date(Date.now() - CALENDAR_HISTORY_MS).toISOString()
    sendCalendar(res, await meetingsCalendar(payload, 'Waymark forum meetings', { startsAt: { greater_than_equal: since } }), 'waymark-meetings.ics')
  }))

  router.get('/localities/:slug/meetings.ics', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const locality = ctx.localities.find((l) => l.slug === req.params.slug)
    if (!locality) return sendNotFound(res, ctx)
    const since = new Date(Date.now() - CALENDAR_HISTORY_MS).toISOString()
    const where: Where = { and: [{ locality: { equals: locality.id } }, { startsAt: { greater_than_equal: since } }] }
    sendCalendar(res, await meetingsCalendar(payload, `${locality.name} meetings · Waymark`, where), `${locality.slug}-meetings.ics`)
  }))

  router.get('/meetings/:id/calendar.ics', handle(async (req, res) => {
    const id = String(req.params.id)
    if (!isPlausibleId(id)) return sendNotFound(res, await pageContext(payload, req, res))
    const body = await meetingsCalendar(payload, 'Waymark meeting', { id: { equals: toId(id) } })
    if (!body.includes('BEGIN:VEVENT')) return sendNotFound(res, await pageContext(payload, req, res))
    sendCalendar(res, body, `meeting-${id}.ics`)
  }))

  router.get('/meetings/:id', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const user = res.locals.user ?? null
    const meeting = await loadMeeting(payload, user, String(req.params.id))
    if (!meeting) return sendNotFound(res, ctx)
    await sendMeetingPage(payload, res, ctx, user, meeting)
  }))

  // Open (or close) the meeting's join code. Visitors and members get 403: there is no sign-in
  // detour, since no visitor has a reason to be here.
  router.post('/meetings/:id/join-code', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const user = res.locals.user ?? null
    const meeting = await loadMeeting(payload, user, String(req.params.id))
    if (!meeting) return sendNotFound(res, ctx)
    if (!user || !canOpenJoinCode(user as never, idOf(meeting.locality))) {
      return sendPage(
        res,
        <MessagePage ctx={ctx} title="For the meeting's moderators">
          <p>Only the moderators of this locality can open a join code. <a href={`/meetings/${meeting.id}`}>Back to the meeting</a>.</p>
        </MessagePage>,
        403,
      )
    }
    const form = readForm(req.body, { hours: formText(10), action: formText(10) })
    try {
      if (form.action === 'close') await closeJoinCode({ payload, user, meetingId: meeting.id })
      else await openJoinCode({ payload, user, meetingId: meeting.id, hours: form.hours })
    } catch (error) {
      if (error instanceof CommandRefusal) return sendMeetingPage(payload, res, ctx, user, meeting, error.message, error.status)
      throw error
    }
    res.redirect(303, `/meetings/${meeting.id}#join-code`)
  }))

  router.get('/meetings/:id/close', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const user = res.locals.user ?? null
    const meeting = await loadMeeting(payload, user, String(req.params.id))
    if (!meeting) return sendNotFound(res, ctx)
    if (!mayManage(ctx, req, res, user, meeting)) return
    const presented = presentMeeting(meeting, user)
    const values: CloseMeetingValues = {
      attendanceTotal: presented.attendance ? String(presented.attendance.total) : '',
      firstTimers: presented.attendance ? String(presented.attendance.firstTimers) : '',
      minutes: meeting.minutes ? lexicalToMarkdown(meeting.minutes) : '',
      minutesVisibility: presented.minutesVisibility,
    }
    // Said before anyone types: a meeting that has not started cannot be recorded yet.
    const notYet = hasMeetingStarted(meeting.startsAt) ? undefined : { message: notHappenedYetMessage(meeting.startsAt), refused: false }
    sendPage(res, <MeetingClosePage ctx={ctx} meeting={presented} values={values} notYet={notYet} />)
  }))

  router.post('/meetings/:id/close', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const user = res.locals.user ?? null
    const meeting = await loadMeeting(payload, user, String(req.params.id))
    if (!meeting) return sendNotFound(res, ctx)
    if (!mayManage(ctx, req, res, user, meeting)) return
    const form = readForm(req.body, { attendanceTotal: formText(10), firstTimers: formText(10), minutes: formText(50_000), minutesVisibility: formText(20) })
    const presented = presentMeeting(meeting, user)
    const again = (errors: CloseErrors, notYet?: { message: string; refused: true }) => sendPage(res, <MeetingClosePage ctx={ctx} meeting={presented} values={form} errors={errors} notYet={notYet} />, 400)
    if (!hasMeetingStarted(meeting.startsAt)) return again({}, { message: notHappenedYetMessage(meeting.startsAt), refused: true })
    const errors = checkCloseForm(form)
    if (Object.keys(errors).length > 0) return again(errors)
    try {
      await payload.update({
        collection: 'meetings',
        id: meeting.id,
        data: {
          status: 'held',
          attendance: { total: Number(form.attendanceTotal.trim()), firstTimers: Number(form.firstTimers.trim()) },
          minutes: form.minutes.trim() ? markdownToLexical(form.minutes) : null,
          // Changed minutes need approving again.
          minutesStatus: 'draft',
          minutesVisibility: form.minutesVisibility,
        } as never,
        overrideAccess: false,
        user,
        depth: 0,
      })
    } catch (error) {
      const fieldErrors = fieldErrorsFrom(error, { 'attendance.total': 'attendanceTotal', 'attendance.firstTimers': 'firstTimers', minutesStatus: 'minutes' })
      // The meeting's start may have been moved into the future since the form was opened.
      if (fieldErrors && Object.values(fieldErrors).some((m) => /has not happened yet/.test(String(m)))) return again({}, { message: notHappenedYetMessage(meeting.startsAt), refused: true })
      if (fieldErrors) return again(fieldErrors)
      throw error
    }
    res.redirect(303, `/meetings/${meeting.id}`)
  }))

  router.post('/meetings/:id/minutes', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const user = res.locals.user ?? null
    const meeting = await loadMeeting(payload, user, String(req.params.id))
    if (!meeting) return sendNotFound(res, ctx)
    if (!mayManage(ctx, req, res, user, meeting)) return
    const { decision } = readForm(req.body, { decision: formText(20) })
    const to = ({ approve: 'approved', publish: 'published', retract: 'draft' } as const)[decision as 'approve']
    const refuse = (message: string) => sendMeetingPage(payload, res, ctx, user, meeting, message, 400)
    if (!to) return refuse('Choose approve, publish or back to draft.')
    try {
      await payload.update({ collection: 'meetings', id: meeting.id, data: { minutesStatus: to } as never, overrideAccess: false, user, depth: 0 })
    } catch (error) {
      const fieldErrors = fieldErrorsFrom(error)
      if (fieldErrors) return refuse(Object.values(fieldErrors).filter(Boolean).join(' '))
      throw error
    }
    res.redirect(303, `/meetings/${meeting.id}`)
  }))

  router.get('/you-said-we-did', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const slug = typeof req.query.locality === 'string' ? req.query.locality : ''
    const locality = slug ? ctx.localities.find((l) => l.slug === slug) : undefined
    const status = isActionState(req.query.status) ? req.query.status : undefined
    const actions = await visibleActions(payload, res.locals.user ?? null, { status, localityId: locality?.id })
    sendPage(res, <YouSaidWeDidPage ctx={ctx} actions={actions} status={status ?? ''} localitySlug={locality?.slug ?? ''} />)
  }))

  return router
}
