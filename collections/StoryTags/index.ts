// Substance and experience tags for stories (alcohol, opiates, gambling, prison…), kept by moderators.
// Authors pick from them for their story; readers match on them at /stories/like-mine. A tag holds no
// personal data: everyone may read the list, only moderators change it.
import type { CollectionConfig } from 'payload'

import { anyone, moderatorsOnly } from '../shared/access.js'

export const StoryTags: CollectionConfig = {
  slug: 'story-tags',
  admin: { useAsTitle: 'label', defaultColumns: ['label', 'slug'], group: 'Stories', description: 'Substance and experience tags authors choose for their stories.' },
  defaultSort: 'label',
  access: { read: anyone, create: moderatorsOnly, update: moderatorsOnly, delete: moderatorsOnly, readVersions: moderatorsOnly, unlock: moderatorsOnly },
  fields: [
    { name: 'label', type: 'text', required: true, unique: true, maxLength: 60 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 60,
      validate: (value: unknown) => (typeof value === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) ? true : 'Use lower-case letters, digits and single hyphens.'),
    },
  ],
}
