// The forum digest: new conversations in the forums a member follows, and (for members who chose
// "in my digest") replies to their threads. Every read is made AS the member (overrideAccess:
// false), so a digest can hold only what that member may see; and only published posts by others.
// Sent only when there is something new. Runs hourly; planDigest decides who is due.
import type { Payload, TaskConfig, Where } from 'payload'

import { idOf } from '../db/relationId.js'
import { queueEmail } from '../email/queue.js'
import { composeEmail, heading, link, list, paragraph, type EmailBody } from '../email/compose.js'
import { unsubscribeParts } from '../email/unsubscribe.js'
import { serverURL } from '../env.js'
import { postExcerpt } from '../forum/markdown.js'
import { planDigest, type DigestFrequency } from '../policies/digest.js'

export const SEND_DIGESTS_TASK = 'sendDigests'

async function followedLocalityIds(payload: Payload, member: Record<string, any>): Promise<(number | string)[]> {
  const chosen = (member.followedLocalities ?? []).map(idOf).filter((id: unknown) => id !== null && id !== undefined)
  if (chosen.length > 0) return chosen
  const county = await payload.find({ collection: 'localities', where: { isCountyWide: { equals: true } }, depth: 0, limit: 10, overrideAccess: true })
  return [...(member.homeLocality ? [idOf(member.homeLocality)!] : []), ...county.docs.map((l) => l.id)]
}

/** What one member's digest would hold right now (exported for tests). */
export async function digestFor(payload: Payload, member: Record<string, any>, since: Date) {
  const user = { ...member, collection: 'users' }
  const fresh: Where[] = [{ status: { equals: 'published' } }, { createdAt: { greater_than: since.toISOString() } }]
  // The author field comes back only on the member's own posts (read access), which are left out.
  const byOthers = <T extends { author?: unknown }>(docs: T[]) => docs.filter((doc) => !doc.author || String(idOf(doc.author)) !== String(member.id))
  const localities = await followedLocalityIds(payload, member)
  const threads = await payload.find({
    collection: 'threads',
    where: { and: [...fresh, { locality: { in: localities } }] },
    sort: '-createdAt',
    depth: 1,
    limit: 30,
    overrideAccess: false,
    user,
  })
  const repliesInDigest = member.notifications?.replyDelivery === 'digest' && member.notifications?.notifyReplies !== false
  const mine = repliesInDigest
    ? await payload.find({ collection: 'threads', where: { author: { equals: member.id } }, select: { title: true }, depth: 0, limit: 200, overrideAccess: false, user })
    : { docs: [] }
  const replies =
    mine.docs.length > 0
      ? await payload.find({
          collection: 'replies',
          where: { and: [...fresh, { thread: { in: mine.docs.map((t) => t.id) } }] },
          sort: 'createdAt',
          depth: 1,
          limit: 50,
          overrideAccess: false,
          user,
        })
      : { docs: [] }
  return { threads: byOthers(threads.docs), replies: byOthers(replies.docs).filter((r) => r.thread && typeof r.thread === 'object') }
}

function digestBody(member: Record<string, any>, content: Awaited<ReturnType<typeof digestFor>>, unsubscribe: ReturnType<typeof unsubscribeParts>): EmailBody {
  const threadItems = content.threads.map((t) => {
    const where = t.locality && typeof t.locality === 'object' ? ` (${String(t.locality.name)})` : ''
    return [link(`${serverURL}/threads/${t.id}`, String(t.title)), `${where}\n${postExcerpt(String(t.body ?? ''), 160)}`]
  })
  const replyItems = content.replies.map((r) => {
    const thread = r.thread as { id: number | string; title: string }
    return [`${String(r.authorByline?.displayName || 'A member')} in `, link(`${serverURL}/threads/${thread.id}#reply-${r.id}`, String(thread.title)), `: ${postExcerpt(String(r.body ?? ''), 160)}`]
  })
  return composeEmail([
    paragraph(`Hello ${String(member.displayName ?? '')}, here is what is new on Waymark.`),
    ...(threadItems.length ? [heading('New conversations'), list(threadItems)] : []),
    ...(replyItems.length ? [heading('Replies to your threads'), list(replyItems)] : []),
    unsubscribe.block,
  ])
}

export async function sendDigests(payload: Payload, now = new Date()): Promise<number> {
  const candidates = await payload.find({
    collection: 'users',
    where: {
      and: [{ _verified: { equals: true } }, { or: [{ 'notifications.digest': { in: ['daily', 'weekly'] } }, { 'notifications.replyDelivery': { equals: 'digest' } }] }],
    },
    depth: 0,
    limit: 5000,
    overrideAccess: true,
  })
  let sent = 0
  for (const member of candidates.docs as Record<string, any>[]) {
    const repliesInDigest = member.notifications?.replyDelivery === 'digest' && member.notifications?.notifyReplies !== false
    const plan = planDigest({ frequency: member.notifications?.digest as DigestFrequency, repliesInDigest, checkedAt: member.digestCheckedAt ? new Date(member.digestCheckedAt) : null, now })
    if (!plan.due) continue
    const content = await digestFor(payload, member, plan.since)
    if (content.threads.length + content.replies.length > 0) {
      // Someone who only gets replies this way unsubscribes from reply emails; everyone else from the digest.
      const unsubscribe = unsubscribeParts(member.id, repliesInDigest && member.notifications?.digest === 'never' ? 'notifyReplies' : 'digest')
      await queueEmail(payload, {
        to: String(member.email),
        subject: `Waymark: ${content.threads.length} new conversation${content.threads.length === 1 ? '' : 's'}${content.replies.length ? ` and ${content.replies.length} ${content.replies.length === 1 ? 'reply' : 'replies'}` : ''}`,
        body: digestBody(member, content, unsubscribe),
        headers: unsubscribe.headers,
      })
      sent++
    }
    await payload.update({ collection: 'users', id: member.id, data: { digestCheckedAt: now.toISOString() } as never, overrideAccess: true, depth: 0, context: { systemCount: true } })
  }
  return sent
}

export const sendDigestsTask: TaskConfig<typeof SEND_DIGESTS_TASK> = {
  slug: SEND_DIGESTS_TASK,
  retries: 2,
  schedule: [{ cron: '0 7 * * * *', queue: 'default' }],
  handler: async ({ req }) => {
    await sendDigests(req.payload)
    return { output: {} }
  },
}
