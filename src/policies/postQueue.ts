// The post queue: which new posts wait for a moderator, and which go straight up.
import type { WatchedAction } from './watchedActions.js'

export type NewPostInput = {
  authorIsModerator: boolean
  approvedPostCount: number
  postQueueThreshold: number
  triageAction: WatchedAction | null
}

export type NewPostDecision = { refused: true; reason: string } | { refused: false; status: 'pending' | 'published'; crisisHold: boolean; why: 'newcomer' | 'crisis' | 'require-approval' | 'none' }

export const BLOCKED_POST_MESSAGE = 'Your post includes words we cannot publish here (for example selling or buying drugs). Please remove them.'

/** A member whose posts still wait in the queue: fewer approved posts than the threshold. */
export const isNewcomer = (approvedPostCount: number | null | undefined, postQueueThreshold: number): boolean => Number(approvedPostCount ?? 0) < postQueueThreshold

export function decideNewPost(input: NewPostInput): NewPostDecision {
  if (input.triageAction === 'block') return { refused: true, reason: BLOCKED_POST_MESSAGE }
  // A person in crisis is held and helped, whoever they are.
  if (input.triageAction === 'crisis') return { refused: false, status: 'pending', crisisHold: true, why: 'crisis' }
  if (input.authorIsModerator) return { refused: false, status: 'published', crisisHold: false, why: 'none' }
  if (input.triageAction === 'require-approval') return { refused: false, status: 'pending', crisisHold: false, why: 'require-approval' }
  if (isNewcomer(input.approvedPostCount, input.postQueueThreshold)) return { refused: false, status: 'pending', crisisHold: false, why: 'newcomer' }
  return { refused: false, status: 'published', crisisHold: false, why: 'none' }
}

/** How soon a moderator reads what waits for review: one promise (moderation-settings reviewHours) on every page and in every email. */
export const reviewPromise = (reviewHours: number) => `usually within ${reviewHours} hours`

/** The banner an author sees on their own post while others cannot see it. */
export const awaitingReviewBanner = (reviewHours: number) => `Awaiting review: ${reviewPromise(reviewHours)}. Only you and the moderators can see it.`

/** What an author is told once their story is sent, on the page and in the "we have received your story" email. */
export const storyReceivedPromise = (reviewHours: number) => `A moderator will read it, ${reviewPromise(reviewHours)}.`

export const FIRST_POST_MARKER = 'First post: say welcome'
