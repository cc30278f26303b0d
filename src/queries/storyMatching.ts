// "Stories like mine" and "more like this" (issue 17). Every story is read as the viewer
// (overrideAccess: false), so the stories collection's read rule (canSee as a query) decides which
// stories take part: a withdrawn, unpublished, pending or members-only story is never among them.
// Matching and ranking are the pure functions of src/policies/storyMatching.ts.
import type { Payload } from 'payload'

import { MEMBER_TYPES } from '../policies/memberTypes.js'
import { MIN_PAIR_COUNT } from '../policies/storyFeedback.js'
import { alsoFound, keepOffered, offeredValues, rankMatches, similarStories, withoutHiddenWarnings, type FilterKind, type MatchRequest, type StoryTraits } from '../policies/storyMatching.js'
import { RECOVERY_STAGES, STORY_THEMES, STORY_TONES } from '../policies/storyTaxonomy.js'
import type { StoryCard } from '../presenters/story.js'
import { presentOption, type FilterOption, type LikeMinePage, type MoreLikeThis } from '../presenters/storyMatching.js'
import { visibleStoryCards } from './stories.js'
import { pairCountsFor } from './storyPairs.js'

type User = Record<string, any> | null

/** More than the demo and a county's stories; matching reads only these few fields of each. */
const MAX_STORIES_MATCHED = 5000

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

/** The characteristics of every published story the viewer may see (only those fields are read). */
async function visibleTraits(payload: Payload, user: User, tags: TagOption[]): Promise<StoryTraits[]> {
  const result = await payload.find({
    collection: 'stories',
    where: { status: { equals: 'published' } },
    select: TRAIT_SELECT,
    depth: 0,
    limit: MAX_STORIES_MATCHED,
    pagination: false,
    overrideAccess: false,
    user,
  })
  const slugById = new Map(tags.map((tag) => [String(tag.id), tag.value]))
  return result.docs.map((doc) => traitsOf(doc as never, slugById))
}

/** Cards for these stories, read again as the viewer, in the order given. */
async function cardsInOrder(payload: Payload, user: User, ids: (number | string)[]): Promise<StoryCard[]> {
  if (ids.length === 0) return []
  const { cards } = await visibleStoryCards(payload, user, { id: { in: ids } }, { limit: ids.length })
  const byId = new Map(cards.map((card) => [String(card.id), card]))
  return ids.map((id) => byId.get(String(id))).filter((card): card is StoryCard => Boolean(card))
}

/** /stories/like-mine: the filter values the viewer may use and the stories matching their choice. */
export async function likeMinePage(payload: Payload, user: User, asked: MatchRequest, hiddenWarnings: readonly string[]): Promise<LikeMinePage> {
  const tags = await storyTags(payload, user)
  const stories = withoutHiddenWarnings(await visibleTraits(payload, user, tags), hiddenWarnings)
  const visitor = !user
  const options: Record<FilterKind, FilterOption[]> = {
    narratorType: offeredValues(stories, 'narratorType', MEMBER_TYPES, { visitor }).map(presentOption),
    themes: offeredValues(stories, 'themes', STORY_THEMES, { visitor }).map(presentOption),
    tags: offeredValues(stories, 'tags', tags, { visitor }).map(presentOption),
    stage: offeredValues(stories, 'stage', RECOVERY_STAGES, { visitor }).map(presentOption),
    tone: offeredValues(stories, 'tone', STORY_TONES, { visitor }).map(presentOption),
  }
  const { request, dropped } = keepOffered(asked, options)
  const outcome = rankMatches(stories, request, { visitor })
  return { options, request: outcome.applied, refused: outcome.refused, dropped, cards: await cardsInOrder(payload, user, outcome.ids), total: outcome.total }
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
  const others = withoutHiddenWarnings(await visibleTraits(payload, user, tags), hiddenWarnings).filter((other) => String(other.id) !== String(story.id))
  const similarIds = similarStories(traitsOf(story, slugById), others)
  const pairCounts = await pairCountsFor(payload, story.id)
  const visibleIds = new Set(others.map((other) => String(other.id)))
  const alsoIds = alsoFound(story.id, pairCounts, visibleIds, new Set(similarIds.map(String)), MIN_PAIR_COUNT)
  const [similar, also] = await Promise.all([cardsInOrder(payload, user, similarIds), cardsInOrder(payload, user, alsoIds)])
  return { similar, alsoFound: also }
}
