// Meeting join codes: short, time-limited codes a moderator opens at a meeting, so that people joining
// together on the venue's Wi-Fi are not turned away by the per-IP sign-up limit. Only moderators read them.
import type { Access, CollectionConfig } from 'payload'

import { adminsOnly, moderatedWhere, nobody } from '../shared/access.js'

/** Moderators, each for the meetings of the localities they moderate (as for opening a code). */
const moderatorsOfTheMeeting: Access = ({ req: { user } }) => {
  const where = moderatedWhere(user)
  return typeof where === 'boolean' ? where : { 'meeting.locality': where.locality! }
}

export const JoinCodes: CollectionConfig = {
  slug: 'join-codes',
  admin: { group: 'Meetings', useAsTitle: 'code', defaultColumns: ['code', 'meeting', 'expiresAt', 'uses'] },
  access: { read: moderatorsOfTheMeeting, create: nobody, update: nobody, delete: adminsOnly, readVersions: nobody },
  fields: [
    { name: 'code', type: 'text', required: true, unique: true, index: true },
    { name: 'meeting', type: 'relationship', relationTo: 'meetings', required: true, index: true },
    { name: 'expiresAt', type: 'date', required: true, index: true },
    { name: 'createdBy', type: 'relationship', relationTo: 'users' },
    { name: 'uses', type: 'number', defaultValue: 0 },
    { name: 'maxUses', type: 'number', defaultValue: 300 },
    { name: 'closedAt', type: 'date' },
  ],
}
