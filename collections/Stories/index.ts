// Lived-experience stories under consent control. Visibility is canSee (src/policies/storyVisibility.ts);
// state changes go only through the commands in src/commands/stories, which ask decideTransition.
import type { CollectionConfig } from 'payload'

import { CONSENT_AUDIENCES, STORY_STATES } from '../../src/policies/storyVisibility.js'
import { BYLINES } from '../../src/policies/consent.js'
import { richTextEditor } from '../../src/richtext/editor.js'
import { moderatorsOnly, nobody, systemField, verifiedMembers } from '../shared/access.js'
import { keepSearchIndex } from '../shared/hooks/keepSearchIndex.js'
import { authorOrModeratorField, authorsDraftsOrAdmin, authorOnly, storyRead } from './access.js'
import { moderateEndpoint } from './endpoints/moderate.js'
import { storyContentFields } from './fields.js'
import { alertSafeguardingLeads } from './hooks/alertSafeguardingLeads.js'
import { assignAuthorAndSlug } from './hooks/assignAuthorAndSlug.js'
import { deleteStoryFeedback } from './hooks/deleteStoryFeedback.js'
import { indexSearchText } from './hooks/indexSearchText.js'
import { divertPublishedEdits } from './hooks/divertPublishedEdits.js'
import { refusePrivateStoryQueries } from './hooks/refusePrivateStoryQueries.js'
import { sanitiseStoryText } from './hooks/sanitiseStoryText.js'
import { syncCoverVisibility } from './hooks/syncCoverVisibility.js'
import { triageStory } from './hooks/triageStory.js'
import { syncWarningFlags } from './hooks/syncWarningFlags.js'
import { WARNING_FLAG_NAMES } from '../../src/policies/warningFlags.js'

const system = { create: systemField, update: systemField }
// The live text and the status: only a published story's live text is in the full-text index.
const searchIndex = keepSearchIndex('story', ['status', 'title', 'summary', 'body'])
const privateToAuthor = { read: authorOrModeratorField, create: systemField, update: systemField }

