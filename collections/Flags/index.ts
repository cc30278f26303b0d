// Members' reports of threads, replies and stories. The flagger stays unknown to the author.
import type { CollectionConfig } from 'payload'

import { hideIfFlaggedEnough } from '../../src/commands/forum/autoHide.js'
import { resolveFlag } from '../../src/commands/forum/resolveFlag.js'
import { FLAG_REASONS, FLAG_STATES, FLAG_TARGETS, type FlagTarget } from '../../src/policies/flags.js'
import { moderatorEndpoint, text } from '../shared/moderatorEndpoint.js'
import { refusePrivateQueries } from '../shared/refusePrivateQueries.js'
import { moderatorsOnly, nobody, systemField, verifiedMembers } from '../shared/access.js'
import { flaggerOrModerator, flagRead } from './access.js'
import { checkFlag } from './hooks/checkFlag.js'
import { alertOnCrisisWords } from '../shared/hooks/alertOnCrisisWords.js'
import { idOf } from '../../src/db/relationId.js'

const system = { create: systemField, update: systemField }

// POST /api/flags/:id/resolve { status: 'resolved' | 'rejected', moderatorNote }
const resolveEndpoint = moderatorEndpoint('/:id/resolve', async (req, body, id) => {
  const flag = await resolveFlag(req.payload, { id, status: String(body.status ?? ''), moderatorNote: text(body.moderatorNote, 2000), user: req.user as never })
  return { status: flag.status }
})

export const Flags: CollectionConfig = {
  slug: 'flags',
  admin: { group: 'Moderation', defaultColumns: ['targetCollection', 'targetId', 'reason', 'status', 'createdAt'], description: 'Members’ reports. Open ones first.' },
  defaultSort: 'status',
  endpoints: [resolveEndpoint],
  access: { read: flagRead, create: verifiedMembers, update: nobody, delete: nobody, readVersions: nobody },
  hooks: {
    beforeOperation: [refusePrivateQueries({ privatePaths: ['flagger', 'resolvedBy', 'moderatorNote'], ownerPath: 'flagger', noun: 'flags' })],
    beforeChange: [checkFlag],
    afterChange: [
      async ({ doc, operation, req }) => {
        if (operation === 'create') await hideIfFlaggedEnough(req, doc.targetCollection as FlagTarget, String(doc.targetId))
        return doc
      },
      // A note is read only by moderators: crisis words in it alert the leads; there is nothing to hold.
      alertOnCrisisWords('flags', async (doc) => ({ member: idOf(doc.flagger), locality: idOf(doc.locality) })),
    ],
  },
  fields: [
    { name: 'targetCollection', type: 'select', required: true, index: true, options: FLAG_TARGETS.map((value) => ({ value, label: value })) },
    { name: 'targetId', type: 'text', required: true, index: true },
    { name: 'reason', type: 'select', required: true, options: FLAG_REASONS.map(({ value, label }) => ({ value, label })) },
    { name: 'note', type: 'textarea', maxLength: 1000 },
    { name: 'status', type: 'select', required: true, defaultValue: 'open', index: true, options: FLAG_STATES.map((value) => ({ value, label: value })), access: system },
    { name: 'moderatorNote', type: 'textarea', access: { ...system, read: moderatorsOnly } },
    { name: 'flagger', type: 'relationship', relationTo: 'users', index: true, access: { ...system, read: flaggerOrModerator } },
    { name: 'locality', type: 'relationship', relationTo: 'localities', index: true, access: system },
    { name: 'resolvedBy', type: 'relationship', relationTo: 'users', access: { ...system, read: moderatorsOnly } },
    { name: 'resolvedAt', type: 'date', access: system },
  ],
}
