// Every save names the meeting for the admin: "<title> — <d MMM yyyy> (<locality>)" (the action
// picker, lists and breadcrumbs show it), so meetings that share a title are never confused.
import type { CollectionBeforeChangeHook } from 'payload'

import { meetingAdminTitle } from '../../../src/meetings/adminTitle.js'
import { localityNameOf } from '../../../src/meetings/adminTitles.js'

export const setAdminTitle: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const merged = { ...(originalDoc ?? {}), ...data } as Record<string, any>
  const localityName = await localityNameOf(req.payload, merged.locality, req)
  data.adminTitle = meetingAdminTitle({ title: merged.title, startsAt: merged.startsAt, localityName })
  return data
}
