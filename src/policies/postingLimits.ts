// Posting limits for threads and replies (Discourse's defaults, in moderation-settings). Pure: the
// facts come from the database, so every process serving the site agrees on them.
import type { ModerationSettings } from './moderationSettings.js'
import { formatLondon } from './londonTime.js'

export type PostKindForLimits = 'threads' | 'replies'

export type PosterFacts = {
  isModerator: boolean
  joinedAt: Date
  approvedPostCount: number
}

export type PostingHistory = {
  /** When this member last posted anything (thread or reply), if ever. */
  lastPostAt: Date | null
  /** Threads and replies posted since joining, counted only while the first day lasts. */
  threadsSinceJoining: number
  repliesSinceJoining: number
  /** When the same text was last posted by this member, if within the duplicate window. */
  sameTextPostedAt: Date | null
}

export type LimitDecision = { ok: true } | { ok: false; retryAfterSeconds: number; reason: string }

const HOUR = 3_600_000

/** New: still in the post queue, or joined less than newMemberHours ago. */
export function isNewMember(poster: PosterFacts, settings: ModerationSettings, now: Date): boolean {
  return poster.approvedPostCount < settings.postQueueThreshold || now.getTime() - poster.joinedAt.getTime() < settings.newMemberHours * HOUR
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000))

export function decidePostingLimit(kind: PostKindForLimits, poster: PosterFacts, history: PostingHistory, settings: ModerationSettings, now = new Date()): LimitDecision {
  // Every limit that applies is checked, and the longest wait is the one reported: a shorter one
  // would send the member back only to be refused again.
  const refusals: { until: number; reason: string }[] = []

  // The same text twice is refused for everyone, moderators included (a double-click, or a bot).
  if (history.sameTextPostedAt) {
    const until = history.sameTextPostedAt.getTime() + settings.duplicateWindowMinutes * 60_000
    if (until > now.getTime()) refusals.push({ until, reason: 'You posted exactly this a moment ago. If you meant to, change the text or wait a few minutes.' })
  }

  // Moderators keep people safe; their pace is never limited.
  if (!poster.isModerator) {
    const firstDayEnds = poster.joinedAt.getTime() + settings.newMemberHours * HOUR
    if (firstDayEnds > now.getTime()) {
      const cap = kind === 'threads' ? settings.newMemberMaxThreadsPerDay : settings.newMemberMaxRepliesPerDay
      const used = kind === 'threads' ? history.threadsSinceJoining : history.repliesSinceJoining
      if (used >= cap) {
        const noun = kind === 'threads' ? 'threads' : 'replies'
        refusals.push({ until: firstDayEnds, reason: `New members can post ${cap} ${noun} in their first day. This keeps the forum safe from spam while people get to know you.` })
      }
    }
    const interval = (isNewMember(poster, settings, now) ? settings.newMemberPostIntervalSeconds : settings.memberPostIntervalSeconds) * 1000
    if (history.lastPostAt && interval > 0) {
      const until = history.lastPostAt.getTime() + interval
      if (until > now.getTime()) refusals.push({ until, reason: 'You are posting very quickly. Please wait a moment before posting again.' })
    }
  }

  if (refusals.length === 0) return { ok: true }
  const longest = refusals.reduce((a, b) => (b.until > a.until ? b : a))
  return { ok: false, retryAfterSeconds: seconds(longest.until - now.getTime()), reason: longest.reason }
}

/** "Try again at 14:32" in the reader's (UK) clock, plus a plain duration. */
export function retryAfterText(retryAfterSeconds: number, now = new Date()): string {
  const at = new Date(now.getTime() + retryAfterSeconds * 1000)
  const clock = formatLondon(retryAfterSeconds < 120 ? 'clockWithSeconds' : 'clock', at)
  const span =
    retryAfterSeconds === 1
      ? '1 second'
      : retryAfterSeconds < 120
        ? `${retryAfterSeconds} seconds`
        : retryAfterSeconds < 7200
          ? `${Math.ceil(retryAfterSeconds / 60)} minutes`
          : `${Math.ceil(retryAfterSeconds / 3600)} hours`
  return `You can try again in ${span} (at ${clock}).`
}
