// The append-only log of every moderation decision: who, what, on which record, why, when.
import type { CollectionConfig } from 'payload'

import type { Access, Where } from 'payload'

import { isModerator } from '../../src/policies/roles.js'
import { isSafeguardingLead } from '../../src/policies/safeguarding.js'
import { moderatedWhere, nobody, staffOnly } from '../shared/access.js'
import { refuseChanges } from '../shared/appendOnly.js'

// Safeguarding events (crisis alerts, private lines) say that a member may be in danger: they are read
// only by the leads and the moderators of the locality concerned. Every other event, by every moderator.
const SAFEGUARDING_TARGETS = ['crisis-alerts', 'conversations']
// A member reads the events about their own stories (their history), never the private notes or who acted.
const aboutMyStories = (userId: number | string): Where => ({ and: [{ subject: { equals: userId } }, { targetCollection: { equals: 'stories' } }] })

const moderationLogRead: Access = ({ req: { user } }): Where | boolean => {
  if (!user) return false
  if (!isModerator(user)) return isSafeguardingLead(user) ? { or: [{ targetCollection: { in: SAFEGUARDING_TARGETS } }, aboutMyStories(user.id)] } : aboutMyStories(user.id)
  if (isSafeguardingLead(user)) return true
  const moderated = moderatedWhere(user)
  if (moderated === true) return true
  const others: Where = { targetCollection: { not_in: SAFEGUARDING_TARGETS } }
  return moderated ? { or: [others, { and: [{ targetCollection: { in: SAFEGUARDING_TARGETS } }, moderated] }] } : others
}

export const ModerationEvents: CollectionConfig = {
  slug: 'moderation-events',
  admin: { useAsTitle: 'action', defaultColumns: ['at', 'action', 'targetCollection', 'targetId', 'actor'], group: 'Moderation' },
  defaultSort: '-at',
  access: {
    read: moderationLogRead,
    create: nobody,
    update: nobody,
    delete: nobody,
    readVersions: nobody,
  },
  hooks: { beforeOperation: [refuseChanges] },
  fields: [
    // Rendered on the server with the display name (src/admin/moderationLog/ActorCell.tsx): Payload's cell said "<No Actor>" below the fold.
    { name: 'actor', type: 'relationship', relationTo: 'users', access: { read: staffOnly }, admin: { components: { Cell: '/admin/moderationLog/ActorCell#ActorCell' } } },
    { name: 'subject', type: 'relationship', relationTo: 'users', index: true, access: { read: staffOnly }, admin: { description: 'The member this is about (a story’s author).' } },
    { name: 'actorRole', type: 'select', required: true, options: ['author', 'moderator', 'system'].map((v) => ({ value: v, label: v })) },
    { name: 'targetCollection', type: 'text', required: true, index: true },
    { name: 'targetId', type: 'text', required: true, index: true, admin: { components: { Cell: '/admin/moderationLog/TargetCell#TargetCell' } } },
    { name: 'action', type: 'text', required: true },
    { name: 'reason', type: 'textarea', admin: { description: 'Shown to the author where the action concerns them.' } },
    { name: 'privateNote', type: 'textarea', access: { read: staffOnly }, admin: { description: 'Moderators only.' } },
    { name: 'fromState', type: 'text' },
    { name: 'toState', type: 'text' },
    { name: 'at', type: 'date', required: true, index: true },
    { name: 'locality', type: 'relationship', relationTo: 'localities', index: true, admin: { description: 'Safeguarding events: read only by the leads and this locality’s moderators.' } },
  ],
}
