// Full-text search, one interface over the adapters. The index answers only "which documents match,
// best first"; it never answers "what may this viewer see" or "what does it say": the caller reads the
// candidates through the Local API as the viewer, and shows only what that read returns.
//
// SQLite: an FTS5 table (sqlite.ts). PostgreSQL: a tsvector table with a GIN index (postgres.ts).
// MongoDB: none. Payload's MongoDB adapter offers no full-text path here, so fullTextIndexFor answers
// null and /search falls back to the Local API's `like` (src/queries/search.ts).
// Tables come from the committed migrations (src/migrations/<adapter>/*_search_index.ts), which also
// fill them from existing rows; the collections' hooks keep them in step on each write's transaction.
import type { Payload, PayloadRequest } from 'payload'

import { postgresFullTextIndex } from './postgres.js'
import { sqliteFullTextIndex } from './sqlite.js'
import type { SearchTerm } from './terms.js'

export { parseSearchQuery, type SearchTerm } from './terms.js'

export { SEARCH_KIND_LIST as SEARCH_KINDS, type SearchKind } from './kinds.js'
import type { SearchKind } from './kinds.js'
export type SearchHit = { kind: SearchKind; id: number }

export interface FullTextIndex {
  /** Makes the document's entry match its row as it now stands, inside the write's transaction (req). */
  sync(req: PayloadRequest, kind: SearchKind, id: number | string): Promise<void>
  /** Removes the document's entry, words and all (deleted, withdrawn, erased). */
  remove(req: PayloadRequest, kind: SearchKind, id: number | string): Promise<void>
  /** Rebuilds every entry from the tables, outside any transaction: for a bulk load that skipped the hooks (the scale seed). */
  refill(): Promise<void>
  /** Matching documents of these kinds, best first. Not access-checked: never show these, read them as the viewer. */
  candidates(terms: SearchTerm[], kinds: readonly SearchKind[], offset: number, limit: number): Promise<SearchHit[]>
}

/** The adapter's full-text index, or null where there is none (MongoDB: search falls back to `like`). */
export function fullTextIndexFor(payload: Payload): FullTextIndex | null {
  switch (payload.db.name) {
    case 'sqlite':
      return sqliteFullTextIndex(payload.db as never)
    case 'postgres':
      return postgresFullTextIndex(payload.db as never)
    default:
      return null
  }
}
