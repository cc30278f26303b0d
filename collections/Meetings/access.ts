// Who reads meetings' guarded fields. Meetings themselves are public (collections/shared/access.ts);
// how to join online and the minutes are guarded field by field (src/policies/meetingAccess.ts).
import type { FieldAccess } from 'payload'

import { canSeeJoiningDetails, canSeeMinutes } from '../../src/policies/meetingAccess.js'

/** Without a document Payload asks whether the field may be queried: only those who read every meeting's minutes may. */
export const minutesRead: FieldAccess = ({ req: { user }, doc }) => canSeeMinutes(user, doc ?? null)
export const joiningDetailsRead: FieldAccess = ({ req: { user } }) => canSeeJoiningDetails(user)
