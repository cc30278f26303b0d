// Members' reports of threads, replies and stories. The flagger stays unknown to the author.
import { addDataAndFileToRequest, type CollectionConfig, type Endpoint } from 'payload'

import { hideIfFlaggedEnough } from '../../src/commands/forum/autoHide.js'
import { resolveFlag } from '../../src/commands/forum/resolveFlag.js'
import { ForumCommandError } from '../../src/commands/forum/shared.js'
import { FLAG_REASONS, FLAG_STATES, FLAG_TARGETS, type FlagTarget } from '../../src/policies/flags.js'
import { isModerator } from '../../src/policies/roles.js'
import { refusePrivateQueries } from '../shared/refusePrivateQueries.js'
import { flaggerOrModerator, flagRead, nobody, systemField, verifiedMembers } from './access.js'
import { checkFlag } from './hooks/checkFlag.js'

const system = { create: systemField, update: systemField }

const resolveEndpoint: Endpoint = {
  path: '/:id/resolve',
  method: 'post',
  handler: async (req) => {
    if (!isModerator(req.user)) return Response.json({ error: 'Moderators only.' }, { status: 403 })
    await addDataAndFileToRequest(req)
    const body = (req.data ?? {}) as Record<string, unknown>
    try {
      const flag = await resolveFlag(req.payload, {
        id: String(req.routeParams?.id ?? ''),
        status: String(body.status ?? ''),
        moderatorNote: typeof body.moderatorNote === 'string' ? body.moderatorNote : undefined,
        user: req.user as never,
      })
      return Response.json({ ok: true, status: flag.status })
    } catch (error) {
      if (error instanceof ForumCommandError) return Response.json({ error: error.message }, { status: error.status })
      throw error
    }
  },
}

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
    ],
  },
  fields: [
    { name: 'targetCollection', type: 'select', required: true, index: true, options: FLAG_TARGETS.map((value) => ({ value, label: value })) },
    { name: 'targetId', type: 'text', required: true, index: true },
    { name: 'reason', type: 'select', required: true, options: FLAG_REASONS.map(({ value, label }) => ({ value, label })) },
    { name: 'note', type: 'textarea', maxLength: 1000 },
    { name: 'status', type: 'select', required: true, defaultValue: 'open', index: true, options: FLAG_STATES.map((value) => ({ value, label: value })), access: system },
    { name: 'moderatorNote', type: 'textarea', access: { ...system, read: ({ req: { user } }) => isModerator(user) } },
    { name: 'flagger', type: 'relationship', relationTo: 'users', index: true, access: { ...system, read: flaggerOrModerator } },
    { name: 'locality', type: 'relationship', relationTo: 'localities', index: true, access: system },
    { name: 'resolvedBy', type: 'relationship', relationTo: 'users', access: { ...system, read: ({ req: { user } }) => isModerator(user) } },
    { name: 'resolvedAt', type: 'date', access: system },
  ],
}
