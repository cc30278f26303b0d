import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`threads_edit_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`body\` text,
  	\`replaced_at\` text,
  	\`edited_by_id\` integer,
  	\`editor_role\` text,
  	FOREIGN KEY (\`edited_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`threads\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`threads_edit_history_order_idx\` ON \`threads_edit_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`threads_edit_history_parent_id_idx\` ON \`threads_edit_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`threads_edit_history_edited_by_idx\` ON \`threads_edit_history\` (\`edited_by_id\`);`)
  await db.run(sql`CREATE TABLE \`replies_edit_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`body\` text,
  	\`replaced_at\` text,
  	\`edited_by_id\` integer,
  	\`editor_role\` text,
  	FOREIGN KEY (\`edited_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`replies\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`replies_edit_history_order_idx\` ON \`replies_edit_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`replies_edit_history_parent_id_idx\` ON \`replies_edit_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`replies_edit_history_edited_by_idx\` ON \`replies_edit_history\` (\`edited_by_id\`);`)
  await db.run(sql`ALTER TABLE \`threads\` ADD \`edited_at\` text;`)
  await db.run(sql`ALTER TABLE \`replies\` ADD \`edited_at\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`threads_edit_history\`;`)
  await db.run(sql`DROP TABLE \`replies_edit_history\`;`)
  await db.run(sql`ALTER TABLE \`threads\` DROP COLUMN \`edited_at\`;`)
  await db.run(sql`ALTER TABLE \`replies\` DROP COLUMN \`edited_at\`;`)
}
