// The people who run volunteering: coordinators move members' interests along (/volunteer/coordinate),
// and moderators choose the coordinators of the localities they moderate (/volunteer/coordinators). Both
// pages are personal and never cached; the commands' policies decide (src/policies/volunteering.ts).
import { Router, type Request, type Response } from 'express'
import type { Payload } from 'payload'

import { MessagePage } from '../../views/pages/MessagePage.js'
import { CoordinatePage, CoordinatorsPage } from '../../views/pages/VolunteerPages.js'
import { sendPage } from '../../views/render.js'
import { CommandRefusal } from '../commands/errors.js'
import { moveInterest } from '../commands/volunteering/moveInterest.js'
import { setCoordinatesFor } from '../commands/volunteering/setCoordinatesFor.js'
import { isModerator } from '../policies/roles.js'
import { COORDINATOR_NOTE_MAX } from '../policies/volunteering.js'
import { coordinatedInterests, coordinatesAnywhere, coordinatorsFor, localitiesModeratedBy, memberByDisplayName } from '../queries/volunteering.js'
import { formText, handle, pageContext, readForm, sendNotFound, signedIn } from './support.js'

const MOVED: Record<string, string> = { moved: 'The interest has moved on. The member sees the new state in their account.' }

export function volunteerCoordinationRouter(payload: Payload): Router {
  const router = Router()

  /** The signed-in moderator and the localities whose coordinators they choose; else the sign-in page or a 404 is sent. */
  async function moderatorChoosingCoordinators(req: Request, res: Response) {
    const user = signedIn(req, res, '/volunteer/coordinators')
    if (!user) return null
    const ctx = await pageContext(payload, req, res)
    if (!isModerator(user as never)) {
      sendNotFound(res, ctx)
      return null
    }
    return { user, ctx, localities: localitiesModeratedBy(user, ctx.localities) }
  }

  // The coordinators' own page: never cached (src/cache/cacheablePages.ts lists no such path).
  router.get(
    '/volunteer/coordinate',
    handle(async (req, res) => {
      const user = signedIn(req, res, '/volunteer/coordinate')
      if (!user) return
      const ctx = await pageContext(payload, req, res)
      if (!coordinatesAnywhere(user)) {
        return sendPage(
          res,
          <MessagePage ctx={ctx} title="For volunteer coordinators">
            <p>
              This page is for the people who coordinate volunteering in a locality. <a href="/volunteer">See the open roles</a>.
            </p>
          </MessagePage>,
          403,
        )
      }
      const notice = typeof req.query.notice === 'string' ? MOVED[req.query.notice] : undefined
      res.set('Cache-Control', 'no-store')
      sendPage(res, <CoordinatePage ctx={ctx} interests={await coordinatedInterests(payload, user)} notice={notice} />)
    }),
  )

  router.post(
    '/volunteer/coordinate/:id',
    handle(async (req, res) => {
      const user = signedIn(req, res, '/volunteer/coordinate')
      if (!user) return
      const form = readForm(req.body, { state: formText(20), coordinatorNote: formText(COORDINATOR_NOTE_MAX + 1) })
      try {
        await moveInterest(payload, { actor: user, interestId: String(req.params.id), to: form.state, coordinatorNote: form.coordinatorNote || undefined })
        res.redirect(303, '/volunteer/coordinate?notice=moved')
      } catch (error) {
        if (!(error instanceof CommandRefusal)) throw error
        const ctx = await pageContext(payload, req, res)
        if (error.status === 404) return sendNotFound(res, ctx)
        res.set('Cache-Control', 'no-store')
        sendPage(res, <CoordinatePage ctx={ctx} interests={await coordinatedInterests(payload, user)} error={error.message} />, error.status)
      }
    }),
  )

  // Moderators choose who coordinates volunteering in the localities they moderate (never cached).
  router.get(
    '/volunteer/coordinators',
    handle(async (req, res) => {
      const moderator = await moderatorChoosingCoordinators(req, res)
      if (!moderator) return
      const { user, ctx, localities } = moderator
      res.set('Cache-Control', 'no-store')
      const notice = req.query.notice === 'saved' ? 'Saved, and written to the moderation log.' : undefined
      sendPage(res, <CoordinatorsPage ctx={ctx} coordinators={await coordinatorsFor(payload, user, localities)} localities={localities} notice={notice} />)
    }),
  )

  router.post(
    '/volunteer/coordinators',
    handle(async (req, res) => {
      const moderator = await moderatorChoosingCoordinators(req, res)
      if (!moderator) return
      const { user, ctx, localities } = moderator
      const form = readForm(req.body, { displayName: formText(100), locality: formText(40), change: formText(10) })
      const errors: Record<string, string | undefined> = {}
      const locality = localities.find((l) => String(l.id) === form.locality)
      if (!locality) errors.locality = 'Choose one of the localities you moderate.'
      if (form.change !== 'add' && form.change !== 'remove') errors.change = 'Choose whether to add or remove them.'
      const member = await memberByDisplayName(payload, user, form.displayName)
      if (!member) errors.displayName = 'There is no member with that display name.'
      if (member && locality && form.change === 'add' && member.coordinatesFor.includes(String(locality.id))) errors.displayName = 'They already coordinate volunteering there.'
      if (member && locality && form.change === 'remove' && !member.coordinatesFor.includes(String(locality.id))) errors.displayName = 'They do not coordinate volunteering there.'
      if (!Object.values(errors).some(Boolean) && member && locality) {
        const next = form.change === 'add' ? [...member.coordinatesFor, String(locality.id)] : member.coordinatesFor.filter((id) => id !== String(locality.id))
        try {
          await setCoordinatesFor(payload, { actor: user, memberId: member.id, localities: next })
          return res.redirect(303, '/volunteer/coordinators?notice=saved')
        } catch (error) {
          if (!(error instanceof CommandRefusal)) throw error
          errors.form = error.message
        }
      }
      res.set('Cache-Control', 'no-store')
      sendPage(res, <CoordinatorsPage ctx={ctx} coordinators={await coordinatorsFor(payload, user, localities)} localities={localities} errors={errors} values={form} />, 400)
    }),
  )

  return router
}
