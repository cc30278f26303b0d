// The community assets directory's public pages: the listing with its filters, an entry and its
// calendar. Reads are src/queries/directory.ts, as the viewer and public entries only.
import { Router } from 'express'
import type { Payload } from 'payload'

import { DirectoryEntryPage } from '../../../views/pages/DirectoryEntryPage.js'
import { DirectoryPage } from '../../../views/pages/DirectoryPage.js'
import { sendPage } from '../../../views/render.js'
import { serverURL } from '../../env.js'
import { directoryHref, readDirectoryFilters } from '../../policies/directory.js'
import { entryJsonLd, listingJsonLd } from '../../presenters/directory.js'
import { directoryCalendar, directoryEntry, directoryKinds, directoryListing } from '../../queries/directory.js'
import { handle, isPlausibleId, pageContext, sendNotFound, toId } from '../support.js'

export function directoryPagesRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/directory',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const user = res.locals.user ?? null
      const kinds = await directoryKinds(payload, user)
      const filters = readDirectoryFilters(req.query, { kinds: kinds.map((k) => k.slug), localities: ctx.localities.map((l) => l.slug) })
      const entries = await directoryListing(payload, user, {
        filters,
        kindId: kinds.find((k) => k.slug === filters.kind)?.id,
        localityId: ctx.localities.find((l) => l.slug === filters.locality)?.id,
      })
      sendPage(res, <DirectoryPage ctx={ctx} kinds={kinds} filters={filters} entries={entries} jsonLd={listingJsonLd(entries, serverURL, directoryHref(filters))} />)
    }),
  )

  router.get(
    '/directory/:id',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const id = String(req.params.id)
      const entry = isPlausibleId(id) ? await directoryEntry(payload, res.locals.user ?? null, toId(id)) : null
      if (!entry) return sendNotFound(res, ctx)
      sendPage(res, <DirectoryEntryPage ctx={ctx} entry={entry} jsonLd={entryJsonLd(entry, serverURL)} />)
    }),
  )

  router.get(
    '/directory/:id/calendar.ics',
    handle(async (req, res) => {
      const id = String(req.params.id)
      const body = isPlausibleId(id) ? await directoryCalendar(payload, toId(id)) : null
      if (!body) return sendNotFound(res, await pageContext(payload, req, res))
      res.set('Cache-Control', 'no-cache').set('Content-Disposition', `inline; filename="directory-${id}.ics"`).type('text/calendar; charset=utf-8').send(body)
    }),
  )

  return router
}
