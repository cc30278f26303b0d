// The meeting's moderators at work: open or close its join code, record it (attendance and minutes),
// and move its minutes on. Writes are commands made as the moderator, so the meetings collection's
// access and hooks decide what is allowed; this router checks the form and shapes the pages.
import { Router, type Request, type Response } from 'express'
import type { Payload } from 'payload'

import type { PageContext } from '../../../views/components/PageContext.js'
import { MeetingClosePage } from '../../../views/pages/MeetingClosePage.js'
import { MeetingPage } from '../../../views/pages/MeetingPage.js'
import { MessagePage } from '../../../views/pages/MessagePage.js'
import { sendPage } from '../../../views/render.js'
import { CommandRefusal } from '../../commands/errors.js'
import { closeJoinCode, openJoinCode } from '../../commands/meetings/openJoinCode.js'
import { MINUTES_DECISIONS, recordMeeting, setMinutesStatus } from '../../commands/meetings/recordMeeting.js'
import { idOf } from '../../db/relationId.js'
import { canOpenJoinCode } from '../../policies/joinCodes.js'
import { canManageMeeting } from '../../policies/meetingAccess.js'
import { hasMeetingStarted, notHappenedYetMessage } from '../../policies/meetingRecord.js'
import { presentCloseFormValues, presentMeeting } from '../../presenters/meeting.js'
import { meetingForViewer, meetingPage } from '../../queries/meetings.js'
import { fieldErrorsFrom, formText, handle, isPlausibleId, pageContext, readForm, sendNotFound, toId } from '../support.js'
import { checkCloseForm, type CloseErrors } from '../support/meetingForms.js'

type Meeting = Record<string, any>
function refuseNonModerator(res: Response, ctx: PageContext, meeting: Meeting, what: string) {
  sendPage(
    res,
    <MessagePage ctx={ctx} title="For the meeting's moderators">
      <p>
        Only the moderators of this locality can {what}. <a href={`/meetings/${meeting.id}`}>Back to the meeting</a>.
      </p>
    </MessagePage>,
    403,
  )
}

/** Moderators of the meeting's locality only: visitors are sent to sign in, others refused. */
function mayManage(ctx: PageContext, res: Response, user: Record<string, any> | null, meeting: Meeting): boolean {
  if (!user) {
    res.redirect(303, `/login?next=${encodeURIComponent(`/meetings/${meeting.id}`)}`)
    return false
  }
  if (canManageMeeting(user as never, idOf(meeting.locality))) return true
  refuseNonModerator(res, ctx, meeting, 'record a meeting')
  return false
}

