// A member's own row for a thread (src/collections ThreadReads): following it, and how far they have read.
// Written only after the thread is read as the member: nobody keeps a row for a thread they cannot see.
import type { Payload } from 'payload'

import { nextSeenUpTo } from '../../policies/memberNotifications.js'

type Member = Record<string, any> & { id: number | string }
type Id = number | string

export type ThreadState = { id: Id | null; seenUpTo: string | null; following: boolean }

/** The member's row for a thread, read as the member. */
export async function threadStateOf(payload: Payload, user: Member, threadId: Id): Promise<ThreadState> {
  const found = await payload.find({
    collection: 'thread-reads',
    where: { and: [{ member: { equals: user.id } }, { thread: { equals: threadId } }] },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: false,
    user,
  })
  const row = found.docs[0] as Record<string, any> | undefined
  return { id: row?.id ?? null, seenUpTo: row?.seenUpTo ?? null, following: row?.following === true }
}

/** Whether the member can see the thread (read as them): the condition for keeping any row about it. */
export async function canSeeThread(payload: Payload, user: Member, threadId: Id): Promise<boolean> {
  const found = await payload.count({ collection: 'threads', where: { id: { equals: threadId } }, overrideAccess: false, user })
  return found.totalDocs > 0
}

async function saveState(payload: Payload, user: Member, threadId: Id, state: ThreadState, data: Partial<Pick<ThreadState, 'seenUpTo' | 'following'>>): Promise<void> {
  // Nobody writes thread-reads through a door (access: nobody): the member's own row, checked above.
  if (state.id !== null) await payload.update({ collection: 'thread-reads', id: state.id, data: data as never, depth: 0, overrideAccess: true })
  else await payload.create({ collection: 'thread-reads', data: { member: user.id, thread: threadId, following: false, ...data } as never, depth: 0, overrideAccess: true })
}

/** Follow or unfollow a thread. False when the member cannot see it (the route's 404). */
export async function setThreadFollow({ payload, user, threadId, follow }: { payload: Payload; user: Member; threadId: Id; follow: boolean }): Promise<boolean> {
  if (!(await canSeeThread(payload, user, threadId))) return false
  const state = await threadStateOf(payload, user, threadId)
  if (state.following !== follow) await saveState(payload, user, threadId, state, { following: follow })
  return true
}

/**
 * A visit: the member has now seen up to the newest reply they can see. Moves only forwards, and writes
 * only when it moves (an unchanged row leaves every cached page as it was).
 */
export async function recordThreadVisit(payload: Payload, user: Member, threadId: Id, state: ThreadState, latestVisible: string | null): Promise<void> {
  const next = nextSeenUpTo(state.seenUpTo, latestVisible)
  if (state.id !== null && next === state.seenUpTo) return
  await saveState(payload, user, threadId, state, { seenUpTo: next })
}
