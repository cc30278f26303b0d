// The home page's reads, made as the viewer (overrideAccess: false, user), each a short list read
// from an index with a limit and no count, so the page costs the same at 100k stories as at 100.
// Visitors all get the same page (one cache entry); a member's page adds their own forums' news and
// is cached for them alone (the page cache keys members' pages by member, src/cache/servePageCache.ts).
import type { Payload, Where } from 'payload'

import { memberForumIds } from '../policies/homeForums.js'
import { CONVERSATION_SUMMARY_SELECT, presentConversationSummary, type HomePageData } from '../presenters/home.js'
import type { LocalitySummary } from '../presenters/locality.js'
import { upcomingMeetings } from './meetings.js'
import { visibleStoryCards } from './stories.js'

type User = Record<string, any> | null
type Id = number | string

export const HOME_LIMITS = { stories: 4, conversations: 5, meetings: 3 } as const

/**
 * The latest active conversations the viewer may read, newest activity first. Published only, even for
 * the author and moderators (who may read held posts): the home page is news, not a queue.
 */
async function activeConversations(payload: Payload, user: User, localities: readonly LocalitySummary[], localityIds?: readonly Id[]) {
  const where: Where[] = [{ status: { equals: 'published' } }]
  if (localityIds) where.push({ locality: { in: [...localityIds] } })
  const found = await payload.find({
    collection: 'threads',
    where: { and: where },
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

export async function homePage(payload: Payload, user: User, localities: readonly LocalitySummary[]): Promise<HomePageData> {
  const mine = memberForumIds(user, localities)
  const [stories, conversations, meetings, yourConversations, yourMeetings] = await Promise.all([
    visibleStoryCards(payload, user, { and: [] }, { limit: HOME_LIMITS.stories }),
    activeConversations(payload, user, localities),
    upcomingMeetings(payload, user, undefined, HOME_LIMITS.meetings),
    mine.length > 0 ? activeConversations(payload, user, localities, mine) : Promise.resolve([]),
    mine.length > 0 ? upcomingMeetings(payload, user, mine, HOME_LIMITS.meetings) : Promise.resolve([]),
  ])
  const yours = user ? { forums: localities.filter((l) => mine.some((id) => String(id) === String(l.id))), conversations: yourConversations, meetings: yourMeetings } : null
  return { stories: stories.cards, conversations, meetings, yours }
}
