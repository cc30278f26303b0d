// /healthz: is the process up and can it reach its database?
import { Router } from 'express'
import type { Payload } from 'payload'

import { databaseKind } from '../db/index.js'
import { databaseReachable } from '../queries/health.js'

export function healthRouter(payload: Payload): Router {
  const router = Router()
  router.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store')
    if (await databaseReachable(payload)) res.json({ status: 'ok', database: { adapter: databaseKind(), reachable: true } })
    else res.status(503).json({ status: 'error', database: { adapter: databaseKind(), reachable: false } })
  })
  return router
}
