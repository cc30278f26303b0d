// Private conversations (src/policies/conversations.ts): one model with a kind. "safeguarding" is the
// private line from moderators and safeguarding leads to a member; "member" is two members writing to
// each other (member is who started it, otherMember the other; one conversation per pair). Made and
// written to only by the commands in src/commands/conversations; read through the members' pages and the
// crisis queue.
import type { CollectionConfig } from 'payload'

import { startPrivateLine } from '../../src/commands/conversations/privateLine.js'
import { CONVERSATION_KINDS } from '../../src/policies/conversations.js'
import { text } from '../shared/moderatorEndpoint.js'
import { safeguardingEndpoint } from '../shared/safeguardingEndpoint.js'
import { nobody, staffOnly } from '../shared/access.js'
import { blockedByMemberRead, blockedByOtherRead, conversationRead, moderatorsRead } from './access.js'

// POST /api/conversations/start { alertId, body }: from the crisis queue, a private message to the member.
const startEndpoint = safeguardingEndpoint(
  '/start',
  async (req, body) => {
    const conversation = await startPrivateLine({ payload: req.payload, user: req.user as never, alertId: String(body.alertId ?? ''), body: text(body.body, 10_000) ?? '' })
    return { conversation: conversation.id }
  },
  201,
)

export const Conversations: CollectionConfig = {
  slug: 'conversations',
  admin: {
    group: 'Moderation',
    defaultColumns: ['kind', 'memberName', 'locality', 'lastMessageAt', 'status'],
    description: 'Private lines to members. Read and answer them at /account/messages (the link is on each one).',
    useAsTitle: 'memberName',
  },
  defaultSort: '-lastMessageAt',
  endpoints: [startEndpoint],
  access: { read: conversationRead, create: nobody, update: nobody, delete: nobody, readVersions: nobody },
  fields: [
    { name: 'kind', type: 'select', required: true, index: true, options: CONVERSATION_KINDS.map((value) => ({ value, label: value })), admin: { readOnly: true } },
    { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true, admin: { readOnly: true } },
    { name: 'memberName', type: 'text', admin: { readOnly: true } },
    { name: 'locality', type: 'relationship', relationTo: 'localities', index: true, admin: { readOnly: true } },
    { name: 'alert', type: 'relationship', relationTo: 'crisis-alerts', access: { read: staffOnly }, admin: { readOnly: true } },
    { name: 'startedBy', type: 'relationship', relationTo: 'users', access: { read: staffOnly }, admin: { readOnly: true } },
    { name: 'lastMessageAt', type: 'date', index: true, admin: { readOnly: true } },
    { name: 'memberUnread', type: 'checkbox', defaultValue: false, index: true, admin: { readOnly: true, description: 'A message the member has not opened yet.' } },
    { name: 'staffUnread', type: 'checkbox', defaultValue: false, index: true, admin: { readOnly: true, description: 'A reply from the member nobody has opened yet.' } },
    // member kind: the second member, their side's unread state, each side's block and the report.
    { name: 'otherMember', type: 'relationship', relationTo: 'users', index: true, admin: { readOnly: true } },
    { name: 'otherMemberName', type: 'text', admin: { readOnly: true } },
    { name: 'otherUnread', type: 'checkbox', defaultValue: false, index: true, admin: { readOnly: true, description: 'A message the second member has not opened yet.' } },
    { name: 'memberBlocked', type: 'checkbox', defaultValue: false, access: { read: blockedByMemberRead }, admin: { readOnly: true, description: 'The first member has blocked the second.' } },
    { name: 'otherBlocked', type: 'checkbox', defaultValue: false, access: { read: blockedByOtherRead }, admin: { readOnly: true, description: 'The second member has blocked the first.' } },
    {
      name: 'reported',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      access: { read: moderatorsRead },
      admin: { readOnly: true, description: 'A member of it reported it: moderators may read it.' },
    },
    { name: 'reportedAt', type: 'date', access: { read: moderatorsRead }, admin: { readOnly: true } },
    { name: 'reportReason', type: 'text', access: { read: moderatorsRead }, admin: { readOnly: true } },
    { name: 'status', type: 'select', required: true, defaultValue: 'open', options: ['open', 'closed'].map((v) => ({ value: v, label: v })), admin: { readOnly: true } },
    {
      name: 'open',
      type: 'ui',
      admin: { components: { Field: '/admin/ConversationLink#ConversationLink' } },
    },
  ],
}
