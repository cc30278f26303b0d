// A member marks their own notifications read: one, or all. The update names the member as recipient in its
// query, so an id that is someone else's (or no one's) changes nothing and says nothing.
import type { Payload, Where } from 'payload'

type Member = Record<string, any> & { id: number | string }

export async function markNotificationsRead({ payload, user, id }: { payload: Payload; user: Member; id: number | string | 'all' }): Promise<void> {
  const own: Where = { and: [{ recipient: { equals: user.id } }, { read: { equals: false } }, ...(id === 'all' ? [] : [{ id: { equals: id } }])] }
  // Nobody updates notifications through a door (access: nobody); this command is the only writer.
  await payload.update({ collection: 'notifications', where: own, data: { read: true } as never, depth: 0, overrideAccess: true })
}
