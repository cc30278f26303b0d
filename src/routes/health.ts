// /healthz: is the process up and can it reach its database?
import { Router } from 'express'
import type { Payload } from 'payload'

import { databaseKind } from '../db/index.js'

export function healthRouter(payload: Payload): Router {
  const router = Router()
  router.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store')
    try {
      // A count of localities touches the database without reading anything private.
      await payload.count({ collection: 'localities', overrideAccess: true })
      res.json({ status: 'ok', database: { adapter: databaseKind(), reachable: true } })
    } catch {
      res.status(503).json({ status: 'error', database: { adapter: databaseKind(), reachable: false } })
    }
  })
  return router
}
