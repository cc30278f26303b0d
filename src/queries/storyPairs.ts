// "Readers who found this helpful also found…" (issue 17): a pair's count is the number of its rows in
// story-pair-marks (one per reader who found both stories helpful), counted here when read. The rows hold
// no reader and are read by the server; which stories may appear is decided by the caller, from the
// viewer's own read of the stories.
import type { Payload } from 'payload'

import { idOf } from '../db/relationId.js'
import { MIN_PAIR_COUNT } from '../policies/storyFeedback.js'
import type { PairCount } from '../policies/storyMatching.js'

/**
 * At most this many pair rows are read for one story. Every helpful answer after another adds one row,
 * so a story read by many would otherwise make this read grow without end; beyond the cap the counts
 * come from a 5,000-row sample (rows sorted by their random id), which keeps the order of pairs, not
 * their exact counts. Raising it costs one bigger read per story page (two ids a row).
 */
export const PAIR_ROWS_CAP = 5_000
/** At most this many pairs are returned, most readers first. */
export const MAX_PAIRS = 50

/** The pairs with this story shared by at least MIN_PAIR_COUNT readers, most first (then by the other id). */
export async function pairCountsFor(payload: Payload, storyId: number | string): Promise<PairCount[]> {
  const rows = await payload.find({
    collection: 'story-pair-marks',
    where: { or: [{ storyA: { equals: storyId } }, { storyB: { equals: storyId } }] },
    select: { storyA: true, storyB: true },
    sort: 'id',
    limit: PAIR_ROWS_CAP,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const byPair = new Map<string, PairCount>()
  for (const row of rows.docs) {
    const a = idOf(row.storyA)
    const b = idOf(row.storyB)
    if (a === null || b === null) continue
    const key = `${a}:${b}`
    const pair = byPair.get(key) ?? { a, b, count: 0 }
    pair.count += 1
    byPair.set(key, pair)
  }
  const other = (pair: PairCount) => String(String(pair.a) === String(storyId) ? pair.b : pair.a)
  return [...byPair.values()]
    .filter((pair) => pair.count >= MIN_PAIR_COUNT)
    .sort((x, y) => y.count - x.count || other(x).localeCompare(other(y), 'en', { numeric: true }))
    .slice(0, MAX_PAIRS)
}
