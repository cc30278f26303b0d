// Plain text of the live story for /search. Built only from the live text, never from a pending
// revision or a proposed redaction, so search finds nothing a reader could not already read.
import type { CollectionBeforeChangeHook } from 'payload'

import { lexicalToPlainText } from '../../../src/richtext/index.js'

export const indexSearchText: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const live = { ...(originalDoc ?? {}), ...data }
  data.searchText = [live.title, live.summary, lexicalToPlainText(live.body)].filter(Boolean).join('\n').slice(0, 200_000)
  return data
}
