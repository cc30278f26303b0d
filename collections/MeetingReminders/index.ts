// The ledger of meeting reminders sent: one row per member, meeting and start time. Its unique key
// is what guarantees nobody gets the same reminder twice, however many times or places the job runs.
import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../src/policies/roles.js'
import { adminsOnly, nobody } from '../shared/access.js'

export const MeetingReminders: CollectionConfig = {
  slug: 'meeting-reminders',
  admin: { group: 'Meetings', hidden: ({ user }) => !isAdmin(user as never), defaultColumns: ['meeting', 'member', 'sentAt'] },
  access: { read: adminsOnly, create: nobody, update: nobody, delete: adminsOnly, readVersions: nobody },
  fields: [
    { name: 'key', type: 'text', required: true, unique: true, index: true },
    { name: 'meeting', type: 'relationship', relationTo: 'meetings', required: true, index: true },
    { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true },
    { name: 'sentAt', type: 'date', required: true },
  ],
}
