// Adds the default crisis lexicon's entries that a site does not have yet (by their text). Run by the
// migration that shipped the lexicon, so existing sites get it too, and by the demo seed. Entries a
// moderator changed or removed before are not touched again: migrations run once.
import type { Payload, PayloadRequest } from 'payload'

import { DEFAULT_WATCHED_WORDS } from './defaultLexicon.js'

export async function addMissingDefaultWords(payload: Payload, req?: PayloadRequest): Promise<number> {
  const existing = await payload.find({ collection: 'watched-words', pagination: false, depth: 0, overrideAccess: true, req, select: { phrase: true } })
  const have = new Set(existing.docs.map((doc) => String(doc.phrase)))
  let added = 0
  for (const word of DEFAULT_WATCHED_WORDS) {
    if (have.has(word.phrase)) continue
    await payload.create({
      collection: 'watched-words',
      data: { phrase: word.phrase, kind: word.kind ?? 'phrase', action: word.action, note: word.note ?? 'Default list' },
      overrideAccess: true,
      req,
    })
    added++
  }
  return added
}
