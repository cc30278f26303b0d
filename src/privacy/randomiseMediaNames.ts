// For the migration that gave uploads random names: files stored under the name they were uploaded with
// (jane-doe.webp, jane-doe-160x160.webp) are renamed, with every size, and their records updated. The old
// addresses then answer 404. A file already named by the server (a UUID) is left alone.
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { Payload, PayloadRequest } from 'payload'

import { mediaStore, type MediaStore } from '../storage/mediaStore.js'

const SERVER_NAMED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(-\d+x\d+)?\.[a-z0-9]+$/

/** Moves a file in the media folder or the bucket (a bucket has no rename: copy, then delete). */
async function moveFile(store: MediaStore, from: string, to: string): Promise<boolean> {
  const bytes = await store.read(path.basename(from))
  if (!bytes) return false
  await store.write(path.basename(to), bytes)
  await store.remove(path.basename(from))
  return true
}

export async function randomiseMediaNames(payload: Payload, req?: PayloadRequest): Promise<number> {
  const media = await payload.find({ collection: 'media', pagination: false, depth: 0, overrideAccess: true, req })
  let renamed = 0
  const store = mediaStore()
  for (const doc of media.docs as Record<string, any>[]) {
    if (typeof doc.filename !== 'string' || SERVER_NAMED.test(doc.filename)) continue
    const base = randomUUID()
    const ext = path.extname(doc.filename) || '.webp'
    const filename = `${base}${ext}`
    const sizes: Record<string, Record<string, unknown>> = {}
    for (const [name, size] of Object.entries((doc.sizes ?? {}) as Record<string, Record<string, any>>)) {
      if (typeof size?.filename !== 'string') continue
      const sizeName = `${base}-${size.width}x${size.height}${path.extname(size.filename) || ext}`
      await moveFile(store, size.filename, sizeName)
      sizes[name] = { ...size, filename: sizeName }
    }
    await moveFile(store, doc.filename, filename)
    const thumbnail = (sizes.thumbnail as { filename?: string } | undefined)?.filename
    await payload.update({
      collection: 'media',
      id: doc.id,
      data: { filename, ...(Object.keys(sizes).length ? { sizes } : {}), thumbnailURL: thumbnail ? `/api/media/file/${thumbnail}` : null } as never,
      overrideAccess: true,
      req,
      context: { migration: true },
    })
    renamed++
  }
  return renamed
}
