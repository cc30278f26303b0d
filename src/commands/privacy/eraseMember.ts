// The right to erasure. One command for the member's own request, a moderator acting on a request
// made offline, retention, and re-applying the log after a restore. Stories are withdrawn and
// deleted; consent records shrink to tombstones; forum posts are deleted or kept as "a former
// member"; the account goes. The log entry (ids only) is written to the log file before the change
// commits, and to the `erasure-log` collection inside it.
import type { Payload, PayloadRequest, Where } from 'payload'

import { idOf, toId } from '../../db/relationId.js'
import { inTransaction } from '../../db/transaction.js'
import { SEND_EMAIL_TASK } from '../../email/queue.js'
import { appendModerationEvent } from '../../moderation/events.js'
import { DELETED_THREAD_BODY, DELETED_THREAD_TITLE, FORMER_MEMBER, type ErasureMode } from '../../policies/privacy.js'
import { appendToErasureLogFile, type ErasedIds, type ErasureEntry } from '../../privacy/erasureLog.js'
import { CommandRefusal } from '../errors.js'
import { refreshThreadActivity } from '../forum/publication.js'
import { eraseMemberSide } from '../conversations/eraseMemberSide.js'

export type EraseRequest = { memberId: number | string; mode: ErasureMode; actor: Record<string, any> | null; actorRole?: ErasureEntry['actorRole'] }

type Id = number | string
const asIds = (values: unknown[]) => [
  ...new Set(
    values
      .map(idOf)
      .filter((v): v is Id => v !== null && v !== undefined)
      .map(String),
  ),
]

type Collection = 'stories' | 'consents' | 'threads' | 'replies' | 'flags' | 'media' | 'data-exports' | 'meeting-reminders' | 'users'

async function findAll(payload: Payload, req: PayloadRequest, collection: Collection, where: Where, select?: Record<string, true>) {
  const result = await payload.find({ collection, where, depth: 0, pagination: false, overrideAccess: true, req, ...(select ? { select: select as never } : {}) })
  return result.docs as Record<string, any>[]
}

const byIds = (ids: string[]): Where => ({ id: { in: ids.map(toId) } })
const none: ErasedIds = { users: [], stories: [], consents: [], threads: [], replies: [], flags: [], media: [] }

/** Everything of the member's that erasure touches: found through their relations, plus any ids a log entry names. */
async function gather(payload: Payload, req: PayloadRequest, memberId: string, known: ErasedIds = none): Promise<ErasedIds> {
  const member = toId(memberId)
  const or = (ids: string[], where: Where): Where => (ids.length ? { or: [where, byIds(ids)] } : where)
  const stories = await findAll(payload, req, 'stories', or(known.stories, { author: { equals: member } }), { coverImage: true })
  const storyIds = asIds(stories.map((s) => s.id))
  const [consents, threads, replies, flags, media] = await Promise.all([
    findAll(payload, req, 'consents', or(known.consents, { or: [{ author: { equals: member } }, { authorRef: { equals: memberId } }] }), { version: true }),
    findAll(payload, req, 'threads', or(known.threads, { author: { equals: member } }), { title: true }),
    findAll(payload, req, 'replies', or(known.replies, { author: { equals: member } }), { thread: true }),
    findAll(payload, req, 'flags', or(known.flags, { flagger: { equals: member } }), { status: true }),
    findAll(payload, req, 'media', or(known.media, { uploader: { equals: member } }), { filename: true }),
  ])
  return {
    users: [memberId],
    stories: storyIds,
    consents: asIds(consents.map((c) => c.id)),
    threads: asIds(threads.map((t) => t.id)),
    replies: asIds(replies.map((r) => r.id)),
    flags: asIds(flags.map((f) => f.id)),
    media: asIds([...media.map((m) => m.id), ...stories.map((s) => s.coverImage)]),
  }
}

async function tombstoneConsents(payload: Payload, req: PayloadRequest, ids: string[], now: string) {
  for (const consent of await findAll(payload, req, 'consents', byIds(ids))) {
    if (consent.tombstone === true) continue
    await payload.update({
      collection: 'consents',
      id: consent.id,
      data: {
        tombstone: true,
        storyRef: consent.storyRef ?? (idOf(consent.story) === null ? null : String(idOf(consent.story))),
        authorRef: consent.authorRef ?? (idOf(consent.author) === null ? null : String(idOf(consent.author))),
        withdrawnAt: consent.withdrawnAt ?? now,
        story: null,
        author: null,
        audience: null,
        byline: null,
        penName: null,
        quoteInReports: false,
        statementVersion: null,
        statementText: null,
        expiresAt: null,
      } as never,
      overrideAccess: true,
      req,
    })
  }
}

