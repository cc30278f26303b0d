// A member's interest in a volunteering opportunity, with a short private note. Only the member and
// the coordinators of the opportunity's locality (and admins) read it; the member never reads the
// coordinators' note. The state moves only through src/commands/volunteering/moveInterest.ts.
import type { CollectionConfig } from 'payload'

import { moveInterest } from '../../src/commands/volunteering/moveInterest.js'
import { COORDINATOR_NOTE_MAX, INTEREST_STATES, NOTE_MAX, OPPORTUNITY_KINDS } from '../../src/policies/volunteering.js'
import { adminsOnly, nobody, systemField, verifiedMembers } from '../shared/access.js'
import { moderatorEndpoint, text } from '../shared/moderatorEndpoint.js'
import { idOf } from '../../src/db/relationId.js'
import { alertOnCrisisWords } from '../shared/hooks/alertOnCrisisWords.js'
import { refusePrivateQueries } from '../shared/refusePrivateQueries.js'
import { coordinatorNoteRead, memberNoteRead, memberOrCoordinator } from './access.js'
import { prepareInterest } from './hooks/prepareInterest.js'

const system = { create: systemField, update: systemField }
const everyoneAsksTheCommand = () => true

// POST /api/volunteer-interests/:id/move { state, coordinatorNote? }: the coordinators of its locality.
const moveEndpoint = moderatorEndpoint(
  '/:id/move',
  async (req, body, id) => {
    const moved = await moveInterest(req.payload, { actor: req.user as never, interestId: id, to: body.state, coordinatorNote: text(body.coordinatorNote, COORDINATOR_NOTE_MAX + 1) })
    return { state: moved.state }
  },
  200,
  everyoneAsksTheCommand,
)

export const VolunteerInterests: CollectionConfig = {
  slug: 'volunteer-interests',
  admin: { group: 'Community', defaultColumns: ['memberName', 'opportunity', 'state', 'updatedAt'], description: 'Members’ interest in volunteering. Coordinators of the locality only.' },
  defaultSort: '-createdAt',
  endpoints: [moveEndpoint],
  access: { read: memberOrCoordinator, create: verifiedMembers, update: nobody, delete: adminsOnly, readVersions: nobody },
  hooks: {
    beforeOperation: [refusePrivateQueries({ privatePaths: ['member', 'memberName', 'note', 'coordinatorNote'], ownerPath: 'member', noun: 'volunteering interests' })],
    beforeChange: [prepareInterest],
    // The note goes to the role's coordinators only: crisis words in it alert the leads.
    afterChange: [alertOnCrisisWords('volunteer-interests', async (doc) => ({ member: idOf(doc.member), locality: idOf(doc.locality) }))],
  },
  fields: [
    { name: 'opportunity', type: 'relationship', relationTo: 'volunteer-opportunities', required: true, index: true, access: { update: systemField } },
    { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true, access: system },
    { name: 'memberName', type: 'text', maxLength: 60, access: system, admin: { description: 'The member’s display name when they said they were interested.' } },
    { name: 'note', type: 'textarea', maxLength: NOTE_MAX, access: { update: systemField, read: memberNoteRead }, admin: { description: 'The member’s short note to the coordinators.' } },
    {
      name: 'coordinatorNote',
      type: 'textarea',
      maxLength: COORDINATOR_NOTE_MAX,
      access: { ...system, read: coordinatorNoteRead },
      admin: { description: 'Coordinators only; never shown to the member.' },
    },
    { name: 'locality', type: 'relationship', relationTo: 'localities', index: true, access: system },
    { name: 'kind', type: 'select', index: true, options: OPPORTUNITY_KINDS.map(({ value, label }) => ({ value, label })), access: system },
    { name: 'state', type: 'select', required: true, defaultValue: 'interested', index: true, options: INTEREST_STATES.map(({ value, label }) => ({ value, label })), access: system },
    {
      name: 'history',
      type: 'array',
      access: system,
      fields: [
        { name: 'state', type: 'select', required: true, options: INTEREST_STATES.map(({ value, label }) => ({ value, label })) },
        { name: 'at', type: 'date', required: true },
      ],
    },
    { name: 'startedActiveAt', type: 'date', index: true, access: system },
    { name: 'isDemo', type: 'checkbox', defaultValue: false, access: system },
  ],
}
