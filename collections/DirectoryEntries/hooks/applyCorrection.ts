// When a moderator approves a correction, its values replace the entry's, and the entry counts as
// checked today. The correction stays (approved) as the record of who suggested what; it is never public.
import type { CollectionAfterChangeHook } from 'payload'

import { idOf } from '../../../src/db/relationId.js'
import { londonParts } from '../../../src/policies/londonTime.js'

export const CORRECTABLE_FIELDS = ['name', 'kind', 'locality', 'address', 'postcode', 'meets', 'meetsNote', 'cost', 'contact', 'website', 'accessibility', 'description'] as const

export const applyCorrection: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || doc.suggestionType !== 'correction' || doc.status !== 'approved' || previousDoc?.status === 'approved') return doc
  const target = idOf(doc.correctionOf)
  if (target === null || target === undefined) return doc
  const data: Record<string, unknown> = { checkedOn: londonParts(new Date()).date }
  for (const field of CORRECTABLE_FIELDS) {
    const value = doc[field]
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0 && field !== 'accessibility')) continue
    data[field] = field === 'kind' || field === 'locality' ? idOf(value) : field === 'meets' ? (value as Record<string, unknown>[]).map(({ id: _id, ...rest }) => rest) : value
  }
  await req.payload.update({ collection: 'directory-entries', id: target, data: data as never, req, overrideAccess: true, depth: 0 })
  return doc
}
