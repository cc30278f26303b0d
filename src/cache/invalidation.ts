// One counter and, per tag, the last value of that counter at which the tag was invalidated. A cached page
// remembers the counter at which its render began; it is fresh only while none of its tags has been
// invalidated since. Checking lazily, at lookup, needs no index from tags to pages, and it also covers
// the race the issue names: a render that began before a commit can never store a page that lives on.
import { EVERYTHING } from './renderTrace.js'
import { publishToOtherProcesses, readOtherProcesses } from './otherProcesses.js'

let generation = 0
const invalidatedAt = new Map<string, number>()

export const currentGeneration = (): number => generation

/** Called after a commit (src/db/traceForCache.ts) and for a restore. Tells the other processes too. */
export function invalidateTags(tags: Iterable<string>): void {
  const list = markInvalidated(tags)
  if (list.length > 0) publishToOtherProcesses(list)
}

/** Marks tags invalidated in this process only (what another process told us). */
export function markInvalidated(tags: Iterable<string>): string[] {
  generation += 1
  const list = [...tags]
  for (const tag of list) invalidatedAt.set(tag, generation)
  return list
}

/** Whether a page rendered from `since` on, and reading `tags`, is still what a render now would give. */
export function stillFresh(tags: Iterable<string>, since: number): boolean {
  if ((invalidatedAt.get(EVERYTHING) ?? -1) > since) return false
  for (const tag of tags) if ((invalidatedAt.get(tag) ?? -1) > since) return false
  return true
}

/** Applies what other processes on this database invalidated; called before every lookup and store. */
export function catchUpWithOtherProcesses(): void {
  const tags = readOtherProcesses()
  if (tags.length > 0) markInvalidated(tags)
}
