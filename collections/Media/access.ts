// Media access as Where queries, so lists and file URLs are filtered the same way as single reads.
import type { Access, FieldAccess, Where } from 'payload'

import { canPublishMedia, canUploadMedia } from '../../src/policies/media.js'
import { isModerator } from '../../src/policies/roles.js'

export const publicOrOwnOrModerator: Access = ({ req: { user } }) => {
  if (isModerator(user)) return true
  const published: Where = { isPublic: { equals: true } }
  const coverOf = (audiences: string[]): Where => ({
    and: [{ storyAudience: { in: audiences } }, { storyVisibleUntil: { greater_than: new Date().toISOString() } }],
  })
  if (!user) return { or: [published, coverOf(['public'])] }
  return { or: [published, coverOf(['public', 'members']), { uploader: { equals: user.id } }] }
}

export const ownOrModerator: Access = ({ req: { user } }) => {
  if (!user) return false
  if (isModerator(user)) return true
  return { uploader: { equals: user.id } }
}

/** Who may upload (src/policies/media.ts): today the verified members, but uploads keep their own rule. */
export const mediaUploaders: Access = ({ req: { user } }) => canUploadMedia(user)
export const publishFieldWrite: FieldAccess = ({ req: { user } }) => canPublishMedia(user)
export const uploaderFieldRead: FieldAccess = ({ req: { user }, doc }) =>
  isModerator(user) || Boolean(user && doc && String(typeof doc.uploader === 'object' ? doc.uploader?.id : doc.uploader) === String(user.id))
