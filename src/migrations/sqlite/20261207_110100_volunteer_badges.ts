import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`threads\` ADD \`author_byline_volunteer_badge\` text;`)
  await db.run(sql`ALTER TABLE \`replies\` ADD \`author_byline_volunteer_badge\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`threads\` DROP COLUMN \`author_byline_volunteer_badge\`;`)
  await db.run(sql`ALTER TABLE \`replies\` DROP COLUMN \`author_byline_volunteer_badge\`;`)
}
