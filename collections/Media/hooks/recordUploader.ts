// The uploader is whoever is signed in, never a value from the request body.
import type { CollectionBeforeChangeHook } from 'payload'

export const recordUploader: CollectionBeforeChangeHook = ({ data, operation, req, originalDoc }) => {
  if (operation === 'create') {
    data.uploader = req.user?.id ?? data.uploader ?? null
    if (req.user) data.isPublic = data.isPublic === true && req.user.roles?.some((r: string) => r === 'moderator' || r === 'admin')
  } else if (originalDoc) {
    data.uploader = originalDoc.uploader && typeof originalDoc.uploader === 'object' ? originalDoc.uploader.id : originalDoc.uploader
  }
  return data
}
