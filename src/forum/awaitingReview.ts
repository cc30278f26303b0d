// A member's own threads and replies that only they and the moderators can see yet (for /account).
import type { Payload, Where } from 'payload'

import { loadModerationSettings } from './settings.js'

export async function postsAwaitingReview(payload: Payload, user: Record<string, any>) {
  const mine: Where = { and: [{ author: { equals: user.id } }, { status: { in: ['pending', 'hidden'] } }] }
  const [settings, threads, replies] = await Promise.all([
    loadModerationSettings(payload),
    payload.find({ collection: 'threads', where: mine, select: { title: true }, sort: '-createdAt', limit: 20, depth: 0, overrideAccess: false, user }),
    payload.find({ collection: 'replies', where: mine, select: { thread: true }, sort: '-createdAt', limit: 20, depth: 1, overrideAccess: false, user }),
  ])
  const posts = [
    ...threads.docs.map((t) => ({ href: `/threads/${t.id}`, title: String(t.title) })),
    ...replies.docs.map((r) => {
      const thread = r.thread && typeof r.thread === 'object' ? r.thread : null
      return { href: thread ? `/threads/${thread.id}#reply-${r.id}` : `/account`, title: thread ? `Your reply in “${thread.title}”` : 'Your reply' }
    }),
  ]
  return { posts, reviewHours: settings.reviewHours }
}
