// "Stories like mine" and "more like this" (issue 17). Every story is read as the viewer
// (overrideAccess: false), so the stories collection's read rule (canSee as a query) decides which
// stories take part: a withdrawn, unpublished, pending or members-only story is never among them.
//
// Each request does a bounded amount of indexed work, whatever the number of stories (measured in
// `npm run bench -- --only scale`):
// - the filter, and the reader's hidden warnings, are where clauses (the warnings through one column
//   each: src/policies/warningFlags.ts);
// - one read of the newest RECENT_STORIES_READ visible stories, in index order, answers most of "is this
//   value offered?" and of the matches; what it cannot answer is asked of the database in reads of at
//   most 5 ids ("at least 5?", never a count) or of the newest MATCH_WINDOW + 1 matches (the indexes on
//   narrator type, stage and tone, and on the themes' and tags' values, serve them);
// - the newest MATCH_WINDOW + 1 matches give the ranking (by shared characteristics) and a total that
//   stops at MATCH_COUNT_CAP ("more than 50"); the trade-offs are written in src/policies/storyMatching.ts.
// Matching and ranking are the pure functions of src/policies/storyMatching.ts.
import type { Payload, Where } from 'payload'

import { MEMBER_TYPES } from '../policies/memberTypes.js'
import { MIN_PAIR_COUNT } from '../policies/storyFeedback.js'
import {
  alsoFound,
  boundedTotal,
  EMPTY_REQUEST,
  keepOffered,
  MATCH_COUNT_CAP,
  MATCH_WINDOW,
  MATCHES_SHOWN,
  offeredFrom,
  offerFromRecent,
  matchesInRecent,
  RECENT_STORIES_READ,
  rankCandidates,
  refusedForVisitor,
  requestIsEmpty,
  SIMILAR_WINDOW,
  similarStories,
  storiesToOffer,
  type FilterKind,
  type MatchRequest,
  type StoryTraits,
} from '../policies/storyMatching.js'
import { RECOVERY_STAGES, STORY_THEMES, STORY_TONES } from '../policies/storyTaxonomy.js'
import { withoutWarningsWhere } from '../policies/warningFlags.js'
import type { StoryCard } from '../presenters/story.js'
import { presentOption, type FilterOption, type LikeMinePage, type MoreLikeThis } from '../presenters/storyMatching.js'
import { visibleStoryCards } from './stories.js'
import { pairCountsFor } from './storyPairs.js'

type User = Record<string, any> | null

export type TagOption = { id: number | string; value: string; label: string }

/** The moderator-managed experience tags, as everyone may read them. */
export async function storyTags(payload: Payload, user: User): Promise<TagOption[]> {
  const result = await payload.find({ collection: 'story-tags', sort: 'label', limit: 200, pagination: false, depth: 0, overrideAccess: false, user })
  return result.docs.map((tag) => ({ id: tag.id, value: String(tag.slug), label: String(tag.label) }))
}

const relationIds = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((item) => String(item && typeof item === 'object' ? (item as { id: unknown }).id : item)).filter((id) => id !== 'undefined' && id !== 'null') : []

/** A stored story's characteristics, with its tags as the tags' slugs. */
export function traitsOf(doc: Record<string, any>, tagSlugById: Map<string, string>): StoryTraits {
  return {
    id: doc.id,
    narratorType: doc.narratorType ?? null,
    themes: Array.isArray(doc.themes) ? doc.themes : [],
    tags: relationIds(doc.experienceTags)
      .map((id) => tagSlugById.get(id))
      .filter((slug): slug is string => Boolean(slug)),
    stage: doc.recoveryStage ?? null,
    tone: doc.tone ?? null,
    warnings: Array.isArray(doc.contentWarnings) ? doc.contentWarnings : [],
    publishedAt: doc.publishedAt ?? null,
  }
}

const TRAIT_SELECT = { narratorType: true, themes: true, experienceTags: true, recoveryStage: true, tone: true, contentWarnings: true, publishedAt: true } as const
/**
 * Newest first, in the order an index already holds. With a narrator type, stage or tone in the where,
 * their indexes (narrator/stage/tone, status, publishedAt) give newest published first. With only themes
 * or tags, the id (newest written first) lets SQLite walk the stories in key order and ask each "has
 * it?" of the (value, parent) indexes, stopping at the limit; ordered by publishedAt it read every story
 * with a common theme and sorted them (EXPLAIN QUERY PLAN at 100,000 stories).
 */
type Order = 'published' | 'written' | 'recent'
const ORDER: Record<Order, string[]> = {
  published: ['-publishedAt', '-id'],
  written: ['-id'],
  // All visible stories, newest published first: the order of the (status, publishedAt, createdAt, …) index.
  recent: ['-publishedAt', '-createdAt'],
}

/** Published stories without any of the reader's hidden warnings (the read rule is added by Payload). */
export function shownStoriesWhere(hiddenWarnings: readonly string[]): Where {
  return { and: [{ status: { equals: 'published' } }, withoutWarningsWhere(hiddenWarnings)] }
}

