// The rendered-page store: a size-capped LRU of whole answers. An entry is served only while none of the
// collections it read has been written since its render began (src/cache/invalidation.ts), before the
// first moment its content changes by the clock (a consent ending, a meeting starting), and for at most
// MAX_AGE_MS as a last safety net. The form token is stored as a placeholder and filled per request.
import crypto from 'node:crypto'
import { LRUCache } from 'lru-cache'

import { catchUpLocally, catchUpWithOtherProcesses, currentGeneration, stillFresh } from './invalidation.js'
import type { RenderTrace } from './renderTrace.js'

export type CachedPage = {
  status: number
  headers: Record<string, string>
  /** The body split at the form-token placeholder: joined with the requester's own token. */
  parts: string[]
  tags: string[]
  renderedFrom: number
  expiresAt: number
}

const MAX_AGE_MS = 10 * 60_000
const megabytes = Number(process.env.WAYMARK_CACHE_MB || 64)

/** Stands in for the form token while a cacheable page renders; unguessable, so no content can forge it. */
export const TOKEN_PLACEHOLDER = `wmtoken${crypto.randomBytes(12).toString('hex')}`

export const pageCacheEnabled = () => process.env.WAYMARK_CACHE !== 'off'

const store = new LRUCache<string, CachedPage>({
  maxSize: Math.max(1, megabytes) * 1024 * 1024,
  // JavaScript strings are UTF-16 in memory.
  sizeCalculation: (entry) => 2 * entry.parts.reduce((sum, part) => sum + part.length, 0) + 256,
})

export async function lookupPage(key: string): Promise<CachedPage | undefined> {
  // Asked on a miss too: what others wrote is applied before the render that follows starts, so that render
  // is not later taken for stale (one round trip beside a render costs nothing worth saving).
  const trusted = await catchUpWithOtherProcesses()
  const entry = store.get(key)
  if (!entry || !trusted) return undefined
  if (entry.expiresAt <= Date.now() || !stillFresh(entry.tags, entry.renderedFrom)) {
    store.delete(key)
    return undefined
  }
  return entry
}

/** Stores a render unless something it read was written while it ran (then the next request renders again). */
export function rememberPage(key: string, trace: RenderTrace, renderedFrom: number, page: Pick<CachedPage, 'status' | 'headers'> & { body: string }): void {
  // A commit elsewhere that this misses is caught by the counter check at the next lookup.
  catchUpLocally()
  if (!stillFresh(trace.tags, renderedFrom)) return
  const expiresAt = Math.min(trace.changesAt, Date.now() + MAX_AGE_MS)
  store.set(key, { status: page.status, headers: page.headers, parts: page.body.split(TOKEN_PLACEHOLDER), tags: [...trace.tags], renderedFrom, expiresAt })
}

export const renderGeneration = currentGeneration

/** For tests and the bench: how many pages are held. */
export const cachedPageCount = () => store.size
