// SQLite full-text search: one contentless FTS5 table, `search_fts(title, body)`, made by the migration
// src/migrations/sqlite/*_search_index.ts. Contentless (content=''): it keeps the words' positions, not
// a second copy of the text; contentless_delete and secure-delete make a deleted entry's words leave
// the index at once, instead of lingering as delete markers until the next merge.
// A rowid is the kind's code times 2^40 plus the document's id, so each kind is one rowid range that
// FTS5 can seek to, newest (highest id) last.
import { sql } from '@payloadcms/db-sqlite'

import { connectionFor, integerId, type DrizzleAdapter } from './connection.js'
import type { FullTextIndex, SearchHit, SearchKind } from './index.js'
import { SEARCH_KIND_LIST } from './kinds.js'
import { toFts5Match } from './terms.js'

type SQL = ReturnType<typeof sql>
type Db = { run(query: SQL): Promise<unknown>; all<T>(query: SQL): Promise<T[]> }

const KIND_SPAN = 2 ** 40
const KIND_CODE: Record<SearchKind, number> = { story: 1, thread: 2, reply: 3 }
const KIND_OF_CODE = Object.fromEntries(Object.entries(KIND_CODE).map(([kind, code]) => [code, kind])) as Record<number, SearchKind>
/** Ranking every match of a word found in most posts took 0.4–0.8 s at 1M replies; ranking this many of the newest per kind, ~20 ms. */
export const RANKED_PER_KIND = 2000

const rowidOf = (kind: SearchKind, id: number | string) => KIND_CODE[kind] * KIND_SPAN + integerId(id)

/** What each kind puts in the index, and which rows count: the same as the migration's first fill. Every row of the kind when id is left out. */
function insertRows(kind: SearchKind, id?: number): SQL {
  const rowid = sql.raw(`${KIND_CODE[kind] * KIND_SPAN} + id`)
  const row = id === undefined ? sql`1 = 1` : sql`id = ${id}`
  switch (kind) {
    case 'story':
      // search_text is the live title, summary and body as plain text (collections/Stories/hooks/indexSearchText.ts).
      return sql`INSERT INTO search_fts(rowid, title, body) SELECT ${rowid}, coalesce(title, ''), coalesce(search_text, '') FROM stories WHERE ${row} AND status = 'published'`
    case 'thread':
      return sql`INSERT INTO search_fts(rowid, title, body) SELECT ${rowid}, coalesce(title, ''), coalesce(body, '') FROM threads WHERE ${row}`
    case 'reply':
      return sql`INSERT INTO search_fts(rowid, title, body) SELECT ${rowid}, '', coalesce(body, '') FROM replies WHERE ${row}`
  }
}

/** The newest RANKED_PER_KIND matches of one kind, with their rank (bm25, title weighted 10 to the body's 1, set by the migration). */
const newestOfKind = (match: string, kind: SearchKind) =>
  sql`SELECT * FROM (SELECT rowid AS "rowid", rank AS "rank" FROM search_fts WHERE search_fts MATCH ${match} AND rowid > ${KIND_CODE[kind] * KIND_SPAN} AND rowid < ${(KIND_CODE[kind] + 1) * KIND_SPAN} ORDER BY rowid DESC LIMIT ${RANKED_PER_KIND})`

/** FTS5 reports a query it cannot parse as an error starting "fts5:"; terms.ts should leave none. */
const isFts5QueryError = (error: unknown) => /fts5:|malformed MATCH/i.test(`${(error as Error)?.message ?? ''} ${(error as { cause?: Error })?.cause?.message ?? ''}`)

export function sqliteFullTextIndex(adapter: DrizzleAdapter<Db>): FullTextIndex {
  return {
    async sync(req, kind, id) {
      const db = await connectionFor(adapter, req)
      await db.run(sql`DELETE FROM search_fts WHERE rowid = ${rowidOf(kind, id)}`)
      await db.run(insertRows(kind, integerId(id)))
    },
    async remove(req, kind, id) {
      const db = await connectionFor(adapter, req)
      await db.run(sql`DELETE FROM search_fts WHERE rowid = ${rowidOf(kind, id)}`)
    },
    async refill() {
      await adapter.drizzle.run(sql`INSERT INTO search_fts(search_fts) VALUES ('delete-all')`)
      for (const kind of SEARCH_KIND_LIST) await adapter.drizzle.run(insertRows(kind))
    },
    async candidates(terms, kinds, offset, limit) {
      if (terms.length === 0 || kinds.length === 0) return []
      const match = toFts5Match(terms)
      // Exact ranking while a kind has up to RANKED_PER_KIND matches; beyond that, the best of its newest.
      const windows = sql.join(
        kinds.map((kind) => newestOfKind(match, kind)),
        sql` UNION ALL `,
      )
      const query = sql`SELECT "rowid" FROM (${windows}) ORDER BY "rank", "rowid" DESC LIMIT ${limit} OFFSET ${offset}`
      try {
        const rows = await adapter.drizzle.all<{ rowid: number } | [number]>(query)
        return rows.map((row): SearchHit => {
          const rowid = Number(Array.isArray(row) ? row[0] : row.rowid)
          return { kind: KIND_OF_CODE[Math.floor(rowid / KIND_SPAN)]!, id: rowid % KIND_SPAN }
        })
      } catch (error) {
        if (isFts5QueryError(error)) return []
        throw error
      }
    },
  }
}
