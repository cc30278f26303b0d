// Messages in private conversations. Each carries its conversation's kind, members, locality and report
// state, so the read rule applies without a join. Text is never emailed; a member's message is triaged for crisis
// words like every other door.
import type { CollectionConfig } from 'payload'

import { CONVERSATION_KINDS } from '../../src/policies/conversations.js'
import { nobody } from '../shared/access.js'
import { messageRead, moderatorsRead } from '../Conversations/access.js'

export const Messages: CollectionConfig = {
  slug: 'messages',
  admin: { group: 'Moderation', hidden: true },
  defaultSort: 'createdAt',
  access: { read: messageRead, create: nobody, update: nobody, delete: nobody, readVersions: nobody },
  fields: [
    { name: 'conversation', type: 'relationship', relationTo: 'conversations', required: true, index: true },
    { name: 'kind', type: 'select', required: true, options: CONVERSATION_KINDS.map((value) => ({ value, label: value })) },
    { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true },
    { name: 'locality', type: 'relationship', relationTo: 'localities', index: true },
    { name: 'sender', type: 'relationship', relationTo: 'users' },
    { name: 'senderLabel', type: 'text', admin: { description: 'How the sender is shown: a display name and, for staff, their role.' } },
    { name: 'fromMember', type: 'checkbox', defaultValue: false },
    { name: 'body', type: 'textarea', required: true, maxLength: 5000 },
    // member kind: the second member, whether the conversation is reported, and a crisis hold (sender and leads only).
    { name: 'otherMember', type: 'relationship', relationTo: 'users', index: true },
    { name: 'reported', type: 'checkbox', defaultValue: false, index: true, access: { read: moderatorsRead } },
    { name: 'crisisHold', type: 'checkbox', defaultValue: false, index: true },
  ],
}
