// canSeePost (src/policies/forumVisibility.ts) written as database queries, so that lists, counts,
// REST, search and feeds are filtered by one rule. tests/int checks the two agree.
import type { Access, FieldAccess, Where } from 'payload'

import { idOf } from '../../../src/db/relationId.js'
import { EDITABLE_POST_STATES } from '../../../src/policies/postEditing.js'
import { canPost, isModerator, isSelf, moderatesLocality, type Actor } from '../../../src/policies/roles.js'
import { isSafeguardingLead } from '../../../src/policies/safeguarding.js'
import { moderatedWhere } from '../access.js'

/** `threadPath` is set for replies: a reply is seen only where its thread is published too. */
export function postReadAccess(threadPath?: string): Access {
  return ({ req: { user } }): Where | boolean => {
    const moderated = moderatedWhere(user)
    if (moderated === true) return true
    const published: Where[] = [{ status: { equals: 'published' } }]
    if (threadPath) published.push({ [`${threadPath}.status`]: { equals: 'published' } })
    if (!user) return { and: [...published, { 'locality.forumVisibility': { equals: 'public' } }] }
    const or: Where[] = [{ and: published }, { author: { equals: user.id } }]
    if (moderated) or.push(moderated)
    // Safeguarding leads read posts held for crisis words, in any locality.
    if (isSafeguardingLead(user)) or.push({ crisisHold: { equals: true } })
    return { or }
  }
}

/**
 * canEditOwnPost (src/policies/postEditing.ts) as a query: the locality's moderators as before, and a
 * verified author their own post while it is not removed and its thread is neither locked nor removed.
 * The hook admitPost checks the rest (the edit cap) and triages the new text.
 */
export function postUpdateAccess(threadPath?: string): Access {
  return ({ req: { user } }): Where | boolean => {
    const moderated = moderatedWhere(user)
    if (moderated === true) return true
    if (!user || !canPost(user)) return moderated
    const unlocked = (path: string): Where => ({ or: [{ [path]: { equals: false } }, { [path]: { exists: false } }] })
    const thread: Where[] = threadPath ? [{ [`${threadPath}.status`]: { not_equals: 'removed' } }, unlocked(`${threadPath}.locked`)] : [unlocked('locked')]
    const own: Where = { and: [{ author: { equals: user.id } }, { status: { in: [...EDITABLE_POST_STATES] } }, ...thread] }
    return moderated ? { or: [moderated, own] } : own
  }
}

/** A moderator reads private fields only inside their own localities (scoped moderators). */
const moderatesDoc = (user: Actor, doc: Record<string, any> | undefined) => isModerator(user) && moderatesLocality(user, idOf(doc?.locality))

/** The author relation and the author's private fields: the author and the locality's moderators only. */
export const authorOrModeratorField: FieldAccess = ({ req: { user }, doc }) => {
  // Without a document Payload asks whether the field may be queried; refusePrivateQueries decides that.
  if (!doc) return Boolean(user)
  return moderatesDoc(user, doc) || isSelf(user, idOf(doc.author))
}
/** A moderator's field of a post: the moderators of its locality (any moderator when Payload asks without a document). */
export const moderatorsOfPostField: FieldAccess = ({ req: { user }, doc }) => (doc ? moderatesDoc(user, doc) : isModerator(user))
