// Readers' answers, pair rows and "already answered" notes point at a story with a NOT NULL column, so
// deleting the story (an author's draft, or erasure) would fail on PostgreSQL or leave rows pointing
// nowhere on SQLite. They mean nothing without the story, so they go first, in the same transaction.
import type { CollectionBeforeDeleteHook } from 'payload'

export const deleteStoryFeedback: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const about = { equals: id }
  await req.payload.delete({ collection: 'story-feedback-answers', where: { story: about }, req, overrideAccess: true, depth: 0 })
  await req.payload.delete({ collection: 'story-pair-marks', where: { or: [{ storyA: about }, { storyB: about }] }, req, overrideAccess: true, depth: 0 })
  await req.payload.delete({ collection: 'story-feedback-marks', where: { story: about }, req, overrideAccess: true, depth: 0 })
}
