// The fields threads and replies share: the body, who wrote it (private), its place in the queue.
import { STAFF_ROLE_LABEL, STAFF_ROLES } from '../../../src/policies/byline.js'
import type { Field } from 'payload'

import { POST_STATES } from '../../../src/policies/forumVisibility.js'
import { MAX_POST_LENGTH } from '../../../src/forum/markdown.js'
import { systemField } from '../access.js'
import { authorOrModeratorField, moderatorsOfPostField } from './access.js'

const system = { create: systemField, update: systemField }

export const postBodyField: Field = {
  name: 'body',
  type: 'textarea',
  required: true,
  maxLength: MAX_POST_LENGTH,
  admin: { description: 'Plain text. *Emphasis*, **strong**, lists and [links](https://…) are shown; HTML is not.' },
}

export function postSystemFields(): Field[] {
  return [
    { name: 'moderation', type: 'ui', admin: { components: { Field: '/admin/PostModerationPanel#PostModerationPanel' } } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: POST_STATES.map((value) => ({ value, label: value })),
      access: system,
      admin: { readOnly: true, position: 'sidebar' },
    },
    { name: 'author', type: 'relationship', relationTo: 'users', index: true, access: { read: authorOrModeratorField, ...system }, admin: { readOnly: true } },
    // The public face of the author, kept in step with their profile (collections/Users/hooks/syncPostBylines.ts).
    {
      name: 'authorByline',
      type: 'group',
      access: system,
      admin: { readOnly: true },
      fields: [
        { name: 'displayName', type: 'text' },
        { name: 'memberType', type: 'text' },
        // A claimed role (professional, commissioner) shows as a role only once a moderator confirms it.
        { name: 'memberTypeConfirmed', type: 'checkbox', defaultValue: false },
        // Staff are never ambiguous: their role shows beside their name (src/policies/byline.ts).
        { name: 'staffRole', type: 'select', options: STAFF_ROLES.map((value) => ({ value, label: STAFF_ROLE_LABEL[value] })) },
        // Opt-in, and only while the member is active in that kind of volunteering (src/policies/volunteering.ts).
        { name: 'volunteerBadge', type: 'text' },
      ],
    },
    { name: 'isFirstPost', type: 'checkbox', defaultValue: false, access: system, admin: { readOnly: true, position: 'sidebar', description: 'The author’s first approved post: "say welcome".' } },
    { name: 'everPublished', type: 'checkbox', defaultValue: false, access: { ...system, read: moderatorsOfPostField }, admin: { hidden: true } },
    // In the moderators' queue: waiting for approval, held, auto-hidden, or matched a "flag" watched word.
    { name: 'needsReview', type: 'checkbox', defaultValue: false, index: true, access: { ...system, read: moderatorsOfPostField }, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'crisisHold', type: 'checkbox', defaultValue: false, access: { ...system, read: authorOrModeratorField }, admin: { readOnly: true, position: 'sidebar' } },
    {
      name: 'autoHidden',
      type: 'checkbox',
      defaultValue: false,
      access: { ...system, read: moderatorsOfPostField },
      admin: { readOnly: true, position: 'sidebar', description: 'Hidden because enough members flagged it.' },
    },
    { name: 'triageAction', type: 'text', access: { ...system, read: moderatorsOfPostField }, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'triageMatches', type: 'json', access: { ...system, read: moderatorsOfPostField }, admin: { readOnly: true } },
    { name: 'reasonForAuthor', type: 'textarea', access: { ...system, read: authorOrModeratorField }, admin: { readOnly: true } },
    { name: 'fingerprint', type: 'text', index: true, access: { ...system, read: moderatorsOfPostField }, admin: { hidden: true } },
    { name: 'queueOrder', type: 'text', index: true, access: { ...system, read: moderatorsOfPostField }, admin: { hidden: true } },
  ]
}

/**
 * Edits (src/policies/postEditing.ts): when the text last changed, which everyone sees as "edited", and
 * the text each edit replaced, who made it and when, which only the post's moderators read.
 */
export function postEditFields(kind: 'threads' | 'replies'): Field[] {
  return [
    { name: 'editedAt', type: 'date', access: system, admin: { readOnly: true, position: 'sidebar', description: 'When the text last changed: members see “edited”.' } },
    {
      name: 'editHistory',
      type: 'array',
      access: { ...system, read: moderatorsOfPostField },
      admin: { readOnly: true, description: 'Earlier versions of the text, oldest first. Only the moderators of this forum see them.' },
      fields: [
        ...(kind === 'threads' ? [{ name: 'title', type: 'text' } as Field] : []),
        { name: 'body', type: 'textarea' },
        { name: 'replacedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'editedBy', type: 'relationship', relationTo: 'users' },
        { name: 'editorRole', type: 'select', options: ['author', 'moderator', 'system'].map((value) => ({ value, label: value })) },
      ],
    },
  ]
}

export const POST_PRIVATE_PATHS = [
  'editHistory',
  'author',
  'needsReview',
  'crisisHold',
  'autoHidden',
  'triageAction',
  'triageMatches',
  'reasonForAuthor',
  'fingerprint',
  'queueOrder',
  'everPublished',
] as const
