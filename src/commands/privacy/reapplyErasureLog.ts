// Re-applies the erasure log after a restore (src/privacy/erasureLog.ts keeps the log). The restored
// database is older than the log file, so whatever the log names and the database still holds is
// erased again, by id.
import type { Payload } from 'payload'

import { inTransaction } from '../../db/transaction.js'
import { entryKey, readErasureLogCollection, readErasureLogFile, type ErasureEntry } from '../../privacy/erasureLog.js'
import { eraseWithin } from './eraseMember.js'

/**
 * After a restore: erase again, by id, whatever the log names and the database still holds, and put
 * back any log entries the restored database did not have. Safe to run any number of times.
 */
export async function reapplyErasureLog(payload: Payload, options: { onProgress?: (done: number, total: number) => void } = {}): Promise<number> {
  const inDatabase = await readErasureLogCollection(payload)
  const known = new Set(inDatabase.map(entryKey))
  const merged = new Map<string, ErasureEntry>()
  for (const entry of [...inDatabase, ...readErasureLogFile()]) merged.set(entryKey(entry), entry)
  const entries = [...merged.values()].sort((a, b) => a.erasedAt.localeCompare(b.erasedAt))
  let done = 0
  for (const entry of entries) {
    await inTransaction(payload, null, async (req) => {
      await eraseWithin(payload, req, entry.memberId, entry.mode, { ...entry.ids, users: [entry.memberId] })
      if (!known.has(entryKey(entry))) await payload.create({ collection: 'erasure-log', data: entry as never, overrideAccess: true, req })
    })
    options.onProgress?.(++done, entries.length)
  }
  return entries.length
}
