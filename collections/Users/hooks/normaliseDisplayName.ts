// Keeps the public pseudonym safe and unique, case-insensitively, whatever the door.
import { ValidationError, type CollectionBeforeValidateHook } from 'payload'

import { loadReservedNameWords } from '../../../src/moderation/reservedNames.js'
import { checkDisplayName, displayNameKey, normaliseDisplayName as normalise } from '../../../src/policies/displayName.js'
import { isModerator } from '../../../src/policies/roles.js'
import { isSafeguardingLead } from '../../../src/policies/safeguarding.js'
import { looksLikeStaff, NAME_LOOKS_LIKE_STAFF } from '../../../src/policies/staffNames.js'

export { displayNameKey }

export const normaliseDisplayName: CollectionBeforeValidateHook = async ({ data, req, operation, originalDoc }) => {
  if (!data) return data
  const touched = operation === 'create' || data.displayName !== undefined
  if (!touched) return data

  const problem = checkDisplayName(data.displayName)
  if (problem) {
    throw new ValidationError({ collection: 'users', errors: [{ path: 'displayName', message: problem }] }, req.t)
  }
  data.displayName = normalise(data.displayName)
  // Staff (their role is shown beside their name) may use the reserved words; members may not.
  const person = { ...(originalDoc ?? {}), ...data }
  if (!isModerator(person as never) && !isSafeguardingLead(person as never) && looksLikeStaff(data.displayName, await loadReservedNameWords(req.payload, req))) {
    throw new ValidationError({ collection: 'users', errors: [{ path: 'displayName', message: NAME_LOOKS_LIKE_STAFF }] }, req.t)
  }
  data.displayNameKey = displayNameKey(data.displayName)

  const clash = await req.payload.find({
    collection: 'users',
    where: { displayNameKey: { equals: data.displayNameKey } },
    limit: 1,
    depth: 0,
    pagination: false,
    req,
    // A uniqueness check must see every member, not only those the requester may read.
    overrideAccess: true,
  })
  // Payload's password reset passes the whole stored user as data, with no originalDoc.
  const ownId = originalDoc?.id ?? data.id
  const other = clash.docs.find((doc) => String(doc.id) !== String(ownId))
  if (other) {
    throw new ValidationError({ collection: 'users', errors: [{ path: 'displayName', message: 'That display name is taken. Try another.' }] }, req.t)
  }
  return data
}
