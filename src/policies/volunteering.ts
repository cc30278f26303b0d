// Volunteering and peer mentoring (issue 17 B): who sees a member's interest in an opportunity, who
// moves it along, and who makes someone a volunteer coordinator.
//
// | actor                                   | action                         | verdict                                  |
// |-----------------------------------------|--------------------------------|------------------------------------------|
// | anyone                                  | read an open opportunity       | allowed                                  |
// | coordinator of the locality, moderator  | read a closed opportunity      | allowed (moderators: of that locality)   |
// | the member who expressed it             | read their interest            | its state and their own note, never the  |
// |                                         |                                | coordinator's note                       |
// | coordinator of the opportunity's        | read, move an interest         | allowed, with both notes                 |
// | locality; admin                         |                                |                                          |
// | moderator who is not a coordinator      | read an interest               | refused (see below)                      |
// | anyone else                             | read an interest               | refused                                  |
// | admin; moderator of every locality      | set who coordinates            | allowed, and logged                      |
// | added or taken away                     |                                |                                          |
// | anyone else, or anyone for themself     | set who coordinates            | refused (admins excepted)                |
//
// Moderators who are not coordinators do not see interests or notes. A note is given to the people
// who organise volunteering for one purpose (to get in touch about a role) and may say a good deal
// about someone's recovery; moderators moderate public content and need none of it. A moderator who
// does need to see them can be made a coordinator of their locality, which is itself logged.
import { isAdmin, isSelf, moderatesLocality, type Actor } from './roles.js'

export const OPPORTUNITY_KINDS = [
  { value: 'volunteer', label: 'Volunteer' },
  { value: 'peer-mentor', label: 'Peer mentor' },
  { value: 'recovery-champion', label: 'Recovery champion' },
  { value: 'other', label: 'Other' },
] as const
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number]['value']

export const INTEREST_STATES = [
  { value: 'interested', label: 'Interested' },
  { value: 'contacted', label: 'Contacted' },
  { value: 'in-training', label: 'In training' },
  { value: 'active', label: 'Active' },
  { value: 'stepped-back', label: 'Stepped back' },
] as const
export type InterestState = (typeof INTEREST_STATES)[number]['value']

export const BADGES = [
  { value: 'none', label: 'No badge' },
  { value: 'volunteer', label: 'Volunteer' },
  { value: 'peer-mentor', label: 'Peer mentor' },
] as const
export type VolunteerBadge = (typeof BADGES)[number]['value']

export const NOTE_MAX = 500
export const COORDINATOR_NOTE_MAX = 1000

export const isOpportunityKind = (value: unknown): value is OpportunityKind => OPPORTUNITY_KINDS.some((k) => k.value === value)
export const isInterestState = (value: unknown): value is InterestState => INTEREST_STATES.some((s) => s.value === value)
export const isBadge = (value: unknown): value is VolunteerBadge => BADGES.some((b) => b.value === value)
export const kindLabel = (value: unknown): string => OPPORTUNITY_KINDS.find((k) => k.value === value)?.label ?? 'Other'
export const stateLabel = (value: unknown): string => INTEREST_STATES.find((s) => s.value === value)?.label ?? 'Interested'
export const badgeLabel = (value: unknown): string | null => (value === 'volunteer' || value === 'peer-mentor' ? BADGES.find((b) => b.value === value)!.label : null)

/** The part of a user that volunteering decisions read, on top of roles. */
export type VolunteerActor = (NonNullable<Actor> & { coordinatesFor?: readonly (number | string | { id: number | string })[] | null }) | null | undefined

const idString = (entry: unknown): string => String(entry && typeof entry === 'object' ? (entry as { id: unknown }).id : entry)

/** The localities a member coordinates volunteering for (ids as strings). */
export const coordinatedLocalities = (actor: VolunteerActor): string[] => [...new Set((actor?.coordinatesFor ?? []).map(idString))]

export const isCoordinator = (actor: VolunteerActor): boolean => coordinatedLocalities(actor).length > 0

/** Admins act for every locality; a coordinator for theirs. A moderator is not a coordinator by being one. */
export function coordinatesLocality(actor: VolunteerActor, localityId: unknown): boolean {
  if (!actor) return false
  if (isAdmin(actor)) return true
  if (localityId === null || localityId === undefined || localityId === '') return false
  return coordinatedLocalities(actor).includes(idString(localityId))
}

/** The part of an interest the rules read. */
export type InterestFacts = { member?: unknown; locality?: unknown }

/** The member who expressed it, the coordinators of its locality and admins. */
export const canReadInterest = (actor: VolunteerActor, interest: InterestFacts): boolean =>
  Boolean(actor) && (isSelf(actor, idString(interest.member)) || coordinatesLocality(actor, interest.locality))

