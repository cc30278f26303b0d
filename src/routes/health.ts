// /healthz: is the process alive (for a supervisor that restarts it)? /readyz: can it serve (for a load
// balancer that sends it traffic)? Ready means its database answers, and its Redis when one is configured.
import { Router } from 'express'
import type { Payload } from 'payload'

import { databaseReachable } from '../queries/health.js'
import { redisConfigured, redisReachable } from '../redis/client.js'

export function healthRouter(payload: Payload, isShuttingDown: () => boolean = () => false): Router {
  const router = Router()
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' })
  })
  router.get('/readyz', async (_req, res) => {
    const [database, redis] = await Promise.all([databaseReachable(payload), redisReachable()])
    // A process that is draining is alive but takes no new work.
    const ready = database && redis && !isShuttingDown()
    res
      .set('Cache-Control', 'no-store')
      .status(ready ? 200 : 503)
      .json({
        status: ready ? 'ok' : isShuttingDown() ? 'shutting-down' : 'error',
        database: { reachable: database },
        redis: { configured: redisConfigured(), reachable: redisConfigured() ? redis : false },
      })
  })
  return router
}
