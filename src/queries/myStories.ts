// An author's own stories, read as the author (overrideAccess: false): the stories collection, its
// consents and the moderation log each let an author read only what is theirs.
import type { Payload } from 'payload'

import { idOf } from '../db/relationId.js'
import { isSelf } from '../policies/roles.js'
import { crisisPanelFor, presentAuthorEvent, presentConsentHistory, presentMyStory, presentMyStoryRow, type MyStoryRow } from '../presenters/myStory.js'
import { localCrisisServices } from './crisisServices.js'
import { authorTotalsForStories } from './storyFeedbackTotals.js'

type Author = Record<string, any> & { id: number | string }

/**
 * The signed-in member's own story, read as them; anybody else's is null ("not found"). It returns the
 * document: the author's commands act on it, and the manage page presents it.
 */
export async function ownStory(payload: Payload, user: Author, id: string): Promise<Record<string, any> | null> {
  try {
    const doc = await payload.findByID({ collection: 'stories', id, depth: 0, overrideAccess: false, user })
    const authorId = doc.author && typeof doc.author === 'object' ? doc.author.id : doc.author
    return isSelf(user, authorId as never) ? (doc as Record<string, any>) : null
  } catch {
    return null
  }
}

/** /account/stories: every story of the author's, latest change first. */
export async function myStoryRows(payload: Payload, user: Author): Promise<MyStoryRow[]> {
  const result = await payload.find({ collection: 'stories', where: { author: { equals: user.id } }, sort: '-updatedAt', depth: 0, limit: 100, pagination: false, overrideAccess: false, user })
  // Readers' answers, counted only for the ids the author's own read returned (nothing below 5 readers).
  const totals = await authorTotalsForStories(
    payload,
    result.docs.map((doc) => doc.id),
  )
  return result.docs.map((doc) => presentMyStoryRow(doc as Record<string, any>, totals.get(String(doc.id)) ?? null))
}

/** The manage page of one of the author's stories: its facts, consents, history, and the crisis panel when due. */
export async function myStoryPage(payload: Payload, user: Author, story: Record<string, any>, support: unknown) {
  const consents = await payload.find({ collection: 'consents', where: { story: { equals: story.id } }, sort: 'version', depth: 0, limit: 100, pagination: false, overrideAccess: false, user })
  const history = await authorHistory(payload, user, story.id)
  const crisisPanel = crisisPanelFor(story, support)
  const crisisServices = crisisPanel ? await localCrisisServices(payload, idOf(story.locality)) : []
  const tags = await payload.find({ collection: 'story-tags', depth: 0, limit: 200, pagination: false, overrideAccess: false, user })
  const tagLabels = new Map(tags.docs.map((tag) => [String(tag.id), String(tag.label)]))
  return { ...presentMyStory(story, tagLabels), consentHistory: consents.docs.map((c) => presentConsentHistory(c as Record<string, any>)), history, crisisPanel, crisisServices }
}

/** The author's view of the moderation log (its read access: their own stories' events, no private notes or names). */
async function authorHistory(payload: Payload, user: Author, storyId: number | string) {
  const events = await payload.find({
    collection: 'moderation-events',
    where: { and: [{ targetCollection: { equals: 'stories' } }, { targetId: { equals: String(storyId) } }] },
    sort: 'at',
    depth: 0,
    limit: 200,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return events.docs.map((e) => presentAuthorEvent(e as Record<string, any>))
}
