// The welcome page and locality pages.
import { Router } from 'express'
import type { Payload } from 'payload'

import { HomePage } from '../../views/pages/HomePage.js'
import { LocalityPage } from '../../views/pages/LocalityPage.js'
import { sendPage } from '../../views/render.js'
import { THREAD_LIST_ORDER } from '../queries/forum.js'
import { homePage } from '../queries/home.js'
import { pageRequestFor } from '../queries/keyset.js'
import { localityPage } from '../queries/localities.js'
import { handle, pageContext, sendBadPageLink, sendNotFound } from './support.js'

export function pagesRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      sendPage(res, <HomePage ctx={ctx} home={await homePage(payload, res.locals.user ?? null, ctx.localities)} />)
    }),
  )

  router.get(
    '/localities/:slug',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const locality = ctx.localities.find((l) => l.slug === req.params.slug)
      if (!locality) return sendNotFound(res, ctx)
      const threadsAt = pageRequestFor(req.query, THREAD_LIST_ORDER)
      if (!threadsAt) return sendBadPageLink(res, ctx, `/localities/${locality.slug}`)
      const { stories, forum, meetings } = await localityPage(payload, res.locals.user ?? null, locality, threadsAt)
      sendPage(res, <LocalityPage ctx={ctx} locality={locality} stories={stories} forum={forum} forumFirstPage={threadsAt.kind === 'first'} meetings={meetings} />)
    }),
  )

  return router
}
