// A cover image is as visible as its story: public while the story is public, members-only while it
// is members-only, and private again the moment the story stops being shown (withdrawn, unpublished,
// consent expired: the expiry date travels with the image so no job has to catch it).
import type { CollectionAfterChangeHook } from 'payload'

import { idOf } from '../../../src/db/relationId.js'

export const syncCoverVisibility: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const shown = doc.status === 'published' && !doc.consentWithdrawnAt && (doc.consentAudience === 'public' || doc.consentAudience === 'members')
  const audience = shown ? doc.consentAudience : 'none'
  const current = idOf(doc.coverImage)
  const previous = idOf(previousDoc?.coverImage)
  const updates: [number | string, Record<string, unknown>][] = []
  if (current) updates.push([current, { storyAudience: audience, storyVisibleUntil: shown ? doc.consentExpiresAt : null, ...(shown ? {} : { isPublic: false }) }])
  if (previous && String(previous) !== String(current)) updates.push([previous, { storyAudience: 'none', storyVisibleUntil: null, isPublic: false }])
  for (const [id, data] of updates) {
    await req.payload.update({ collection: 'media', id, data, req, overrideAccess: true, context: { storyCommand: true } })
  }
  return doc
}
