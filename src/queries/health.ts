// /healthz: whether the database answers at all.
import type { Payload } from 'payload'

/** A count of localities touches the database without reading anything private. */
export async function databaseReachable(payload: Payload): Promise<boolean> {
  try {
    await payload.count({ collection: 'localities', overrideAccess: true })
    return true
  } catch {
    return false
  }
}
