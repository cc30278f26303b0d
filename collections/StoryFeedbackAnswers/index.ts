// One reader's answer to the two questions after a story (issue 17), appended once per answer and counted
// when an author's totals are read, so answers sent at the same moment can never overwrite each other.
// Nothing else: no reader, no session, no time (timestamps off), and a random id (not a counter or a
// MongoDB ObjectId, either of which tells when a row was written and could be matched against logs).
// Written only by src/commands/stories/storyFeedback.ts; counted only by src/queries/storyFeedbackTotals.ts
// for the story's own author, once at least 5 readers have answered.
import type { CollectionConfig } from 'payload'

import { nobody } from '../shared/access.js'

const answerField = (name: string) => ({ name, type: 'number' as const, min: 1, max: 5 })

export const StoryFeedbackAnswers: CollectionConfig = {
  slug: 'story-feedback-answers',
  admin: { group: 'Stories', hidden: true },
  timestamps: false,
  // A story's totals are counts of (story, answer): each count is read from one of these indexes alone.
  indexes: [{ fields: ['story', 'hope'] }, { fields: ['story', 'connection'] }],
  access: { read: nobody, create: nobody, update: nobody, delete: nobody, readVersions: nobody, unlock: nobody, admin: nobody },
  fields: [{ name: 'id', type: 'text', required: true }, { name: 'story', type: 'relationship', relationTo: 'stories', required: true, index: true }, answerField('hope'), answerField('connection')],
}
