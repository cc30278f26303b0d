// Every read the volunteering pages make, as the viewer (overrideAccess false + user): the collections'
// access decides what comes back; the presenters decide which fields the page gets.
import type { Payload, Where } from 'payload'

import { normaliseDisplayName } from '../policies/displayName.js'
import { isAdmin, isModerator, moderatesLocality } from '../policies/roles.js'
import { coordinatedLocalities, isCoordinator, type VolunteerActor } from '../policies/volunteering.js'
import {
  presentCoordinatedInterest,
  presentCoordinator,
  presentOpportunity,
  presentOwnInterest,
  type CoordinatedInterest,
  type CoordinatorSummary,
  type OpportunitySummary,
  type OwnInterest,
} from '../presenters/volunteering.js'

type User = Record<string, any> | null

/** Open opportunities, optionally in one locality, as the viewer sees them. */
export async function openOpportunities(payload: Payload, user: User, localityId?: number | string): Promise<OpportunitySummary[]> {
  const where: Where = { and: [{ open: { equals: true } }, ...(localityId !== undefined ? [{ locality: { equals: localityId } }] : [])] }
  const found = await payload.find({ collection: 'volunteer-opportunities', where, sort: 'title', depth: 1, limit: 200, overrideAccess: false, user: user ?? undefined })
  return found.docs.map((d) => presentOpportunity(d as never))
}

/** One opportunity the viewer may read, or null. */
export async function opportunityForViewer(payload: Payload, user: User, id: number | string): Promise<OpportunitySummary | null> {
  const found = await payload.find({ collection: 'volunteer-opportunities', where: { id: { equals: id } }, depth: 1, limit: 1, overrideAccess: false, user: user ?? undefined })
  return found.docs[0] ? presentOpportunity(found.docs[0] as never) : null
}

/** The viewer's own interests (their state and their own note). */
export async function ownInterests(payload: Payload, user: User): Promise<OwnInterest[]> {
  if (!user) return []
  const found = await payload.find({ collection: 'volunteer-interests', where: { member: { equals: user.id } }, sort: '-createdAt', depth: 1, limit: 100, overrideAccess: false, user })
  return found.docs.map((d) => presentOwnInterest(d as never))
}

/** The viewer's interest in one opportunity, if they expressed one. */
export async function ownInterestIn(payload: Payload, user: User, opportunityId: number | string): Promise<OwnInterest | null> {
  if (!user) return null
  const found = await payload.find({
    collection: 'volunteer-interests',
    where: { and: [{ member: { equals: user.id } }, { opportunity: { equals: opportunityId } }] },
    depth: 1,
    limit: 1,
    overrideAccess: false,
    user,
  })
  return found.docs[0] ? presentOwnInterest(found.docs[0] as never) : null
}

/** Whether the viewer coordinates volunteering anywhere (admins do everywhere). */
export const coordinatesAnywhere = (user: User): boolean => Boolean(user) && (isAdmin(user as never) || isCoordinator(user as VolunteerActor))

/**
 * The interests the viewer coordinates, newest first: the collection's access already limits rows to the
 * coordinator's localities; the extra clause keeps their own interests (as a member) off this list.
 */
export async function coordinatedInterests(payload: Payload, user: User, localityId?: number | string): Promise<CoordinatedInterest[]> {
  if (!user || !coordinatesAnywhere(user)) return []
  const scope: Where[] = isAdmin(user as never) ? [] : [{ locality: { in: coordinatedLocalities(user as VolunteerActor).map((id) => (/^\d+$/.test(id) ? Number(id) : id)) } }]
  const where: Where = { and: [...scope, ...(localityId !== undefined ? [{ locality: { equals: localityId } }] : [])] }
  const found = await payload.find({ collection: 'volunteer-interests', where, sort: '-createdAt', depth: 1, limit: 200, overrideAccess: false, user })
  return found.docs
    .filter((d) => String((d as { member?: unknown }).member && typeof (d as any).member === 'object' ? (d as any).member.id : (d as any).member) !== String(user.id))
    .map((d) => presentCoordinatedInterest(d as never))
}

/** The localities a moderator chooses coordinators for (admins and unscoped moderators: all). */
export function localitiesModeratedBy(user: User, all: { id: number | string; name: string }[]): { id: number | string; name: string }[] {
  if (!user || !isModerator(user as never)) return []
  return all.filter((l) => moderatesLocality(user as never, l.id))
}

/** The coordinators of the localities the moderator moderates, as the moderator reads members. */
export async function coordinatorsFor(payload: Payload, user: User, localities: { id: number | string }[]): Promise<CoordinatorSummary[]> {
  if (!user || localities.length === 0) return []
  const found = await payload.find({
    collection: 'users',
    where: { coordinatesFor: { in: localities.map((l) => l.id) } },
    sort: 'displayName',
    depth: 1,
    limit: 200,
    overrideAccess: false,
    user,
  })
  return found.docs.map((d) => presentCoordinator(d as never))
}

/** A member found by their display name (as moderators read members), with the localities they coordinate. */
export async function memberByDisplayName(payload: Payload, user: User, name: string): Promise<{ id: string; coordinatesFor: string[] } | null> {
  if (!user || !isModerator(user as never) || !name.trim()) return null
  const found = await payload.find({ collection: 'users', where: { displayName: { equals: normaliseDisplayName(name) } }, depth: 0, limit: 1, overrideAccess: false, user })
  const doc = found.docs[0] as Record<string, any> | undefined
  return doc ? { id: String(doc.id), coordinatesFor: ((doc.coordinatesFor ?? []) as unknown[]).map((l) => String(l && typeof l === 'object' ? (l as { id: unknown }).id : l)) } : null
}
