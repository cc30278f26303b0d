// "Readers who found this story helpful also found…": one row each time a reader who found one story
// helpful finds another helpful too (within one session or account), with no reader stored; a pair's
// count is the number of its rows, counted when read (src/queries/storyPairs.ts), so answers sent at
// the same moment cannot overwrite each other. storyA is always the lower id. No time (timestamps off)
// and a random id, as for story-feedback-answers. Written only by src/commands/stories/storyFeedback.ts;
// a pair below 5 is never shown.
import type { CollectionConfig } from 'payload'

import { nobody } from '../shared/access.js'

export const StoryPairMarks: CollectionConfig = {
  slug: 'story-pair-marks',
  admin: { group: 'Stories', hidden: true },
  timestamps: false,
  access: { read: nobody, create: nobody, update: nobody, delete: nobody, readVersions: nobody, unlock: nobody, admin: nobody },
  fields: [
    { name: 'id', type: 'text', required: true },
    { name: 'storyA', type: 'relationship', relationTo: 'stories', required: true, index: true },
    { name: 'storyB', type: 'relationship', relationTo: 'stories', required: true, index: true },
  ],
}
