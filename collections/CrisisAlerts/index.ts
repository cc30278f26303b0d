// One record each time crisis words appear in something a member wrote, whatever the door. It holds
// ids and the watched-word entries that matched, never the member's text, and drives the crisis part
// of the moderators' queue and the urgent email to the safeguarding leads.
import type { CollectionConfig } from 'payload'

import { handleCrisisAlert } from '../../src/commands/safeguarding/handleCrisisAlert.js'
import { canEnterSafeguardingWork } from '../../src/policies/safeguarding.js'
import { TEXT_DOORS } from '../../src/moderation/textDoors.js'
import { text } from '../shared/moderatorEndpoint.js'
import { safeguardingEndpoint } from '../shared/safeguardingEndpoint.js'
import { nobody } from '../shared/access.js'
import { crisisHandlers } from './access.js'

export const CRISIS_ALERT_TARGETS = Object.keys(TEXT_DOORS)

// POST /api/crisis-alerts/:id/handle { note? }: the leads or the locality's moderators close an alert.
const handleEndpoint = safeguardingEndpoint('/:id/handle', async (req, body, id) => {
  const alert = await handleCrisisAlert(req, id, text(body.note, 500))
  return { status: alert.status }
})

export const CrisisAlerts: CollectionConfig = {
  slug: 'crisis-alerts',
  admin: {
    group: 'Moderation',
    defaultColumns: ['createdAt', 'targetCollection', 'locality', 'outcome', 'status'],
    description: 'Crisis words in something a member wrote. Handle them from the queue.',
    hidden: ({ user }) => !canEnterSafeguardingWork(user as never),
  },
  defaultSort: '-createdAt',
  endpoints: [handleEndpoint],
  access: { read: crisisHandlers, create: nobody, update: nobody, delete: nobody, readVersions: nobody },
  fields: [
    { name: 'member', type: 'relationship', relationTo: 'users', index: true, admin: { readOnly: true } },
    { name: 'memberName', type: 'text', admin: { readOnly: true, description: 'Their display name when the alert was raised.' } },
    { name: 'targetCollection', type: 'select', required: true, options: CRISIS_ALERT_TARGETS.map((value) => ({ value, label: value })), admin: { readOnly: true } },
    { name: 'targetId', type: 'text', required: true, index: true, admin: { readOnly: true } },
    { name: 'locality', type: 'relationship', relationTo: 'localities', index: true, admin: { readOnly: true } },
    {
      name: 'outcome',
      type: 'select',
      required: true,
      options: [
        { value: 'hold', label: 'Held until marked safe' },
        { value: 'alert', label: 'Not published anyway: alert only' },
      ],
      admin: { readOnly: true },
    },
    { name: 'privateDraft', type: 'checkbox', defaultValue: false, admin: { readOnly: true, description: 'In a draft only its author can read.' } },
    { name: 'matched', type: 'json', admin: { readOnly: true, description: 'The watched-word entries that matched (never the member’s text).' } },
    { name: 'matchCount', type: 'number', defaultValue: 1, admin: { readOnly: true } },
    { name: 'lastMatchedAt', type: 'date', admin: { readOnly: true } },
    { name: 'status', type: 'select', required: true, defaultValue: 'open', index: true, options: ['open', 'handled'].map((v) => ({ value: v, label: v })), admin: { readOnly: true } },
    { name: 'handledBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    { name: 'handledAt', type: 'date', admin: { readOnly: true } },
    { name: 'handledNote', type: 'textarea', maxLength: 500, admin: { readOnly: true, description: 'What was done (no member text).' } },
  ],
}
