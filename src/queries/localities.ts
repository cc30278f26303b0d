// Locality reads: the list that frames every page (public, cached in src/cache/localities.ts, read as
// a visitor), and a locality's own page, whose stories, threads and meetings are read as the viewer.
import type { Payload } from 'payload'

import { publicLocalities } from '../cache/localities.js'
import { canReadForum } from '../policies/forumVisibility.js'
import type { PageRequest } from '../policies/pageCursor.js'
import type { LocalitySummary } from '../presenters/locality.js'
import { moderationSettings, visibleThreads } from './forum.js'
import { localityDirectory } from './directory.js'
import { attendancePoints, nextMeeting } from './meetings.js'
import { visibleStoryCards } from './stories.js'

type User = Record<string, any> | null

/** Every locality, as a visitor sees them: the same for every viewer. */
export function localityList(payload: Payload): Promise<LocalitySummary[]> {
  return publicLocalities(payload)
}

export async function localityBySlug(payload: Payload, slug: unknown): Promise<LocalitySummary | undefined> {
  return (await publicLocalities(payload)).find((l) => l.slug === slug)
}

/** A locality page: its latest stories, its forum (when the viewer may read it), its next meeting and attendance, and its directory entries. */
export async function localityPage(payload: Payload, user: User, locality: LocalitySummary, threadsAt: PageRequest, hiddenWarnings: readonly string[]) {
  const [{ cards }, forum, settings, upcoming, attendance, directory] = await Promise.all([
    visibleStoryCards(payload, user, { locality: { equals: locality.id } }, { limit: 6, hiddenWarnings }),
    // A visitor at a members' forum gets the "join" message, not even a count of threads.
    canReadForum(user as never, locality.forumVisibility) ? visibleThreads(payload, user, locality.id, threadsAt) : Promise.resolve(null),
    moderationSettings(payload),
    nextMeeting(payload, user, locality.id),
    attendancePoints(payload, user, { localityId: locality.id }),
    localityDirectory(payload, user, locality.id),
  ])
  return { stories: cards, forum: forum ? { ...forum, reviewHours: settings.reviewHours } : null, meetings: { next: upcoming, attendance }, directory }
}
