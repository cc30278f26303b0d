import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

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
  await db.run(sql`ALTER TABLE \`stories\` ADD \`warning_flags_substance_use\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`stories\` ADD \`warning_flags_relapse\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`stories\` ADD \`warning_flags_overdose\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`stories\` ADD \`warning_flags_self_harm\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`stories\` ADD \`warning_flags_suicide\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`stories\` ADD \`warning_flags_abuse_violence\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`stories\` ADD \`warning_flags_bereavement\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`stories\` ADD \`warning_flags_prison\` integer DEFAULT false;`)
  await db.run(sql`CREATE INDEX \`narratorType_status_publishedAt_idx\` ON \`stories\` (\`narrator_type\`,\`status\`,\`published_at\`);`)
  await db.run(sql`CREATE INDEX \`recoveryStage_status_publishedAt_idx\` ON \`stories\` (\`recovery_stage\`,\`status\`,\`published_at\`);`)
  await db.run(sql`CREATE INDEX \`tone_status_publishedAt_idx\` ON \`stories\` (\`tone\`,\`status\`,\`published_at\`);`)
  await db.run(sql`CREATE INDEX \`narratorType_recoveryStage_tone_status_publishedAt_idx\` ON \`stories\` (\`narrator_type\`,\`recovery_stage\`,\`tone\`,\`status\`,\`published_at\`);`)
  // Matching on a theme or a tag walks the stories newest first and asks each "has it?" of these alone.
  // Payload cannot declare an index over two columns of these tables, so only this migration has them.
  await db.run(sql`CREATE INDEX \`stories_themes_value_parent_idx\` ON \`stories_themes\` (\`value\`,\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`stories_rels_story_tags_parent_idx\` ON \`stories_rels\` (\`story_tags_id\`,\`parent_id\`,\`path\`);`)
  // The flags of the stories already there, from their live content warnings.
  for (const [column, value] of WARNING_COLUMNS) {
    await db.run(
      sql.raw(`UPDATE \`stories\` SET \`${column}\` = EXISTS (SELECT 1 FROM \`stories_content_warnings\` w WHERE w.\`parent_id\` = \`stories\`.\`id\` AND w.\`value\` = '${value}');`),
    )
  }
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`stories_themes_value_parent_idx\`;`)
  await db.run(sql`DROP INDEX \`stories_rels_story_tags_parent_idx\`;`)
  await db.run(sql`DROP INDEX \`narratorType_status_publishedAt_idx\`;`)
  await db.run(sql`DROP INDEX \`recoveryStage_status_publishedAt_idx\`;`)
  await db.run(sql`DROP INDEX \`tone_status_publishedAt_idx\`;`)
  await db.run(sql`DROP INDEX \`narratorType_recoveryStage_tone_status_publishedAt_idx\`;`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`warning_flags_substance_use\`;`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`warning_flags_relapse\`;`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`warning_flags_overdose\`;`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`warning_flags_self_harm\`;`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`warning_flags_suicide\`;`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`warning_flags_abuse_violence\`;`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`warning_flags_bereavement\`;`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`warning_flags_prison\`;`)
}