/** The database's form of matches() (src/policies/storyMatching.ts): each chosen value, one of each chosen list. */
export function requestWhere(r: MatchRequest, tagIdBySlug: ReadonlyMap<string, number | string>): Where[] {
  const where: Where[] = []
  if (r.narratorType) where.push({ narratorType: { equals: r.narratorType } })
  if (r.stage) where.push({ recoveryStage: { equals: r.stage } })
  if (r.tone) where.push({ tone: { equals: r.tone } })
  if (r.themes.length > 0) where.push({ themes: { in: r.themes } })
  if (r.tags.length > 0) {
    const ids = r.tags.map((slug) => tagIdBySlug.get(slug)).filter((id): id is number | string => id !== undefined)
    // A tag nobody can see matches nothing (keepOffered has already dropped it; this keeps the rule exact).
    where.push(ids.length > 0 ? { experienceTags: { in: ids } } : { id: { in: [] } })
  }
  return where
}

/** The ids of at most `limit` visible stories matching `where`, newest first. Never a count. */
async function someIds(payload: Payload, user: User, where: Where, limit: number, order: Order): Promise<(number | string)[]> {
  const result = await payload.find({ collection: 'stories', where, select: { publishedAt: true }, sort: ORDER[order], depth: 0, limit, pagination: false, overrideAccess: false, user })
  return result.docs.map((doc) => doc.id)
}

async function traitsWhere(payload: Payload, user: User, where: Where, limit: number, order: Order, slugById: Map<string, string>): Promise<StoryTraits[]> {
  const result = await payload.find({ collection: 'stories', where, select: TRAIT_SELECT, sort: ORDER[order], depth: 0, limit, pagination: false, overrideAccess: false, user })
  return result.docs.map((doc) => traitsOf(doc as never, slugById))
}

/** Cards for these stories, read again as the viewer, in the order given. */
async function cardsInOrder(payload: Payload, user: User, ids: (number | string)[]): Promise<StoryCard[]> {
  if (ids.length === 0) return []
  const { cards } = await visibleStoryCards(payload, user, { id: { in: ids } }, { limit: ids.length })
  const byId = new Map(cards.map((card) => [String(card.id), card]))
  return ids.map((id) => byId.get(String(id))).filter((card): card is StoryCard => Boolean(card))
}

/**
 * The filter values the viewer may use. Most are decided by the newest stories already read (a value 5
 * of them carry is offered to visitors, 1 to members); each value still undecided is one read of at most
 * 5 ids (1 for members), never a count.
 */
async function offeredOptions(payload: Payload, user: User, shown: Where, tags: TagOption[], recent: StoryTraits[], complete: boolean): Promise<Record<FilterKind, FilterOption[]>> {
  const visitor = !user
  const enough = storiesToOffer({ visitor })
  const tagIdBySlug = new Map(tags.map((tag) => [tag.value, tag.id]))
  const whereFor = (kind: FilterKind, value: string): Where => {
    if (kind === 'narratorType') return { narratorType: { equals: value } }
    if (kind === 'stage') return { recoveryStage: { equals: value } }
    if (kind === 'tone') return { tone: { equals: value } }
    if (kind === 'themes') return { themes: { in: [value] } }
    return { experienceTags: { equals: tagIdBySlug.get(value) } }
  }
  const orderFor = (kind: FilterKind): Order => (kind === 'themes' || kind === 'tags' ? 'written' : 'published')
  const offer = async <T extends { value: string; label: string }>(kind: FilterKind, vocabulary: readonly T[]): Promise<FilterOption[]> => {
    const { counts, undecided } = offerFromRecent(recent, kind, vocabulary, { visitor, complete })
    for (const value of undecided) counts.set(value, (await someIds(payload, user, { and: [shown, whereFor(kind, value)] }, enough, orderFor(kind))).length)
    return offeredFrom(counts, vocabulary, { visitor }).map(presentOption)
  }
  return {
    narratorType: await offer('narratorType', MEMBER_TYPES),
    themes: await offer('themes', STORY_THEMES),
    tags: await offer('tags', tags),
    stage: await offer('stage', RECOVERY_STAGES),
    tone: await offer('tone', STORY_TONES),
  }
}

