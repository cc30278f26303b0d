import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// Written out here, not imported: a migration stays as it was when it ran.
const WARNING_COLUMNS = [
  ['warning_flags_substance_use', 'substance-use'],
  ['warning_flags_relapse', 'relapse'],
  ['warning_flags_overdose', 'overdose'],
  ['warning_flags_self_harm', 'self-harm'],
  ['warning_flags_suicide', 'suicide'],
  ['warning_flags_abuse_violence', 'abuse-violence'],
  ['warning_flags_bereavement', 'bereavement'],
  ['warning_flags_prison', 'prison'],
] as const

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "stories" ADD COLUMN "warning_flags_substance_use" boolean DEFAULT false;
  ALTER TABLE "stories" ADD COLUMN "warning_flags_relapse" boolean DEFAULT false;
  ALTER TABLE "stories" ADD COLUMN "warning_flags_overdose" boolean DEFAULT false;
  ALTER TABLE "stories" ADD COLUMN "warning_flags_self_harm" boolean DEFAULT false;
  ALTER TABLE "stories" ADD COLUMN "warning_flags_suicide" boolean DEFAULT false;
  ALTER TABLE "stories" ADD COLUMN "warning_flags_abuse_violence" boolean DEFAULT false;
  ALTER TABLE "stories" ADD COLUMN "warning_flags_bereavement" boolean DEFAULT false;
  ALTER TABLE "stories" ADD COLUMN "warning_flags_prison" boolean DEFAULT false;
  CREATE INDEX "narratorType_status_publishedAt_idx" ON "stories" USING btree ("narrator_type","status","published_at");
  CREATE INDEX "recoveryStage_status_publishedAt_idx" ON "stories" USING btree ("recovery_stage","status","published_at");
  CREATE INDEX "tone_status_publishedAt_idx" ON "stories" USING btree ("tone","status","published_at");
  CREATE INDEX "narratorType_recoveryStage_tone_status_publishedAt_idx" ON "stories" USING btree ("narrator_type","recovery_stage","tone","status","published_at");`)
  // Matching on a theme or a tag walks the stories newest first and asks each "has it?" of these alone.
  // Payload cannot declare an index over two columns of these tables, so only this migration has them.
  await db.execute(sql`CREATE INDEX "stories_themes_value_parent_idx" ON "stories_themes" USING btree ("value","parent_id");`)
  await db.execute(sql`CREATE INDEX "stories_rels_story_tags_parent_idx" ON "stories_rels" USING btree ("story_tags_id","parent_id","path");`)
  // The flags of the stories already there, from their live content warnings.
  for (const [column, value] of WARNING_COLUMNS) {
    await db.execute(
      sql.raw(`UPDATE "stories" SET "${column}" = EXISTS (SELECT 1 FROM "stories_content_warnings" w WHERE w."parent_id" = "stories"."id" AND w."value" = '${value}');`),
    )
  }
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP INDEX "stories_themes_value_parent_idx";`)
  await db.execute(sql`DROP INDEX "stories_rels_story_tags_parent_idx";`)
  await db.execute(sql`
   DROP INDEX "narratorType_status_publishedAt_idx";
  DROP INDEX "recoveryStage_status_publishedAt_idx";
  DROP INDEX "tone_status_publishedAt_idx";
  DROP INDEX "narratorType_recoveryStage_tone_status_publishedAt_idx";
  ALTER TABLE "stories" DROP COLUMN "warning_flags_substance_use";
  ALTER TABLE "stories" DROP COLUMN "warning_flags_relapse";
  ALTER TABLE "stories" DROP COLUMN "warning_flags_overdose";
  ALTER TABLE "stories" DROP COLUMN "warning_flags_self_harm";
  ALTER TABLE "stories" DROP COLUMN "warning_flags_suicide";
  ALTER TABLE "stories" DROP COLUMN "warning_flags_abuse_violence";
  ALTER TABLE "stories" DROP COLUMN "warning_flags_bereavement";
  ALTER TABLE "stories" DROP COLUMN "warning_flags_prison";`)
}
