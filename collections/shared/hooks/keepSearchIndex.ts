// Keeps the full-text index (src/db/search) in step with a collection: after every save the document's
// entry is rewritten from its stored row, and on delete it goes, words and all. Both run on the write's
// own transaction (req), so an index change commits or rolls back with the write. On MongoDB there is
// no index (search uses `like` there) and these do nothing.
import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { fullTextIndexFor, type SearchKind } from '../../../src/db/search/index.js'

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * `fields` are those the entry is made from (and, for stories, whether it counts at all). A save that
 * changes none of them (a reply count, a byline) leaves the entry alone; a field missing from either
 * side (a narrowed select) counts as changed.
 */
export function keepSearchIndex(kind: SearchKind, fields: readonly string[]): { afterChange: CollectionAfterChangeHook; afterDelete: CollectionAfterDeleteHook } {
  return {
    afterChange: async ({ doc, previousDoc, operation, req }) => {
      const index = fullTextIndexFor(req.payload)
      if (!index) return doc
      const changed = operation !== 'update' || !previousDoc || fields.some((field) => !(field in doc) || !(field in previousDoc) || !same(doc[field], previousDoc[field]))
      if (changed) await index.sync(req, kind, doc.id)
      return doc
    },
    afterDelete: async ({ id, req, doc }) => {
      await fullTextIndexFor(req.payload)?.remove(req, kind, id ?? doc.id)
      return doc
    },
  }
}
