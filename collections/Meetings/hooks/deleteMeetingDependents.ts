// A meeting's join codes and sent-reminder rows point at it with a NOT NULL column, so deleting the
// meeting would fail (PostgreSQL) or leave rows pointing nowhere (SQLite). They mean nothing without
// it, so they go first, in the same transaction as the delete.
import type { CollectionBeforeDeleteHook } from 'payload'

export const deleteMeetingDependents: CollectionBeforeDeleteHook = async ({ id, req }) => {
  for (const collection of ['join-codes', 'meeting-reminders'] as const) {
    await req.payload.delete({ collection, where: { meeting: { equals: id } }, req, overrideAccess: true, depth: 0 })
  }
}
