// Access to volunteering opportunities: thin wrappers over src/policies (roles, volunteering).
import type { Access, Where } from 'payload'

import { idOf } from '../../src/db/relationId.js'
import { isAdmin, isModerator, moderatesLocality } from '../../src/policies/roles.js'
import { coordinatedLocalities, coordinatesLocality, type VolunteerActor } from '../../src/policies/volunteering.js'
import { moderatedWhere } from '../shared/access.js'

const asId = (id: string) => (/^\d+$/.test(id) ? Number(id) : id)

/** Open opportunities for everyone; closed ones for the moderators and coordinators of their locality. */
export const openOrOwnLocality: Access = ({ req: { user } }): boolean | Where => {
  if (isAdmin(user)) return true
  const open: Where = { open: { equals: true } }
  const mine: Where[] = []
  const moderated = moderatedWhere(user)
  if (moderated === true) return true
  if (moderated) mine.push(moderated)
  const coordinated = coordinatedLocalities(user as VolunteerActor)
  if (coordinated.length) mine.push({ locality: { in: coordinated.map(asId) } })
  return mine.length ? { or: [open, ...mine] } : open
}

/** The moderators and coordinators of the locality (checked again on the stored row by keepToOwnLocalities). */
export const keepersOfTheLocality: Access = ({ req: { user }, data }) => {
  if (!user) return false
  if (data?.locality === undefined) return isModerator(user) || coordinatedLocalities(user as VolunteerActor).length > 0
  return moderatesLocality(user, idOf(data.locality)) || coordinatesLocality(user as VolunteerActor, idOf(data.locality))
}

/** Rows the user keeps: of the localities they moderate or coordinate. */
export const keptByUser: Access = ({ req: { user } }): boolean | Where => {
  if (!user) return false
  const moderated = moderatedWhere(user)
  if (moderated === true) return true
  const coordinated = coordinatedLocalities(user as VolunteerActor)
  const or: Where[] = [...(moderated ? [moderated] : []), ...(coordinated.length ? [{ locality: { in: coordinated.map(asId) } }] : [])]
  return or.length ? { or } : false
}
