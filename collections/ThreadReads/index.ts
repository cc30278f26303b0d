// One row per member per thread they opened or follow: how far they have read (for "new since your last
// visit") and whether they follow it (notifications of new replies). Written only by the server
// (src/commands/notifications/threadState.ts) after checking the member can see the thread.
import type { CollectionConfig } from 'payload'

import { nobody } from '../shared/access.js'
import { memberOnly } from './access.js'

export const ThreadReads: CollectionConfig = {
  slug: 'thread-reads',
  admin: { group: 'People', hidden: true },
  indexes: [{ fields: ['member', 'thread'], unique: true }],
  access: { read: memberOnly, create: nobody, update: nobody, delete: nobody, readVersions: nobody },
  fields: [
    { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true },
    { name: 'thread', type: 'relationship', relationTo: 'threads', index: true },
    { name: 'seenUpTo', type: 'date' },
    { name: 'following', type: 'checkbox', defaultValue: false, index: true },
  ],
}
