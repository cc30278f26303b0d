// A consent record is whole when it is made: story, author, choices, statement and expiry. The ids
// are copied to text fields too, so the tombstone left by an erasure still says whose consent it was.
import { ValidationError, type CollectionBeforeChangeHook } from 'payload'
import { idOf } from '../../../src/db/relationId.js'

const REQUIRED_ON_CREATE = ['story', 'author', 'audience', 'byline', 'statementVersion', 'statementText', 'expiresAt'] as const

export const completeConsent: CollectionBeforeChangeHook = ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const missing = REQUIRED_ON_CREATE.filter((name) => data[name] === undefined || data[name] === null || data[name] === '')
  if (missing.length > 0) throw new ValidationError({ collection: 'consents', errors: missing.map((path) => ({ path, message: 'This field is required.' })) }, req.t)
  data.storyRef = String(idOf(data.story))
  data.authorRef = String(idOf(data.author))
  return data
}
