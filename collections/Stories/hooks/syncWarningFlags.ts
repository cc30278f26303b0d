// Keeps warningFlags (src/policies/warningFlags.ts) equal to the live story's content warnings, whichever
// command wrote them (the author's edit, an approved revision, an accepted redaction).
import type { CollectionBeforeChangeHook } from 'payload'

import { warningFlagsOf } from '../../../src/policies/warningFlags.js'

export const syncWarningFlags: CollectionBeforeChangeHook = ({ data, originalDoc, operation }) => {
  if (operation === 'create' || data.contentWarnings !== undefined || !originalDoc?.warningFlags) {
    const live = data.contentWarnings !== undefined ? data.contentWarnings : originalDoc?.contentWarnings
    data.warningFlags = warningFlagsOf(Array.isArray(live) ? live : [])
  }
  return data
}
