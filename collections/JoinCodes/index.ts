// Meeting join codes: short, time-limited codes a moderator opens at a meeting, so that people joining
// together on the venue's Wi-Fi are not turned away by the per-IP sign-up limit. Only moderators read them.
import type { CollectionConfig } from 'payload'

import { isAdmin, isModerator } from '../../src/policies/roles.js'

const moderators = ({ req: { user } }: { req: { user?: unknown } }) => isModerator(user as never)
const adminsOnly = ({ req: { user } }: { req: { user?: unknown } }) => isAdmin(user as never)

export const JoinCodes: CollectionConfig = {
  slug: 'join-codes',
  admin: { group: 'Meetings', useAsTitle: 'code', defaultColumns: ['code', 'meeting', 'expiresAt', 'uses'] },
  access: { read: moderators, create: () => false, update: () => false, delete: adminsOnly, readVersions: () => false },
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
