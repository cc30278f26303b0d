// /search: stories and forum posts the viewer may see, best match first (src/queries/search.ts).
import { Router } from 'express'
import type { Payload } from 'payload'

import { SearchPage } from '../../views/pages/SearchPage.js'
import { sendPage } from '../../views/render.js'
import { HIDE_WARNINGS_COOKIE } from '../policies/readingChoices.js'
import { readerHiddenWarnings } from '../queries/readingChoices.js'
import { SEARCH_MAX_PAGE, searchSite } from '../queries/search.js'
import { pageNumber } from '../policies/pageCursor.js'
import { handle, pageContext } from './support.js'

/** The search box takes as many characters (views/pages/SearchPage.tsx, maxLength). */
const SEARCH_MAX_LENGTH = 100

export function searchRouter(payload: Payload): Router {
  const router = Router()
  router.get(
    '/search',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const query = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, SEARCH_MAX_LENGTH) : ''
      if (!query) return sendPage(res, <SearchPage ctx={ctx} query="" results={null} />)
      const user = res.locals.user ?? null
      const hidden = await readerHiddenWarnings(payload, user, req.cookies?.[HIDE_WARNINGS_COOKIE])
      const results = await searchSite(payload, user, query, pageNumber(req.query.page, SEARCH_MAX_PAGE), hidden)
      sendPage(res, <SearchPage ctx={ctx} query={query} results={results} />)
    }),
  )
  return router
}
