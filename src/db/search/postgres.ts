// PostgreSQL full-text search: `search_entries(kind, doc_id, document tsvector)` with a GIN index, made by
// the migration src/migrations/postgres/*_search_index.ts. It holds the lexemes only (never a copy of
// the text); the title is weighted A and the body D, so ts_rank puts a title match first.
import { sql } from '@payloadcms/db-postgres'

import { connectionFor, integerId, type DrizzleAdapter } from './connection.js'
import type { FullTextIndex, SearchHit, SearchKind } from './index.js'
import { SEARCH_KIND_LIST } from './kinds.js'
import { toTsQuery } from './terms.js'

type SQL = ReturnType<typeof sql>
type Db = { execute(query: SQL): Promise<{ rows: Record<string, unknown>[] }> }

/** Ranking every match of a common word is the slow part of a search; ranking this many of the newest per kind is bounded. */
export const RANKED_PER_KIND = 2000

const document = (title: SQL, body: SQL) => sql`setweight(to_tsvector('english', ${title}), 'A') || setweight(to_tsvector('english', ${body}), 'D')`

/** What each kind puts in the index, and which rows count: the same as the migration's first fill. Every row of the kind when id is left out. */
function insertRows(kind: SearchKind, id?: number): SQL {
  const row = id === undefined ? sql`TRUE` : sql`id = ${id}`
  switch (kind) {
    case 'story':
      // search_text is the live title, summary and body as plain text (collections/Stories/hooks/indexSearchText.ts).
      return sql`INSERT INTO search_entries (kind, doc_id, document) SELECT 'story', id, ${document(sql`coalesce(title, '')`, sql`coalesce(search_text, '')`)} FROM stories WHERE ${row} AND status = 'published'`
    case 'thread':
      return sql`INSERT INTO search_entries (kind, doc_id, document) SELECT 'thread', id, ${document(sql`coalesce(title, '')`, sql`coalesce(body, '')`)} FROM threads WHERE ${row}`
    case 'reply':
      return sql`INSERT INTO search_entries (kind, doc_id, document) SELECT 'reply', id, ${document(sql`''`, sql`coalesce(body, '')`)} FROM replies WHERE ${row}`
  }
}

/** 42601: a tsquery PostgreSQL cannot parse; terms.ts should leave none. */
const isQuerySyntaxError = (error: unknown) => [error, (error as { cause?: unknown })?.cause].some((e) => (e as { code?: string })?.code === '42601')

export function postgresFullTextIndex(adapter: DrizzleAdapter<Db>): FullTextIndex {
  return {
    async sync(req, kind, id) {
      const db = await connectionFor(adapter, req)
      await db.execute(sql`DELETE FROM search_entries WHERE kind = ${kind} AND doc_id = ${integerId(id)}`)
      await db.execute(insertRows(kind, integerId(id)))
    },
    async remove(req, kind, id) {
      const db = await connectionFor(adapter, req)
      await db.execute(sql`DELETE FROM search_entries WHERE kind = ${kind} AND doc_id = ${integerId(id)}`)
    },
    async refill() {
      await adapter.drizzle.execute(sql`TRUNCATE search_entries`)
      for (const kind of SEARCH_KIND_LIST) await adapter.drizzle.execute(insertRows(kind))
    },
    async candidates(terms, kinds, offset, limit) {
      if (terms.length === 0 || kinds.length === 0) return []
      // Exact ranking while a kind has up to RANKED_PER_KIND matches; beyond that, the best of its newest.
      const tsquery = sql`to_tsquery('english', ${toTsQuery(terms)})`
      const windows = sql.join(
        kinds.map((kind) => sql`(SELECT kind, doc_id, document FROM search_entries WHERE kind = ${kind} AND document @@ ${tsquery} ORDER BY doc_id DESC LIMIT ${RANKED_PER_KIND})`),
        sql` UNION ALL `,
      )
      const query = sql`SELECT kind, doc_id FROM (${windows}) AS newest ORDER BY ts_rank(document, ${tsquery}) DESC, doc_id DESC LIMIT ${limit} OFFSET ${offset}`
      try {
        const result = await adapter.drizzle.execute(query)
        return result.rows.map((row): SearchHit => ({ kind: row.kind as SearchKind, id: Number(row.doc_id) }))
      } catch (error) {
        if (isQuerySyntaxError(error)) return []
        throw error
      }
    },
  }
}
