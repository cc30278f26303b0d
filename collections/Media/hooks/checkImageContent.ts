// The file's own bytes decide its type, not its name or the browser's claim: an HTML page named
// photo.jpg is refused before anything is written. The stored name is random: a file called
// jane-smith.jpg must not put a name in a public address.
import { randomUUID } from 'node:crypto'

import { fileTypeFromBuffer } from 'file-type'
import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { isAllowedImageType } from '../../../src/policies/media.js'

export const checkImageContent: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = req.file
  if (!file) {
    if (operation === 'create') throw new APIError('Choose an image file to upload.', 400, undefined, true)
    return args
  }
  const detected = file.data && file.data.length > 0 ? await fileTypeFromBuffer(file.data) : undefined
  if (!detected || !isAllowedImageType(detected.mime)) {
    throw new APIError('Only JPEG, PNG, WebP and GIF images can be uploaded.', 415, undefined, true)
  }
  file.mimetype = detected.mime
  file.name = `${randomUUID()}.${detected.ext}`
  return args
}
