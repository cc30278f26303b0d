// Who handles a crisis: safeguarding leads everywhere, and the moderators of the locality the text
// belongs to (for a profile, the member's home locality). Leads who are not moderators see the crisis
// part of the moderators' work and nothing else.
import { isModerator, moderatesLocality, type Actor } from './roles.js'

export type SafeguardingActor = Actor & { isSafeguardingLead?: boolean | null }

export const isSafeguardingLead = (actor: Actor): boolean => Boolean(actor && (actor as SafeguardingActor).isSafeguardingLead === true)

/** May this person see and act on a crisis alert (and its held item) in this locality? */
export const canHandleCrisis = (actor: Actor, localityId: number | string | null | undefined): boolean => isSafeguardingLead(actor) || (isModerator(actor) && moderatesLocality(actor, localityId))

/** The moderators' admin, or the crisis part of it for a lead who is not a moderator. */
export const canEnterSafeguardingWork = (actor: Actor): boolean => isModerator(actor) || isSafeguardingLead(actor)

/** Where a crisis match on a kind of text leaves the text: held until marked safe, or kept (it is never published). */
export type CrisisOutcome = 'hold' | 'alert'
