// "You said, we did": what the forum raised, who owns it, and what changed. Public by design; the
// links to threads and stories are shown only where the reader may follow them (src/meetings/actions.ts).
import type { CollectionConfig } from 'payload'

import { ACTION_STATES, ACTION_STATE_LABELS } from '../../src/policies/actions.js'
import { adminsOnly, anyone, moderatorsOfLocality, systemField } from '../shared/access.js'
import { prepareAction } from './hooks/prepareAction.js'

export const Actions: CollectionConfig = {
  slug: 'actions',
  admin: { useAsTitle: 'description', defaultColumns: ['description', 'locality', 'owner', 'status', 'raisedOn'], group: 'Meetings' },
  defaultSort: '-raisedOn',
  access: { read: anyone, create: moderatorsOfLocality, update: moderatorsOfLocality, delete: adminsOnly, readVersions: adminsOnly },
  hooks: { beforeChange: [prepareAction] },
  fields: [
    { name: 'description', label: 'What was raised', type: 'textarea', required: true, maxLength: 2000 },
    {
      type: 'row',
      fields: [
        { name: 'meeting', type: 'relationship', relationTo: 'meetings', index: true },
        { name: 'thread', type: 'relationship', relationTo: 'threads' },
        { name: 'story', type: 'relationship', relationTo: 'stories' },
      ],
    },
    { name: 'locality', type: 'relationship', relationTo: 'localities', index: true, admin: { description: 'Taken from the meeting or thread when left empty.' } },
    { name: 'owner', type: 'text', maxLength: 120, admin: { description: 'Who is doing it, e.g. "Treatment provider", "DAAT".' } },
    { name: 'status', type: 'select', required: true, defaultValue: 'open', index: true, options: ACTION_STATES.map((value) => ({ value, label: ACTION_STATE_LABELS[value] })) },
    { name: 'outcome', label: 'What changed', type: 'textarea', maxLength: 2000 },
    {
      type: 'row',
      fields: [
        { name: 'raisedOn', type: 'date', index: true, admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMMM yyyy' } } },
        { name: 'targetDate', type: 'date', admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMMM yyyy' } } },
        { name: 'completedAt', type: 'date', access: { create: systemField, update: systemField }, admin: { readOnly: true, date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMMM yyyy' } } },
      ],
    },
    { name: 'isDemo', type: 'checkbox', defaultValue: false, admin: { hidden: true } },
  ],
}
