// Who hears of a post once it is live: the thread's author and followers (a reply), and the members it
// mentions with @display-name (a thread or a reply). Each gets a notification and, if they asked for it, an
// email, and only if they can see the post as it stands now (canSeePost). A pending or held post reaches
// nobody: this runs when a post goes up, on posting or on approval. The author never learns who, if
// anyone, was notified, so a mention says nothing about whether a name exists.
import type { Payload, PayloadRequest } from 'payload'

import { idOf } from '../db/relationId.js'
import { queueEmail } from '../email/queue.js'
import { composeEmail, link as emailLink, paragraph, quote } from '../email/compose.js'
import { unsubscribeParts } from '../email/unsubscribe.js'
import { serverURL } from '../env.js'
import { displayNameKey } from '../policies/displayName.js'
import { canSeePost, type PostDoc } from '../policies/forumVisibility.js'
import { mentionCandidates, type Decision, type NotificationKind } from '../policies/memberNotifications.js'
import { postExcerpt } from './markdown.js'

type Doc = Record<string, any>
type Id = number | string

/** Writes that must not tell anyone anything: the demo seed, migrations, an erasure. */
const quiet = (req: PayloadRequest) => req.context?.seed === true || req.context?.migration === true || req.context?.erasure === true

export type NewNotification = { recipient: Id; kind: NotificationKind; decision?: Decision; thread?: Id | null; reply?: Id | null; story?: Id | null }

/** Stores one notification (the server's own write: nobody creates them through a door). */
export async function storeNotification(payload: Payload, req: PayloadRequest, data: NewNotification): Promise<void> {
  if (quiet(req)) return
  await payload.create({ collection: 'notifications', data: { ...data, read: false } as never, overrideAccess: true, depth: 0, req })
}

/** Tells a member about a decision on their own post or story. */
export async function notifyDecision(
  payload: Payload,
  req: PayloadRequest,
  recipient: Id | null,
  decision: Decision,
  target: { thread?: Id | null; reply?: Id | null; story?: Id | null },
): Promise<void> {
  if (recipient === null) return
  await storeNotification(payload, req, { recipient, kind: 'decision', decision, ...target })
}

const MEMBER_FIELDS = { email: true, displayNameKey: true, notifications: true, roles: true, moderatorLocalities: true, _verified: true } as const

/** The members a post mentions, by the longest candidate that names someone (looked up on the server only). */
async function mentionedMembers(payload: Payload, req: PayloadRequest, text: string): Promise<Doc[]> {
  const mentions = mentionCandidates(text)
  const keys = [...new Set(mentions.flat().map(displayNameKey))].filter(Boolean)
  if (keys.length === 0) return []
  const found = await payload.find({
    collection: 'users',
    where: { displayNameKey: { in: keys } },
    select: MEMBER_FIELDS,
    depth: 0,
    limit: keys.length,
    pagination: false,
    overrideAccess: true,
    showHiddenFields: true,
    req,
  })
  const byKey = new Map(found.docs.map((user) => [String((user as Doc).displayNameKey), user as Doc]))
  const members = new Map<string, Doc>()
  for (const names of mentions) {
    const member = names.map((name) => byKey.get(displayNameKey(name))).find(Boolean)
    if (member) members.set(String(member.id), member)
  }
  return [...members.values()]
}

async function followersOf(payload: Payload, req: PayloadRequest, threadId: Id): Promise<Id[]> {
  const found = await payload.find({
    collection: 'thread-reads',
    where: { and: [{ thread: { equals: threadId } }, { following: { equals: true } }] },
    select: { member: true },
    depth: 0,
    limit: 1000,
    pagination: false,
    overrideAccess: true,
    req,
  })
  return found.docs.map((row) => idOf((row as Doc).member)).filter((id): id is Id => id !== null)
}

