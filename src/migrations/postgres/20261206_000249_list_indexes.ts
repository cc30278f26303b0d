import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "compound_index_idx" ON "stories" USING btree ("status","published_at","created_at","consent_audience","consent_expires_at","consent_withdrawn_at");
  CREATE INDEX "locality_status_publishedAt_createdAt_idx" ON "stories" USING btree ("locality_id","status","published_at","created_at");
  CREATE INDEX "locality_pinned_lastActivityAt_createdAt_idx" ON "threads" USING btree ("locality_id","pinned","last_activity_at","created_at");
  CREATE INDEX "locality_lastActivityAt_createdAt_idx" ON "threads" USING btree ("locality_id","last_activity_at","created_at");
  CREATE INDEX "thread_createdAt_idx" ON "replies" USING btree ("thread_id","created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "compound_index_idx";
  DROP INDEX "locality_status_publishedAt_createdAt_idx";
  DROP INDEX "locality_pinned_lastActivityAt_createdAt_idx";
  DROP INDEX "locality_lastActivityAt_createdAt_idx";
  DROP INDEX "thread_createdAt_idx";`)
}
