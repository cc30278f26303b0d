// One-click unsubscribe: the signed token (checked by the route) is the authority, so the member's
// record is changed by the system (overrideAccess), and only the one notification named in the token.
import type { Payload } from 'payload'

import type { Unsubscribable } from '../../email/unsubscribe.js'

/** Turns one notification off; false when the member no longer exists. */
export async function unsubscribe({ payload, memberId, what }: { payload: Payload; memberId: number | string; what: Unsubscribable }): Promise<boolean> {
  const member = await payload.findByID({ collection: 'users', id: memberId, depth: 0, overrideAccess: true }).catch(() => null)
  if (!member) return false
  const notifications = { ...(member.notifications ?? {}), [what]: what === 'digest' ? 'never' : false }
  await payload.update({ collection: 'users', id: member.id, data: { notifications } as never, overrideAccess: true, depth: 0, context: { unsubscribe: true } })
  return true
}
