// Public story reads: the list, one story, the cards on locality and search pages. Every read is made
// as the viewer (overrideAccess: false), so canSee, written as the collection's read access, decides.
import type { Payload, Where } from 'payload'

import { isSelf } from '../policies/roles.js'
import { withoutWarningsWhere } from '../policies/warningFlags.js'
import type { PageRequest } from '../policies/pageCursor.js'
import { displayNamesFor, presentStoryCard, presentStoryPage, STORY_CARD_SELECT, type StoryPage } from '../presenters/story.js'
import { findKeysetPage, type KeysetOrder } from './keyset.js'

type User = Record<string, any> | null

export const STORIES_PER_PAGE = 12

/** Newest published first; the id breaks ties, so every story has one place in the list. */
export const STORY_LIST_ORDER: KeysetOrder = { keys: [{ field: 'publishedAt', kind: 'date', descending: true }], idDescending: true }

const published = (where: Where): Where => ({ and: [{ status: { equals: 'published' } }, where] })

/** The reader's hidden warnings as a where clause on the stories' warning columns (src/policies/warningFlags.ts). */
export const hiddenWarningsWhere = (hiddenWarnings: readonly string[] | undefined): Where => withoutWarningsWhere(hiddenWarnings)

/** Options every story list takes: the warnings this reader chose to hide (src/queries/readingChoices.ts). */
export type StoryListOptions = { hiddenWarnings?: readonly string[] }

/** The latest `limit` published stories the viewer may see, as cards (a locality page, search). No count is made. */
export async function visibleStoryCards(payload: Payload, user: User, where: Where, options: { limit?: number } & StoryListOptions = {}) {
  const result = await payload.find({
    collection: 'stories',
    where: published({ and: [where, hiddenWarningsWhere(options.hiddenWarnings)] }),
    sort: ['-publishedAt', '-id'],
    depth: 1,
    select: STORY_CARD_SELECT,
    limit: options.limit ?? STORIES_PER_PAGE,
    pagination: false,
    overrideAccess: false,
    user,
  })
  const names = await displayNamesFor(payload, result.docs as never)
  return { cards: result.docs.map((doc) => presentStoryCard(doc as never, names)) }
}

/** The /stories list, filtered by a theme and a locality the route has checked, one page at a time. */
export async function storyList(payload: Payload, user: User, filter: { theme?: string; localityId?: number | string; at: PageRequest; hiddenWarnings: readonly string[] }) {
  const filters: Where[] = [hiddenWarningsWhere(filter.hiddenWarnings)]
  if (filter.theme) filters.push({ themes: { contains: filter.theme } })
  if (filter.localityId !== undefined) filters.push({ locality: { equals: filter.localityId } })
  const page = await findKeysetPage<Record<string, any>>(payload, {
    collection: 'stories',
    where: published({ and: filters }),
    order: STORY_LIST_ORDER,
    at: filter.at,
    limit: STORIES_PER_PAGE,
    depth: 1,
    select: STORY_CARD_SELECT,
    user,
  })
  const names = await displayNamesFor(payload, page.docs as never)
  return { cards: page.docs.map((doc) => presentStoryCard(doc as never, names)), before: page.before, after: page.after }
}

export type StoryLookup = { found: 'story'; story: StoryPage; isAuthor: boolean } | { found: 'withdrawn' } | { found: 'nothing' }

/** One story by its slug as the viewer may see it; else whether it was withdrawn (a 410), else nothing. */
export async function storyBySlug(payload: Payload, user: User, slug: string): Promise<StoryLookup> {
  const found = await payload.find({ collection: 'stories', where: { slug: { equals: slug } }, depth: 1, limit: 1, pagination: false, overrideAccess: false, user })
  const doc = found.docs[0]
  if (!doc) return (await wasWithdrawn(payload, slug)) ? { found: 'withdrawn' } : { found: 'nothing' }
  const names = await displayNamesFor(payload, [doc as never])
  const isAuthor = Boolean(user && doc.author !== undefined && isSelf(user as never, typeof doc.author === 'object' && doc.author ? doc.author.id : (doc.author as never)))
  return { found: 'story', story: presentStoryPage(doc as never, names), isAuthor }
}

/** Whether a slug belonged to a story that was withdrawn: only a yes or no leaves this function. */
async function wasWithdrawn(payload: Payload, slug: string): Promise<boolean> {
  const result = await payload.count({ collection: 'stories', where: { and: [{ slug: { equals: slug } }, { status: { equals: 'withdrawn' } }] }, overrideAccess: true })
  return result.totalDocs > 0
}
