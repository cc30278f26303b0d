// Local crisis services, kept per locality by that locality's moderators. The crisis panel shows the
// services of the locality the text belongs to first, then the national numbers (src/policies/crisisLines.ts).
import { APIError, type Access, type CollectionBeforeChangeHook, type CollectionConfig } from 'payload'

import { idOf } from '../../src/db/relationId.js'
import { moderatesLocality } from '../../src/policies/roles.js'
import { anyone, moderatorsOfLocality, nobody } from '../shared/access.js'

/** A moderator adds services only to a locality they moderate; admins and unscoped moderators anywhere. */
const moderatorsOfTheLocality: Access = ({ req: { user }, data }) => moderatesLocality(user, idOf(data?.locality))

/** A moderator cannot move a service into (or out of) a locality they do not moderate. */
const keepToOwnLocalities: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  if (!req.user) return data
  for (const locality of [data.locality, originalDoc?.locality].filter((l) => l !== undefined)) {
    if (!moderatesLocality(req.user, idOf(locality))) throw new APIError('You can keep crisis services only for the localities you moderate.', 403, undefined, true)
  }
  return data
}

export const CrisisServices: CollectionConfig = {
  slug: 'crisis-services',
  admin: {
    useAsTitle: 'name',
    group: 'Community',
    defaultColumns: ['name', 'locality', 'phone', 'hours'],
    description: 'Local crisis services shown first on the crisis panel of that locality. Check each entry before it goes live.',
  },
  defaultSort: 'order',
  hooks: { beforeChange: [keepToOwnLocalities] },
  access: { read: anyone, create: moderatorsOfTheLocality, update: moderatorsOfLocality, delete: moderatorsOfLocality, readVersions: nobody },
  fields: [
    { name: 'locality', type: 'relationship', relationTo: 'localities', required: true, index: true },
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'phone',
      type: 'text',
      maxLength: 40,
      validate: (value: unknown) => (value === undefined || value === null || value === '' || /^[0-9 +()]{3,40}$/.test(String(value)) ? true : 'Digits, spaces, + and brackets only.'),
    },
    { name: 'text', type: 'text', maxLength: 40, admin: { description: 'A number to text, if there is one.' } },
    { name: 'website', type: 'text', maxLength: 300, validate: (value: unknown) => (!value || /^https:\/\/[^\s]+$/.test(String(value)) ? true : 'An https:// address.') },
    { name: 'hours', type: 'text', maxLength: 120, admin: { description: 'When it is open, for example "24 hours" or "Mon–Fri 9–5".' } },
    { name: 'note', type: 'text', maxLength: 200, admin: { description: 'Who it is for, in a few words.' } },
    { name: 'order', type: 'number', defaultValue: 0, admin: { description: 'Lower numbers first.' } },
    { name: 'isDemo', type: 'checkbox', defaultValue: false, admin: { description: 'Made by the demo seed: check it or delete it.' } },
  ],
}
