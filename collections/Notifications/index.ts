// A member's notifications: a reply in a thread they wrote or follow, a mention, a decision on their own
// post or story. A row holds only a reference, never post text: the page reads the target again as the
// recipient (src/queries/notifications.ts), so a reply removed later, or a story withdrawn, shows nothing.
// Made only by the server (src/commands/notifications); the recipient marks them read through /notifications.
import type { CollectionConfig } from 'payload'

import { DECISIONS, NOTIFICATION_KINDS } from '../../src/policies/memberNotifications.js'
import { nobody } from '../shared/access.js'
import { recipientOnly } from './access.js'

export const Notifications: CollectionConfig = {
  slug: 'notifications',
  admin: { group: 'People', hidden: true, defaultColumns: ['kind', 'createdAt'] },
  defaultSort: '-createdAt',
  indexes: [{ fields: ['recipient', 'read'] }],
  access: { read: recipientOnly, create: nobody, update: nobody, delete: nobody, readVersions: nobody },
  fields: [
    { name: 'recipient', type: 'relationship', relationTo: 'users', required: true, index: true },
    { name: 'kind', type: 'select', required: true, options: NOTIFICATION_KINDS.map((value) => ({ value, label: value })) },
    { name: 'decision', type: 'select', options: DECISIONS.map((value) => ({ value, label: value })) },
    { name: 'thread', type: 'relationship', relationTo: 'threads' },
    { name: 'reply', type: 'relationship', relationTo: 'replies' },
    { name: 'story', type: 'relationship', relationTo: 'stories' },
    { name: 'read', type: 'checkbox', defaultValue: false, index: true },
  ],
}
