// /search: stories and forum posts the viewer may see, best match first.
//
// The full-text index (src/db/search) only proposes candidates, ranked. Every candidate is then read
// through the Local API as the viewer (overrideAccess: false, user, `id in [...]`), so read access
// (consent, approval, withdrawal, crisis holds, locality membership, erasure) decides exactly as on
// every other page, and what is shown (titles, excerpts) comes only from that read, never from the
// index. An entry the viewer may not see is skipped; paging counts only what the viewer sees, and no
// total is counted (there is only "next page").
//
// MongoDB has no index here (fullTextIndexFor answers null): search falls back to the Local API's
// `like`, newest first, as before full-text search existed.
import type { Payload, Where } from 'payload'

import { fullTextIndexFor, parseSearchQuery, type FullTextIndex, type SearchHit, type SearchKind, type SearchTerm } from '../db/search/index.js'
import { presentForumHits, type ForumHit } from '../presenters/forumPost.js'
import { displayNamesFor, presentStoryCard, STORY_CARD_SELECT, type StoryCard } from '../presenters/story.js'
import { hiddenWarningsWhere } from './stories.js'

type User = Record<string, any> | null

export const SEARCH_PAGE_SIZE = 10
/** Search pages beyond this are not offered: each one walks the candidates from the best match. */
export const SEARCH_MAX_PAGE = 20
/** Candidates read per access-checked batch, and at most per section of a page. */
const CANDIDATE_BATCH = 50
const MAX_CANDIDATES = 1000

export type SearchResults = { page: number; stories: StoryCard[]; forum: ForumHit[]; moreStories: boolean; moreForum: boolean }

const keyOf = (kind: SearchKind, id: number | string) => `${kind}:${id}`

/** Stories and forum posts matching the words typed, as the viewer may see them, one page of each. */
export async function searchSite(payload: Payload, user: User, query: string, page = 1, hiddenWarnings: readonly string[] = []): Promise<SearchResults> {
  const terms = parseSearchQuery(query)
  if (terms.length === 0) return { page, stories: [], forum: [], moreStories: false, moreForum: false }
  // The reader's hidden content warnings hold in search as in every story list; read once per search.
  const unhidden = hiddenWarningsWhere(hiddenWarnings)
  const index = fullTextIndexFor(payload)
  if (!index) return likeSearch(payload, user, query, page, unhidden)
  const [stories, forum] = await Promise.all([
    inRankOrder(index, terms, ['story'], page, (hits) => visibleStories(payload, user, hits, unhidden)),
    inRankOrder(index, terms, ['thread', 'reply'], page, (hits) => visibleForumHits(payload, user, hits)),
  ])
  return { page, stories: await storyCards(payload, user, stories.items, unhidden), forum: forum.items, moreStories: stories.more, moreForum: forum.more }
}

/**
 * Walks the index's candidates best first, keeping those the viewer may see (`visible` reads them as the
 * viewer), until it has this page and one more item, or the candidates run out.
 */
async function inRankOrder<T>(index: FullTextIndex, terms: SearchTerm[], kinds: SearchKind[], page: number, visible: (hits: SearchHit[]) => Promise<Map<string, T>>) {
  const end = page * SEARCH_PAGE_SIZE
  const found: T[] = []
  for (let offset = 0; found.length <= end && offset < MAX_CANDIDATES;) {
    const hits = await index.candidates(terms, kinds, offset, CANDIDATE_BATCH)
    offset += hits.length
    const seen = hits.length ? await visible(hits) : new Map<string, T>()
    for (const hit of hits) {
      const item = seen.get(keyOf(hit.kind, hit.id))
      if (item !== undefined) found.push(item)
    }
    if (hits.length < CANDIDATE_BATCH) break
  }
  return { items: found.slice(end - SEARCH_PAGE_SIZE, end), more: found.length > end }
}

const idsOf = (hits: SearchHit[], kind: SearchKind) => hits.filter((hit) => hit.kind === kind).map((hit) => hit.id)

