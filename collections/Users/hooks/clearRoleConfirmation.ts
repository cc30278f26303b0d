// A confirmation is of the member type a moderator looked at. Choosing another one, through any door
// (/account, REST, the admin), takes it away: the new type reads as the member's own words until a
// moderator looks again. The confirmation fields refuse API writes, so only this hook and the
// confirm-role command (src/commands/confirmRole.ts) set them.
import type { CollectionBeforeChangeHook } from 'payload'

import { CLEARED_CONFIRMATION } from '../../../src/policies/roleConfirmation.js'

export const clearRoleConfirmation: CollectionBeforeChangeHook = ({ data, operation, originalDoc }) => {
  if (operation !== 'update' || !data || data.memberType === undefined) return data
  if (data.memberType === originalDoc?.memberType) return data
  Object.assign(data, CLEARED_CONFIRMATION)
  return data
}
