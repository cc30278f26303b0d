// Access to members' interests in volunteering: thin wrappers over src/policies/volunteering.ts.
import type { Access, FieldAccess, Where } from 'payload'

import { canReadCoordinatorNote, canReadMemberNote, interestReadWhere, type VolunteerActor } from '../../src/policies/volunteering.js'

/** The member's own, and those of the localities the reader coordinates (admins: all). Moderators as such: none. */
export const memberOrCoordinator: Access = ({ req: { user } }) => interestReadWhere(user as VolunteerActor) as boolean | Where

export const memberNoteRead: FieldAccess = ({ req: { user }, doc }) => Boolean(doc) && canReadMemberNote(user as VolunteerActor, doc as never)
export const coordinatorNoteRead: FieldAccess = ({ req: { user }, doc }) => Boolean(doc) && canReadCoordinatorNote(user as VolunteerActor, doc as never)
