// Watched words for safeguarding triage, kept by moderators.
import type { CollectionConfig } from 'payload'

import { WATCHED_ACTIONS } from '../../src/moderation/watchedWords.js'
import { isModerator } from '../../src/policies/roles.js'

const moderators = ({ req: { user } }: { req: { user: unknown } }) => isModerator(user as never)

export const WatchedWords: CollectionConfig = {
  slug: 'watched-words',
  admin: { useAsTitle: 'phrase', defaultColumns: ['phrase', 'action', 'note'], group: 'Moderation' },
  access: { read: moderators, create: moderators, update: moderators, delete: moderators, readVersions: moderators },
  fields: [
    {
      name: 'phrase',
      type: 'text',
      required: true,
      unique: true,
      maxLength: 120,
      admin: { description: 'Whole words; * stands for any letters inside a word (suicid* matches suicidal).' },
    },
    {
      name: 'action',
      type: 'select',
      required: true,
      options: [
        { value: 'crisis', label: 'Crisis: hold, alert safeguarding leads, show crisis numbers' },
        { value: 'block', label: 'Block: refuse with a message' },
        { value: 'require-approval', label: 'Require approval: send to the review queue' },
        { value: 'flag', label: 'Flag for a moderator' },
      ].filter((o) => (WATCHED_ACTIONS as readonly string[]).includes(o.value)),
    },
    { name: 'note', type: 'text', maxLength: 300 },
  ],
}
