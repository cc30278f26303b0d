// canReadThreadState (src/policies/memberNotifications.ts) as a query: a member's place in a thread and
// their follow are theirs alone.
import type { Access, Where } from 'payload'

export const memberOnly: Access = ({ req: { user } }): Where | boolean => (user ? { member: { equals: user.id } } : false)
