// Readers' answers to the two questions after a story, as counts per answer and nothing else: no reader,
// no session, no time of an answer. Written only by src/commands/stories/storyFeedback.ts; read only by
// src/queries/storyFeedback.ts for the story's own author, once at least 5 readers have answered.
import type { CollectionConfig, Field } from 'payload'

import { FEEDBACK_ANSWERS, FEEDBACK_QUESTIONS } from '../../src/policies/storyFeedback.js'
import { nobody } from '../shared/access.js'

const counts: Field[] = FEEDBACK_QUESTIONS.flatMap((question) => FEEDBACK_ANSWERS.map((answer) => ({ name: `${question}${answer}`, type: 'number' as const, defaultValue: 0, required: true })))

export const StoryFeedbackTotals: CollectionConfig = {
  slug: 'story-feedback-totals',
  admin: { group: 'Stories', hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody, readVersions: nobody, unlock: nobody, admin: nobody },
  fields: [{ name: 'story', type: 'relationship', relationTo: 'stories', required: true, unique: true, index: true }, { name: 'readers', type: 'number', defaultValue: 0, required: true }, ...counts],
}
