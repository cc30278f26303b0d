// Through any door, an author's edit of a published story becomes a revision awaiting review,
// and the approved text stays live. Stories under review, unpublished or withdrawn take no edits.
// Commands (context.storyCommand) write the live fields themselves after a moderator's decision.
import { APIError, type CollectionBeforeValidateHook } from 'payload'

import { pickStoryContent, STORY_CONTENT_KEYS } from '../../../src/policies/storyContent.js'

export const divertPublishedEdits: CollectionBeforeValidateHook = ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !data || !originalDoc || req.context?.storyCommand === true) return data
  const touched = STORY_CONTENT_KEYS.filter((key) => key in data)
  if (touched.length === 0) return data
  const status = originalDoc.status as string
  if (status === 'draft' || status === 'changes_requested') return data
  if (status !== 'published') {
    throw new APIError(status === 'submitted' ? 'Your story is with the moderators. You can edit it again if they ask for changes.' : 'This story can no longer be edited.', 409, undefined, true)
  }
  const base = originalDoc.revisionState && originalDoc.revisionState !== 'none' ? (originalDoc.revision ?? {}) : pickStoryContent(originalDoc)
  const revision: Record<string, unknown> = { ...base }
  const live = pickStoryContent(originalDoc)
  for (const key of touched) {
    revision[key] = data[key]
    // Put the live value back rather than dropping the key: required fields are validated on update.
    data[key] = live[key]
  }
  data.revision = revision
  data.revisionState = 'submitted'
  return data
}
