// Follow and unfollow buttons (plain forms) on a forum's page and on a thread's page.
import { Router } from 'express'
import type { Payload } from 'payload'

import { setLocalityFollow } from '../../commands/notifications/localityFollow.js'
import { setThreadFollow } from '../../commands/notifications/threadState.js'
import { formText, handle, isPlausibleId, pageContext, readForm, sendNotFound, signedIn, toId } from '../support.js'

const wantsFollow = (body: unknown) => readForm(body, { follow: formText(5) }).follow === 'yes'

export function followsRouter(payload: Payload): Router {
  const router = Router()

  router.post(
    '/threads/:id/follow',
    handle(async (req, res) => {
      const id = String(req.params.id).slice(0, 40)
      const user = signedIn(req, res, `/threads/${encodeURIComponent(id)}`)
      if (!user) return
      const followed = isPlausibleId(id) && (await setThreadFollow({ payload, user, threadId: toId(id), follow: wantsFollow(req.body) }))
      if (!followed) return sendNotFound(res, await pageContext(payload, req, res))
      res.redirect(303, `/threads/${id}`)
    }),
  )

  router.post(
    '/localities/:slug/follow',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const locality = ctx.localities.find((l) => l.slug === req.params.slug)
      const user = signedIn(req, res, locality ? `/localities/${locality.slug}` : '/')
      if (!user) return
      if (!locality) return sendNotFound(res, ctx)
      await setLocalityFollow({ payload, user, locality, localities: ctx.localities, follow: wantsFollow(req.body) })
      res.redirect(303, `/localities/${locality.slug}`)
    }),
  )

  return router
}
