// A renamed locality renames its meetings in the admin (their adminTitle ends with the locality's name).
import type { CollectionAfterChangeHook } from 'payload'

import { refreshMeetingAdminTitles } from '../../../src/meetings/adminTitles.js'

export const retitleMeetings: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || previousDoc?.name === doc.name) return doc
  await refreshMeetingAdminTitles(req.payload, req, { locality: { equals: doc.id } })
  return doc
}