/** The member's own note: them, and the people who coordinate for the locality. */
export const canReadMemberNote = canReadInterest

/** The coordinator's note about the member: the coordinators and admins only, never the member. */
export const canReadCoordinatorNote = (actor: VolunteerActor, interest: InterestFacts): boolean => coordinatesLocality(actor, interest.locality)

/** The rows a reader may see, as a query: false for none, true for all (admins), else theirs and their localities'. */
export function interestReadWhere(actor: VolunteerActor): boolean | { or: Record<string, unknown>[] } {
  if (!actor) return false
  if (isAdmin(actor)) return true
  const localities = coordinatedLocalities(actor).map((id) => (/^\d+$/.test(id) ? Number(id) : id))
  const own = { member: { equals: actor.id } }
  return { or: localities.length ? [own, { locality: { in: localities } }] : [own] }
}

/** Coordinators move an interest along; never their own (someone else coordinates them). */
export function canMoveInterest(actor: VolunteerActor, interest: InterestFacts): boolean {
  if (!actor) return false
  if (isSelf(actor, idString(interest.member)) && !isAdmin(actor)) return false
  return coordinatesLocality(actor, interest.locality)
}

/**
 * The way through: interested → contacted → in training → active → stepped back. Training is not
 * always needed (contacted → active), anyone may step back at any point, and someone who stepped back
 * can be picked up again (→ contacted).
 */
export const NEXT_STATES: Readonly<Record<InterestState, readonly InterestState[]>> = {
  interested: ['contacted', 'stepped-back'],
  contacted: ['in-training', 'active', 'stepped-back'],
  'in-training': ['active', 'stepped-back'],
  active: ['stepped-back'],
  'stepped-back': ['contacted'],
}

export const canMoveState = (from: unknown, to: unknown): boolean => isInterestState(from) && isInterestState(to) && NEXT_STATES[from].includes(to)

export type CoordinatorChangeVerdict = { ok: true; added: string[]; removed: string[] } | { ok: false; status: 401 | 403; reason: string }

/**
 * Who may change the localities a member coordinates for: admins, and moderators who moderate every
 * locality added or taken away (a scoped moderator cannot touch another locality's coordinators).
 * Nobody but an admin changes their own.
 */
export function canSetCoordinatesFor(actor: Actor, targetId: unknown, before: readonly unknown[], after: readonly unknown[]): CoordinatorChangeVerdict {
  if (!actor) return { ok: false, status: 401, reason: 'Sign in as a moderator to choose volunteer coordinators.' }
  const was = new Set(before.map(idString))
  const will = new Set(after.map(idString))
  const added = [...will].filter((id) => !was.has(id))
  const removed = [...was].filter((id) => !will.has(id))
  if (isAdmin(actor)) return { ok: true, added, removed }
  if (isSelf(actor, idString(targetId))) return { ok: false, status: 403, reason: 'Another moderator or an admin chooses whether you coordinate volunteering.' }
  if (![...added, ...removed].every((id) => moderatesLocality(actor, id)) || !moderatesLocality(actor, added[0] ?? removed[0] ?? null)) {
    return { ok: false, status: 403, reason: 'You can choose volunteer coordinators only for the localities you moderate.' }
  }
  return { ok: true, added, removed }
}

/** Kinds of active volunteering that earn each badge. */
export const BADGE_KINDS: Readonly<Record<'volunteer' | 'peer-mentor', readonly OpportunityKind[]>> = {
  volunteer: ['volunteer', 'recovery-champion', 'other', 'peer-mentor'],
  'peer-mentor': ['peer-mentor'],
}

/** A badge is shown only by choice, and only while the member is active in volunteering of that kind. */
export function mayShowBadge(badge: unknown, activeKinds: readonly unknown[]): boolean {
  if (badge === 'none' || badge === null || badge === undefined) return true
  if (badge !== 'volunteer' && badge !== 'peer-mentor') return false
  return activeKinds.some((kind) => (BADGE_KINDS[badge] as readonly unknown[]).includes(kind))
}

/** The badge shown next to a name: the member's choice, if it still holds. */
export const shownBadge = (badge: unknown, activeKinds: readonly unknown[]): 'volunteer' | 'peer-mentor' | null =>
  (badge === 'volunteer' || badge === 'peer-mentor') && mayShowBadge(badge, activeKinds) ? badge : null

/** A contact role is a role title ("Volunteer coordinator"), never a person's address. */
export const looksLikeContactDetails = (value: unknown): boolean => typeof value === 'string' && (/@/.test(value) || /\d[\d\s]{6,}\d/.test(value) || /https?:/i.test(value))
