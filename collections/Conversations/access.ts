// canReadConversation (src/policies/conversations.ts) as database queries, for conversations and their
// messages (which carry the conversation's kind, member and locality, so no join is needed).
import type { Access, Where } from 'payload'

import { isModerator } from '../../src/policies/roles.js'
import { isSafeguardingLead } from '../../src/policies/safeguarding.js'
import { moderatedWhere } from '../shared/access.js'

export const conversationRead: Access = ({ req: { user } }): Where | boolean => {
  if (!user) return false
  const or: Where[] = [{ member: { equals: user.id } }]
  const safeguarding: Where = { kind: { equals: 'safeguarding' } }
  if (isSafeguardingLead(user)) or.push(safeguarding)
  else if (isModerator(user)) {
    const moderated = moderatedWhere(user)
    if (moderated === true) or.push(safeguarding)
    else if (moderated) or.push({ and: [safeguarding, moderated] })
  }
  return { or }
}
