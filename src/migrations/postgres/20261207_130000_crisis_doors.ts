import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_crisis_alerts_target_collection" ADD VALUE 'directory-entries';
  ALTER TYPE "public"."enum_crisis_alerts_target_collection" ADD VALUE 'volunteer-interests';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "crisis_alerts" ALTER COLUMN "target_collection" SET DATA TYPE text;
  DROP TYPE "public"."enum_crisis_alerts_target_collection";
  CREATE TYPE "public"."enum_crisis_alerts_target_collection" AS ENUM('stories', 'threads', 'replies', 'consents', 'flags', 'users', 'media', 'messages');
  ALTER TABLE "crisis_alerts" ALTER COLUMN "target_collection" SET DATA TYPE "public"."enum_crisis_alerts_target_collection" USING "target_collection"::"public"."enum_crisis_alerts_target_collection";`)
}
