// Who reads and writes meetings. Meetings themselves are public; how to join online and the minutes
// are guarded field by field (src/policies/meetingAccess.ts).
import type { Access, FieldAccess } from 'payload'

import { canSeeJoiningDetails, canSeeMinutes } from '../../src/policies/meetingAccess.js'
import { isAdmin, isModerator } from '../../src/policies/roles.js'
import { moderatedWhere } from '../shared/forumPost/access.js'

export const anyone: Access = () => true
export const adminsOnly: Access = ({ req: { user } }) => isAdmin(user)
/** Moderators run the meetings of their own localities. */
export const moderatorsOfLocality: Access = ({ req: { user } }) => moderatedWhere(user)

/** Without a document Payload asks whether the field may be queried: only those who read every meeting's minutes may. */
export const minutesRead: FieldAccess = ({ req: { user }, doc }) => canSeeMinutes(user, doc ?? null)
export const joiningDetailsRead: FieldAccess = ({ req: { user } }) => canSeeJoiningDetails(user)
export const systemField: FieldAccess = () => false
export const moderatorsField: FieldAccess = ({ req: { user } }) => isModerator(user)
