// The scale seed's forum: threads across the localities and replies across the threads, with one long
// thread (in a public forum, so visitors can read it) holding every twentieth reply: 5% of them.
import { postFingerprint } from '../../forum/markdown.js'
import { bylineSnapshot, type BylineSnapshot } from '../../policies/byline.js'
import { between, paragraph, pick, threadTitle, type Random } from './words.js'
import type { SeedLocality } from './stories.js'

const DAY = 86_400_000
const FORUM_SPAN_DAYS = 365
export const LONG_THREAD_TITLE = 'The long thread: what got you through this week?'
/** Every LONG_THREAD_EVERY-th reply goes to the long thread. */
const LONG_THREAD_EVERY = 20

export type SeedPoster = { id: number | string; byline: BylineSnapshot }
export const posterOf = (user: Record<string, any> & { id: number | string }): SeedPoster => ({ id: user.id, byline: bylineSnapshot(user) })

/** Which thread each reply goes to and when it was written, decided before anything is written. */
export type ForumPlan = {
  threadCount: number
  threadOfReply: Int32Array
  replyCount: Int32Array
  lastReplyAt: Float64Array
  replyTime: (index: number) => number
  threadTime: (index: number) => number
}

/**
 * Replies are written in time order. Thread 0 is the long thread; every other reply goes to a thread
 * already started at that time, chosen uniformly, so older threads gather more replies.
 */
export function planForum(random: Random, replies: number, threads: number, now: Date): ForumPlan {
  const start = now.getTime() - FORUM_SPAN_DAYS * DAY
  const span = FORUM_SPAN_DAYS * DAY - 60_000
  const threadTime = (j: number) => (j === 0 || threads < 3 ? start : start + ((j - 1) / (threads - 1)) * span * 0.9)
  const replyTime = (i: number) => start + ((i + 1) / (replies + 1)) * span
  const threadOfReply = new Int32Array(replies)
  const replyCount = new Int32Array(threads)
  const lastReplyAt = new Float64Array(threads)
  for (let i = 0; i < replies; i++) {
    let thread = 0
    if (threads > 1 && i % LONG_THREAD_EVERY !== 0) {
      const started = threads < 3 ? threads : Math.min(threads, Math.floor((replyTime(i) - start) / ((span * 0.9) / (threads - 1))) + 2)
      thread = 1 + Math.floor(random() * (started - 1))
    }
    threadOfReply[i] = thread
    replyCount[thread]! += 1
    lastReplyAt[thread] = replyTime(i)
  }
  return { threadCount: threads, threadOfReply, replyCount, lastReplyAt, replyTime, threadTime }
}

const published = (createdAt: string) => ({
  status: 'published',
  everPublished: true,
  needsReview: false,
  crisisHold: false,
  autoHidden: false,
  isFirstPost: false,
  triageAction: null,
  triageMatches: null,
  // As postQueueOrder (src/commands/forum/shared.ts) writes it for a published post.
  queueOrder: `111${createdAt}`,
})

const bylineColumns = (byline: BylineSnapshot) => ({
  authorByline_displayName: byline.displayName,
  authorByline_memberType: byline.memberType,
  authorByline_memberTypeConfirmed: byline.memberTypeConfirmed,
  authorByline_staffRole: byline.staffRole,
})

export function threadRow(random: Random, plan: ForumPlan, index: number, locality: SeedLocality, posters: SeedPoster[]) {
  const poster = pick(random, posters)
  const createdAt = new Date(plan.threadTime(index)).toISOString()
  const lastActivityAt = new Date(Math.max(plan.threadTime(index), plan.lastReplyAt[index]!)).toISOString()
  const body = Array.from({ length: between(random, 1, 3) }, () => paragraph(random, between(random, 1, 3))).join('\n\n')
  return {
    locality: locality.id,
    title: index === 0 ? LONG_THREAD_TITLE : threadTitle(random, index),
    body,
    author: poster.id,
    ...bylineColumns(poster.byline),
    ...published(createdAt),
    fingerprint: postFingerprint(body),
    pinned: false,
    locked: false,
    lastActivityAt,
    replyCount: plan.replyCount[index]!,
    createdAt,
    updatedAt: lastActivityAt,
  }
}

export function replyRow(random: Random, plan: ForumPlan, index: number, thread: { id: number | string; locality: number | string }, posters: SeedPoster[]) {
  const poster = pick(random, posters)
  const createdAt = new Date(plan.replyTime(index)).toISOString()
  const body = paragraph(random, between(random, 1, 3))
  return {
    thread: thread.id,
    locality: thread.locality,
    body,
    author: poster.id,
    ...bylineColumns(poster.byline),
    ...published(createdAt),
    fingerprint: postFingerprint(body),
    createdAt,
    updatedAt: createdAt,
  }
}