// A former member's byline keeps no badge of theirs: no member type, no confirmed role, no staff role.
// Earlier versions of a kept post go too: only moderators ever saw them, and they may hold what the member took out.
const anonymous = { author: null, authorByline: { displayName: FORMER_MEMBER, memberType: null, memberTypeConfirmed: false, staffRole: null, volunteerBadge: null }, editHistory: [] }
/** Fields derived from a post's text: they would keep the words a blanked post no longer shows. */
const FORGET_TEXT = { fingerprint: null, triageMatches: null, reasonForAuthor: null, editHistory: [] }

async function erasePosts(payload: Payload, req: PayloadRequest, ids: ErasedIds, mode: ErasureMode) {
  const replies = ids.replies.length ? await findAll(payload, req, 'replies', byIds(ids.replies), { thread: true }) : []
  const touchedThreads = new Set(replies.map((r) => String(idOf(r.thread))))
  if (mode === 'keep-posts') {
    for (const collection of ['threads', 'replies'] as const) {
      const list = collection === 'threads' ? ids.threads : ids.replies
      if (list.length) await payload.update({ collection, where: byIds(list), data: anonymous as never, overrideAccess: true, req, depth: 0 })
    }
    return
  }
  for (const reply of replies) await payload.delete({ collection: 'replies', id: reply.id, overrideAccess: true, req })
  for (const threadId of ids.threads) {
    const others = await payload.count({ collection: 'replies', where: { thread: { equals: toId(threadId) } }, overrideAccess: true, req })
    if (others.totalDocs === 0) {
      await payload.delete({ collection: 'threads', where: byIds([threadId]), overrideAccess: true, req })
      touchedThreads.delete(threadId)
    } else {
      // Other people's replies stay: the conversation keeps its place without its starter.
      await payload.update({
        collection: 'threads',
        where: byIds([threadId]),
        data: { ...anonymous, ...FORGET_TEXT, title: DELETED_THREAD_TITLE, body: DELETED_THREAD_BODY } as never,
        overrideAccess: true,
        req,
      })
      touchedThreads.add(threadId)
    }
  }
  for (const threadId of touchedThreads) {
    const exists = await payload.count({ collection: 'threads', where: byIds([threadId]), overrideAccess: true, req })
    if (exists.totalDocs > 0) await refreshThreadActivity(payload, req, toId(threadId))
  }
}

