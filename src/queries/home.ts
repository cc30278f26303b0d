// The home page's reads, made as the viewer (overrideAccess: false, user), each a short list read
// from an index with a limit and no count, so the page costs the same at 100k stories as at 100.
// Visitors all get the same page (one cache entry); a member's page adds their own forums' news and
// is cached for them alone (the page cache keys members' pages by member, src/cache/servePageCache.ts).
import type { Payload } from 'payload'

import { canReadForum } from '../policies/forumVisibility.js'
import { memberForumIds } from '../policies/homeForums.js'
import { CONVERSATION_SUMMARY_SELECT, presentConversationSummary, type ConversationSummary, type HomePageData } from '../presenters/home.js'
import type { LocalitySummary } from '../presenters/locality.js'
import { upcomingMeetings } from './meetings.js'
import { visibleStoryCards } from './stories.js'

type User = Record<string, any> | null

export const HOME_LIMITS = { stories: 4, conversations: 5, meetings: 3 } as const

/**
 * One forum's latest active conversations the viewer may read. Published only, even for the author and
 * moderators (who may read held posts): the home page is news, not a queue. One forum at a time, so the
 * read walks the (locality, lastActivityAt) index and stops after a few rows, however many threads there are.
 */
async function latestInForum(payload: Payload, user: User, localities: readonly LocalitySummary[], locality: LocalitySummary): Promise<ConversationSummary[]> {
  if (!canReadForum(user as never, locality.forumVisibility)) return []
  const found = await payload.find({
    collection: 'threads',
    where: { and: [{ locality: { equals: locality.id } }, { status: { equals: 'published' } }] },
    sort: '-lastActivityAt',
    select: CONVERSATION_SUMMARY_SELECT,
    depth: 0,
    limit: HOME_LIMITS.conversations,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return found.docs.map((doc) => presentConversationSummary(doc as never, localities))
}

/** The most recently active of several forums' lists (each already newest first). */
const mostRecent = (lists: ConversationSummary[][]): ConversationSummary[] =>
  lists
    .flat()
    .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || String(b.id).localeCompare(String(a.id)))
    .slice(0, HOME_LIMITS.conversations)

export async function homePage(payload: Payload, user: User, localities: readonly LocalitySummary[], hiddenWarnings: readonly string[]): Promise<HomePageData> {
  const mine = memberForumIds(user, localities)
  const [stories, perForum, meetings, yourMeetings] = await Promise.all([
    visibleStoryCards(payload, user, { and: [] }, { limit: HOME_LIMITS.stories, hiddenWarnings }),
    Promise.all(localities.map((locality) => latestInForum(payload, user, localities, locality))),
    upcomingMeetings(payload, user, undefined, HOME_LIMITS.meetings),
    mine.length > 0 ? upcomingMeetings(payload, user, mine, HOME_LIMITS.meetings) : Promise.resolve([]),
  ])
  const isMine = (locality: LocalitySummary) => mine.some((id) => String(id) === String(locality.id))
  const yours = user ? { forums: localities.filter(isMine), conversations: mostRecent(perForum.filter((_, index) => isMine(localities[index]!))), meetings: yourMeetings } : null
  return { stories: stories.cards, conversations: mostRecent(perForum), meetings, yours }
}
