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
  /** The member's private line, if there is one already. */
  conversation: number | string | null
}

const readable = async (payload: Payload, user: Record<string, any>, collection: string, id: string) =>
  collection === 'consents' ? false : Boolean(await payload.findByID({ collection: collection as 'stories', id, depth: 0, overrideAccess: false, user }).catch(() => null))

/** Where the item is read: the admin for posts and stories, the conversation page (or the one held message) for a private message. */
async function itemLinkOf(payload: Payload, user: Record<string, any>, collection: string, id: string): Promise<string | null> {
  if (collection !== 'messages') return (await readable(payload, user, collection, id)) ? `/admin/collections/${collection}/${id}` : null
  const message = await payload.findByID({ collection: 'messages', id, depth: 0, overrideAccess: false, user }).catch(() => null)
  if (!message) return null
  // A held message between two members: the leads read that message only, not the conversation.
  return message.kind === 'member' ? `/account/messages/held/${message.id}` : `/account/messages/${idOf(message.conversation)}`
}

export async function loadCrisisQueue(payload: Payload, user: Record<string, any>): Promise<CrisisQueueItem[]> {
  const [alerts, localities, lines] = await Promise.all([
    payload.find({ collection: 'crisis-alerts', where: { status: { equals: 'open' } }, sort: 'createdAt', limit: 200, depth: 0, overrideAccess: false, user }),
    payload.find({ collection: 'localities', limit: 100, depth: 0, overrideAccess: false, user }),
    payload.find({ collection: 'conversations', where: { and: [{ kind: { equals: 'safeguarding' } }, { status: { equals: 'open' } }] }, limit: 500, depth: 0, overrideAccess: false, user }),
  ])
  const lineOf = (member: unknown) => lines.docs.find((line) => String(idOf(line.member)) === String(idOf(member)))?.id ?? null
  const localityName = (id: unknown) => String(localities.docs.find((l) => String(l.id) === String(idOf(id)))?.name ?? '')
  return Promise.all(
    alerts.docs.map(async (alert) => {
      const collection = String(alert.targetCollection)
      const itemLink = await itemLinkOf(payload, user, collection, String(alert.targetId))
      return {
        id: alert.id,
        what: TEXT_DOORS[collection as TextDoorCollection].what,
        memberName: String(alert.memberName ?? 'A member'),
        locality: localityName(alert.locality),
        since: String(alert.createdAt),
        lastMatchedAt: (alert.lastMatchedAt as string | null) ?? null,
        matchCount: Number(alert.matchCount ?? 1),
        matched: Array.isArray(alert.matched) ? (alert.matched as unknown[]).map(String) : [],
        held: alert.outcome === 'hold',
        itemLink,
        privateDraft: alert.privateDraft === true && !itemLink,
        conversation: lineOf(alert.member),
      }
    }),
  )
}