export const Stories: CollectionConfig = {
  slug: 'stories',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'status', 'crisisHold', 'revisionState', 'submittedAt'],
    group: 'Stories',
    description: 'The moderation queue: stories needing a decision come first, crisis-held ones at the top, then oldest first.',
    listSearchableFields: ['title', 'slug'],
  },
  defaultSort: 'queueOrder',
  // The lists every visitor sees (src/queries/stories.ts, feeds, REST), newest published first, with
  // the read rule's filters inside the index: no sort and no table read for a story that is skipped.
  // SQLite ends every index with the id, which keyset paging uses as the tie-breaker.
  indexes: [
    { fields: ['status', 'publishedAt', 'createdAt', 'consentAudience', 'consentExpiresAt', 'consentWithdrawnAt'] },
    { fields: ['locality', 'status', 'publishedAt', 'createdAt'] },
    // "Stories like mine" (src/queries/storyMatching.ts): a chosen narrator type, stage or tone reads only
    // its own stories, newest first, and stops at the few it needs.
    { fields: ['narratorType', 'status', 'publishedAt'] },
    { fields: ['recoveryStage', 'status', 'publishedAt'] },
    { fields: ['tone', 'status', 'publishedAt'] },
    // A narrow choice (narrator, stage and tone together) reads only the stories with all three.
    { fields: ['narratorType', 'recoveryStage', 'tone', 'status', 'publishedAt'] },
  ],
  endpoints: [moderateEndpoint],
  access: {
    read: storyRead,
    create: verifiedMembers,
    update: authorOnly,
    delete: authorsDraftsOrAdmin,
    readVersions: nobody,
  },
  hooks: {
    beforeOperation: [refusePrivateStoryQueries],
    beforeValidate: [divertPublishedEdits],
    beforeChange: [assignAuthorAndSlug, sanitiseStoryText, triageStory, indexSearchText, syncWarningFlags],
    afterChange: [syncCoverVisibility, alertSafeguardingLeads, searchIndex.afterChange],
    beforeDelete: [deleteStoryFeedback],
    afterDelete: [searchIndex.afterDelete],
    afterRead: [({ doc }) => ({ ...doc, searchText: undefined })],
  },
  fields: [
    {
      name: 'moderation',
      type: 'ui',
      admin: { components: { Field: '/admin/ModerationPanel#ModerationPanel' } },
    },
    ...storyContentFields({ required: true }),
    {
      name: 'slug',
      type: 'text',
      unique: true,
      index: true,
      access: system,
      admin: { readOnly: true, description: 'Random and stable: never made from the title or the author.' },
    },
    { name: 'author', type: 'relationship', relationTo: 'users', index: true, access: privateToAuthor, admin: { readOnly: true } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'draft',
      index: true,
      options: STORY_STATES.map((value) => ({ value, label: value.replace('_', ' ') })),
      access: system,
      admin: { readOnly: true, position: 'sidebar' },
    },
    { name: 'crisisHold', type: 'checkbox', defaultValue: false, access: { ...system, read: authorOrModeratorField }, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'triageAction', type: 'text', access: { ...system, read: moderatorsOnly }, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'triageMatches', type: 'json', access: { ...system, read: moderatorsOnly }, admin: { readOnly: true } },
    // Denormalised from the latest consent record so that read access can be a database query.
    { name: 'consentVersion', type: 'number', access: { ...system, read: authorOrModeratorField }, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'consentAudience', type: 'select', options: [...CONSENT_AUDIENCES], index: true, access: system, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'consentByline', type: 'select', options: [...BYLINES], access: system, admin: { readOnly: true } },
    { name: 'consentPenName', type: 'text', access: system, admin: { readOnly: true } },
    { name: 'consentExpiresAt', type: 'date', index: true, access: system, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'consentWithdrawnAt', type: 'date', access: system, admin: { readOnly: true } },
    // An edit of a published story, waiting for review while the approved text stays live.
    {
      name: 'revision',
      type: 'group',
      access: { read: authorOrModeratorField },
      admin: { description: 'An edit of the published story, waiting for review.' },
      fields: storyContentFields({ required: false }),
    },
    {
      name: 'revisionState',
      type: 'select',
      options: ['none', 'submitted', 'changes_requested'],
      defaultValue: 'none',
      access: privateToAuthor,
      admin: { readOnly: true, position: 'sidebar' },
    },
    // A moderator's de-identifying edit, which only the author can accept.
    {
      name: 'redaction',
      type: 'group',
      access: { read: authorOrModeratorField, create: systemField, update: systemField },
      admin: { readOnly: true },
      fields: [
        { name: 'state', type: 'select', options: ['none', 'open', 'accepted', 'declined'], defaultValue: 'none' },
        { name: 'title', type: 'text' },
        { name: 'summary', type: 'textarea' },
        { name: 'body', type: 'richText', editor: richTextEditor },
        { name: 'note', type: 'textarea' },
        // Proposed characteristics (narrator type, tags, stage, tone, themes), when the moderator changes them too.
        { name: 'characteristics', type: 'json' },
        { name: 'proposedAt', type: 'date' },
        { name: 'respondedAt', type: 'date' },
      ],
    },
    { name: 'reasonForAuthor', type: 'textarea', access: privateToAuthor, admin: { readOnly: true, description: "The latest moderator's reason, shown to the author." } },
    { name: 'submittedAt', type: 'date', access: { ...system, read: authorOrModeratorField }, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'decidedAt', type: 'date', access: { ...system, read: moderatorsOnly }, admin: { readOnly: true } },
    { name: 'publishedAt', type: 'date', access: system, admin: { readOnly: true, position: 'sidebar' } },
    // Queryable by /search (so not `hidden`), but never sent out: readers get the real text instead.
    { name: 'expiryNotifiedVersion', type: 'number', access: { ...system, read: moderatorsOnly }, admin: { readOnly: true } },
    { name: 'renewalRemindedVersion', type: 'number', access: { ...system, read: moderatorsOnly }, admin: { readOnly: true } },
    { name: 'searchText', type: 'textarea', access: system, admin: { hidden: true } },
    // The live content warnings, one column each, for "hide these warnings" as a where clause (hooks/syncWarningFlags.ts).
    {
      name: 'warningFlags',
      type: 'group',
      admin: { hidden: true },
      fields: WARNING_FLAG_NAMES.map((name) => ({ name, type: 'checkbox' as const, defaultValue: false, access: system })),
    },
    { name: 'queueOrder', type: 'text', index: true, access: { ...system, read: moderatorsOnly }, admin: { hidden: true } },
  ],
}
