// For the migration that brought staff badges and confusable names: the default reserved words, staff
// roles on the bylines of posts already written, and display-name keys recomputed as confusable
// skeletons. Where two existing members' names would now share a key, the later one keeps its old key
// (both stay usable; new lookalikes of either are refused) and is logged for moderators to look at.
import type { Payload, PayloadRequest } from 'payload'

import { displayNameKey } from '../policies/displayName.js'
import { staffRoleOf } from '../policies/byline.js'
import { addMissingReservedNameWords } from './reservedNames.js'

export async function migrateStaffNames(payload: Payload, req?: PayloadRequest): Promise<void> {
  await addMissingReservedNameWords(payload, req)
  const users = await payload.find({ collection: 'users', pagination: false, depth: 0, overrideAccess: true, req, sort: 'id' })
  const taken = new Set<string>()
  for (const user of users.docs as Record<string, any>[]) {
    const key = displayNameKey(String(user.displayName ?? ''))
    if (taken.has(key)) {
      payload.logger.warn({ msg: `Display name of member ${user.id} looks like another member's; its old key is kept` })
    } else {
      taken.add(key)
      if (key !== user.displayNameKey) await payload.update({ collection: 'users', id: user.id, data: { displayNameKey: key } as never, overrideAccess: true, req, context: { migration: true } })
    }
    const role = staffRoleOf(user as never)
    if (!role) continue
    for (const collection of ['threads', 'replies'] as const) {
      await payload.update({
        collection,
        where: { author: { equals: user.id } },
        data: { authorByline: { displayName: user.displayName, memberType: user.memberType, staffRole: role } } as never,
        overrideAccess: true,
        depth: 0,
        req,
        context: { forumSystemWrite: true, migration: true },
      })
    }
  }
}
