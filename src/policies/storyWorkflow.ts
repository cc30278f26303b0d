// The one function that decides every change of a story's state, as a table of state, actor and action.
import type { StoryState } from './storyVisibility.js'

export type StoryActor = 'author' | 'moderator' | 'other'

export const STORY_ACTIONS = ['edit', 'submit', 'withdraw', 'approve', 'request_changes', 'unpublish', 'propose_redaction', 'mark_safe'] as const
export type StoryAction = (typeof STORY_ACTIONS)[number]

type Rule = { from: readonly StoryState[]; actor: StoryActor; to: StoryState | 'same' }

const ANY_LIVE: readonly StoryState[] = ['draft', 'submitted', 'changes_requested', 'published', 'unpublished']

const RULES: Record<StoryAction, Rule> = {
  // Editing a published story makes a revision for review; the approved text stays live.
  edit: { from: ['draft', 'changes_requested', 'published'], actor: 'author', to: 'same' },
  submit: { from: ['draft', 'changes_requested'], actor: 'author', to: 'submitted' },
  withdraw: { from: ANY_LIVE, actor: 'author', to: 'withdrawn' },
  approve: { from: ['submitted', 'published', 'unpublished'], actor: 'moderator', to: 'published' },
  request_changes: { from: ['submitted', 'published'], actor: 'moderator', to: 'same' },
  unpublish: { from: ['published'], actor: 'moderator', to: 'unpublished' },
  propose_redaction: { from: ['submitted', 'changes_requested', 'published', 'unpublished'], actor: 'moderator', to: 'same' },
  // Moderators cannot see unsubmitted drafts, so a draft's hold is reviewed once it is submitted.
  mark_safe: { from: ['submitted', 'changes_requested', 'published', 'unpublished'], actor: 'moderator', to: 'same' },
}

export type TransitionInput = {
  state: StoryState
  actor: StoryActor
  action: StoryAction
  /** A crisis match holds the story until a moderator marks it safe. */
  crisisHold?: boolean
  /** A published story with an edit awaiting review. */
  hasPendingRevision?: boolean
  /** The author's current consent (present, not withdrawn, not expired). */
  consentCurrent?: boolean
  /** A moderator's proposed redaction the author has not yet accepted or declined. */
  hasOpenRedaction?: boolean
}

export type TransitionResult = { ok: true; next: StoryState } | { ok: false; reason: string }

export function decideTransition(input: TransitionInput): TransitionResult {
  const rule = RULES[input.action]
  if (!rule) return { ok: false, reason: 'Unknown action.' }
  if (rule.actor !== input.actor) return { ok: false, reason: `Only the ${rule.actor === 'author' ? 'author' : 'moderators'} can do that.` }
  if (!rule.from.includes(input.state)) return { ok: false, reason: `A story that is ${input.state.replace('_', ' ')} cannot be changed that way.` }

  if (input.action === 'approve') {
    if (input.crisisHold) return { ok: false, reason: 'This story is held for safeguarding. Mark it safe first.' }
    if (!input.consentCurrent) return { ok: false, reason: "The author's consent is missing, withdrawn or expired." }
    if (input.hasOpenRedaction) return { ok: false, reason: 'A proposed redaction is waiting for the author.' }
    if (input.state === 'published' && !input.hasPendingRevision) return { ok: false, reason: 'There is no revision waiting for review.' }
  }
  if (input.action === 'request_changes' && input.state === 'published' && !input.hasPendingRevision) {
    return { ok: false, reason: 'There is no revision waiting for review.' }
  }
  if (input.action === 'submit' && !input.consentCurrent) {
    return { ok: false, reason: 'Choose who may see your story (consent) before you submit it.' }
  }
  if (input.action === 'mark_safe' && !input.crisisHold) return { ok: false, reason: 'This story is not held.' }
  // Changes asked of a first submission send the story back to its author; changes asked of an
  // edit to a published story leave the approved text live.
  if (input.action === 'request_changes') return { ok: true, next: input.state === 'submitted' ? 'changes_requested' : input.state }
  return { ok: true, next: rule.to === 'same' ? input.state : rule.to }
}

/** Whether the author may still change the story's text (draft, changes asked for, or published). */
export const authorMayEdit = (state: string): boolean => RULES.edit.from.includes(state as StoryState)

/** Whether the author may still withdraw the story (any state but withdrawn). */
export const authorMayWithdraw = (state: string): boolean => RULES.withdraw.from.includes(state as StoryState)

/** Editing a published story makes a revision for review; the approved text stays live until then. */
export const editMakesRevision = (state: string): boolean => state === 'published'
