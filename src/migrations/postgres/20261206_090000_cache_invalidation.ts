// The page cache's invalidation bus for processes that share this database without Redis
// (src/cache/bus/postgresBackend.ts): a one-row version counter and the log of what each version invalidated.
// Not Payload collections: nothing but the bus reads them, and no door serves them.
import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/** Exported for the bus's own tests, which make these tables in a database of their own. */
export const CACHE_BUS_TABLES = [
  `CREATE TABLE IF NOT EXISTS "waymark_cache_version" ("id" integer PRIMARY KEY CHECK ("id" = 1), "version" bigint NOT NULL)`,
  `INSERT INTO "waymark_cache_version" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING`,
  `CREATE TABLE IF NOT EXISTS "waymark_cache_log" ("version" bigint PRIMARY KEY, "tags" text NOT NULL)`,
]

export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const statement of CACHE_BUS_TABLES) await db.execute(sql.raw(statement))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql.raw('DROP TABLE IF EXISTS "waymark_cache_log"'))
  await db.execute(sql.raw('DROP TABLE IF EXISTS "waymark_cache_version"'))
}
