// Full-text search (src/db/search/postgres.ts): lexemes in a tsvector with a GIN index, filled from the
// existing rows so that a site upgrading finds its old stories and posts. Hand-written: Payload's schema
// knows no tsvector. Stories count only while published; threads and replies all count (read access
// decides who sees them). The title is weighted A and the body D.
import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

const DOCUMENT = (title: string, body: string) => `setweight(to_tsvector('english', ${title}), 'A') || setweight(to_tsvector('english', ${body}), 'D')`

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(
    sql.raw(`CREATE TABLE "search_entries" (
      "kind" varchar NOT NULL CHECK ("kind" IN ('story', 'thread', 'reply')),
      "doc_id" integer NOT NULL,
      "document" tsvector NOT NULL,
      PRIMARY KEY ("kind", "doc_id")
    )`),
  )
  await db.execute(sql.raw(`CREATE INDEX "search_entries_document_idx" ON "search_entries" USING gin ("document")`))
  await db.execute(
    sql.raw(
      `INSERT INTO "search_entries" (kind, doc_id, document) SELECT 'story', id, ${DOCUMENT(`coalesce(title, '')`, `coalesce(search_text, '')`)} FROM "stories" WHERE status = 'published'`,
    ),
  )
  await db.execute(sql.raw(`INSERT INTO "search_entries" (kind, doc_id, document) SELECT 'thread', id, ${DOCUMENT(`coalesce(title, '')`, `coalesce(body, '')`)} FROM "threads"`))
  await db.execute(sql.raw(`INSERT INTO "search_entries" (kind, doc_id, document) SELECT 'reply', id, ${DOCUMENT(`''`, `coalesce(body, '')`)} FROM "replies"`))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql.raw('DROP TABLE IF EXISTS "search_entries"'))
}
