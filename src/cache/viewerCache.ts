// Who a request's credentials belong to, remembered so that a signed-in member's page does not cost a
// database read of their account every time (measured: about three quarters of a cached page's CPU).
// An answer is kept under everything Payload's JWT check reads from the request (the Authorization header,
// the whole Cookie header, Origin and Sec-Fetch-Site), and it is served only while no account has been written
// since the lookup began: signing out, a new role, a lock, erasure or a deleted account all write the users
// collection, so the very next request asks Payload again. It also ends with the token's own expiry.
import crypto from 'node:crypto'
import { LRUCache } from 'lru-cache'

import { catchUpLocally, catchUpWithOtherProcesses, currentGeneration, stillFresh } from './invalidation.js'
import { collectionTag } from './renderTrace.js'

type Entry = { viewer: unknown; lookedUpFrom: number; expiresAt: number }

const MAX_AGE_MS = 10 * 60_000
const ACCOUNTS = [collectionTag('users')]

// Bounded by size, not only by count: an account with many sessions is a larger entry.
const store = new LRUCache<string, Entry>({ max: 20_000, maxSize: 16 * 1024 * 1024, sizeCalculation: (entry) => 256 + 2 * JSON.stringify(entry.viewer ?? null).length })

/** The request headers Payload's JWT strategy reads (payload/dist/auth/extractJWT.js), hashed into one key. */
export function viewerKey(headers: Headers): string {
  const parts = ['authorization', 'cookie', 'origin', 'sec-fetch-site'].map((name) => headers.get(name) ?? '')
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('base64url')
}

/** When a JWT says it ends (epoch ms), read without trusting it: it can only shorten how long an answer is kept. */
function tokenExpiry(token: string): number {
  try {
    const exp = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).exp
    return typeof exp === 'number' ? exp * 1000 : Date.now()
  } catch {
    return Date.now()
  }
}

/**
 * The viewer for these credentials: remembered while still true, otherwise `lookUp()` (Payload's own check),
 * kept unless an account was written while it ran. Each caller gets its own copy to change as it likes.
 */
export async function rememberedViewer<Viewer>(key: string, tokens: string[], lookUp: () => Promise<Viewer>): Promise<Viewer> {
  const trusted = await catchUpWithOtherProcesses()
  const entry = store.get(key)
  if (entry && trusted && entry.expiresAt > Date.now() && stillFresh(ACCOUNTS, entry.lookedUpFrom)) return structuredClone(entry.viewer as Viewer)
  if (entry) store.delete(key)

  const lookedUpFrom = currentGeneration()
  const viewer = await lookUp()
  catchUpLocally()
  const expiresAt = Math.min(Date.now() + MAX_AGE_MS, ...tokens.filter(Boolean).map(tokenExpiry))
  if (stillFresh(ACCOUNTS, lookedUpFrom)) store.set(key, { viewer: structuredClone(viewer), lookedUpFrom, expiresAt })
  return viewer
}
