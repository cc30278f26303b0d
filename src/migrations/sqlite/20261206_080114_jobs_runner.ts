import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`runner_locks\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`name\` text NOT NULL,
  	\`term\` numeric NOT NULL,
  	\`holder\` text NOT NULL,
  	\`expires_at\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`runner_locks_updated_at_idx\` ON \`runner_locks\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`runner_locks_created_at_idx\` ON \`runner_locks\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`name_term_idx\` ON \`runner_locks\` (\`name\`,\`term\`);`)
  await db.run(sql`CREATE TABLE \`email_deliveries\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`key\` text NOT NULL,
  	\`sent_at\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`email_deliveries_key_idx\` ON \`email_deliveries\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`email_deliveries_sent_at_idx\` ON \`email_deliveries\` (\`sent_at\`);`)
  await db.run(sql`CREATE INDEX \`email_deliveries_updated_at_idx\` ON \`email_deliveries\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`email_deliveries_created_at_idx\` ON \`email_deliveries\` (\`created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`runner_locks\`;`)
  await db.run(sql`DROP TABLE \`email_deliveries\`;`)
}
