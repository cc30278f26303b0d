// The erasure log lives twice: in the `erasure-log` collection and as JSON lines in a file outside
// the database. A restore brings back an older database, but never an older file, so re-applying
// the file after a restore erases again everything erased since the backup was made
// (src/commands/privacy/reapplyErasureLog.ts). This file only stores and reads the log.
import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'

import { dataDir } from '../env.js'
import type { ErasureMode } from '../policies/privacy.js'

export type ErasedIds = { users: string[]; stories: string[]; consents: string[]; threads: string[]; replies: string[]; flags: string[]; media: string[] }
export type ErasureEntry = { memberId: string; mode: ErasureMode; actorRole: 'self' | 'moderator' | 'system'; actorId: string | null; erasedAt: string; ids: ErasedIds }

export const erasureLogPath = () => path.resolve(process.env.WAYMARK_ERASURE_LOG || path.join(dataDir(), 'erasure-log.jsonl'))

/** Appended and flushed to disk before the erasure commits: the log never misses an erasure. */
export function appendToErasureLogFile(entry: ErasureEntry): void {
  const file = erasureLogPath()
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const fd = fs.openSync(file, 'a', 0o600)
  try {
    fs.writeSync(fd, `${JSON.stringify(entry)}\n`)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

export function readErasureLogFile(file = erasureLogPath()): ErasureEntry[] {
  if (!fs.existsSync(file)) return []
  const entries: ErasureEntry[] = []
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue
    try {
      const entry = JSON.parse(line) as ErasureEntry
      if (entry && typeof entry.memberId === 'string' && entry.ids) entries.push(entry)
    } catch {
      // A line cut short by a crash mid-write is skipped; its erasure did not commit either.
    }
  }
  return entries
}

export async function readErasureLogCollection(payload: Payload): Promise<ErasureEntry[]> {
  const result = await payload.find({ collection: 'erasure-log', pagination: false, depth: 0, overrideAccess: true, sort: 'erasedAt' })
  return result.docs.map((doc) => ({
    memberId: String(doc.memberId),
    mode: doc.mode as ErasureMode,
    actorRole: doc.actorRole as ErasureEntry['actorRole'],
    actorId: doc.actorId ?? null,
    erasedAt: String(doc.erasedAt),
    ids: doc.ids as ErasedIds,
  }))
}

export const entryKey = (entry: Pick<ErasureEntry, 'memberId' | 'erasedAt'>) => `${entry.memberId}@${new Date(entry.erasedAt).toISOString()}`
