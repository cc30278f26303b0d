// Uploaded images. sharp re-encodes every original, so EXIF and GPS data never survive.
import type { CollectionConfig } from 'payload'

import { mediaDir } from '../../src/env.js'
import { ALLOWED_IMAGE_TYPES } from '../../src/policies/media.js'
import { systemField } from '../shared/access.js'
import { mediaUploaders, ownOrModerator, publicOrOwnOrModerator, publishFieldWrite, uploaderFieldRead } from './access.js'
import { checkImageContent } from './hooks/checkImageContent.js'
import { recordUploader } from './hooks/recordUploader.js'
import { alertOnCrisisWords } from '../shared/hooks/alertOnCrisisWords.js'
import { idOf } from '../../src/db/relationId.js'
import { storagePrefixField } from '../../src/storage/s3.js'

/** A picture belongs to no locality: its uploader's home locality decides who is alerted. */
const uploaderAndHome = async (doc: Record<string, any>, req: import('payload').PayloadRequest) => {
  const member = idOf(doc.uploader)
  const uploader = member === null ? null : await req.payload.findByID({ collection: 'users', id: member, depth: 0, overrideAccess: true, req }).catch(() => null)
  return { member, locality: idOf(uploader?.homeLocality) }
}

export const Media: CollectionConfig = {
  slug: 'media',
  admin: { useAsTitle: 'alt', group: 'Content' },
  access: {
    read: publicOrOwnOrModerator,
    create: mediaUploaders,
    update: ownOrModerator,
    delete: ownOrModerator,
    readVersions: ownOrModerator,
  },
  upload: {
    staticDir: mediaDir(),
    mimeTypes: [...ALLOWED_IMAGE_TYPES],
    // Re-encoding the original drops all metadata; sharp keeps none unless asked to.
    formatOptions: { format: 'webp', options: { quality: 82 } },
    resizeOptions: { width: 2400, height: 2400, fit: 'inside', withoutEnlargement: true },
    imageSizes: [
      { name: 'thumbnail', width: 160, height: 160, position: 'centre', formatOptions: { format: 'webp', options: { quality: 75 } } },
      { name: 'card', width: 640, height: 400, position: 'centre', formatOptions: { format: 'webp', options: { quality: 78 } } },
      { name: 'full', width: 1600, fit: 'inside', withoutEnlargement: true, formatOptions: { format: 'webp', options: { quality: 82 } } },
    ],
    adminThumbnail: 'thumbnail',
    focalPoint: false,
    crop: false,
  },
  hooks: {
    beforeOperation: [checkImageContent],
    beforeChange: [recordUploader],
    afterChange: [alertOnCrisisWords('media', uploaderAndHome)],
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      required: true,
      maxLength: 300,
      admin: { description: 'Describe the image for people who cannot see it.' },
    },
    {
      name: 'isPublic',
      type: 'checkbox',
      defaultValue: false,
      admin: { description: 'Public files can be seen by everyone. Set when the content that uses the file is published.' },
      access: { create: publishFieldWrite, update: publishFieldWrite },
    },
    // Set from the story that uses the file as its cover (collections/Stories/hooks/syncCoverVisibility.ts).
    {
      name: 'storyAudience',
      type: 'select',
      defaultValue: 'none',
      options: ['none', 'members', 'public'],
      admin: { readOnly: true },
      access: { create: systemField, update: systemField },
    },
    { name: 'storyVisibleUntil', type: 'date', admin: { readOnly: true }, access: { create: systemField, update: systemField } },
    {
      name: 'uploader',
      type: 'relationship',
      relationTo: 'users',
      admin: { readOnly: true },
      access: { read: uploaderFieldRead, create: systemField, update: systemField },
    },
    // Where the file is kept in the S3 bucket (src/storage/s3.ts); the same column on the local disk.
    storagePrefixField,
  ],
}
