// "Readers who found this story helpful also found…": how many reader sessions found both stories of a
// pair helpful, counted at the moment a reader answers, with no reader stored. storyA is always the lower
// id. Written only by src/commands/stories/storyFeedback.ts; a pair below 5 is never shown.
import type { CollectionConfig } from 'payload'

import { nobody } from '../shared/access.js'

export const StoryPairCounts: CollectionConfig = {
  slug: 'story-pair-counts',
  admin: { group: 'Stories', hidden: true },
  indexes: [{ fields: ['storyA', 'storyB'], unique: true }],
  access: { read: nobody, create: nobody, update: nobody, delete: nobody, readVersions: nobody, unlock: nobody, admin: nobody },
  fields: [
    { name: 'storyA', type: 'relationship', relationTo: 'stories', required: true, index: true },
    { name: 'storyB', type: 'relationship', relationTo: 'stories', required: true, index: true },
    { name: 'count', type: 'number', defaultValue: 0, required: true, index: true },
  ],
}
