// What each viewer gets of volunteering: opportunities for everyone; an interest for its member (state
// and their own note, never the coordinators' note); an interest for the coordinators (display name,
// both notes, history). Never an email address or a real name.
import { idOf } from '../db/relationId.js'
import { formatLondonDate } from '../policies/londonTime.js'
import { kindLabel, NEXT_STATES, stateLabel, isInterestState, type InterestState } from '../policies/volunteering.js'

type Doc = Record<string, any>
const nameOf = (value: unknown): string | null => (value && typeof value === 'object' ? String((value as { name?: unknown }).name ?? '') || null : null)
const dateOf = (value: unknown): string | null => (typeof value === 'string' && value ? formatLondonDate(new Date(value)) : null)

export type OpportunitySummary = {
  id: string
  title: string
  kind: string
  kindLabel: string
  localityName: string | null
  localityId: string | null
  commitment: string
  training: string | null
  dbsCheck: boolean
  contactRole: string
  description: string
  open: boolean
}

export const presentOpportunity = (doc: Doc): OpportunitySummary => ({
  id: String(doc.id),
  title: String(doc.title ?? ''),
  kind: String(doc.kind ?? 'other'),
  kindLabel: kindLabel(doc.kind),
  localityName: nameOf(doc.locality),
  localityId: idOf(doc.locality) === null ? null : String(idOf(doc.locality)),
  commitment: String(doc.commitment ?? ''),
  training: doc.training ? String(doc.training) : null,
  dbsCheck: doc.dbsCheck === true,
  contactRole: String(doc.contactRole ?? ''),
  description: String(doc.description ?? ''),
  open: doc.open === true,
})

export type StateStep = { state: string; label: string; on: string | null }
const stepsOf = (doc: Doc): StateStep[] => ((doc.history ?? []) as Doc[]).map((h) => ({ state: String(h.state), label: stateLabel(h.state), on: dateOf(h.at) }))

/** The member's own view of their interest. */
export type OwnInterest = {
  id: string
  opportunityId: string | null
  opportunityTitle: string
  kind: string
  kindLabel: string
  localityName: string | null
  state: string
  stateLabel: string
  note: string | null
  steps: StateStep[]
}

export const presentOwnInterest = (doc: Doc): OwnInterest => ({
  id: String(doc.id),
  opportunityId: idOf(doc.opportunity) === null ? null : String(idOf(doc.opportunity)),
  opportunityTitle: doc.opportunity && typeof doc.opportunity === 'object' ? String(doc.opportunity.title ?? '') : 'A volunteering role',
  kind: String(doc.kind ?? 'other'),
  kindLabel: kindLabel(doc.kind),
  localityName: nameOf(doc.locality),
  state: String(doc.state),
  stateLabel: stateLabel(doc.state),
  note: typeof doc.note === 'string' ? doc.note : null,
  steps: stepsOf(doc),
})

/** A coordinator's view: who (display name only), their note, the coordinators' note, and where it can go next. */
export type CoordinatedInterest = OwnInterest & { memberName: string; coordinatorNote: string | null; next: { value: InterestState; label: string }[]; since: string | null }

export const presentCoordinatedInterest = (doc: Doc): CoordinatedInterest => ({
  ...presentOwnInterest(doc),
  memberName: String(doc.memberName || 'A member'),
  coordinatorNote: typeof doc.coordinatorNote === 'string' ? doc.coordinatorNote : null,
  next: isInterestState(doc.state) ? NEXT_STATES[doc.state].map((value) => ({ value, label: stateLabel(value) })) : [],
  // The first step is when they said they were interested (a seeded or imported interest is older than its record).
  since: dateOf(((doc.history ?? []) as Doc[])[0]?.at ?? doc.createdAt),
})

/** A coordinator, as the moderators who choose them see one: display name and localities, nothing else. */
export type CoordinatorSummary = { id: string; displayName: string; localities: { id: string; name: string }[] }

export const presentCoordinator = (doc: Doc): CoordinatorSummary => ({
  id: String(doc.id),
  displayName: String(doc.displayName ?? ''),
  localities: ((doc.coordinatesFor ?? []) as unknown[]).filter((l): l is Doc => Boolean(l) && typeof l === 'object').map((l) => ({ id: String(l.id), name: String(l.name ?? '') })),
})
