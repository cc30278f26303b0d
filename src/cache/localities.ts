// The localities list frames every page. It is public (read access is `anyone`), so one copy read
// as a visitor serves every viewer. Any change to a locality clears it at once in this process; the
// short lifetime bounds staleness in other processes when several serve one PostgreSQL database.
import type { Payload } from 'payload'

import { presentLocality, type LocalitySummary } from '../presenters/locality.js'
import { collectionTag, noteRead } from './renderTrace.js'

const LIFETIME_MS = 30_000
let cached: { at: number; value: Promise<LocalitySummary[]> } | undefined

export function forgetLocalities(): void {
  cached = undefined
}

export function publicLocalities(payload: Payload): Promise<LocalitySummary[]> {
  // Answering from this copy reads nothing, so the page in progress is told what it depends on.
  noteRead(collectionTag('localities'))
  if (cached && Date.now() - cached.at < LIFETIME_MS) return cached.value
  const value = payload
    .find({ collection: 'localities', depth: 0, limit: 50, sort: 'name', overrideAccess: false, user: null })
    // The county-wide forum is listed last, after the three localities.
    .then((result) => result.docs.map(presentLocality).sort((a, b) => Number(a.isCountyWide) - Number(b.isCountyWide)))
  value.catch(forgetLocalities)
  cached = { at: Date.now(), value }
  return value
}