export function meetingFormsRouter(payload: Payload): Router {
  const router = Router()

  /** The page frame, the viewer and the meeting they may read (null after sending the 404). */
  async function target(req: Request, res: Response) {
    const ctx = await pageContext(payload, req, res)
    const user = res.locals.user ?? null
    const id = String(req.params.id)
    const meeting = isPlausibleId(id) ? await meetingForViewer(payload, user, toId(id)) : null
    if (!meeting) sendNotFound(res, ctx)
    return { ctx, user, meeting }
  }

  const sendMeetingPage = async (res: Response, ctx: PageContext, user: Record<string, any> | null, meeting: Meeting, error: string, status: number) =>
    sendPage(res, <MeetingPage ctx={ctx} {...await meetingPage(payload, user, meeting)} error={error} />, status)

  // Open (or close) the meeting's join code. Visitors and members get 403: there is no sign-in
  // detour, since no visitor has a reason to be here.
  router.post(
    '/meetings/:id/join-code',
    handle(async (req, res) => {
      const { ctx, user, meeting } = await target(req, res)
      if (!meeting) return
      if (!user || !canOpenJoinCode(user as never, idOf(meeting.locality))) return refuseNonModerator(res, ctx, meeting, 'open a join code')
      const form = readForm(req.body, { hours: formText(10), action: formText(10) })
      try {
        if (form.action === 'close') await closeJoinCode({ payload, user, meetingId: meeting.id })
        else await openJoinCode({ payload, user, meetingId: meeting.id, hours: form.hours })
      } catch (error) {
        if (error instanceof CommandRefusal) return sendMeetingPage(res, ctx, user, meeting, error.message, error.status)
        throw error
      }
      res.redirect(303, `/meetings/${meeting.id}#join-code`)
    }),
  )

  router.get(
    '/meetings/:id/close',
    handle(async (req, res) => {
      const { ctx, user, meeting } = await target(req, res)
      if (!meeting || !mayManage(ctx, res, user, meeting)) return
      const presented = presentMeeting(meeting, user)
      // Said before anyone types: a meeting that has not started cannot be recorded yet.
      const notYet = hasMeetingStarted(meeting.startsAt) ? undefined : { message: notHappenedYetMessage(meeting.startsAt), refused: false }
      sendPage(res, <MeetingClosePage ctx={ctx} meeting={presented} values={presentCloseFormValues(meeting, presented)} notYet={notYet} />)
    }),
  )

  router.post(
    '/meetings/:id/close',
    handle(async (req, res) => {
      const { ctx, user, meeting } = await target(req, res)
      if (!meeting || !mayManage(ctx, res, user, meeting)) return
      const form = readForm(req.body, { attendanceTotal: formText(10), firstTimers: formText(10), minutes: formText(50_000), minutesVisibility: formText(20) })
      const presented = presentMeeting(meeting, user)
      const again = (errors: CloseErrors, notYet?: { message: string; refused: true }) =>
        sendPage(res, <MeetingClosePage ctx={ctx} meeting={presented} values={form} errors={errors} notYet={notYet} />, 400)
      if (!hasMeetingStarted(meeting.startsAt)) return again({}, { message: notHappenedYetMessage(meeting.startsAt), refused: true })
      const errors = checkCloseForm(form)
      if (Object.keys(errors).length > 0) return again(errors)
      try {
        const counts = { attendanceTotal: Number(form.attendanceTotal.trim()), firstTimers: Number(form.firstTimers.trim()) }
        await recordMeeting({ payload, user: user!, meetingId: meeting.id, ...counts, minutes: form.minutes, minutesVisibility: form.minutesVisibility })
      } catch (error) {
        const fieldErrors = fieldErrorsFrom(error, { 'attendance.total': 'attendanceTotal', 'attendance.firstTimers': 'firstTimers', minutesStatus: 'minutes' })
        // The meeting's start may have been moved into the future since the form was opened.
        if (fieldErrors && Object.values(fieldErrors).some((m) => /has not happened yet/.test(String(m)))) return again({}, { message: notHappenedYetMessage(meeting.startsAt), refused: true })
        if (fieldErrors) return again(fieldErrors)
        throw error
      }
      res.redirect(303, `/meetings/${meeting.id}`)
    }),
  )

  router.post(
    '/meetings/:id/minutes',
    handle(async (req, res) => {
      const { ctx, user, meeting } = await target(req, res)
      if (!meeting || !mayManage(ctx, res, user, meeting)) return
      const { decision } = readForm(req.body, { decision: formText(20) })
      const to = MINUTES_DECISIONS[decision as keyof typeof MINUTES_DECISIONS]
      const refuse = (message: string) => sendMeetingPage(res, ctx, user, meeting, message, 400)
      if (!to) return refuse('Choose approve, publish or back to draft.')
      try {
        await setMinutesStatus({ payload, user: user!, meetingId: meeting.id, to })
      } catch (error) {
        const fieldErrors = fieldErrorsFrom(error)
        if (fieldErrors) return refuse(Object.values(fieldErrors).filter(Boolean).join(' '))
        throw error
      }
      res.redirect(303, `/meetings/${meeting.id}`)
    }),
  )

  return router
}
