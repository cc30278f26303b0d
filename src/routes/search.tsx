// /search: stories and forum posts the viewer may see. Every query runs as the viewer, so the same
// read access (canSee, canSeePost) filters the results.
import { Router } from 'express'
import type { Payload } from 'payload'

import { SearchPage } from '../../views/pages/SearchPage.js'
import { sendPage } from '../../views/render.js'
import { searchSite } from '../queries/search.js'
import { handle, pageContext } from './support.js'

export function searchRouter(payload: Payload): Router {
  const router = Router()
  router.get(
    '/search',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const query = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : ''
      if (!query) return sendPage(res, <SearchPage ctx={ctx} query="" results={null} forum={[]} />)
      const { stories, forum } = await searchSite(payload, res.locals.user ?? null, query)
      sendPage(res, <SearchPage ctx={ctx} query={query} results={stories} forum={forum} />)
    }),
  )
  return router
}
