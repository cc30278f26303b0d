// A member's posts show their current display name, member type (confirmed or in their own words) and
// staff role: when any changes, every thread and reply they wrote follows (one update per collection,
// not one per post), inside the request's transaction, so a confirmation and its bylines land together.
import type { CollectionAfterChangeHook } from 'payload'

import { bylineSnapshot, sameBylineSnapshot } from '../../../src/policies/byline.js'

export const syncPostBylines: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || !previousDoc) return doc
  const byline = bylineSnapshot(doc)
  if (sameBylineSnapshot(byline, bylineSnapshot(previousDoc))) return doc
  for (const collection of ['threads', 'replies'] as const) {
    await req.payload.update({
      collection,
      where: { author: { equals: doc.id } },
      data: { authorByline: byline } as never,
      overrideAccess: true,
      depth: 0,
      req,
      context: { ...req.context, forumSystemWrite: true },
    })
  }
  return doc
}
