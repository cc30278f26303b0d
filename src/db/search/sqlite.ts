// SQLite full-text search: one contentless FTS5 table, `search_fts(title, body)`, made by the migration
// src/migrations/sqlite/*_search_index.ts. Contentless (content=''): it keeps the words' positions, not
// a second copy of the text; contentless_delete and secure-delete make a deleted entry's words leave
// the index at once, instead of lingering as delete markers until the next merge.
// A row's rowid packs the kind into the low two bits: id * 4 + 1 (story), 2 (thread), 3 (reply).
import { sql } from '@payloadcms/db-sqlite'

import { connectionFor, integerId, type DrizzleAdapter } from './connection.js'
import type { FullTextIndex, SearchHit, SearchKind } from './index.js'
import { toFts5Match } from './terms.js'

type SQL = ReturnType<typeof sql>
type Db = { run(query: SQL): Promise<unknown>; all<T>(query: SQL): Promise<T[]> }

const KIND_CODE: Record<SearchKind, number> = { story: 1, thread: 2, reply: 3 }
const KIND_OF_CODE = Object.fromEntries(Object.entries(KIND_CODE).map(([kind, code]) => [code, kind])) as Record<number, SearchKind>

const rowidOf = (kind: SearchKind, id: number | string) => integerId(id) * 4 + KIND_CODE[kind]

/** What each kind puts in the index, and which rows count: the same as the migration's first fill. */
function insertFromRow(kind: SearchKind, id: number): SQL {
  switch (kind) {
    case 'story':
      // search_text is the live title, summary and body as plain text (collections/Stories/hooks/indexSearchText.ts).
      return sql`INSERT INTO search_fts(rowid, title, body) SELECT id * 4 + 1, coalesce(title, ''), coalesce(search_text, '') FROM stories WHERE id = ${id} AND status = 'published'`
    case 'thread':
      return sql`INSERT INTO search_fts(rowid, title, body) SELECT id * 4 + 2, coalesce(title, ''), coalesce(body, '') FROM threads WHERE id = ${id}`
    case 'reply':
      return sql`INSERT INTO search_fts(rowid, title, body) SELECT id * 4 + 3, '', coalesce(body, '') FROM replies WHERE id = ${id}`
  }
}

/** FTS5 reports a query it cannot parse as an error starting "fts5:"; terms.ts should leave none. */
const isFts5QueryError = (error: unknown) => /fts5:|malformed MATCH/i.test(`${(error as Error)?.message ?? ''} ${(error as { cause?: Error })?.cause?.message ?? ''}`)

export function sqliteFullTextIndex(adapter: DrizzleAdapter<Db>): FullTextIndex {
  return {
    async sync(req, kind, id) {
      const db = await connectionFor(adapter, req)
      await db.run(sql`DELETE FROM search_fts WHERE rowid = ${rowidOf(kind, id)}`)
      await db.run(insertFromRow(kind, integerId(id)))
    },
    async remove(req, kind, id) {
      const db = await connectionFor(adapter, req)
      await db.run(sql`DELETE FROM search_fts WHERE rowid = ${rowidOf(kind, id)}`)
    },
    async candidates(terms, kinds, offset, limit) {
      if (terms.length === 0 || kinds.length === 0) return []
      const codes = sql.join(
        kinds.map((kind) => sql`${KIND_CODE[kind]}`),
        sql`, `,
      )
      // rank is bm25 with the title weighted 10 to the body's 1 (set by the migration).
      const query = sql`SELECT rowid AS "rowid" FROM search_fts WHERE search_fts MATCH ${toFts5Match(terms)} AND rowid % 4 IN (${codes}) ORDER BY rank, rowid DESC LIMIT ${limit} OFFSET ${offset}`
      try {
        const rows = await adapter.drizzle.all<{ rowid: number } | [number]>(query)
        return rows.map((row): SearchHit => {
          const rowid = Number(Array.isArray(row) ? row[0] : row.rowid)
          return { kind: KIND_OF_CODE[rowid % 4]!, id: Math.floor(rowid / 4) }
        })
      } catch (error) {
        if (isFts5QueryError(error)) return []
        throw error
      }
    },
  }
}
