// Consent to share a story: versioned and append-only. Withdrawal and renewal are new records.
import type { CollectionConfig } from 'payload'

import { BYLINES } from '../../src/policies/consent.js'
import { isModerator } from '../../src/policies/roles.js'
import { CONSENT_AUDIENCES } from '../../src/policies/storyVisibility.js'
import { nobody } from '../shared/access.js'
import { refuseChanges } from '../shared/appendOnly.js'
import { completeConsent } from './hooks/completeConsent.js'

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
  hooks: { beforeOperation: [refuseChanges], beforeChange: [completeConsent] },
  fields: [
    // Erasure clears everything but the ids and dates, so these are required when a record is made
    // (completeConsent) rather than by the database.
    { name: 'story', type: 'relationship', relationTo: 'stories', index: true },
    { name: 'author', type: 'relationship', relationTo: 'users', index: true },
    { name: 'storyRef', type: 'text', index: true, admin: { readOnly: true, description: 'The story id, kept when the story is erased.' } },
    { name: 'authorRef', type: 'text', index: true, admin: { readOnly: true, description: 'The author id, kept when the author is erased.' } },
    { name: 'version', type: 'number', required: true, min: 1 },
    { name: 'audience', type: 'select', options: CONSENT_AUDIENCES.map((value) => ({ value, label: value })) },
    { name: 'byline', type: 'select', options: BYLINES.map((value) => ({ value, label: value })) },
    { name: 'penName', type: 'text', maxLength: 40 },
    { name: 'quoteInReports', type: 'checkbox', defaultValue: false },
    { name: 'statementVersion', type: 'text' },
    { name: 'statementText', type: 'textarea' },
    { name: 'givenAt', type: 'date', required: true },
    { name: 'expiresAt', type: 'date', index: true },
    { name: 'withdrawnAt', type: 'date' },
    { name: 'tombstone', type: 'checkbox', defaultValue: false, admin: { readOnly: true, description: 'The author was erased: only the ids and dates remain, as evidence that consent existed.' } },
  ],
}
