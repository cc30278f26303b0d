// The community assets directory (issue 17 A): mutual aid groups, family support, recovery cafés,
// housing, training and work. Members suggest entries and corrections; the moderators of the locality
// approve them; only approved entries are public (access.ts). Who suggested an entry is never public.
import type { CollectionConfig } from 'payload'

import { ACCESSIBILITY_TAGS, ENTRY_STATES, SUGGESTION_TYPES, WEEKDAYS, WEEKS_OF_MONTH } from '../../src/policies/directory.js'
import { isWallTime } from '../../src/policies/londonTime.js'
import { idOf } from '../../src/db/relationId.js'
import { alertOnCrisisWords } from '../shared/hooks/alertOnCrisisWords.js'
import { refusePrivateQueries } from '../shared/refusePrivateQueries.js'
import { moderatorsOfLocality, moderatorsOnly, nobody, systemField, verifiedMembers } from '../shared/access.js'
import { directoryRead, suggesterOrModerator } from './access.js'
import { applyCorrection } from './hooks/applyCorrection.js'
import { checkEntry } from './hooks/checkEntry.js'

const label = (value: string) => value[0]!.toUpperCase() + value.slice(1)
const moderatorsWrite = { create: moderatorsOnly, update: moderatorsOnly }

export const DirectoryEntries: CollectionConfig = {
  slug: 'directory-entries',
  labels: { singular: 'Directory entry', plural: 'Directory entries' },
  admin: {
    useAsTitle: 'name',
    group: 'Directory',
    defaultColumns: ['name', 'kind', 'locality', 'status', 'suggestionType', 'checkedOn'],
    description:
      'Suggestions wait here with status "suggested": check them, then approve or reject. Approving a correction copies it onto its entry. The moderators’ directory page (/directory/moderate) lists what waits, entries not checked for six months, and the CSV export and import.',
  },
  defaultSort: 'name',
  access: { read: directoryRead, create: verifiedMembers, update: moderatorsOfLocality, delete: moderatorsOfLocality, readVersions: nobody, unlock: moderatorsOnly },
  hooks: {
    beforeOperation: [refusePrivateQueries({ privatePaths: ['suggestedBy', 'correctionNote'], ownerPath: 'suggestedBy', noun: 'directory entries' })],
    beforeChange: [checkEntry],
    // A member's suggested text is read by moderators before anything is public: crisis words alert the leads.
    afterChange: [applyCorrection, alertOnCrisisWords('directory-entries', async (doc) => ({ member: idOf(doc.suggestedBy), locality: idOf(doc.locality) }))],
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 140 },
    { name: 'kind', type: 'relationship', relationTo: 'directory-kinds', required: true, index: true },
    { name: 'locality', type: 'relationship', relationTo: 'localities', required: true, index: true, admin: { description: 'Use the county-wide locality for county services.' } },
    { name: 'address', type: 'textarea', maxLength: 300 },
    {
      name: 'postcode',
      type: 'text',
      maxLength: 10,
      validate: (value: unknown) => (!value || /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i.test(String(value).trim()) ? true : 'A UK postcode, such as PR1 2AB.'),
    },
    {
      name: 'meets',
      type: 'array',
      maxRows: 10,
      admin: { description: 'When it meets: weekly on a day, or on the first (second, …, last) such day of the month.' },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'frequency',
              type: 'select',
              required: true,
              defaultValue: 'weekly',
              options: [
                { value: 'weekly', label: 'Every week' },
                { value: 'monthly', label: 'Once a month' },
              ],
            },
            { name: 'week', type: 'select', options: WEEKS_OF_MONTH.map(({ value, label }) => ({ value, label })), admin: { condition: (_, sibling) => sibling?.frequency === 'monthly' } },
            { name: 'weekday', type: 'select', required: true, options: WEEKDAYS.map(({ value, label }) => ({ value, label })) },
            { name: 'time', type: 'text', required: true, validate: (value: unknown) => (isWallTime(value) ? true : 'A time written HH:MM, such as 19:00.') },
            { name: 'durationMinutes', type: 'number', min: 15, max: 600, admin: { description: 'Minutes (90 if left empty).' } },
          ],
        },
      ],
    },
    { name: 'meetsNote', label: 'About the times', type: 'text', maxLength: 200, admin: { description: 'For example "not on bank holidays" or "ring first".' } },
    { name: 'cost', type: 'text', maxLength: 120 },
    { name: 'contact', type: 'text', maxLength: 200, admin: { description: 'The organisation’s public phone number or email: never a private person’s.' } },
    { name: 'website', type: 'text', maxLength: 300, validate: (value: unknown) => (!value || /^https:\/\/[^\s<>"]+$/.test(String(value)) ? true : 'An https:// address.') },
    { name: 'accessibility', type: 'select', hasMany: true, options: ACCESSIBILITY_TAGS.map(({ value, label }) => ({ value, label })) },
    { name: 'description', type: 'textarea', maxLength: 1000 },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'suggested',
      index: true,
      options: ENTRY_STATES.map((value) => ({ value, label: label(value) })),
      access: moderatorsWrite,
      admin: { position: 'sidebar' },
    },
    {
      name: 'checkedOn',
      label: 'Checked on',
      type: 'date',
      index: true,
      access: moderatorsWrite,
      admin: {
        position: 'sidebar',
        date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMM yyyy' },
        description: 'When a moderator last checked it was right. Six months on, it is listed for checking again.',
      },
    },
    {
      name: 'suggestionType',
      label: 'Suggestion',
      type: 'select',
      defaultValue: 'entry',
      index: true,
      options: SUGGESTION_TYPES.map((value) => ({ value, label: label(value) })),
      access: { create: systemField, update: systemField },
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'correctionOf',
      label: 'Corrects',
      type: 'relationship',
      relationTo: 'directory-entries',
      index: true,
      access: { update: systemField },
      admin: { readOnly: true, position: 'sidebar', condition: (data) => data?.suggestionType === 'correction' },
    },
    {
      name: 'correctionNote',
      label: 'What is wrong',
      type: 'textarea',
      maxLength: 1000,
      access: { read: suggesterOrModerator, update: systemField },
      admin: { condition: (data) => data?.suggestionType === 'correction' },
    },
    {
      name: 'suggestedBy',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      access: { read: suggesterOrModerator, create: systemField, update: systemField },
      admin: { readOnly: true, position: 'sidebar', description: 'Private: never shown publicly.' },
    },
    { name: 'isDemo', type: 'checkbox', defaultValue: false, access: { read: moderatorsOnly, ...moderatorsWrite }, admin: { description: 'Made by the seed.' } },
  ],
}
