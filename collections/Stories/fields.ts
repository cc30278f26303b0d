// The parts of a story an author writes. They appear twice: as the live story, and as a revision
// of a published story awaiting review (see hooks/divertPublishedEdits.ts). Their names are declared
// once, in src/policies/storyContent.ts; each has its field here, and the compiler checks both agree.
import type { Field } from 'payload'

import { STORY_CONTENT_KEYS, type StoryContentKey } from '../../src/policies/storyContent.js'
import { MEMBER_TYPES } from '../../src/policies/memberTypes.js'
import { CONTENT_WARNINGS, RECOVERY_STAGES, STORY_THEMES, STORY_TONES } from '../../src/policies/storyTaxonomy.js'
import { richTextEditor } from '../../src/richtext/editor.js'
import { authorWritable } from './access.js'

/** A field without its name: the content key is the name. (Omit spread over Payload's union of field types.) */
type ContentField = Field extends infer F ? (F extends { name: string } ? Omit<F, 'name'> : never) : never

export function storyContentFields({ required }: { required: boolean }): Field[] {
  const write = { create: authorWritable, update: authorWritable }
  const fields: Record<StoryContentKey, ContentField> = {
    title: { type: 'text', required, maxLength: 140, access: write },
    summary: { type: 'textarea', maxLength: 280, access: write, admin: { description: '280 characters or fewer.' } },
    body: { type: 'richText', editor: richTextEditor, access: write },
    locality: { type: 'relationship', relationTo: 'localities', access: write },
    themes: { type: 'select', hasMany: true, options: STORY_THEMES.map(({ value, label }) => ({ value, label })), access: write },
    contentWarnings: {
      type: 'select',
      hasMany: true,
      options: CONTENT_WARNINGS.map(({ value, label }) => ({ value, label })),
      access: write,
    },
    contentWarningNote: { type: 'text', maxLength: 200, access: write },
    coverImage: { type: 'upload', relationTo: 'media', access: write },
    // Characteristics for "stories like mine": chosen by the author for this story, each may be left blank.
    narratorType: {
      type: 'select',
      options: MEMBER_TYPES.map(({ value, label }) => ({ value, label })),
      access: write,
      admin: { description: 'Who is telling this story, as the author chose for it (never read from their account).' },
    },
    experienceTags: { type: 'relationship', relationTo: 'story-tags', hasMany: true, access: write },
    recoveryStage: { type: 'select', options: RECOVERY_STAGES.map(({ value, label }) => ({ value, label })), access: write },
    tone: { type: 'select', options: STORY_TONES.map(({ value, label }) => ({ value, label })), access: write },
  }
  return STORY_CONTENT_KEYS.map((name) => ({ name, ...fields[name] }) as Field)
}
