// The erasure log: one append-only entry per erased member, ids only. It is also written to a file
// outside the database (src/privacy/erasureLog.ts) so that a restore from an older backup re-applies it.
import type { CollectionConfig } from 'payload'

import { ERASURE_MODES } from '../../src/policies/privacy.js'
import { adminsOnly, nobody } from '../shared/access.js'
import { refuseChanges } from '../shared/appendOnly.js'

export const ErasureLog: CollectionConfig = {
  slug: 'erasure-log',
  admin: { group: 'People', useAsTitle: 'memberId', defaultColumns: ['memberId', 'mode', 'actorRole', 'actorId', 'erasedAt'] },
  defaultSort: '-erasedAt',
  access: { read: adminsOnly, create: nobody, update: nobody, delete: nobody, readVersions: nobody },
  hooks: { beforeOperation: [refuseChanges] },
  fields: [
    { name: 'memberId', type: 'text', required: true, index: true },
    { name: 'mode', type: 'select', required: true, options: ERASURE_MODES.map((value) => ({ value, label: value })) },
    { name: 'actorRole', type: 'select', required: true, options: ['self', 'moderator', 'system'].map((value) => ({ value, label: value })) },
    { name: 'actorId', type: 'text' },
    { name: 'erasedAt', type: 'date', required: true },
    { name: 'ids', type: 'json', required: true, admin: { description: 'Ids only: what was erased, so a restore can erase it again.' } },
  ],
}
