// Flagging a thread, a reply or a story for the moderators. The flag is made as the member, and only
// for an item they can see (anything else is a 404).
import { Router } from 'express'
import type { Payload } from 'payload'

import { MessagePage } from '../../../views/pages/MessagePage.js'
import { sendPage } from '../../../views/render.js'
import { flagItem } from '../../commands/forum/posting.js'
import { localCrisisServices } from '../../queries/crisisServices.js'
import { flaggedItemPath } from '../../queries/forum.js'
import { sendCrisisPanelPage } from '../support/crisisPage.js'
import { mustPost, postRefusal } from '../support/forumPosting.js'
import { formText, handle, isPlausibleId, pageContext, readForm, sendNotFound, toId } from '../support.js'

export function flagsRouter(payload: Payload): Router {
  const router = Router()

  router.post(
    '/flags',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const user = res.locals.user
      const form = readForm(req.body, { targetCollection: formText(20), targetId: formText(40), reason: formText(40), note: formText(1000) })
      if (!mustPost(ctx, res, user, '/')) return
      const back = isPlausibleId(form.targetId) ? await flaggedItemPath(payload, user, form.targetCollection, toId(form.targetId)) : null
      if (!back) return sendNotFound(res, ctx)
      try {
        const { crisis } = await flagItem({ payload, user, flag: form })
        if (crisis) return sendCrisisPanelPage(res, ctx, 'Thank you for your report', 'report', await localCrisisServices(payload, crisis.locality), back.replace(/[?#].*$/, ''))
        res.redirect(303, back)
      } catch (error) {
        const refusal = postRefusal(error)
        if (!refusal) throw error
        const message = refusal.kind === 'fields' ? Object.values(refusal.errors).filter(Boolean).join(' ') : refusal.message
        sendPage(
          res,
          <MessagePage ctx={ctx} title={refusal.status === 409 ? 'Already reported' : 'Your report was not sent'}>
            <p>{message}</p>
            <p>
              <a href={back.replace(/[?#].*$/, '')}>Go back</a>
            </p>
          </MessagePage>,
          refusal.status,
        )
      }
    }),
  )

  return router
}
