// What is new to a member in the forum, read as the member (overrideAccess: false): a reply they cannot
// see (held, pending, removed, in a thread closed to them) is never counted, so no count reveals one.
import type { Payload } from 'payload'

import { idOf } from '../db/relationId.js'
import { firstUnreadReply, threadNews, type ThreadNews } from '../policies/memberNotifications.js'

type User = Record<string, any> & { id: number | string }
type Id = number | string

/** Replies after `since` the member can see, oldest first, with whether each is their own. */
async function repliesSince(payload: Payload, user: User, threadId: Id, since: string, limit: number) {
  const found = await payload.find({
    collection: 'replies',
    where: { and: [{ thread: { equals: threadId } }, { createdAt: { greater_than: since } }] },
    select: { author: true, createdAt: true },
    sort: 'createdAt',
    depth: 0,
    limit,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return found.docs.map((doc) => ({ id: doc.id, createdAt: String(doc.createdAt), isOwn: String(idOf((doc as Record<string, any>).author)) === String(user.id) }))
}

/** The first reply since the member's last visit that someone else wrote, or null. */
export async function firstNewReply(payload: Payload, user: User, threadId: Id, seenUpTo: string | null): Promise<Id | null> {
  if (!seenUpTo) return null
  return firstUnreadReply(await repliesSince(payload, user, threadId, seenUpTo, 50), seenUpTo)
}

/** When the thread last changed as the member sees it: its newest visible reply, or its own start. */
export async function latestVisibleActivity(payload: Payload, user: User, threadId: Id): Promise<string | null> {
  const [latest, thread] = await Promise.all([
    payload.find({
      collection: 'replies',
      where: { thread: { equals: threadId } },
      select: { createdAt: true },
      sort: '-createdAt',
      depth: 0,
      limit: 1,
      pagination: false,
      overrideAccess: false,
      user,
    }),
    payload.find({ collection: 'threads', where: { id: { equals: threadId } }, select: { createdAt: true }, depth: 0, limit: 1, pagination: false, overrideAccess: false, user }),
  ])
  return (latest.docs[0]?.createdAt as string | undefined) ?? (thread.docs[0]?.createdAt as string | undefined) ?? null
}

export type ListedThread = { id: Id; createdAt: string; isOwn: boolean }

/** For a forum's thread list: what is new to the member in each thread, by thread id. */
export async function newsForThreads(payload: Payload, user: User | null, threads: ListedThread[]): Promise<Record<string, ThreadNews>> {
  if (!user || threads.length === 0) return {}
  const rows = await payload.find({
    collection: 'thread-reads',
    where: { and: [{ member: { equals: user.id } }, { thread: { in: threads.map((t) => t.id) } }] },
    depth: 0,
    limit: threads.length,
    pagination: false,
    overrideAccess: false,
    user,
  })
  const seen = new Map(rows.docs.map((row) => [String(idOf((row as Record<string, any>).thread)), (row as Record<string, any>).seenUpTo as string | null]))
  const news: Record<string, ThreadNews> = {}
  await Promise.all(
    threads.map(async (thread) => {
      const opened = seen.has(String(thread.id))
      const since = seen.get(String(thread.id))
      const newReplies = opened && since ? (await repliesSince(payload, user, thread.id, since, 100)).filter((r) => !r.isOwn).length : 0
      news[String(thread.id)] = threadNews({ opened, newReplies, threadIsOwn: thread.isOwn, threadCreatedAt: thread.createdAt, memberJoinedAt: user.createdAt })
    }),
  )
  return news
}
