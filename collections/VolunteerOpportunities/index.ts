// Volunteering and peer-mentoring roles, kept per locality by its moderators and volunteer coordinators.
// Open ones are public (/volunteer); the contact is a role title, never a person.
import { APIError, type CollectionBeforeChangeHook, type CollectionConfig } from 'payload'

import { idOf } from '../../src/db/relationId.js'
import { moderatesLocality } from '../../src/policies/roles.js'
import { coordinatesLocality, looksLikeContactDetails, OPPORTUNITY_KINDS, type VolunteerActor } from '../../src/policies/volunteering.js'
import { nobody } from '../shared/access.js'
import { keepersOfTheLocality, keptByUser, openOrOwnLocality } from './access.js'

/** Nobody moves an opportunity into (or out of) a locality they neither moderate nor coordinate. */
const keepToOwnLocalities: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  if (!req.user) return data
  for (const locality of [data.locality, originalDoc?.locality].filter((l) => l !== undefined)) {
    const id = idOf(locality)
    if (!moderatesLocality(req.user, id) && !coordinatesLocality(req.user as VolunteerActor, id)) {
      throw new APIError('You can keep volunteering opportunities only for the localities you moderate or coordinate.', 403, undefined, true)
    }
  }
  return data
}

export const VolunteerOpportunities: CollectionConfig = {
  slug: 'volunteer-opportunities',
  admin: {
    useAsTitle: 'title',
    group: 'Community',
    defaultColumns: ['title', 'kind', 'locality', 'open'],
    description: 'Volunteering, peer-mentoring and recovery-champion roles shown on /volunteer while open.',
  },
  defaultSort: 'title',
  hooks: { beforeChange: [keepToOwnLocalities] },
  access: { read: openOrOwnLocality, create: keepersOfTheLocality, update: keptByUser, delete: keptByUser, readVersions: nobody },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 120, admin: { description: 'The role, for example "Peer mentor".' } },
    { name: 'kind', type: 'select', required: true, defaultValue: 'volunteer', index: true, options: OPPORTUNITY_KINDS.map(({ value, label }) => ({ value, label })) },
    { name: 'locality', type: 'relationship', relationTo: 'localities', required: true, index: true },
    { name: 'commitment', type: 'text', required: true, maxLength: 200, admin: { description: 'For example "One evening a week for six months".' } },
    { name: 'training', type: 'text', maxLength: 300, admin: { description: 'The training offered, if any.' } },
    { name: 'dbsCheck', type: 'checkbox', defaultValue: false, label: 'A DBS check is needed' },
    {
      name: 'contactRole',
      type: 'text',
      required: true,
      maxLength: 120,
      admin: { description: 'A role title, such as "Volunteer coordinator". Never a person’s name, email or phone.' },
      validate: (value: unknown) => (looksLikeContactDetails(value) ? 'A role title, not an email address, phone number or link.' : true),
    },
    { name: 'description', type: 'textarea', required: true, maxLength: 2000 },
    { name: 'open', type: 'checkbox', defaultValue: true, index: true, admin: { description: 'Closed roles leave /volunteer; their interests stay with the coordinators.' } },
    { name: 'isDemo', type: 'checkbox', defaultValue: false, admin: { description: 'Made by the demo seed: check it or delete it.' } },
  ],
}
