import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "moderation_events" ADD COLUMN "subject_id" integer;
  ALTER TABLE "moderation_events" ADD CONSTRAINT "moderation_events_subject_id_users_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "moderation_events_subject_idx" ON "moderation_events" USING btree ("subject_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "moderation_events" DROP CONSTRAINT "moderation_events_subject_id_users_id_fk";
  
  DROP INDEX "moderation_events_subject_idx";
  ALTER TABLE "moderation_events" DROP COLUMN "subject_id";`)
}