/** Queued emails to the member would carry their address and text after they are gone. */
async function dropQueuedEmails(payload: Payload, req: PayloadRequest, email: string | undefined) {
  if (!email) return
  const jobs = await payload.find({
    collection: 'payload-jobs',
    where: { and: [{ taskSlug: { equals: SEND_EMAIL_TASK } }, { completedAt: { exists: false } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const mine = jobs.docs.filter((job) => String((job.input as { to?: unknown } | null)?.to ?? '').toLowerCase() === email.toLowerCase())
  for (const job of mine) await payload.delete({ collection: 'payload-jobs', id: job.id, overrideAccess: true, req })
}

/** The erasure itself, inside the caller's transaction. */
export async function eraseWithin(payload: Payload, req: PayloadRequest, memberId: string, mode: ErasureMode, known: ErasedIds = none): Promise<ErasedIds> {
  Object.assign(req.context, { erasure: true, forumSystemWrite: true, storyCommand: true, disableEmail: true })
  const now = new Date().toISOString()
  const member = (await findAll(payload, req, 'users', byIds([memberId]), { email: true }))[0]
  const ids = await gather(payload, req, memberId, known)
  await tombstoneConsents(payload, req, ids.consents, now)
  const postFlags: Where[] = [
    ...(ids.stories.length ? [{ and: [{ targetCollection: { equals: 'stories' } }, { targetId: { in: ids.stories } }] }] : []),
    ...(mode === 'everything' && ids.threads.length ? [{ and: [{ targetCollection: { equals: 'threads' } }, { targetId: { in: ids.threads } }] }] : []),
    ...(mode === 'everything' && ids.replies.length ? [{ and: [{ targetCollection: { equals: 'replies' } }, { targetId: { in: ids.replies } }] }] : []),
  ]
  const flagIds = asIds([...ids.flags, ...(postFlags.length ? (await findAll(payload, req, 'flags', { or: postFlags }, { status: true })).map((f) => f.id) : [])])
  if (flagIds.length) await payload.delete({ collection: 'flags', where: byIds(flagIds), overrideAccess: true, req })
  if (ids.stories.length) await payload.delete({ collection: 'stories', where: byIds(ids.stories), overrideAccess: true, req })
  if (ids.media.length) await payload.delete({ collection: 'media', where: byIds(ids.media), overrideAccess: true, req })
  // Notifications about their posts (held by others) go with the posts: none would name what is gone.
  const aboutTheirPosts: Where[] = [
    ...(ids.threads.length ? [{ thread: { in: ids.threads } }] : []),
    ...(ids.replies.length ? [{ reply: { in: ids.replies } }] : []),
    ...(ids.stories.length ? [{ story: { in: ids.stories } }] : []),
  ]
  if (aboutTheirPosts.length) await payload.delete({ collection: 'notifications', where: { or: aboutTheirPosts }, overrideAccess: true, req })
  await erasePosts(payload, req, ids, mode)
  if (member) {
    await payload.delete({ collection: 'data-exports', where: { member: { equals: toId(memberId) } }, overrideAccess: true, req })
    await payload.delete({ collection: 'meeting-reminders', where: { member: { equals: toId(memberId) } }, overrideAccess: true, req })
    // Conversations with other members stay for the other member, with this member's words and name gone.
    await eraseMemberSide(payload, req, toId(memberId))
    await payload.delete({ collection: 'notifications', where: { recipient: { equals: toId(memberId) } }, overrideAccess: true, req })
    await payload.delete({ collection: 'thread-reads', where: { member: { equals: toId(memberId) } }, overrideAccess: true, req })
    // Their interest in volunteering, with their note and the coordinators' notes about it.
    await payload.delete({ collection: 'volunteer-interests', where: { member: { equals: toId(memberId) } }, overrideAccess: true, req })
    await payload.delete({ collection: 'reading-records', where: { member: { equals: toId(memberId) } }, overrideAccess: true, req })
    // Their private lines go whole (both sides' messages are about them); crisis alerts hold no text,
    // but they say that this person was thought to be in danger.
    await payload.delete({ collection: 'messages', where: { member: { equals: toId(memberId) } }, overrideAccess: true, req })
    await payload.delete({ collection: 'conversations', where: { member: { equals: toId(memberId) } }, overrideAccess: true, req })
    await payload.delete({ collection: 'crisis-alerts', where: { member: { equals: toId(memberId) } }, overrideAccess: true, req })
    // Directory suggestions: those still waiting (or rejected, or corrections) go; approved entries are the
    // community's and stay, without saying who suggested them.
    const theirs: Where = { suggestedBy: { equals: toId(memberId) } }
    await payload.delete({
      collection: 'directory-entries',
      where: { and: [theirs, { or: [{ status: { not_equals: 'approved' } }, { suggestionType: { equals: 'correction' } }] }] },
      overrideAccess: true,
      req,
    })
    await payload.update({ collection: 'directory-entries', where: theirs, data: { suggestedBy: null } as never, overrideAccess: true, req, depth: 0 })
    await dropQueuedEmails(payload, req, member.email)
    // Roles this member confirmed as a moderator stay confirmed (and dated); only the link to them goes.
    await payload.update({ collection: 'users', where: { memberTypeConfirmedBy: { equals: member.id } }, data: { memberTypeConfirmedBy: null } as never, overrideAccess: true, req, depth: 0 })
    await payload.delete({ collection: 'users', id: member.id, overrideAccess: true, req })
  }
  return { ...ids, flags: flagIds }
}

export async function eraseMember(payload: Payload, request: EraseRequest): Promise<ErasureEntry> {
  const memberId = String(request.memberId)
  const existing = await payload.find({ collection: 'users', where: { id: { equals: toId(memberId) } }, limit: 1, depth: 0, overrideAccess: true })
  if (existing.docs.length === 0) throw new CommandRefusal('There is no such member.', 404)
  const actorRole = request.actorRole ?? (request.actor && String(request.actor.id) === memberId ? 'self' : request.actor ? 'moderator' : 'system')
  return inTransaction(payload, request.actor?.id && String(request.actor.id) !== memberId ? request.actor : null, async (req) => {
    const ids = await eraseWithin(payload, req, memberId, request.mode)
    const entry: ErasureEntry = {
      memberId,
      mode: request.mode,
      actorRole,
      actorId: actorRole === 'self' ? memberId : request.actor ? String(request.actor.id) : null,
      erasedAt: new Date().toISOString(),
      ids,
    }
    await payload.create({ collection: 'erasure-log', data: entry as never, overrideAccess: true, req })
    await appendModerationEvent(payload, req, {
      actor: actorRole === 'moderator' ? (request.actor?.id ?? null) : null,
      actorRole: actorRole === 'moderator' ? 'moderator' : actorRole === 'self' ? 'author' : 'system',
      targetCollection: 'users',
      targetId: memberId,
      action: 'erase-member',
      reason: `Erasure (${request.mode === 'everything' ? 'everything deleted' : 'forum posts kept as a former member'}), ${actorRole === 'self' ? 'asked by the member' : actorRole === 'moderator' ? 'run by a moderator' : 'by the retention rules'}.`,
    })
    // Written before the commit: if the commit fails the member is erased again on the next restore, as they asked.
    appendToErasureLogFile(entry)
    return entry
  })
}
