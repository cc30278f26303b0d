// Words a member's display name may not contain, because they would make the member look like staff or
// the site. Moderators keep the list; names are compared by their confusable skeleton
// (src/policies/staffNames.ts), so lookalike letters from other scripts count too. Staff are exempt.
import type { CollectionConfig } from 'payload'

import { moderatorsOnly } from '../shared/access.js'

export const ReservedNames: CollectionConfig = {
  slug: 'reserved-names',
  labels: { singular: 'Reserved name word', plural: 'Reserved name words' },
  admin: {
    useAsTitle: 'word',
    defaultColumns: ['word', 'note'],
    group: 'Moderation',
    description: 'Members’ display names may not contain these (staff are exempt). Words of 7 letters or more count anywhere in a name; shorter ones only as a whole word.',
  },
  access: { read: moderatorsOnly, create: moderatorsOnly, update: moderatorsOnly, delete: moderatorsOnly, readVersions: moderatorsOnly },
  fields: [
    { name: 'word', type: 'text', required: true, unique: true, minLength: 2, maxLength: 40 },
    { name: 'note', type: 'text', maxLength: 200 },
  ],
}
