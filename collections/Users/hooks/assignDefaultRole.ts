// Everyone who joins is a member. Roles sent by a non-admin are dropped by field access;
// this makes sure the account still ends up with the member role rather than none.
import type { CollectionBeforeChangeHook } from 'payload'

export const assignDefaultRole: CollectionBeforeChangeHook = ({ data, operation }) => {
  if (operation === 'create' && (!Array.isArray(data.roles) || data.roles.length === 0)) {
    data.roles = ['member']
  }
  return data
}
