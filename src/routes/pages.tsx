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
import { newsForThreads } from '../queries/threadNews.js'
import { followsLocality } from '../commands/notifications/localityFollow.js'
import { serverURL } from '../env.js'
import { listingJsonLd } from '../presenters/directory.js'
import { HIDE_WARNINGS_COOKIE } from '../policies/readingChoices.js'
import { readerHiddenWarnings } from '../queries/readingChoices.js'
import { handle, pageContext, sendBadPageLink, sendNotFound } from './support.js'

export function pagesRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const user = res.locals.user ?? null
      const hidden = await readerHiddenWarnings(payload, user, req.cookies?.[HIDE_WARNINGS_COOKIE])
      sendPage(res, <HomePage ctx={ctx} home={await homePage(payload, user, ctx.localities, hidden)} />)
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
      const user = res.locals.user ?? null
      const hidden = await readerHiddenWarnings(payload, user, req.cookies?.[HIDE_WARNINGS_COOKIE])
      const { stories, forum, meetings, directory } = await localityPage(payload, user, locality, threadsAt, hidden)
      // For a member: what is new in each listed thread, and whether they follow this forum.
      const news = forum ? await newsForThreads(payload, user, forum.threads) : {}
      const following = user ? followsLocality(user, locality, ctx.localities) : undefined
      sendPage(
        res,
        <LocalityPage
          ctx={ctx}
          locality={locality}
          stories={stories}
          forum={forum ? { ...forum, news } : null}
          forumFirstPage={threadsAt.kind === 'first'}
          meetings={meetings}
          directory={directory}
          directoryJsonLd={directory.entries.length > 0 ? listingJsonLd(directory.entries, serverURL, `/localities/${locality.slug}`) : null}
          following={following}
        />,
      )
    }),
  )

  return router
}
