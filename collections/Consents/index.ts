// Consent to share a story: versioned and append-only. Withdrawal and renewal are new records.
import type { CollectionConfig } from 'payload'

import { BYLINES } from '../../src/policies/consent.js'
import { isModerator } from '../../src/policies/roles.js'
import { CONSENT_AUDIENCES } from '../../src/policies/storyVisibility.js'
import { nobody, refuseChanges } from '../shared/appendOnly.js'

export const Consents: CollectionConfig = {
  slug: 'consents',
  admin: { useAsTitle: 'id', defaultColumns: ['story', 'version', 'audience', 'givenAt', 'expiresAt', 'withdrawnAt'], group: 'Stories' },
  access: {
    // The author reads their own consent history; moderators read all. Records are made by commands.
    read: ({ req: { user } }) => (isModerator(user) ? true : user ? { author: { equals: user.id } } : false),
    create: nobody,
    update: nobody,
    delete: nobody,
    readVersions: nobody,
  },
  hooks: { beforeOperation: [refuseChanges] },
  fields: [
    { name: 'story', type: 'relationship', relationTo: 'stories', required: true, index: true },
    { name: 'author', type: 'relationship', relationTo: 'users', required: true, index: true },
    { name: 'version', type: 'number', required: true, min: 1 },
    { name: 'audience', type: 'select', required: true, options: CONSENT_AUDIENCES.map((value) => ({ value, label: value })) },
    { name: 'byline', type: 'select', required: true, options: BYLINES.map((value) => ({ value, label: value })) },
    { name: 'penName', type: 'text', maxLength: 40 },
    { name: 'quoteInReports', type: 'checkbox', required: true, defaultValue: false },
    { name: 'statementVersion', type: 'text', required: true },
    { name: 'statementText', type: 'textarea', required: true },
    { name: 'givenAt', type: 'date', required: true },
    { name: 'expiresAt', type: 'date', required: true, index: true },
    { name: 'withdrawnAt', type: 'date' },
  ],
}
