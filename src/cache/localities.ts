// The localities list frames every page. It is public (read access is `anyone`), so one copy read as a
// visitor serves every viewer. The copy is kept like a cached page: it is used only while no write to the
// localities collection has been committed since it was read, by this process or any other (the same
// invalidation, through Redis or the log beside the database, checked before the copy is trusted).
import type { Payload } from 'payload'

import { presentLocality, type LocalitySummary } from '../presenters/locality.js'
import { catchUpWithOtherProcesses, currentGeneration, stillFresh } from './invalidation.js'
import { collectionTag, noteRead } from './renderTrace.js'

const LOCALITIES = [collectionTag('localities')]
let cached: { readFrom: number; value: Promise<LocalitySummary[]> } | undefined

export function forgetLocalities(): void {
  cached = undefined
}

export async function publicLocalities(payload: Payload): Promise<LocalitySummary[]> {
  // Answering from this copy reads nothing, so the page in progress is told what it depends on.
  noteRead(collectionTag('localities'))
  const copy = cached
  if (copy && (await catchUpWithOtherProcesses()) && stillFresh(LOCALITIES, copy.readFrom)) return copy.value
  const readFrom = currentGeneration()
  const value = payload
    .find({ collection: 'localities', depth: 0, limit: 50, sort: 'name', overrideAccess: false, user: null })
    // The county-wide forum is listed last, after the three localities.
    .then((result) => result.docs.map(presentLocality).sort((a, b) => Number(a.isCountyWide) - Number(b.isCountyWide)))
  value.catch(forgetLocalities)
  cached = { readFrom, value }
  return value
}
