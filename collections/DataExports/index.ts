// One-time download links for a member's data export. Only the token's hash is kept; the link works
// only for the member who made it, within its minutes, and is deleted when they sign out.
import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../src/policies/roles.js'
import { adminsOnly, nobody } from '../shared/access.js'

export const DataExports: CollectionConfig = {
  slug: 'data-exports',
  admin: { group: 'People', hidden: ({ user }) => !isAdmin(user as never), defaultColumns: ['member', 'createdAt', 'expiresAt', 'downloadedAt'] },
  access: { read: adminsOnly, create: nobody, update: nobody, delete: adminsOnly, readVersions: nobody },
  fields: [
    { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true },
    { name: 'tokenHash', type: 'text', required: true, unique: true, index: true, hidden: true },
    { name: 'sessionId', type: 'text', hidden: true },
    { name: 'expiresAt', type: 'date', required: true },
    { name: 'downloadedAt', type: 'date' },
  ],
}
