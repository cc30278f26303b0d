// A member's notifications as they may see them now. Rows are read as the member (only their own), and
// every target is read again as the member (overrideAccess: false), so a reply removed, a story withdrawn
// or a thread they can no longer see drops out of the list and out of the header's count.
import type { Payload } from 'payload'

import { idOf } from '../db/relationId.js'
import { presentNotification, type MessageNotice, type PresentedNotification, type ReadableTargets } from '../presenters/notification.js'
import { unreadConversationsForViewer } from './conversations.js'

type User = Record<string, any>
type Doc = Record<string, any>

export const NOTIFICATIONS_SHOWN = 50

async function readable(payload: Payload, user: User, collection: 'threads' | 'replies' | 'stories', ids: string[], select: Record<string, true>): Promise<Map<string, Doc>> {
  if (ids.length === 0) return new Map()
  const found = await payload.find({ collection, where: { id: { in: ids } }, select: select as never, depth: 0, limit: ids.length, pagination: false, overrideAccess: false, user })
  return new Map((found.docs as Doc[]).map((doc) => [String(doc.id), doc]))
}

const distinct = (rows: Doc[], field: string) => [
  ...new Set(
    rows
      .map((row) => idOf(row[field]))
      .filter((id) => id !== null)
      .map(String),
  ),
]

async function present(payload: Payload, user: User, rows: Doc[]): Promise<PresentedNotification[]> {
  const post = { title: true, body: true, status: true, author: true, authorByline: true, thread: true, createdAt: true } as const
  const [threads, replies, stories] = await Promise.all([
    readable(payload, user, 'threads', distinct(rows, 'thread'), post),
    readable(payload, user, 'replies', distinct(rows, 'reply'), post),
    readable(payload, user, 'stories', distinct(rows, 'story'), { title: true }),
  ])
  const targets: ReadableTargets = { threads, replies, stories }
  return rows.map((row) => presentNotification(row, targets, user as never)).filter((n): n is PresentedNotification => n !== null)
}

async function ownRows(payload: Payload, user: User, unreadOnly: boolean): Promise<Doc[]> {
  const found = await payload.find({
    collection: 'notifications',
    where: unreadOnly ? { and: [{ recipient: { equals: user.id } }, { read: { equals: false } }] } : { recipient: { equals: user.id } },
    sort: '-createdAt',
    depth: 0,
    limit: NOTIFICATIONS_SHOWN,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return found.docs as Doc[]
}

/**
 * Private conversations with a message the member has not opened (their line with the moderators, and
 * conversations with other members), read as the member through the messages' own rule. Never the text.
 */
export async function unreadMessageNotices(payload: Payload, user: User): Promise<MessageNotice[]> {
  const rows = await unreadConversationsForViewer(payload, user, 20)
  return rows.map((row) => ({ href: row.href, text: `A new message: ${row.title}.`, lastMessageAt: row.lastMessageAt }))
}

/** The notifications page: the latest notifications the member can still see, and unread messages. */
export async function notificationsPage(payload: Payload, user: User) {
  const [rows, messages] = await Promise.all([ownRows(payload, user, false), unreadMessageNotices(payload, user)])
  return { notifications: await present(payload, user, rows), messages }
}

/** The header's count: unread notifications the member can still see (at most NOTIFICATIONS_SHOWN). */
export async function unreadNotificationCount(payload: Payload, user: User | null): Promise<number> {
  if (!user) return 0
  const rows = await ownRows(payload, user, true)
  if (rows.length === 0) return 0
  return (await present(payload, user, rows)).length
}
