// Forum search: threads and replies the viewer may see (read access decides), matched on their words.
import type { Payload } from 'payload'

import { postExcerpt } from './markdown.js'

export type ForumHit = { href: string; title: string; excerpt: string; kind: 'thread' | 'reply' }

export async function searchForum(payload: Payload, user: Record<string, any> | null, query: string, limit = 25): Promise<ForumHit[]> {
  const [threads, replies] = await Promise.all([
    payload.find({
      collection: 'threads',
      where: { or: [{ title: { like: query } }, { body: { like: query } }] },
      select: { title: true, body: true },
      sort: '-lastActivityAt',
      depth: 0,
      limit,
      overrideAccess: false,
      user,
    }),
    payload.find({
      collection: 'replies',
      where: { body: { like: query } },
      select: { body: true, thread: true },
      sort: '-createdAt',
      depth: 1,
      limit,
      overrideAccess: false,
      user,
    }),
  ])
  const hits: ForumHit[] = threads.docs.map((t) => ({ kind: 'thread', href: `/threads/${t.id}`, title: String(t.title), excerpt: postExcerpt(String(t.body ?? '')) }))
  for (const reply of replies.docs) {
    // The thread comes populated only if the viewer may read it; a bare id means they may not.
    const thread = reply.thread && typeof reply.thread === 'object' ? reply.thread : null
    if (!thread) continue
    hits.push({ kind: 'reply', href: `/threads/${thread.id}#reply-${reply.id}`, title: `Reply in “${thread.title}”`, excerpt: postExcerpt(String(reply.body ?? '')) })
  }
  return hits
}
