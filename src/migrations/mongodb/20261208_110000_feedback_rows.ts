// Readers' answers and pairs become rows (issue 17): MongoDB makes the new collections itself, but the
// old counts must become rows, as the SQL migrations do it. The old collections are no longer in the
// config, so they are read directly (their names as the adapter made them, pluralised by mongoose:
// here the slugs themselves). The new rows are written through the Local API in the migration's
// transaction; the old collections are dropped last (a drop is outside any transaction, so it comes
// only after every row is written).
// Untested on a live MongoDB in this change (none was available); the SQL ones were run both ways.
import { randomUUID } from 'node:crypto'

import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

import { FEEDBACK_ANSWERS } from '../../policies/storyFeedback.js'

const OLD_TOTALS = 'story-feedback-totals'
const OLD_PAIRS = 'story-pair-counts'

type Raw = Record<string, unknown>

/** The i-th (0-based) answer to a question when its counts are laid out in order of value, or null. */
export function nthAnswer(counts: number[], i: number): number | null {
  let seen = 0
  for (let v = 0; v < counts.length; v++) {
    seen += counts[v] ?? 0
    if (i < seen) return v + 1
  }
  return null
}

export async function up({ payload, req, session }: MigrateUpArgs): Promise<void> {
  const db = payload.db.connection.db
  if (!db) return
  const names = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name))
  if (names.has(OLD_TOTALS)) {
    for (const doc of (await db.collection(OLD_TOTALS).find({}, { session }).toArray()) as Raw[]) {
      const counts = (q: string) => FEEDBACK_ANSWERS.map((a) => Number(doc[`${q}${a}`] ?? 0))
      for (let i = 0; i < Number(doc.readers ?? 0); i++) {
        const data = { id: randomUUID(), story: String(doc.story), hope: nthAnswer(counts('hope'), i), connection: nthAnswer(counts('connection'), i) }
        await payload.create({ collection: 'story-feedback-answers', data: data as never, overrideAccess: true, req })
      }
    }
  }
  if (names.has(OLD_PAIRS)) {
    for (const doc of (await db.collection(OLD_PAIRS).find({}, { session }).toArray()) as Raw[]) {
      for (let i = 0; i < Number(doc.count ?? 0); i++) {
        await payload.create({ collection: 'story-pair-marks', data: { id: randomUUID(), storyA: String(doc.storyA), storyB: String(doc.storyB) } as never, overrideAccess: true, req })
      }
    }
  }
  if (names.has(OLD_TOTALS)) await db.dropCollection(OLD_TOTALS)
  if (names.has(OLD_PAIRS)) await db.dropCollection(OLD_PAIRS)
}

/** The old counts are not made again: the rows stay, and the previous code would start new counts. */
export async function down(_args: MigrateDownArgs): Promise<void> {}
