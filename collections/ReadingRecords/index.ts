// "Remember what I read": a member who chose it (off by default, in their account) keeps their answers
// after stories with them. Theirs alone: read and cleared by the member, in their export, erased with them.
import type { CollectionConfig } from 'payload'

import { nobody } from '../shared/access.js'
import { memberOnly } from '../ThreadReads/access.js'

export const ReadingRecords: CollectionConfig = {
  slug: 'reading-records',
  admin: { group: 'People', hidden: true },
  indexes: [{ fields: ['member', 'story'], unique: true }],
  access: { read: memberOnly, create: nobody, update: nobody, delete: memberOnly, readVersions: nobody, unlock: nobody, admin: nobody },
  fields: [
    { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true },
    { name: 'story', type: 'relationship', relationTo: 'stories', required: true },
    { name: 'hope', type: 'number', min: 1, max: 5 },
    { name: 'connection', type: 'number', min: 1, max: 5 },
    { name: 'answeredAt', type: 'date', required: true },
  ],
}
