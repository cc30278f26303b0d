// What /feed.xml and a forum's feed list. Always read as a visitor (user: null), whoever
// asks, and never cached: a withdrawn story must be gone from them on the very next request.
import type { Payload } from 'payload'

import { postExcerpt } from '../forum/markdown.js'
import { displayNamesFor, presentStoryCard, STORY_CARD_SELECT } from '../presenters/story.js'

/** Published stories a visitor may read, newest first, as cards with their last change. */
export async function publicStories(payload: Payload, limit: number) {
  const result = await payload.find({
    collection: 'stories',
    where: { status: { equals: 'published' } },
    sort: '-publishedAt',
    depth: 1,
    select: STORY_CARD_SELECT,
    limit,
    overrideAccess: false,
    user: null,
  })
  const names = await displayNamesFor(payload, result.docs as never)
  return result.docs.map((doc) => ({ card: presentStoryCard(doc as never, names), updatedAt: String((doc as { updatedAt: string }).updatedAt) }))
}

export type FeedThread = { id: number | string; title: string; excerpt: string; author: string; lastActivityAt: string; createdAt: string }

/** Threads a visitor may read (public forums only, by read access), newest activity first. */
export async function publicThreads(payload: Payload, limit: number, localityId?: number | string): Promise<FeedThread[]> {
  const result = await payload.find({
    collection: 'threads',
    where: localityId === undefined ? {} : { locality: { equals: localityId } },
    sort: '-lastActivityAt',
    select: { title: true, body: true, authorByline: true, createdAt: true, lastActivityAt: true },
    depth: 0,
    limit,
    overrideAccess: false,
    user: null,
  })
  return result.docs.map((thread) => ({
    id: thread.id,
    title: String(thread.title),
    excerpt: postExcerpt(String(thread.body ?? ''), 300),
    author: String(thread.authorByline?.displayName || 'A member'),
    lastActivityAt: String(thread.lastActivityAt ?? thread.createdAt),
    createdAt: String(thread.createdAt),
  }))
}
