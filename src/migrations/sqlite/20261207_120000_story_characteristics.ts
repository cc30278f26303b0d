import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`users_reading_hidden_warnings\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_reading_hidden_warnings_order_idx\` ON \`users_reading_hidden_warnings\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`users_reading_hidden_warnings_parent_idx\` ON \`users_reading_hidden_warnings\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`stories_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`story_tags_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`story_tags_id\`) REFERENCES \`story_tags\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`stories_rels_order_idx\` ON \`stories_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`stories_rels_parent_idx\` ON \`stories_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`stories_rels_path_idx\` ON \`stories_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`stories_rels_story_tags_id_idx\` ON \`stories_rels\` (\`story_tags_id\`);`)
  await db.run(sql`CREATE TABLE \`story_tags\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`label\` text NOT NULL,
  	\`slug\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`story_tags_label_idx\` ON \`story_tags\` (\`label\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`story_tags_slug_idx\` ON \`story_tags\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`story_tags_updated_at_idx\` ON \`story_tags\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`story_tags_created_at_idx\` ON \`story_tags\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`story_feedback_totals\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`story_id\` integer NOT NULL,
  	\`readers\` numeric DEFAULT 0 NOT NULL,
  	\`hope1\` numeric DEFAULT 0 NOT NULL,
  	\`hope2\` numeric DEFAULT 0 NOT NULL,
  	\`hope3\` numeric DEFAULT 0 NOT NULL,
  	\`hope4\` numeric DEFAULT 0 NOT NULL,
  	\`hope5\` numeric DEFAULT 0 NOT NULL,
  	\`connection1\` numeric DEFAULT 0 NOT NULL,
  	\`connection2\` numeric DEFAULT 0 NOT NULL,
  	\`connection3\` numeric DEFAULT 0 NOT NULL,
  	\`connection4\` numeric DEFAULT 0 NOT NULL,
  	\`connection5\` numeric DEFAULT 0 NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`story_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`story_feedback_totals_story_idx\` ON \`story_feedback_totals\` (\`story_id\`);`)
  await db.run(sql`CREATE INDEX \`story_feedback_totals_updated_at_idx\` ON \`story_feedback_totals\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`story_feedback_totals_created_at_idx\` ON \`story_feedback_totals\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`story_pair_counts\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`story_a_id\` integer NOT NULL,
  	\`story_b_id\` integer NOT NULL,
  	\`count\` numeric DEFAULT 0 NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`story_a_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`story_b_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`story_pair_counts_story_a_idx\` ON \`story_pair_counts\` (\`story_a_id\`);`)
  await db.run(sql`CREATE INDEX \`story_pair_counts_story_b_idx\` ON \`story_pair_counts\` (\`story_b_id\`);`)
  await db.run(sql`CREATE INDEX \`story_pair_counts_count_idx\` ON \`story_pair_counts\` (\`count\`);`)
  await db.run(sql`CREATE INDEX \`story_pair_counts_updated_at_idx\` ON \`story_pair_counts\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`story_pair_counts_created_at_idx\` ON \`story_pair_counts\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`storyA_storyB_idx\` ON \`story_pair_counts\` (\`story_a_id\`,\`story_b_id\`);`)
  await db.run(sql`CREATE TABLE \`story_feedback_marks\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`reader_key\` text NOT NULL,
  	\`story_id\` integer NOT NULL,
  	\`helpful\` integer DEFAULT false,
  	\`expires_at\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`story_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`story_feedback_marks_reader_key_idx\` ON \`story_feedback_marks\` (\`reader_key\`);`)
  await db.run(sql`CREATE INDEX \`story_feedback_marks_story_idx\` ON \`story_feedback_marks\` (\`story_id\`);`)
  await db.run(sql`CREATE INDEX \`story_feedback_marks_expires_at_idx\` ON \`story_feedback_marks\` (\`expires_at\`);`)
  await db.run(sql`CREATE INDEX \`story_feedback_marks_updated_at_idx\` ON \`story_feedback_marks\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`story_feedback_marks_created_at_idx\` ON \`story_feedback_marks\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`readerKey_story_idx\` ON \`story_feedback_marks\` (\`reader_key\`,\`story_id\`);`)
  await db.run(sql`CREATE TABLE \`reading_records\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`member_id\` integer NOT NULL,
  	\`story_id\` integer NOT NULL,
  	\`hope\` numeric,
  	\`connection\` numeric,
  	\`answered_at\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`member_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`story_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`reading_records_member_idx\` ON \`reading_records\` (\`member_id\`);`)
  await db.run(sql`CREATE INDEX \`reading_records_story_idx\` ON \`reading_records\` (\`story_id\`);`)
  await db.run(sql`CREATE INDEX \`reading_records_updated_at_idx\` ON \`reading_records\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`reading_records_created_at_idx\` ON \`reading_records\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`member_story_idx\` ON \`reading_records\` (\`member_id\`,\`story_id\`);`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`reading_remember_reading\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`stories\` ADD \`narrator_type\` text;`)
  await db.run(sql`ALTER TABLE \`stories\` ADD \`recovery_stage\` text;`)
  await db.run(sql`ALTER TABLE \`stories\` ADD \`tone\` text;`)
  await db.run(sql`ALTER TABLE \`stories\` ADD \`revision_narrator_type\` text;`)
  await db.run(sql`ALTER TABLE \`stories\` ADD \`revision_recovery_stage\` text;`)
  await db.run(sql`ALTER TABLE \`stories\` ADD \`revision_tone\` text;`)
  await db.run(sql`ALTER TABLE \`stories\` ADD \`redaction_characteristics\` text;`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`story_tags_id\` integer REFERENCES story_tags(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`story_feedback_totals_id\` integer REFERENCES story_feedback_totals(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`story_pair_counts_id\` integer REFERENCES story_pair_counts(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`story_feedback_marks_id\` integer REFERENCES story_feedback_marks(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`reading_records_id\` integer REFERENCES reading_records(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_story_tags_id_idx\` ON \`payload_locked_documents_rels\` (\`story_tags_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_story_feedback_totals_id_idx\` ON \`payload_locked_documents_rels\` (\`story_feedback_totals_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_story_pair_counts_id_idx\` ON \`payload_locked_documents_rels\` (\`story_pair_counts_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_story_feedback_marks_id_idx\` ON \`payload_locked_documents_rels\` (\`story_feedback_marks_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_reading_records_id_idx\` ON \`payload_locked_documents_rels\` (\`reading_records_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`users_reading_hidden_warnings\`;`)
  await db.run(sql`DROP TABLE \`stories_rels\`;`)
  await db.run(sql`DROP TABLE \`story_tags\`;`)
  await db.run(sql`DROP TABLE \`story_feedback_totals\`;`)
  await db.run(sql`DROP TABLE \`story_pair_counts\`;`)
  await db.run(sql`DROP TABLE \`story_feedback_marks\`;`)
  await db.run(sql`DROP TABLE \`reading_records\`;`)
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
  	\`reserved_names_id\` integer,
  	\`crisis_alerts_id\` integer,
  	\`crisis_services_id\` integer,
  	\`conversations_id\` integer,
  	\`messages_id\` integer,
  	\`notifications_id\` integer,
  	\`thread_reads_id\` integer,
  	\`meetings_id\` integer,
  	\`actions_id\` integer,
  	\`meeting_reminders_id\` integer,
  	\`join_codes_id\` integer,
  	\`data_exports_id\` integer,
  	\`erasure_log_id\` integer,
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
  	FOREIGN KEY (\`reserved_names_id\`) REFERENCES \`reserved_names\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`crisis_alerts_id\`) REFERENCES \`crisis_alerts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`crisis_services_id\`) REFERENCES \`crisis_services\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`conversations_id\`) REFERENCES \`conversations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`messages_id\`) REFERENCES \`messages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`notifications_id\`) REFERENCES \`notifications\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`thread_reads_id\`) REFERENCES \`thread_reads\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`meetings_id\`) REFERENCES \`meetings\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`actions_id\`) REFERENCES \`actions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`meeting_reminders_id\`) REFERENCES \`meeting_reminders\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`join_codes_id\`) REFERENCES \`join_codes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`data_exports_id\`) REFERENCES \`data_exports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`erasure_log_id\`) REFERENCES \`erasure_log\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "threads_id", "replies_id", "flags_id", "moderation_events_id", "watched_words_id", "reserved_names_id", "crisis_alerts_id", "crisis_services_id", "conversations_id", "messages_id", "notifications_id", "thread_reads_id", "meetings_id", "actions_id", "meeting_reminders_id", "join_codes_id", "data_exports_id", "erasure_log_id") SELECT "id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "threads_id", "replies_id", "flags_id", "moderation_events_id", "watched_words_id", "reserved_names_id", "crisis_alerts_id", "crisis_services_id", "conversations_id", "messages_id", "notifications_id", "thread_reads_id", "meetings_id", "actions_id", "meeting_reminders_id", "join_codes_id", "data_exports_id", "erasure_log_id" FROM \`payload_locked_documents_rels\`;`)
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
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_reserved_names_id_idx\` ON \`payload_locked_documents_rels\` (\`reserved_names_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_crisis_alerts_id_idx\` ON \`payload_locked_documents_rels\` (\`crisis_alerts_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_crisis_services_id_idx\` ON \`payload_locked_documents_rels\` (\`crisis_services_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_conversations_id_idx\` ON \`payload_locked_documents_rels\` (\`conversations_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_messages_id_idx\` ON \`payload_locked_documents_rels\` (\`messages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_notifications_id_idx\` ON \`payload_locked_documents_rels\` (\`notifications_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_thread_reads_id_idx\` ON \`payload_locked_documents_rels\` (\`thread_reads_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_meetings_id_idx\` ON \`payload_locked_documents_rels\` (\`meetings_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_actions_id_idx\` ON \`payload_locked_documents_rels\` (\`actions_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_meeting_reminders_id_idx\` ON \`payload_locked_documents_rels\` (\`meeting_reminders_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_join_codes_id_idx\` ON \`payload_locked_documents_rels\` (\`join_codes_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_data_exports_id_idx\` ON \`payload_locked_documents_rels\` (\`data_exports_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_erasure_log_id_idx\` ON \`payload_locked_documents_rels\` (\`erasure_log_id\`);`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`reading_remember_reading\`;`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`narrator_type\`;`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`recovery_stage\`;`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`tone\`;`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`revision_narrator_type\`;`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`revision_recovery_stage\`;`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`revision_tone\`;`)
  await db.run(sql`ALTER TABLE \`stories\` DROP COLUMN \`redaction_characteristics\`;`)
}
