// Doors Payload opens by itself that answer wrongly for things that do not exist: the versions of a
// collection or global that keeps no versions and deleting a missing preference (500), and a file name no
// upload has (403). All are 404s here, before Payload; nothing about access is decided here.
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { Payload } from 'payload'

import { fetchHeaders } from '../auth/session.js'

const notFound = (res: Response) =>
  res
    .status(404)
    .set('Cache-Control', 'no-store')
    .json({ errors: [{ message: 'Not found.' }] })

export function closeBrokenPayloadDoors(payload: Payload): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const path = req.originalUrl.split('?')[0]!
    const versions = /^\/api\/(?:globals\/)?([a-z0-9-]+)\/versions(?:\/|$)/.exec(path)
    if (versions) {
      const slug = versions[1]!
      const entity = path.startsWith('/api/globals/') ? payload.globals.config.find((g) => g.slug === slug) : (payload.collections as Record<string, { config: unknown } | undefined>)[slug]?.config
      if (!entity || !(entity as { versions?: unknown }).versions) return notFound(res)
    }
    // A file name no upload has (an old name after the random-name migration) is gone: 404, as Payload
    // would otherwise answer 403 as if it existed and were private.
    const file = /^\/api\/media\/file\/([^/]+)$/.exec(path)
    if (file && (req.method === 'GET' || req.method === 'HEAD')) {
      const name = decodeURIComponent(file[1]!)
      const sizeNames = ['thumbnail', 'card', 'full'].map((size) => ({ [`sizes.${size}.filename`]: { equals: name } }))
      const found = await payload.count({ collection: 'media', where: { or: [{ filename: { equals: name } }, ...sizeNames] }, overrideAccess: true })
      if (found.totalDocs === 0) return notFound(res)
    }
    const preference = /^\/api\/payload-preferences\/([^/]+)$/.exec(path)
    if (preference && req.method === 'DELETE') {
      const { user } = await payload.auth({ headers: fetchHeaders(req) }).catch(() => ({ user: null }))
      if (!user) return notFound(res)
      const found = await payload.count({
        collection: 'payload-preferences',
        where: { and: [{ key: { equals: decodeURIComponent(preference[1]!) } }, { 'user.value': { equals: user.id } }] },
        overrideAccess: true,
      })
      if (found.totalDocs === 0) return notFound(res)
    }
    next()
  }
}
