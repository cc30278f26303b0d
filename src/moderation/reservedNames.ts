// The reserved name words as the server applies them: the moderators' list, or the defaults on a site
// that has none yet (a fresh database before its data migration, a test).
import type { Payload, PayloadRequest } from 'payload'

import { DEFAULT_RESERVED_NAME_WORDS } from '../policies/staffNames.js'

export async function loadReservedNameWords(payload: Payload, req?: PayloadRequest): Promise<string[]> {
  const found = await payload.find({ collection: 'reserved-names', pagination: false, depth: 0, overrideAccess: true, ...(req ? { req } : {}) })
  return found.docs.length > 0 ? found.docs.map((doc) => String(doc.word)) : [...DEFAULT_RESERVED_NAME_WORDS]
}

/** For the migration: the defaults a site does not have yet (by their text). */
export async function addMissingReservedNameWords(payload: Payload, req?: PayloadRequest): Promise<number> {
  const have = new Set((await payload.find({ collection: 'reserved-names', pagination: false, depth: 0, overrideAccess: true, req })).docs.map((doc) => String(doc.word)))
  let added = 0
  for (const word of DEFAULT_RESERVED_NAME_WORDS) {
    if (have.has(word)) continue
    await payload.create({ collection: 'reserved-names', data: { word, note: 'Default list' }, overrideAccess: true, req })
    added++
  }
  return added
}