/** /stories/like-mine: the filter values the viewer may use and the stories matching their choice. */
export async function likeMinePage(payload: Payload, user: User, asked: MatchRequest, hiddenWarnings: readonly string[]): Promise<LikeMinePage> {
  const tags = await storyTags(payload, user)
  const slugById = new Map(tags.map((tag) => [String(tag.id), tag.value]))
  const shown = shownStoriesWhere(hiddenWarnings)
  // The newest stories the reader may see, without their hidden warnings: one read in index order.
  const recent = await traitsWhere(payload, user, shown, RECENT_STORIES_READ, 'recent', slugById)
  const complete = recent.length < RECENT_STORIES_READ
  const options = await offeredOptions(payload, user, shown, tags, recent, complete)
  const { request, dropped } = keepOffered(asked, options)
  const newest = () => cardsInOrder(payload, user, rankCandidates(recent, EMPTY_REQUEST, MATCHES_SHOWN))
  if (requestIsEmpty(request)) return { options, request, refused: false, dropped, cards: await newest(), total: 0, moreThanTotal: false }

  // The newest MATCH_WINDOW + 1 matches answer "at least 5?" (the visitor rule), the total shown and the
  // ranking: from the newest stories when they hold that many, else from one bounded read.
  const need = MATCH_WINDOW + 1
  const order: Order = request.narratorType || request.stage || request.tone ? 'published' : 'written'
  const matching: Where = { and: [shown, ...requestWhere(request, new Map(tags.map((tag) => [tag.value, tag.id])))] }
  const candidates = matchesInRecent(recent, request, { complete, need }) ?? (await traitsWhere(payload, user, matching, need, order, slugById))
  if (refusedForVisitor(request, { visitor: !user, found: candidates.length })) {
    return { options, request: EMPTY_REQUEST, refused: true, dropped, cards: await newest(), total: 0, moreThanTotal: false }
  }
  const ids = rankCandidates(candidates.slice(0, MATCH_WINDOW), request)
  const { total, more } = boundedTotal(candidates.length, MATCH_COUNT_CAP)
  return { options, request, refused: false, dropped, cards: await cardsInOrder(payload, user, ids), total, moreThanTotal: more }
}

/** Which of these stories the viewer may see, without their hidden warnings. */
async function visibleAmong(payload: Payload, user: User, ids: (number | string)[], hiddenWarnings: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const found = await someIds(payload, user, { and: [shownStoriesWhere(hiddenWarnings), { id: { in: ids } }] }, ids.length, 'written')
  return new Set(found.map(String))
}

/**
 * The candidates for "more like this", in two bounded reads, newest first: stories with the same
 * narrator type, stage and tone that share a theme or tag (the closest), and stories sharing any one
 * characteristic. similarStories ranks the union; a closer story older than both windows is missed,
 * as at MATCH_WINDOW.
 */
async function similarCandidates(payload: Payload, user: User, story: StoryTraits, shown: Where, tagIdBySlug: Map<string, number | string>, slugById: Map<string, string>): Promise<StoryTraits[]> {
  const tagIds = story.tags.map((slug) => tagIdBySlug.get(slug)).filter((id): id is number | string => id !== undefined)
  const single: Where[] = [
    ...(story.narratorType ? [{ narratorType: { equals: story.narratorType } }] : []),
    ...(story.stage ? [{ recoveryStage: { equals: story.stage } }] : []),
    ...(story.tone ? [{ tone: { equals: story.tone } }] : []),
  ]
  const lists: Where[] = [...(story.themes.length > 0 ? [{ themes: { in: story.themes } }] : []), ...(tagIds.length > 0 ? [{ experienceTags: { in: tagIds } }] : [])]
  if (single.length + lists.length === 0) return []
  const others: Where = { and: [shown, { id: { not_equals: story.id } }] }
  const closest = single.length > 0 && lists.length > 0 ? await traitsWhere(payload, user, { and: [others, ...single, { or: lists }] }, SIMILAR_WINDOW, 'published', slugById) : []
  const any = await traitsWhere(payload, user, { and: [others, { or: [...single, ...lists] }] }, SIMILAR_WINDOW, 'written', slugById)
  const byId = new Map([...closest, ...any].map((candidate) => [String(candidate.id), candidate]))
  return [...byId.values()]
}

/**
 * "More like this" beside a story: the visible stories sharing most characteristics with it, then
 * "readers who found this helpful also found…" from pair counts of at least MIN_PAIR_COUNT readers.
 * The pair counts hold no reader and are read by the server; which stories may appear is decided only
 * by the viewer's own read of the stories.
 */
export async function moreLikeThis(payload: Payload, user: User, storyId: number | string, hiddenWarnings: readonly string[]): Promise<MoreLikeThis> {
  const tags = await storyTags(payload, user)
  const slugById = new Map(tags.map((tag) => [String(tag.id), tag.value]))
  const found = await payload.find({ collection: 'stories', where: { id: { equals: storyId } }, select: TRAIT_SELECT, depth: 0, limit: 1, pagination: false, overrideAccess: false, user })
  const story = found.docs[0] as Record<string, any> | undefined
  if (!story) return { similar: [], alsoFound: [] }
  const traits = traitsOf(story, slugById)
  const candidates = await similarCandidates(payload, user, traits, shownStoriesWhere(hiddenWarnings), new Map(tags.map((tag) => [tag.value, tag.id])), slugById)
  const similarIds = similarStories(traits, candidates)

  // Readers' pair counts ("readers who found this helpful also found…"), counted from the pair rows.
  const pairCounts = await pairCountsFor(payload, story.id)

  const partners = pairCounts.map((pair) => (String(pair.a) === String(story.id) ? pair.b : pair.a))
  const visibleIds = await visibleAmong(payload, user, partners, hiddenWarnings)
  const alsoIds = alsoFound(story.id, pairCounts, visibleIds, new Set(similarIds.map(String)), MIN_PAIR_COUNT)
  const [similar, also] = await Promise.all([cardsInOrder(payload, user, similarIds), cardsInOrder(payload, user, alsoIds)])
  return { similar, alsoFound: also }
}
