// Files no media record names. Deleting a record deletes its files after the record is gone, and the
// storage plugin only logs a delete the bucket refused (S3 down during an erasure, say): the picture would
// stay in the bucket for ever, out of reach of every door but still held. The daily retention job sweeps
// such files. Only files older than a grace period go, so an upload whose record is not yet committed
// (the file is written first) is never taken for an orphan.
import type { Payload } from 'payload'

import type { MediaStore } from './mediaStore.js'

export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000
const PAGE = 500

type MediaNames = { filename?: string | null; sizes?: Record<string, { filename?: string | null } | null> | null }

/** Every file name a media record holds: the original and each size. */
export const namesOfMedia = (doc: MediaNames): string[] => [doc.filename, ...Object.values(doc.sizes ?? {}).map((size) => size?.filename)].filter((name): name is string => Boolean(name))

async function namedFiles(payload: Payload): Promise<Set<string>> {
  const names = new Set<string>()
  for (let page = 1; ; page++) {
    const result = await payload.find({ collection: 'media', select: { filename: true, sizes: true } as never, depth: 0, limit: PAGE, page, sort: 'id', overrideAccess: true })
    for (const doc of result.docs as MediaNames[]) for (const name of namesOfMedia(doc)) names.add(name)
    if (!result.hasNextPage) return names
  }
}

export type SweepResult = { removed: number; failed: number }

/** Removes the store's files that no media record names and that were last written before `now - grace`. */
export async function sweepOrphanFiles(payload: Payload, store: MediaStore, now = new Date()): Promise<SweepResult> {
  const cutoff = now.getTime() - ORPHAN_GRACE_MS
  // Files first, then records: a file uploaded in between is named by a record read after it, or is too new.
  const files = await store.files()
  const named = await namedFiles(payload)
  const result: SweepResult = { removed: 0, failed: 0 }
  for (const file of files) {
    if (named.has(file.name) || file.modifiedAt.getTime() > cutoff) continue
    try {
      await store.remove(file.name)
      result.removed++
    } catch (error) {
      // Tried again tomorrow; the name is not logged (it is random, but it is still a member's file).
      result.failed++
      payload.logger.warn({ err: error, msg: `media sweep: could not remove a file no record names in ${store.where}` })
    }
  }
  return result
}
