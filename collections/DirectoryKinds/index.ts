// The kinds of community asset the directory lists (AA, family support, recovery café…): a list the
// moderators keep, each in a group such as mutual aid. Everyone reads it; the directory's filters use it.
import type { CollectionConfig } from 'payload'

import { KIND_GROUPS } from '../../src/policies/directory.js'
import { adminsOnly, anyone, moderatorsOnly, nobody } from '../shared/access.js'

export const DirectoryKinds: CollectionConfig = {
  slug: 'directory-kinds',
  labels: { singular: 'Directory kind', plural: 'Directory kinds' },
  admin: { useAsTitle: 'name', group: 'Directory', defaultColumns: ['name', 'slug', 'group', 'order'], description: 'The kinds of group and service the directory lists.' },
  defaultSort: 'order',
  access: { read: anyone, create: moderatorsOnly, update: moderatorsOnly, delete: adminsOnly, readVersions: nobody, unlock: moderatorsOnly },
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
    { name: 'group', type: 'select', required: true, options: KIND_GROUPS.map(({ value, label }) => ({ value, label })) },
    { name: 'order', type: 'number', defaultValue: 0, admin: { description: 'Lower numbers first.' } },
    { name: 'isDemo', type: 'checkbox', defaultValue: false, access: { read: moderatorsOnly }, admin: { description: 'Made by the seed.' } },
  ],
}
