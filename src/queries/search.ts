// /search: stories and forum posts the viewer may see. Every query runs as the viewer, so the same
// read access (canSee, canSeePost) filters the results.
import type { Payload } from 'payload'

import { presentForumHits, type ForumHit } from '../presenters/forumPost.js'
import { visibleStoryCards } from './stories.js'

/** Stories and forum posts matching the words typed, as the viewer may see them. */
export async function searchSite(payload: Payload, user: Record<string, any> | null, query: string) {
  const [{ cards }, forum] = await Promise.all([visibleStoryCards(payload, user, { searchText: { like: query } }, { limit: 50 }), searchForum(payload, user, query)])
  return { stories: cards, forum }
}

/** Forum search: threads and replies the viewer may see (read access decides), matched on their words. */
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
  return presentForumHits(threads.docs as never, replies.docs as never)
}
