// Safeguarding leads who are not moderators enter the admin for the crisis part of the queue and the
// private line, and nothing else: every other collection and global is hidden from their navigation.
// (Hiding is for the navigation; what they may read is still decided by each collection's access.)
import { isModerator } from '../policies/roles.js'

const FOR_LEADS = new Set(['crisis-alerts', 'conversations'])

type WithAdmin = { slug: string; admin?: { hidden?: boolean | ((args: { user: any }) => boolean) } & Record<string, any> }

export function showLeadsTheCrisisPartOnly<T extends WithAdmin>(entities: T[]): T[] {
  return entities.map((entity) => {
    if (FOR_LEADS.has(entity.slug)) return entity
    const hidden = entity.admin?.hidden
    return {
      ...entity,
      admin: { ...entity.admin, hidden: ({ user }: { user: any }) => !isModerator(user) || (typeof hidden === 'function' ? hidden({ user }) : hidden === true) },
    }
  })
}
