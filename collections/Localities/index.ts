// Localities: the three LUF locality forums and the county-wide forum.
import type { CollectionConfig } from 'payload'

import { forgetLocalities as forgetCachedLocalities } from '../../src/cache/localities.js'
import { adminsOnly, anyone } from '../shared/access.js'
import { retitleMeetings } from './hooks/retitleMeetings.js'

// Pages show locality changes on the very next request.
const forgetLocalities = () => forgetCachedLocalities()

export const Localities: CollectionConfig = {
  slug: 'localities',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'slug', 'forumVisibility', 'meetingCadenceWeeks'], group: 'Community' },
  access: { read: anyone, create: adminsOnly, update: adminsOnly, delete: adminsOnly, readVersions: adminsOnly },
  defaultSort: 'name',
  hooks: { afterChange: [forgetLocalities, retitleMeetings], afterDelete: [forgetLocalities] },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, maxLength: 80 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      validate: (value: unknown) => (typeof value === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) ? true : 'Use lower-case letters, digits and single hyphens.'),
    },
    { name: 'description', type: 'textarea', maxLength: 1000 },
    {
      name: 'forumVisibility',
      type: 'select',
      required: true,
      defaultValue: 'members',
      options: [
        { value: 'members', label: 'Members only' },
        { value: 'public', label: 'Public (visitors can read)' },
      ],
    },
    { name: 'meetingCadenceWeeks', type: 'number', required: true, defaultValue: 6, min: 1, max: 52 },
    { name: 'isCountyWide', type: 'checkbox', defaultValue: false },
    { name: 'isDemo', type: 'checkbox', defaultValue: false, admin: { description: 'Made by the seed.' } },
  ],
}
