// Every moderator action on a thread or reply, as a table of state, action and result.
import type { PostState } from './forumVisibility.js'

export const POST_ACTIONS = ['approve', 'reject', 'hide', 'restore', 'remove', 'lock', 'unlock', 'pin', 'unpin', 'mark_safe', 'dismiss'] as const
export type PostAction = (typeof POST_ACTIONS)[number]
export type PostKind = 'threads' | 'replies'

type Rule = { from: readonly PostState[]; to: PostState | 'same'; threadsOnly?: boolean; needsReason?: boolean }

const RULES: Record<PostAction, Rule> = {
  approve: { from: ['pending'], to: 'published' },
  reject: { from: ['pending'], to: 'removed', needsReason: true },
  hide: { from: ['published'], to: 'hidden' },
  restore: { from: ['hidden'], to: 'published' },
  remove: { from: ['pending', 'published', 'hidden'], to: 'removed' },
  lock: { from: ['pending', 'published', 'hidden'], to: 'same', threadsOnly: true },
  unlock: { from: ['pending', 'published', 'hidden'], to: 'same', threadsOnly: true },
  pin: { from: ['published'], to: 'same', threadsOnly: true },
  unpin: { from: ['pending', 'published', 'hidden', 'removed'], to: 'same', threadsOnly: true },
  mark_safe: { from: ['pending', 'published', 'hidden'], to: 'same' },
  // "Looked at it: nothing to do" (a post that matched a "flag" watched word, say). Leaves the queue.
  dismiss: { from: ['published', 'hidden', 'removed'], to: 'same' },
}

export type PostTransitionInput = {
  kind: PostKind
  state: PostState
  action: PostAction
  /** A moderator of this post's locality, who did not write it. */
  actorModerates: boolean
  crisisHold?: boolean
  reason?: string
  locked?: boolean
  pinned?: boolean
}

export type PostTransitionResult = { ok: true; next: PostState } | { ok: false; reason: string; status: 400 | 403 | 409 }

export const isPostAction = (value: unknown): value is PostAction => typeof value === 'string' && (POST_ACTIONS as readonly string[]).includes(value)

export function decidePostTransition(input: PostTransitionInput): PostTransitionResult {
  const rule = RULES[input.action]
  if (!rule) return { ok: false, reason: 'Unknown action.', status: 400 }
  if (!input.actorModerates) return { ok: false, reason: 'Only the moderators of this locality can do that.', status: 403 }
  if (rule.threadsOnly && input.kind !== 'threads') return { ok: false, reason: 'Only a thread can be locked or pinned.', status: 400 }
  if (!rule.from.includes(input.state)) return { ok: false, reason: `A ${input.state} post cannot be changed that way.`, status: 409 }
  if (rule.needsReason && !input.reason?.trim()) return { ok: false, reason: 'Give the author a reason.', status: 400 }
  if ((input.action === 'approve' || input.action === 'restore') && input.crisisHold) {
    return { ok: false, reason: 'This post is held for safeguarding. Mark it safe first.', status: 409 }
  }
  if (input.action === 'mark_safe' && !input.crisisHold) return { ok: false, reason: 'This post is not held.', status: 409 }
  if (input.action === 'dismiss' && input.crisisHold) return { ok: false, reason: 'This post is held for safeguarding. Mark it safe instead.', status: 409 }
  if (input.action === 'lock' && input.locked) return { ok: false, reason: 'This thread is already locked.', status: 409 }
  if (input.action === 'unlock' && !input.locked) return { ok: false, reason: 'This thread is not locked.', status: 409 }
  if (input.action === 'pin' && input.pinned) return { ok: false, reason: 'This thread is already pinned.', status: 409 }
  if (input.action === 'unpin' && !input.pinned) return { ok: false, reason: 'This thread is not pinned.', status: 409 }
  return { ok: true, next: rule.to === 'same' ? input.state : rule.to }
}
