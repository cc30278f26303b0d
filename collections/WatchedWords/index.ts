// Watched words for safeguarding triage, kept by moderators. The default crisis lexicon
// (src/moderation/defaultLexicon.ts) is seeded here and added to existing sites by a migration.
import type { CollectionConfig } from 'payload'

import { ENTRY_KINDS, entryProblem, type EntryKind } from '../../src/moderation/pattern.js'
import { WATCHED_ACTIONS } from '../../src/policies/watchedActions.js'
import { moderatorsOnly } from '../shared/access.js'

const ACTION_LABELS: Record<(typeof WATCHED_ACTIONS)[number], string> = {
  crisis: 'Crisis: hold, alert safeguarding leads, show crisis numbers',
  block: 'Block: refuse with a message',
  'require-approval': 'Require approval: send to the review queue',
  flag: 'Flag for a moderator',
  context: 'Safe context: a crisis match sharing words with this is only flagged (idiom, awareness, someone else)',
  past: 'Past and over: a crisis match in the same sentence is only flagged, unless the sentence also says tonight, today, again, still…',
}

export const WatchedWords: CollectionConfig = {
  slug: 'watched-words',
  admin: { useAsTitle: 'phrase', defaultColumns: ['phrase', 'kind', 'action', 'note'], group: 'Moderation', listSearchableFields: ['phrase', 'note'] },
  access: { read: moderatorsOnly, create: moderatorsOnly, update: moderatorsOnly, delete: moderatorsOnly, readVersions: moderatorsOnly },
  fields: [
    {
      name: 'kind',
      type: 'select',
      required: true,
      defaultValue: 'phrase',
      options: [
        { value: 'phrase', label: 'Phrase: words in order' },
        { value: 'pattern', label: 'Pattern: [a|b] alternatives, ~N up to N words between' },
      ].filter((o) => (ENTRY_KINDS as readonly string[]).includes(o.value)),
    },
    {
      name: 'phrase',
      type: 'text',
      required: true,
      unique: true,
      maxLength: 2000,
      admin: {
        description:
          'Whole words, any case; apostrophes, punctuation and doubled letters do not matter, and text-speak is written out ("wanna" is "want to"). * stands for any letters inside a word (suicid* matches suicidal). In a pattern, [die|dead|end it] is any one of them and ~3 allows up to three other words in between.',
      },
      validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) => {
        if (typeof value !== 'string' || value.trim() === '') return 'Write the words to watch for.'
        return entryProblem(value, (siblingData?.kind as EntryKind | undefined) ?? 'phrase') ?? true
      },
    },
    {
      name: 'action',
      type: 'select',
      required: true,
      options: WATCHED_ACTIONS.map((value) => ({ value, label: ACTION_LABELS[value] })),
    },
    { name: 'note', type: 'text', maxLength: 300, admin: { description: 'What it catches, for the next moderator.' } },
  ],
}
