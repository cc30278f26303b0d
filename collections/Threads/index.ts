// Locality forum threads. Visibility is canSeePost (src/policies/forumVisibility.ts); status changes
// go only through POST /api/threads/:id/moderate (src/commands/forum/moderatePost.ts).
import type { CollectionConfig } from 'payload'

import { moderatePostEndpoint } from '../shared/forumPost/moderateEndpoint.js'
import { adminsOnly, nobody, systemField, verifiedMembers } from '../shared/access.js'
import { moderatorsOfPostField, postReadAccess, postUpdateAccess } from '../shared/forumPost/access.js'
import { POST_PRIVATE_PATHS, postBodyField, postEditFields, postSystemFields } from '../shared/forumPost/fields.js'
import { admitPost } from '../shared/forumPost/hooks/admitPost.js'
import { afterPostCreated } from '../shared/forumPost/hooks/afterPostCreated.js'
import { afterPostEdited } from '../shared/forumPost/hooks/afterPostEdited.js'
import { preparePost } from '../shared/forumPost/hooks/preparePost.js'
import { refusePrivateQueries } from '../shared/refusePrivateQueries.js'
import { keepSearchIndex } from '../shared/hooks/keepSearchIndex.js'

const system = { create: systemField, update: systemField }

const searchIndex = keepSearchIndex('thread', ['title', 'body'])

export const Threads: CollectionConfig = {
  slug: 'threads',
  admin: {
    useAsTitle: 'title',
    group: 'Forums',
    defaultColumns: ['title', 'status', 'locality', 'crisisHold', 'autoHidden', 'createdAt'],
    description: 'Needing a decision first (crisis-held at the top, then flagged), then oldest first.',
    listSearchableFields: ['title'],
  },
  defaultSort: 'queueOrder',
  // A forum's thread list (pinned first, then latest activity) and its feed (latest activity only).
  indexes: [{ fields: ['locality', 'pinned', 'lastActivityAt', 'createdAt'] }, { fields: ['locality', 'lastActivityAt', 'createdAt'] }],
  endpoints: [moderatePostEndpoint('threads')],
  access: {
    read: postReadAccess(),
    create: verifiedMembers,
    // Moderators may correct a post's text in the admin, and authors edit their own (src/policies/postEditing.ts);
    // status changes go through the moderate endpoint.
    update: postUpdateAccess(),
    delete: adminsOnly,
    readVersions: nobody,
  },
  hooks: {
    beforeOperation: [refusePrivateQueries({ privatePaths: POST_PRIVATE_PATHS, ownerPath: 'author', noun: 'threads', defaultSort: '-lastActivityAt' })],
    beforeValidate: [preparePost('threads')],
    beforeChange: [admitPost('threads')],
    afterChange: [afterPostCreated('threads'), afterPostEdited('threads'), searchIndex.afterChange],
    afterDelete: [searchIndex.afterDelete],
  },
  fields: [
    // Only a moderator moves a thread to another forum; its author edits the title and text alone.
    { name: 'locality', type: 'relationship', relationTo: 'localities', required: true, index: true, access: { update: moderatorsOfPostField } },
    { name: 'title', type: 'text', required: true, minLength: 3, maxLength: 120 },
    postBodyField,
    ...postSystemFields(),
    ...postEditFields('threads'),
    { name: 'pinned', type: 'checkbox', defaultValue: false, index: true, access: system, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'locked', type: 'checkbox', defaultValue: false, access: system, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'lastActivityAt', type: 'date', index: true, access: system, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'replyCount', type: 'number', defaultValue: 0, access: system, admin: { readOnly: true, position: 'sidebar' } },
  ],
}
