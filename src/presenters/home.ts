// What the home page shows. A forum thread is a line: title, forum, replies and last activity; no author,
// no body: the home page links to the conversation, whose own page shows the rest as the viewer may see it.
import { idOf } from '../db/relationId.js'
import type { LocalitySummary } from './locality.js'
import type { MeetingSummary } from './meeting.js'
import type { StoryCard } from './story.js'

export type ConversationSummary = {
  id: number | string
  title: string
  replyCount: number
  lastActivityAt: string
  locality: { slug: string; name: string } | null
}

export const CONVERSATION_SUMMARY_SELECT = { title: true, replyCount: true, lastActivityAt: true, createdAt: true, locality: true } as const

export function presentConversationSummary(doc: Record<string, any>, localities: readonly LocalitySummary[]): ConversationSummary {
  const locality = localities.find((l) => String(l.id) === String(idOf(doc.locality)))
  return {
    id: doc.id,
    title: String(doc.title ?? ''),
    replyCount: Number(doc.replyCount ?? 0),
    lastActivityAt: String(doc.lastActivityAt ?? doc.createdAt ?? ''),
    locality: locality ? { slug: locality.slug, name: locality.name } : null,
  }
}

export type HomePageData = {
  stories: StoryCard[]
  conversations: ConversationSummary[]
  meetings: MeetingSummary[]
  /** A member's own forums (home locality and those they follow); null for visitors. */
  yours: { forums: LocalitySummary[]; conversations: ConversationSummary[]; meetings: MeetingSummary[] } | null
}
