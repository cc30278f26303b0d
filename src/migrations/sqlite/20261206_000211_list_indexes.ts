import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE INDEX \`compound_index_idx\` ON \`stories\` (\`status\`,\`published_at\`,\`created_at\`,\`consent_audience\`,\`consent_expires_at\`,\`consent_withdrawn_at\`);`)
  await db.run(sql`CREATE INDEX \`locality_status_publishedAt_createdAt_idx\` ON \`stories\` (\`locality_id\`,\`status\`,\`published_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`locality_pinned_lastActivityAt_createdAt_idx\` ON \`threads\` (\`locality_id\`,\`pinned\`,\`last_activity_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`locality_lastActivityAt_createdAt_idx\` ON \`threads\` (\`locality_id\`,\`last_activity_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`thread_createdAt_idx\` ON \`replies\` (\`thread_id\`,\`created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`compound_index_idx\`;`)
  await db.run(sql`DROP INDEX \`locality_status_publishedAt_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`locality_pinned_lastActivityAt_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`locality_lastActivityAt_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`thread_createdAt_idx\`;`)
}
