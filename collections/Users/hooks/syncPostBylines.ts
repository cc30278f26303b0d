// A member's posts show their current display name, member type and staff role: when any changes, every
// thread and reply they wrote follows (one update per collection, not one per post).
import type { CollectionAfterChangeHook } from 'payload'

import { staffRoleOf } from '../../../src/policies/byline.js'

export const syncPostBylines: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || !previousDoc) return doc
  const role = staffRoleOf(doc as never)
  if (doc.displayName === previousDoc.displayName && doc.memberType === previousDoc.memberType && role === staffRoleOf(previousDoc as never)) return doc
  for (const collection of ['threads', 'replies'] as const) {
    await req.payload.update({
      collection,
      where: { author: { equals: doc.id } },
      data: { authorByline: { displayName: doc.displayName, memberType: doc.memberType, staffRole: role } } as never,
      overrideAccess: true,
      depth: 0,
      req,
      context: { ...req.context, forumSystemWrite: true },
    })
  }
  return doc
}
