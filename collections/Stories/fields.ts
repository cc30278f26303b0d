// The parts of a story an author writes. They appear twice: as the live story, and as a revision
// of a published story awaiting review (see hooks/divertPublishedEdits.ts).
import type { Field } from 'payload'

import { CONTENT_WARNINGS, STORY_THEMES } from '../../src/policies/storyTaxonomy.js'
import { richTextEditor } from '../../src/richtext/editor.js'
import { authorWritable } from './access.js'

export const STORY_CONTENT_KEYS = ['title', 'summary', 'body', 'locality', 'themes', 'contentWarnings', 'contentWarningNote', 'coverImage'] as const

export function storyContentFields({ required }: { required: boolean }): Field[] {
  const write = { create: authorWritable, update: authorWritable }
  return [
    { name: 'title', type: 'text', required, maxLength: 140, access: write },
    { name: 'summary', type: 'textarea', maxLength: 280, access: write, admin: { description: '280 characters or fewer.' } },
    { name: 'body', type: 'richText', editor: richTextEditor, access: write },
    { name: 'locality', type: 'relationship', relationTo: 'localities', access: write },
    { name: 'themes', type: 'select', hasMany: true, options: STORY_THEMES.map(({ value, label }) => ({ value, label })), access: write },
    {
      name: 'contentWarnings',
      type: 'select',
      hasMany: true,
      options: CONTENT_WARNINGS.map(({ value, label }) => ({ value, label })),
      access: write,
    },
    { name: 'contentWarningNote', type: 'text', maxLength: 200, access: write },
    { name: 'coverImage', type: 'upload', relationTo: 'media', access: write },
  ]
}

/** The author-written content of a stored story, with relations as plain ids. */
export function pickStoryContent(doc: Record<string, any>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of STORY_CONTENT_KEYS) {
    const value = doc[key]
    out[key] = value && typeof value === 'object' && 'id' in value ? value.id : value
  }
  return out
}
