import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`data_exports\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`member_id\` integer NOT NULL,
  	\`token_hash\` text NOT NULL,
  	\`session_id\` text,
  	\`expires_at\` text NOT NULL,
  	\`downloaded_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`member_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`data_exports_member_idx\` ON \`data_exports\` (\`member_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`data_exports_token_hash_idx\` ON \`data_exports\` (\`token_hash\`);`)
  await db.run(sql`CREATE INDEX \`data_exports_updated_at_idx\` ON \`data_exports\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`data_exports_created_at_idx\` ON \`data_exports\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`erasure_log\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`member_id\` text NOT NULL,
  	\`mode\` text NOT NULL,
  	\`actor_role\` text NOT NULL,
  	\`actor_id\` text,
  	\`erased_at\` text NOT NULL,
  	\`ids\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`erasure_log_member_id_idx\` ON \`erasure_log\` (\`member_id\`);`)
  await db.run(sql`CREATE INDEX \`erasure_log_updated_at_idx\` ON \`erasure_log\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`erasure_log_created_at_idx\` ON \`erasure_log\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`privacy_settings\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`unverified_account_days\` numeric DEFAULT 30 NOT NULL,
  	\`private_note_months\` numeric DEFAULT 24 NOT NULL,
  	\`exports_per_day\` numeric DEFAULT 3 NOT NULL,
  	\`export_link_minutes\` numeric DEFAULT 30 NOT NULL,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_consents\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`story_id\` integer,
  	\`author_id\` integer,
  	\`story_ref\` text,
  	\`author_ref\` text,
  	\`version\` numeric NOT NULL,
  	\`audience\` text,
  	\`byline\` text,
  	\`pen_name\` text,
  	\`quote_in_reports\` integer DEFAULT false,
  	\`statement_version\` text,
  	\`statement_text\` text,
  	\`given_at\` text NOT NULL,
  	\`expires_at\` text,
  	\`withdrawn_at\` text,
  	\`tombstone\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`story_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_consents\`("id", "story_id", "author_id", "story_ref", "author_ref", "version", "audience", "byline", "pen_name", "quote_in_reports", "statement_version", "statement_text", "given_at", "expires_at", "withdrawn_at", "tombstone", "updated_at", "created_at") SELECT "id", "story_id", "author_id", CAST("story_id" AS text), CAST("author_id" AS text), "version", "audience", "byline", "pen_name", "quote_in_reports", "statement_version", "statement_text", "given_at", "expires_at", "withdrawn_at", 0, "updated_at", "created_at" FROM \`consents\`;`)
  await db.run(sql`DROP TABLE \`consents\`;`)
  await db.run(sql`ALTER TABLE \`__new_consents\` RENAME TO \`consents\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`consents_story_idx\` ON \`consents\` (\`story_id\`);`)
  await db.run(sql`CREATE INDEX \`consents_author_idx\` ON \`consents\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`consents_story_ref_idx\` ON \`consents\` (\`story_ref\`);`)
  await db.run(sql`CREATE INDEX \`consents_author_ref_idx\` ON \`consents\` (\`author_ref\`);`)
  await db.run(sql`CREATE INDEX \`consents_expires_at_idx\` ON \`consents\` (\`expires_at\`);`)
  await db.run(sql`CREATE INDEX \`consents_updated_at_idx\` ON \`consents\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`consents_created_at_idx\` ON \`consents\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`stories\` ADD \`expiry_notified_version\` numeric;`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`data_exports_id\` integer REFERENCES data_exports(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`erasure_log_id\` integer REFERENCES erasure_log(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_data_exports_id_idx\` ON \`payload_locked_documents_rels\` (\`data_exports_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_erasure_log_id_idx\` ON \`payload_locked_documents_rels\` (\`erasure_log_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`data_exports\`;`)
  await db.run(sql`DROP TABLE \`erasure_log\`;`)
  await db.run(sql`DROP TABLE \`privacy_settings\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	\`localities_id\` integer,
  	\`media_id\` integer,
  	\`stories_id\` integer,
  	\`consents_id\` integer,
  	\`threads_id\` integer,
  	\`replies_id\` integer,
  	\`flags_id\` integer,
  	\`moderation_events_id\` integer,
  	\`watched_words_id\` integer,
  	\`meetings_id\` integer,
  	\`actions_id\` integer,
  	\`meeting_reminders_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`localities_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`stories_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`consents_id\`) REFERENCES \`consents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`threads_id\`) REFERENCES \`threads\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`replies_id\`) REFERENCES \`replies\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`flags_id\`) REFERENCES \`flags\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`moderation_events_id\`) REFERENCES \`moderation_events\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`watched_words_id\`) REFERENCES \`watched_words\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`meetings_id\`) REFERENCES \`meetings\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`actions_id\`) REFERENCES \`actions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`meeting_reminders_id\`) REFERENCES \`meeting_reminders\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "threads_id", "replies_id", "flags_id", "moderation_events_id", "watched_words_id", "meetings_id", "actions_id", "meeting_reminders_id") SELECT "id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "threads_id", "replies_id", "flags_id", "moderation_events_id", "watched_words_id", "meetings_id", "actions_id", "meeting_reminders_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_localities_id_idx\` ON \`payload_locked_documents_rels\` (\`localities_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_stories_id_idx\` ON \`payload_locked_documents_rels\` (\`stories_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consents_id_idx\` ON \`payload_locked_documents_rels\` (\`consents_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_threads_id_idx\` ON \`payload_locked_documents_rels\` (\`threads_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_replies_id_idx\` ON \`payload_locked_documents_rels\` (\`replies_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_flags_id_idx\` ON \`payload_locked_documents_rels\` (\`flags_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_moderation_events_id_idx\` ON \`payload_locked_documents_rels\` (\`moderation_events_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_watched_words_id_idx\` ON \`payload_locked_documents_rels\` (\`watched_words_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_meetings_id_idx\` ON \`payload_locked_documents_rels\` (\`meetings_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_actions_id_idx\` ON \`payload_locked_documents_rels\` (\`actions_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_meeting_reminders_id_idx\` ON \`payload_locked_documents_rels\` (\`meeting_reminders_id\`);`)
  await db.run(sql`CREATE TABLE \`__new_consents\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`story_id\` integer NOT NULL,
  	\`author_id\` integer NOT NULL,
  	\`version\` numeric NOT NULL,
  	\`audience\` text NOT NULL,
  	\`byline\` text NOT NULL,
  	\`pen_name\` text,
  	\`quote_in_reports\` integer DEFAULT false NOT NULL,
  	\`statement_version\` text NOT NULL,
  	\`statement_text\` text NOT NULL,
  	\`given_at\` text NOT NULL,
  	\`expires_at\` text NOT NULL,
  	\`withdrawn_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`story_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_consents\`("id", "story_id", "author_id", "version", "audience", "byline", "pen_name", "quote_in_reports", "statement_version", "statement_text", "given_at", "expires_at", "withdrawn_at", "updated_at", "created_at") SELECT "id", "story_id", "author_id", "version", "audience", "byline", "pen_name", "quote_in_reports", "statement_version", "statement_text", "given_at", "expires_at", "withdrawn_at", "updated_at", "created_at" FROM \`consents\`;`)
  await db.run(sql`DROP TABLE \`consents\`;`)
  await db.run(sql`ALTER TABLE \`__new_consents\` RENAME TO \`consents\`;`)
  await db.run(sql`CREATE INDEX \`consents_story_idx\` ON \`consents\` (\`story_id\`);`)
  await db.run(sql`CREATE INDEX \`consents_author_idx\` ON \`consents\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`consents_expires_at_idx\` ON \`consents\` (\`expires_at\`);`)
  await db.run(sql`CREATE INDEX \`consents_updated_at_idx\` ON \`consents\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`consents_created_at_idx\` ON \`consents\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`expiry_notified_version\`;`)
}
