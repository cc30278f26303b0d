// One counter and, per tag, the last value of that counter at which the tag was invalidated. A cached page
// remembers the counter at which its render began; it is fresh only while none of its tags has been
// invalidated since. Checking lazily, at lookup, needs no index from tags to pages, and it also covers
// the race the issue names: a render that began before a commit can never store a page that lives on.
//
// Other processes are told through a shared version counter that every hit checks (src/cache/bus/): in
// Redis when REDIS_URL is set, otherwise in PostgreSQL when that is the database. On SQLite, which only the
// processes of one machine can share, through the log file beside the database (src/cache/otherProcesses.ts:
// every hit reads what was appended).
import { databaseKind } from '../db/kind.js'
import { redisConfigured } from '../redis/client.js'
import { EVERYTHING } from './renderTrace.js'
import { publishToOtherProcesses, readOtherProcesses } from './otherProcesses.js'
import { PostgresBusBackend } from './bus/postgresBackend.js'
import { RedisBusBackend } from './bus/redisBackend.js'
import { VersionedInvalidationBus } from './bus/versionedBus.js'

let generation = 0
const invalidatedAt = new Map<string, number>()
const listeners = new Set<(tags: string[]) => void>()
let sharedBus: VersionedInvalidationBus | undefined

export const currentGeneration = (): number => generation

/** The shared bus (Redis, or PostgreSQL without Redis), started on first use; none on SQLite. */
function bus(): VersionedInvalidationBus | undefined {
  if (sharedBus) return sharedBus
  const url = process.env.DATABASE_URL
  const backend = redisConfigured() ? new RedisBusBackend() : databaseKind(url) === 'postgres' ? new PostgresBusBackend(url!) : undefined
  if (!backend) return undefined
  sharedBus = new VersionedInvalidationBus(backend, markInvalidated)
  sharedBus.start()
  return sharedBus
}

/** How long start-up waits for the shared store's first answer (a first connection can be slow). */
const FIRST_CONTACT_MS = 10_000

/**
 * Called before the server listens, so that the first counter check (which forgets everything) happens
 * before anything is cached rather than at the first cache hit. A store that does not answer in time is
 * asked again at each hit, as always; /readyz reports it.
 */
export async function startInvalidationBus(): Promise<void> {
  const shared = bus()
  if (shared) await shared.catchUp(FIRST_CONTACT_MS)
}

/**
 * Called after a commit (src/db/traceForCache.ts) and for a restore. Tells the other processes too, and
 * resolves once they can know: the write's answer waits for it, so the next request anywhere sees it.
 */
export async function invalidateTags(tags: Iterable<string>): Promise<void> {
  const list = markInvalidated(tags)
  if (list.length === 0) return
  const shared = bus()
  if (!shared) return publishToOtherProcesses(list)
  try {
    await shared.publish(list)
  } catch {
    // The store is down: the other processes cannot check their counter either, so they serve nothing from
    // their caches until it is back, and then forget everything (src/cache/bus/versionedBus.ts).
  }
}

/** Marks tags invalidated in this process only (what another process told us). */
export function markInvalidated(tags: Iterable<string>): string[] {
  generation += 1
  const list = [...tags]
  for (const tag of list) invalidatedAt.set(tag, generation)
  for (const listener of listeners) listener(list)
  return list
}

/** Calls `listener` with every invalidation, from this process or another (e.g. to drop a copy it keeps). */
export function onInvalidated(listener: (tags: string[]) => void): void {
  listeners.add(listener)
}

export const touches = (tags: string[], tag: string): boolean => tags.includes(tag) || tags.includes(EVERYTHING)

/** Whether a page rendered from `since` on, and reading `tags`, is still what a render now would give. */
export function stillFresh(tags: Iterable<string>, since: number): boolean {
  if ((invalidatedAt.get(EVERYTHING) ?? -1) > since) return false
  for (const tag of tags) if ((invalidatedAt.get(tag) ?? -1) > since) return false
  return true
}

/** What other processes on this machine appended to the log; enough before storing a render. */
export function catchUpLocally(): void {
  if (bus()) return
  const tags = readOtherProcesses()
  if (tags.length > 0) markInvalidated(tags)
}

/**
 * Applies what other processes invalidated; called before every cache hit. False when that cannot be
 * known now (Redis not answering): the caller then must not answer from its cache.
 */
export async function catchUpWithOtherProcesses(): Promise<boolean> {
  const shared = bus()
  if (shared) return shared.catchUp()
  catchUpLocally()
  return true
}

/** Graceful shutdown: the subscriber connection closes. */
export async function stopInvalidationBus(): Promise<void> {
  await sharedBus?.stop()
  sharedBus = undefined
}
