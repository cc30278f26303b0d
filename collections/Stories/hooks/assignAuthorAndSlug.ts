// A new story belongs to whoever is signed in and starts as a draft, whatever the request says.
// Its slug is random: a title can hold names or places, and titles change after redaction.
import crypto from 'node:crypto'
import type { CollectionBeforeChangeHook } from 'payload'

export const newStorySlug = () =>
  crypto
    .randomBytes(10)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 12)
    .padEnd(12, '0')

export const assignAuthorAndSlug: CollectionBeforeChangeHook = ({ data, operation, req, originalDoc }) => {
  if (operation === 'create') {
    if (req.user) data.author = req.user.id
    data.slug = newStorySlug()
    data.status = 'draft'
    data.revisionState = 'none'
  } else if (originalDoc) {
    // Never moved to another author or URL.
    data.author = typeof originalDoc.author === 'object' && originalDoc.author ? originalDoc.author.id : originalDoc.author
    data.slug = originalDoc.slug
  }
  return data
}
