import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`users\` ADD \`digest_checked_at\` text;`)
  await db.run(sql`ALTER TABLE \`threads\` ADD \`needs_review\` integer DEFAULT false;`)
  await db.run(sql`CREATE INDEX \`threads_needs_review_idx\` ON \`threads\` (\`needs_review\`);`)
  await db.run(sql`ALTER TABLE \`replies\` ADD \`needs_review\` integer DEFAULT false;`)
  await db.run(sql`CREATE INDEX \`replies_needs_review_idx\` ON \`replies\` (\`needs_review\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`threads_needs_review_idx\`;`)
  await db.run(sql`ALTER TABLE \`threads\` DROP COLUMN \`needs_review\`;`)
  await db.run(sql`DROP INDEX \`replies_needs_review_idx\`;`)
  await db.run(sql`ALTER TABLE \`replies\` DROP COLUMN \`needs_review\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`digest_checked_at\`;`)
}