/** Which candidate stories the viewer may see (published, and read access allows). */
async function visibleStories(payload: Payload, user: User, hits: SearchHit[], unhidden: Where): Promise<Map<string, number | string>> {
  const ids = idsOf(hits, 'story')
  const result = await payload.find({
    collection: 'stories',
    where: { and: [{ status: { equals: 'published' } }, { id: { in: ids } }, unhidden] },
    select: { slug: true },
    depth: 0,
    limit: ids.length,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return new Map(result.docs.map((doc) => [keyOf('story', doc.id), doc.id]))
}

/** The page's stories as cards, read again as the viewer (a story withdrawn meanwhile drops out here too). */
async function storyCards(payload: Payload, user: User, ids: (number | string)[], unhidden: Where): Promise<StoryCard[]> {
  if (ids.length === 0) return []
  const result = await payload.find({
    collection: 'stories',
    where: { and: [{ status: { equals: 'published' } }, { id: { in: ids } }, unhidden] },
    select: STORY_CARD_SELECT,
    depth: 1,
    limit: ids.length,
    pagination: false,
    overrideAccess: false,
    user,
  })
  const byId = new Map(result.docs.map((doc) => [String(doc.id), doc]))
  const docs = ids.map((id) => byId.get(String(id))).filter((doc) => doc !== undefined)
  const names = await displayNamesFor(payload, docs as never)
  return docs.map((doc) => presentStoryCard(doc as never, names))
}

/** Candidate threads and replies as the viewer may see them, presented (a reply only with its thread). */
async function visibleForumHits(payload: Payload, user: User, hits: SearchHit[]): Promise<Map<string, ForumHit>> {
  const threadIds = idsOf(hits, 'thread')
  const replyIds = idsOf(hits, 'reply')
  const [threads, replies] = await Promise.all([
    threadIds.length ? findThreads(payload, user, { id: { in: threadIds } }, threadIds.length) : [],
    replyIds.length ? findReplies(payload, user, { id: { in: replyIds } }, replyIds.length) : [],
  ])
  const found = new Map<string, ForumHit>()
  for (const thread of threads) for (const hit of presentForumHits([thread], [])) found.set(keyOf('thread', thread.id), hit)
  for (const reply of replies) for (const hit of presentForumHits([], [reply])) found.set(keyOf('reply', reply.id), hit)
  return found
}

async function findThreads(payload: Payload, user: User, where: Where, limit: number, sort?: string) {
  const result = await payload.find({ collection: 'threads', where, select: { title: true, body: true, lastActivityAt: true }, sort, depth: 0, limit, pagination: false, overrideAccess: false, user })
  return result.docs as Record<string, any>[]
}

/** Replies with their thread's title; the thread is populated only if the viewer may read it. */
async function findReplies(payload: Payload, user: User, where: Where, limit: number, sort?: string) {
  const result = await payload.find({
    collection: 'replies',
    where,
    select: { body: true, thread: true, createdAt: true },
    populate: { threads: { title: true } },
    sort,
    depth: 1,
    limit,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return result.docs as Record<string, any>[]
}

/**
 * MongoDB: no full-text index, so the Local API's `like` as before, newest first. Paged without a count
 * by reading up to one item past the page.
 */
async function likeSearch(payload: Payload, user: User, query: string, page: number, unhidden: Where): Promise<SearchResults> {
  const end = page * SEARCH_PAGE_SIZE
  const [stories, threads, replies] = await Promise.all([
    payload.find({
      collection: 'stories',
      where: { and: [{ status: { equals: 'published' } }, { searchText: { like: query } }, unhidden] },
      select: STORY_CARD_SELECT,
      sort: '-publishedAt',
      depth: 1,
      limit: end + 1,
      pagination: false,
      overrideAccess: false,
      user,
    }),
    findThreads(payload, user, { or: [{ title: { like: query } }, { body: { like: query } }] }, end + 1, '-lastActivityAt'),
    findReplies(payload, user, { body: { like: query } }, end + 1, '-createdAt'),
  ])
  const posts = [...threads.map((doc) => ({ doc, at: String(doc.lastActivityAt ?? ''), thread: true })), ...replies.map((doc) => ({ doc, at: String(doc.createdAt ?? ''), thread: false }))]
    .sort((a, b) => b.at.localeCompare(a.at))
    .flatMap((post) => (post.thread ? presentForumHits([post.doc], []) : presentForumHits([], [post.doc])))
  const pageStories = stories.docs.slice(end - SEARCH_PAGE_SIZE, end)
  const names = await displayNamesFor(payload, pageStories as never)
  return {
    page,
    stories: pageStories.map((doc) => presentStoryCard(doc as never, names)),
    forum: posts.slice(end - SEARCH_PAGE_SIZE, end),
    moreStories: stories.docs.length > end,
    moreForum: posts.length > end,
  }
}
