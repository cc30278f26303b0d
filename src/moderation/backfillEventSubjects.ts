// For the migration that gave moderation events a subject: old story events get their story's author,
// so authors see their whole history through the log's read access. Stories already erased stay blank.
import type { Payload, PayloadRequest } from 'payload'

import { idOf } from '../db/relationId.js'

export async function backfillEventSubjects(payload: Payload, req?: PayloadRequest): Promise<number> {
  const events = await payload.find({
    collection: 'moderation-events',
    where: { and: [{ targetCollection: { equals: 'stories' } }, { subject: { exists: false } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const storyIds = [...new Set(events.docs.map((event) => String(event.targetId)))]
  if (storyIds.length === 0) return 0
  const stories = await payload.find({ collection: 'stories', where: { id: { in: storyIds } }, pagination: false, depth: 0, overrideAccess: true, req, select: { author: true } })
  const authorOf = new Map(stories.docs.map((story) => [String(story.id), idOf((story as { author?: unknown }).author)]))
  let filled = 0
  for (const event of events.docs) {
    const author = authorOf.get(String(event.targetId))
    if (author === undefined || author === null) continue
    await payload.update({ collection: 'moderation-events', id: event.id, data: { subject: author as never }, overrideAccess: true, req, context: { migration: true } })
    filled++
  }
  return filled
}
