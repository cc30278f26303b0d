// Collections Payload adds by itself default to "any signed-in user may do anything". The admin's
// editing locks say which moderator is editing which record (a draft story, a member): only the people
// who work in the admin may read or write them.
import type { Access, SanitizedConfig } from 'payload'

import { canEnterSafeguardingWork } from '../policies/safeguarding.js'

const staffOnly: Access = ({ req: { user } }) => canEnterSafeguardingWork(user as never)

export function closeInternalCollections(config: SanitizedConfig): SanitizedConfig {
  const locks = config.collections.find((collection) => collection.slug === 'payload-locked-documents')
  if (locks) locks.access = { ...locks.access, create: staffOnly, read: staffOnly, update: staffOnly, delete: staffOnly }
  return config
}
