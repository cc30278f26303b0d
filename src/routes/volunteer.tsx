// Volunteering and peer mentoring: the open roles (/volunteer) and one role with its "I'm interested" form
// (the coordinators' pages are src/routes/volunteerCoordination.tsx). Reads are made as the viewer; writes are
// commands whose policies and collection access decide (src/policies/volunteering.ts).
import { Router } from 'express'
import type { Payload } from 'payload'

import { MessagePage } from '../../views/pages/MessagePage.js'
import { OpportunityPage, VolunteerPage } from '../../views/pages/VolunteerPages.js'
import { sendPage } from '../../views/render.js'
import { CommandRefusal } from '../commands/errors.js'
import { expressInterest } from '../commands/volunteering/expressInterest.js'
import { NOTE_MAX } from '../policies/volunteering.js'
import { localCrisisServices } from '../queries/crisisServices.js'
import { coordinatesAnywhere, openOpportunities, opportunityForViewer, ownInterestIn } from '../queries/volunteering.js'
import { sendCrisisPanelPage } from './support/crisisPage.js'
import { postRefusal } from './support/forumPosting.js'
import { formText, handle, isPlausibleId, pageContext, readForm, sendNotFound, signedIn, toId } from './support.js'

export function volunteerRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/volunteer',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const slug = typeof req.query.locality === 'string' ? req.query.locality : ''
      const locality = slug ? ctx.localities.find((l) => l.slug === slug) : undefined
      if (slug && !locality) return sendNotFound(res, ctx)
      const user = res.locals.user ?? null
      const opportunities = await openOpportunities(payload, user, locality?.id)
      sendPage(res, <VolunteerPage ctx={ctx} opportunities={opportunities} localitySlug={locality?.slug ?? ''} coordinator={coordinatesAnywhere(user)} />)
    }),
  )

  router.get(
    '/volunteer/:id',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const id = String(req.params.id)
      const user = res.locals.user ?? null
      const opportunity = isPlausibleId(id) ? await opportunityForViewer(payload, user, toId(id)) : null
      if (!opportunity) return sendNotFound(res, ctx)
      sendPage(res, <OpportunityPage ctx={ctx} opportunity={opportunity} interest={await ownInterestIn(payload, user, toId(id))} />)
    }),
  )

  router.post(
    '/volunteer/:id/interest',
    handle(async (req, res) => {
      const id = String(req.params.id)
      const user = signedIn(req, res, `/volunteer/${isPlausibleId(id) ? id : ''}`)
      if (!user) return
      const ctx = await pageContext(payload, req, res)
      const opportunity = isPlausibleId(id) ? await opportunityForViewer(payload, user, toId(id)) : null
      if (!opportunity) return sendNotFound(res, ctx)
      const form = readForm(req.body, { note: formText(NOTE_MAX + 1000) })
      const note = form.note.trim()
      if (note.length > NOTE_MAX) {
        return sendPage(res, <OpportunityPage ctx={ctx} opportunity={opportunity} interest={null} note={note} errors={{ note: `Keep the note to ${NOTE_MAX} characters.` }} />, 400)
      }
      try {
        const { crisis } = await expressInterest({ payload, user, opportunityId: toId(id), note })
        // Crisis words in the note: it is sent and the leads alerted; the member sees who to call, now.
        if (crisis) return sendCrisisPanelPage(res, ctx, 'Your interest is noted', 'interest', await localCrisisServices(payload, crisis.locality), `/volunteer/${opportunity.id}`)
        res.redirect(303, `/volunteer/${opportunity.id}`)
      } catch (error) {
        const refusal = error instanceof CommandRefusal ? { kind: 'refused' as const, status: error.status, message: error.message } : postRefusal(error)
        if (!refusal) throw error
        const message = refusal.kind === 'fields' ? Object.values(refusal.errors).filter(Boolean).join(' ') : 'message' in refusal ? refusal.message : 'Please try again.'
        sendPage(
          res,
          <MessagePage ctx={ctx} title={refusal.status === 409 ? 'Already noted' : 'Your interest was not sent'}>
            <p>{message}</p>
            <p>
              <a href={`/volunteer/${opportunity.id}`}>Back to {opportunity.title}</a>
            </p>
          </MessagePage>,
          refusal.status === 422 ? 400 : refusal.status,
        )
      }
    }),
  )

  return router
}
