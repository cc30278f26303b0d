// canSee: the one rule for who may see a story, used by every door. The REST/Local API read access
// (collections/Stories/access.ts) is the same rule written as a database query; tests check they agree.
import { isModerator, isSelf, type Actor } from './roles.js'
import { isSafeguardingLead } from './safeguarding.js'

export const STORY_STATES = ['draft', 'submitted', 'changes_requested', 'published', 'unpublished', 'withdrawn'] as const
export type StoryState = (typeof STORY_STATES)[number]

export const CONSENT_AUDIENCES = ['public', 'members', 'moderators'] as const
export type ConsentAudience = (typeof CONSENT_AUDIENCES)[number]

export type StoryFacts = {
  status: StoryState
  author: number | string | { id: number | string } | null | undefined
  /** Held for crisis words: safeguarding leads read it, whoever they are (not a private draft). */
  crisisHold?: boolean | null
}

export type ConsentFacts =
  | {
      audience: ConsentAudience
      expiresAt: string | Date | null | undefined
      withdrawnAt?: string | Date | null
    }
  | null
  | undefined

// Policies import only policies, so src/db/relationId.ts's idOf is out of reach. This reads one
// field of StoryFacts, typed to it, rather than copying a general "id of anything" helper.
/** The story's author id, whether the author came as an id or as the populated user. */
const authorIdOf = (story: StoryFacts): number | string | null | undefined => (story.author && typeof story.author === 'object' ? story.author.id : story.author)

/** Consent that is present, not withdrawn and not past its expiry date. */
export function consentIsCurrent(consent: ConsentFacts, now: Date = new Date()): consent is NonNullable<ConsentFacts> {
  if (!consent || consent.withdrawnAt) return false
  if (!consent.expiresAt) return false
  return new Date(consent.expiresAt).getTime() > now.getTime()
}

export function canSee(viewer: Actor, story: StoryFacts, latestConsent: ConsentFacts, now: Date = new Date()): boolean {
  // The author always sees their own stories, whatever their state.
  if (isSelf(viewer, authorIdOf(story))) return true
  // Moderators see everything that has been submitted; an unsubmitted draft stays private.
  if (isModerator(viewer)) return story.status !== 'draft'
  if (isSafeguardingLead(viewer) && story.crisisHold === true && story.status !== 'draft') return true
  if (story.status !== 'published' || !consentIsCurrent(latestConsent, now)) return false
  if (latestConsent.audience === 'public') return true
  if (latestConsent.audience === 'members') return Boolean(viewer)
  return false
}
