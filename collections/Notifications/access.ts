// canReadNotification (src/policies/memberNotifications.ts) as a query: a member reads their own, nobody
// else does (not moderators, not admins: what someone was told says what they read and wrote).
import type { Access, Where } from 'payload'

export const recipientOnly: Access = ({ req: { user } }): Where | boolean => (user ? { recipient: { equals: user.id } } : false)