/** After a thread or reply went live: notifications and emails to those who may see it. */
export async function notifyPostLive(payload: Payload, req: PayloadRequest, kind: 'threads' | 'replies', post: PostDoc): Promise<void> {
  if (quiet(req) || post.status !== 'published') return
  const threadId = kind === 'threads' ? post.id : idOf(post.thread)
  if (threadId === null) return
  const thread = (await payload.findByID({ collection: 'threads', id: threadId, depth: 1, overrideAccess: true, req }).catch(() => null)) as Doc | null
  if (!thread) return
  const locality = thread.locality && typeof thread.locality === 'object' ? thread.locality : null
  const authorId = idOf(post.author)
  const facts = {
    status: post.status,
    authorId,
    localityId: locality?.id ?? null,
    forumVisibility: locality?.forumVisibility ?? 'members',
    ...(kind === 'replies' ? { threadStatus: thread.status } : {}),
  }

  // Who, and why: a mention wins over "a reply in your thread", so nobody hears of one post twice.
  const reasons = new Map<string, NotificationKind>()
  if (kind === 'replies') {
    for (const id of [idOf(thread.author), ...(await followersOf(payload, req, threadId))]) if (id !== null) reasons.set(String(id), 'reply')
  }
  const mentioned = await mentionedMembers(payload, req, String(post.body ?? ''))
  for (const member of mentioned) reasons.set(String(member.id), 'mention')
  if (authorId !== null) reasons.delete(String(authorId))
  if (reasons.size === 0) return

  const known = new Map(mentioned.map((m) => [String(m.id), m]))
  const missing = [...reasons.keys()].filter((id) => !known.has(id))
  if (missing.length > 0) {
    const found = await payload.find({ collection: 'users', where: { id: { in: missing } }, select: MEMBER_FIELDS, depth: 0, limit: missing.length, pagination: false, overrideAccess: true, req })
    for (const user of found.docs) known.set(String(user.id), user as Doc)
  }
  for (const [id, reason] of reasons) {
    const recipient = known.get(id)
    if (!recipient || !canSeePost(recipient as never, facts)) continue
    await storeNotification(payload, req, { recipient: recipient.id, kind: reason, thread: thread.id, reply: kind === 'replies' ? post.id : null })
    await emailAbout(payload, req, { reason, recipient, post, thread, kind })
  }
}

async function emailAbout(
  payload: Payload,
  req: PayloadRequest,
  { reason, recipient, post, thread, kind }: { reason: NotificationKind; recipient: Doc; post: PostDoc; thread: Doc; kind: 'threads' | 'replies' },
): Promise<void> {
  if (req.context?.disableEmail === true || !recipient.email) return
  const prefs = recipient.notifications ?? {}
  const link = kind === 'threads' ? `${serverURL}/threads/${thread.id}` : `${serverURL}/threads/${thread.id}#reply-${post.id}`
  const who = String(post.authorByline?.displayName || 'A member')
  const title = String(thread.title)
  if (reason === 'mention') {
    if (prefs.notifyMentions === false) return
    const unsubscribe = unsubscribeParts(recipient.id, 'notifyMentions')
    await queueEmail(
      payload,
      {
        to: String(recipient.email),
        subject: `${who.slice(0, 40)} mentioned you in "${title.slice(0, 80)}"`,
        body: composeEmail([paragraph(`${who} mentioned you in "${title}".`), paragraph(emailLink(link, 'Read it on Waymark')), unsubscribe.block]),
        headers: unsubscribe.headers,
      },
      req,
    )
    return
  }
  if (prefs.notifyReplies === false || prefs.replyDelivery === 'digest') return
  const unsubscribe = unsubscribeParts(recipient.id, 'notifyReplies')
  const own = String(idOf(thread.author)) === String(recipient.id)
  await queueEmail(
    payload,
    {
      to: String(recipient.email),
      subject: `New reply to "${title.slice(0, 80)}"`,
      body: composeEmail([
        paragraph(`${who} replied to ${own ? 'your thread' : 'a thread you follow'} "${title}":`),
        quote(postExcerpt(String(post.body ?? ''), 300)),
        paragraph(emailLink(link, 'Read the reply and answer')),
        unsubscribe.block,
      ]),
      headers: unsubscribe.headers,
    },
    req,
  )
}
