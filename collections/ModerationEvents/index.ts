// The append-only log of every moderation decision: who, what, on which record, why, when.
import type { CollectionConfig } from 'payload'

import { isModerator } from '../../src/policies/roles.js'
import { nobody, refuseChanges } from '../shared/appendOnly.js'

export const ModerationEvents: CollectionConfig = {
  slug: 'moderation-events',
  admin: { useAsTitle: 'action', defaultColumns: ['at', 'action', 'targetCollection', 'targetId', 'actor'], group: 'Moderation' },
  defaultSort: '-at',
  access: {
    read: ({ req: { user } }) => isModerator(user),
    create: nobody,
    update: nobody,
    delete: nobody,
    readVersions: nobody,
  },
  hooks: { beforeOperation: [refuseChanges] },
  fields: [
    { name: 'actor', type: 'relationship', relationTo: 'users' },
    { name: 'actorRole', type: 'select', required: true, options: ['author', 'moderator', 'system'].map((v) => ({ value: v, label: v })) },
    { name: 'targetCollection', type: 'text', required: true, index: true },
    { name: 'targetId', type: 'text', required: true, index: true },
    { name: 'action', type: 'text', required: true },
    { name: 'reason', type: 'textarea', admin: { description: 'Shown to the author where the action concerns them.' } },
    { name: 'privateNote', type: 'textarea', admin: { description: 'Moderators only.' } },
    { name: 'fromState', type: 'text' },
    { name: 'toState', type: 'text' },
    { name: 'at', type: 'date', required: true, index: true },
  ],
}
