// The crisis part of the moderators' queue: open crisis alerts, read as the person looking (leads see
// every locality, moderators their own), with what matched and, where they may read it, the item itself.
import type { Payload } from 'payload'

import { idOf } from '../db/relationId.js'
import { TEXT_DOORS, type TextDoorCollection } from './textDoors.js'

export type CrisisQueueItem = {
  id: number | string
  what: string
  memberName: string
  locality: string
  since: string
  lastMatchedAt: string | null
  matchCount: number
  matched: string[]
  held: boolean
  /** The admin page of the item, when the person looking may open it (never a private draft). */
  itemLink: string | null
  privateDraft: boolean
}

const readable = async (payload: Payload, user: Record<string, any>, collection: string, id: string) =>
  collection === 'messages' || collection === 'consents'
    ? false
    : Boolean(await payload.findByID({ collection: collection as 'stories', id, depth: 0, overrideAccess: false, user }).catch(() => null))

export async function loadCrisisQueue(payload: Payload, user: Record<string, any>): Promise<CrisisQueueItem[]> {
  const [alerts, localities] = await Promise.all([
    payload.find({ collection: 'crisis-alerts', where: { status: { equals: 'open' } }, sort: 'createdAt', limit: 200, depth: 0, overrideAccess: false, user }),
    payload.find({ collection: 'localities', limit: 100, depth: 0, overrideAccess: false, user }),
  ])
  const localityName = (id: unknown) => String(localities.docs.find((l) => String(l.id) === String(idOf(id)))?.name ?? '')
  return Promise.all(
    alerts.docs.map(async (alert) => {
      const collection = String(alert.targetCollection)
      const open = await readable(payload, user, collection, String(alert.targetId))
      return {
        id: alert.id,
        what: collection === 'messages' ? 'private message' : TEXT_DOORS[collection as TextDoorCollection].what,
        memberName: String(alert.memberName ?? 'A member'),
        locality: localityName(alert.locality),
        since: String(alert.createdAt),
        lastMatchedAt: (alert.lastMatchedAt as string | null) ?? null,
        matchCount: Number(alert.matchCount ?? 1),
        matched: Array.isArray(alert.matched) ? (alert.matched as unknown[]).map(String) : [],
        held: alert.outcome === 'hold',
        itemLink: open ? `/admin/collections/${collection}/${alert.targetId}` : null,
        privateDraft: alert.privateDraft === true && !open,
      }
    }),
  )
}
