// Who sees what of a meeting, and how minutes move from draft to published. Plain predicates, so
// field access, pages, feeds and email all ask the same questions.
import { hasRole, isModerator, isSignedIn, moderatesLocality, type Actor } from './roles.js'

export const MEETING_STATES = ['scheduled', 'held', 'cancelled'] as const
export type MeetingState = (typeof MEETING_STATES)[number]
export const MINUTES_STATES = ['draft', 'approved', 'published'] as const
export type MinutesState = (typeof MINUTES_STATES)[number]
export const MINUTES_VISIBILITIES = ['public', 'members'] as const
export type MinutesVisibility = (typeof MINUTES_VISIBILITIES)[number]

export type MinutesFacts = { minutesStatus?: MinutesState | null; minutesVisibility?: MinutesVisibility | null }

/** Published minutes go to their audience; draft and approved minutes only to moderators. */
export function canSeeMinutes(actor: Actor, meeting: MinutesFacts | null | undefined): boolean {
  if (isModerator(actor)) return true
  if (meeting?.minutesStatus !== 'published') return false
  if (meeting.minutesVisibility === 'public') return true
  return meeting.minutesVisibility === 'members' && isSignedIn(actor)
}

/** How to join online is for members: a public link would invite anyone into the room. */
export const canSeeJoiningDetails = (actor: Actor): boolean => isSignedIn(actor)

export const canManageMeeting = (actor: Actor, localityId: number | string | null | undefined): boolean => isModerator(actor) && moderatesLocality(actor, localityId)

/** The commissioners' report. Member type is self-declared, so it is never the gate: roles are. */
export const canSeeReports = (actor: Actor): boolean => isModerator(actor) || hasRole(actor, 'reporter')

const ALLOWED_MINUTES_CHANGES: Record<MinutesState, readonly MinutesState[]> = {
  draft: ['approved'],
  approved: ['published', 'draft'],
  published: ['draft'],
}

export type MinutesChange = { from: MinutesState; to: MinutesState; meetingStatus: MeetingState; hasMinutes: boolean }
export type MinutesDecision = { ok: true } | { ok: false; reason: string }

export function decideMinutesChange({ from, to, meetingStatus, hasMinutes }: MinutesChange): MinutesDecision {
  if (from !== to && !ALLOWED_MINUTES_CHANGES[from]?.includes(to)) {
    return { ok: false, reason: `Minutes cannot go from ${from} to ${to}. They go draft → approved → published; approved or published minutes can go back to draft.` }
  }
  if (to !== 'draft' && meetingStatus !== 'held') return { ok: false, reason: 'Only the minutes of a meeting that was held can be approved or published.' }
  if (to !== 'draft' && !hasMinutes) return { ok: false, reason: 'Write the minutes before approving or publishing them.' }
  return { ok: true }
}

export const SECOND_MODERATOR_MESSAGE = 'Another moderator needs to approve these minutes.'

type Id = number | string
export type MinutesApproval = {
  /** The meeting-settings switch `minutesNeedSecondModerator`. */
  needSecondModerator: boolean
  from: MinutesState
  to: MinutesState
  /** Whether this save changes the minutes text. */
  textChanged: boolean
  /** Who recorded the minutes once this save is done (whoever last changed the text). */
  recordedBy: Id | null | undefined
  /** Who is saving; null for server code with no actor. */
  actor: Id | null | undefined
}

/**
 * With the switch on, minutes that are approved (or published) must have been approved by someone
 * other than the moderator who recorded them. So the recorder cannot move them to approved, and
 * nobody can change the text of approved or published minutes without sending them back to draft
 * (the one who changes the text becomes the recorder). Server code with no actor is not held to it.
 */
export function decideMinutesApproval({ needSecondModerator, from, to, textChanged, recordedBy, actor }: MinutesApproval): MinutesDecision {
  if (!needSecondModerator || actor === null || actor === undefined || to === 'draft') return { ok: true }
  const approving = to === 'approved' && from !== 'approved'
  if (!approving && !textChanged) return { ok: true }
  const sameModerator = recordedBy !== null && recordedBy !== undefined && String(recordedBy) === String(actor)
  return sameModerator ? { ok: false, reason: SECOND_MODERATOR_MESSAGE } : { ok: true }
}
