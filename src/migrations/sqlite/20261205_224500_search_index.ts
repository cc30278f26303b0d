// Full-text search (src/db/search/sqlite.ts): a contentless FTS5 table, filled from the existing rows so
// that a site upgrading finds its old stories and posts. Hand-written: drizzle knows no virtual tables.
// Stories count only while published; threads and replies all count (read access decides who sees them).
// A rowid is the kind's code (1 story, 2 thread, 3 reply) times 2^40 plus the row's id.
import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(
    sql.raw(`CREATE VIRTUAL TABLE \`search_fts\` USING fts5(title, body, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')`),
  )
  // A deleted entry's words leave the index at once (erasure, withdrawal), not at the next merge.
  await db.run(sql.raw(`INSERT INTO \`search_fts\`(\`search_fts\`, rank) VALUES ('secure-delete', 1)`))
  // ORDER BY rank: bm25 with a title match worth ten body matches.
  await db.run(sql.raw(`INSERT INTO \`search_fts\`(\`search_fts\`, rank) VALUES ('rank', 'bm25(10.0, 1.0)')`))
  await db.run(
    sql.raw(`INSERT INTO \`search_fts\`(rowid, title, body) SELECT 1099511627776 + id, coalesce(title, ''), coalesce(search_text, '') FROM \`stories\` WHERE status = 'published'`),
  )
  await db.run(sql.raw(`INSERT INTO \`search_fts\`(rowid, title, body) SELECT 2199023255552 + id, coalesce(title, ''), coalesce(body, '') FROM \`threads\``))
  await db.run(sql.raw(`INSERT INTO \`search_fts\`(rowid, title, body) SELECT 3298534883328 + id, '', coalesce(body, '') FROM \`replies\``))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql.raw('DROP TABLE IF EXISTS `search_fts`'))
}
