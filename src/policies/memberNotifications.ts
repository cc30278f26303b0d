// A member's notifications (replies, mentions, decisions on their own posts and stories) and their place in
// each thread: who reads them, what a mention is, and what counts as new. Pure functions, no I/O.
import { isSelf, type Actor } from './roles.js'

export const NOTIFICATION_KINDS = ['reply', 'mention', 'decision'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** What a moderator decided about a member's own post or story. */
export const DECISIONS = ['approved', 'rejected', 'held', 'hidden', 'restored', 'removed', 'changes_requested', 'unpublished'] as const
export type Decision = (typeof DECISIONS)[number]

/** Only the recipient ever reads a notification: not moderators, not admins (it says what someone reads). */
export const canReadNotification = (viewer: Actor, recipientId: number | string | null | undefined): boolean => isSelf(viewer, recipientId)

/** A member's place in a thread and their follow belong to them alone. */
export const canReadThreadState = (viewer: Actor, memberId: number | string | null | undefined): boolean => isSelf(viewer, memberId)

const DECISION_WORDS: Record<Decision, string> = {
  approved: 'was approved and is now live',
  rejected: 'was not approved',
  held: 'is held for a moderator to look at',
  hidden: 'was hidden by a moderator',
  restored: 'was restored by a moderator',
  removed: 'was removed by a moderator',
  changes_requested: 'needs some changes before it can be published',
  unpublished: 'was unpublished by a moderator',
}

export type DecisionTarget = 'threads' | 'replies' | 'stories'

/**
 * The sentence for a decision. The title is given only when the member can still read their post or story;
 * otherwise the sentence names nothing.
 */
export function decisionSentence(decision: Decision, target: DecisionTarget, title: string | null): string {
  const what = target === 'stories' ? 'story' : target === 'threads' ? 'thread' : 'reply'
  const named = title ? (target === 'replies' ? `Your reply in “${title}”` : `Your ${what} “${title}”`) : `One of your ${what === 'story' ? 'stories' : 'posts'}`
  return `${named} ${DECISION_WORDS[decision]}.`
}

export const MAX_MENTIONS_PER_POST = 10
const MAX_WORDS_IN_NAME = 4
const NAME_MAX = 40

/**
 * The display names a post might mention: after each "@" at the start of a word, the next one to four
 * words (a display name may have spaces), with trailing punctuation dropped. The caller looks them up;
 * the longest that names a member wins. Nothing here says whether a name exists.
 */
export function mentionCandidates(text: string): string[][] {
  const mentions: string[][] = []
  // A lookbehind, so the space before the next "@" is not taken by the name before it.
  const at = /(?<=^|[\s(["'])@([^\s@][^\n@]{0,80})/g
  for (const match of text.matchAll(at)) {
    if (mentions.length >= MAX_MENTIONS_PER_POST) break
    const words = match[1]!.trim().split(/\s+/).slice(0, MAX_WORDS_IN_NAME)
    const names: string[] = []
    for (let count = words.length; count >= 1; count--) {
      const name = words
        .slice(0, count)
        .join(' ')
        .replace(/[.,!?;:)\]"'’”]+$/u, '')
        .slice(0, NAME_MAX)
      if (name.length >= 2 && !names.includes(name)) names.push(name)
    }
    if (names.length > 0) mentions.push(names)
  }
  return mentions
}

/** A reply in a thread, as the member sees it, for working out what is new to them. */
export type ReplyMark = { id: number | string; createdAt: string; isOwn: boolean }

/**
 * The first reply written after the member's last visit by someone else, or null. A member who has never
 * opened the thread has no marker: everything is new, and a marker at the top says nothing.
 */
export function firstUnreadReply(replies: readonly ReplyMark[], seenUpTo: string | null | undefined): number | string | null {
  if (!seenUpTo) return null
  const next = replies.find((reply) => !reply.isOwn && reply.createdAt > seenUpTo)
  return next ? next.id : null
}

/** A visit moves the member's place only forwards (an older page read later does not unread newer replies). */
export function nextSeenUpTo(seenUpTo: string | null | undefined, latestVisible: string | null | undefined): string | null {
  if (!latestVisible) return seenUpTo ?? null
  if (!seenUpTo || latestVisible > seenUpTo) return latestVisible
  return seenUpTo
}

/** What a thread list says is new for a member: replies since their visit, or a thread they never opened. */
export type ThreadNews = { kind: 'unopened' } | { kind: 'replies'; count: number } | null

export function threadNews(input: { opened: boolean; newReplies: number; threadIsOwn: boolean; threadCreatedAt: string; memberJoinedAt: string | null | undefined }): ThreadNews {
  if (input.opened) return input.newReplies > 0 ? { kind: 'replies', count: input.newReplies } : null
  if (input.threadIsOwn) return null
  // Threads from before the member joined are not news to them: only what began since.
  if (input.memberJoinedAt && input.threadCreatedAt <= input.memberJoinedAt) return null
  return { kind: 'unopened' }
}

type LocalityRef = { id: number | string; isCountyWide: boolean }

/**
 * The forums a member follows (for the digest): those they chose, or with none chosen their home
 * locality and the county-wide forums.
 */
export function followedLocalityIds(chosen: readonly (number | string)[], homeLocality: number | string | null | undefined, localities: readonly LocalityRef[]): string[] {
  if (chosen.length > 0) return chosen.map(String)
  return [...(homeLocality !== null && homeLocality !== undefined ? [String(homeLocality)] : []), ...localities.filter((l) => l.isCountyWide).map((l) => String(l.id))]
}

/** The member's choice after pressing follow or unfollow on one forum's page. */
export function withLocalityFollow(followed: readonly string[], localityId: number | string, follow: boolean): string[] {
  const others = followed.filter((id) => id !== String(localityId))
  return follow ? [...others, String(localityId)] : others
}
