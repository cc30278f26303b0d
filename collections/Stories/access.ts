// canSee (src/policies/storyVisibility.ts) written as database queries, so that lists, counts,
// REST, the admin and file URLs are filtered by the same rule. tests/int checks the two agree.
import type { Access, FieldAccess, Where } from 'payload'

import { idOf } from '../../src/db/relationId.js'
import { canPost, isModerator, isSelf } from '../../src/policies/roles.js'
import { isSafeguardingLead } from '../../src/policies/safeguarding.js'
import type { ConsentAudience } from '../../src/policies/storyVisibility.js'

/** Published stories whose current consent allows one of these audiences, evaluated now. */
export function visibleTo(audiences: ConsentAudience[], now = new Date()): Where {
  return {
    and: [{ status: { equals: 'published' } }, { consentAudience: { in: audiences } }, { consentExpiresAt: { greater_than: now.toISOString() } }, { consentWithdrawnAt: { exists: false } }],
  }
}

export const storyRead: Access = ({ req: { user } }) => {
  if (!user) return visibleTo(['public'])
  const own: Where = { author: { equals: user.id } }
  if (isModerator(user)) return { or: [{ status: { not_equals: 'draft' } }, own] }
  // Safeguarding leads who are not moderators read stories held for crisis words (never a private draft).
  const held: Where[] = isSafeguardingLead(user) ? [{ and: [{ crisisHold: { equals: true } }, { status: { not_equals: 'draft' } }] }] : []
  return { or: [visibleTo(['public', 'members']), own, ...held] }
}

export const authorOnly: Access = ({ req: { user } }) => (user ? { author: { equals: user.id } } : false)
/** An author may delete a story that was never submitted; anything else is withdrawn instead. */
export const authorsDraftsOrAdmin: Access = ({ req: { user } }) => {
  if (!user) return false
  if (user.roles?.includes('admin')) return true
  const ownDraft: Where = { and: [{ author: { equals: user.id } }, { status: { equals: 'draft' } }] }
  return ownDraft
}

/** The author relation and the author's private fields: the author and moderators only. */
export const authorOrModeratorField: FieldAccess = ({ req: { user }, doc }) => {
  if (isModerator(user)) return true
  // Without a document Payload is asking whether the field may be queried; refusePrivateStoryQueries decides that.
  if (!doc) return Boolean(user)
  return isSelf(user, idOf(doc.author))
}
// On create there is no stored author yet: any verified member writes their own new story.
export const authorWritable: FieldAccess = ({ req: { user }, doc, id }) => (id !== undefined && doc?.author !== undefined ? isSelf(user, idOf(doc.author)) : canPost(user))
