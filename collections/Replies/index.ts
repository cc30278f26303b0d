// Replies in a locality forum thread. A reply is seen only where its thread is (canSeePost).
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

const searchIndex = keepSearchIndex('reply', ['body'])

export const Replies: CollectionConfig = {
  slug: 'replies',
  admin: {
    useAsTitle: 'id',
    group: 'Forums',
    defaultColumns: ['id', 'thread', 'status', 'crisisHold', 'autoHidden', 'createdAt'],
    description: 'Needing a decision first (crisis-held at the top, then flagged), then oldest first.',
  },
  defaultSort: 'queueOrder',
  // A thread's replies in the order they were written.
  indexes: [{ fields: ['thread', 'createdAt'] }],
  endpoints: [moderatePostEndpoint('replies')],
  access: {
    read: postReadAccess('thread'),
    create: verifiedMembers,
    // Moderators may correct a post's text in the admin, and authors edit their own (src/policies/postEditing.ts);
    // status changes go through the moderate endpoint.
    update: postUpdateAccess('thread'),
    delete: adminsOnly,
    readVersions: nobody,
  },
  hooks: {
    beforeOperation: [refusePrivateQueries({ privatePaths: POST_PRIVATE_PATHS, ownerPath: 'author', noun: 'replies', defaultSort: 'createdAt' })],
    beforeValidate: [preparePost('replies')],
    beforeChange: [admitPost('replies')],
    afterChange: [afterPostCreated('replies'), afterPostEdited('replies'), searchIndex.afterChange],
    afterDelete: [searchIndex.afterDelete],
  },
  fields: [
    // Only a moderator moves a reply; its author edits the text alone.
    { name: 'thread', type: 'relationship', relationTo: 'threads', required: true, index: true, access: { update: moderatorsOfPostField } },
    // Copied from the thread, so that visibility and moderators' scope are one query.
    { name: 'locality', type: 'relationship', relationTo: 'localities', index: true, access: { create: systemField, update: systemField }, admin: { readOnly: true } },
    postBodyField,
    ...postSystemFields(),
    ...postEditFields('replies'),
  ],
}
