// A short-lived note that one reader (a session's random key, or an account, hashed with the site's
// secret) has answered for one story, and whether they found it helpful: so a reader moves a story's
// figures by one answer at most, and pairs are counted within one reader. No identity, no answers beyond
// "helpful"; expired notes are deleted when the next answer is recorded and by the daily retention job.
import type { CollectionConfig } from 'payload'

import { nobody } from '../shared/access.js'

export const StoryFeedbackMarks: CollectionConfig = {
  slug: 'story-feedback-marks',
  admin: { group: 'Stories', hidden: true },
  indexes: [{ fields: ['readerKey', 'story'], unique: true }],
  access: { read: nobody, create: nobody, update: nobody, delete: nobody, readVersions: nobody, unlock: nobody, admin: nobody },
  fields: [
    { name: 'readerKey', type: 'text', required: true, index: true },
    { name: 'story', type: 'relationship', relationTo: 'stories', required: true },
    { name: 'helpful', type: 'checkbox', defaultValue: false },
    { name: 'expiresAt', type: 'date', required: true, index: true },
  ],
}
