import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`directory_kinds\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`name\` text NOT NULL,
  	\`slug\` text NOT NULL,
  	\`group\` text NOT NULL,
  	\`order\` numeric DEFAULT 0,
  	\`is_demo\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`directory_kinds_name_idx\` ON \`directory_kinds\` (\`name\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`directory_kinds_slug_idx\` ON \`directory_kinds\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`directory_kinds_updated_at_idx\` ON \`directory_kinds\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`directory_kinds_created_at_idx\` ON \`directory_kinds\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`directory_entries_meets\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`frequency\` text DEFAULT 'weekly' NOT NULL,
  	\`week\` text,
  	\`weekday\` text NOT NULL,
  	\`time\` text NOT NULL,
  	\`duration_minutes\` numeric,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`directory_entries\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`directory_entries_meets_order_idx\` ON \`directory_entries_meets\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`directory_entries_meets_parent_id_idx\` ON \`directory_entries_meets\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`directory_entries_accessibility\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`directory_entries\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`directory_entries_accessibility_order_idx\` ON \`directory_entries_accessibility\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`directory_entries_accessibility_parent_idx\` ON \`directory_entries_accessibility\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`directory_entries\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`name\` text NOT NULL,
  	\`kind_id\` integer NOT NULL,
  	\`locality_id\` integer NOT NULL,
  	\`address\` text,
  	\`postcode\` text,
  	\`meets_note\` text,
  	\`cost\` text,
  	\`contact\` text,
  	\`website\` text,
  	\`description\` text,
  	\`status\` text DEFAULT 'suggested' NOT NULL,
  	\`checked_on\` text,
  	\`suggestion_type\` text DEFAULT 'entry',
  	\`correction_of_id\` integer,
  	\`correction_note\` text,
  	\`suggested_by_id\` integer,
  	\`is_demo\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`kind_id\`) REFERENCES \`directory_kinds\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`correction_of_id\`) REFERENCES \`directory_entries\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`suggested_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`directory_entries_kind_idx\` ON \`directory_entries\` (\`kind_id\`);`)
  await db.run(sql`CREATE INDEX \`directory_entries_locality_idx\` ON \`directory_entries\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`directory_entries_status_idx\` ON \`directory_entries\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`directory_entries_checked_on_idx\` ON \`directory_entries\` (\`checked_on\`);`)
  await db.run(sql`CREATE INDEX \`directory_entries_suggestion_type_idx\` ON \`directory_entries\` (\`suggestion_type\`);`)
  await db.run(sql`CREATE INDEX \`directory_entries_correction_of_idx\` ON \`directory_entries\` (\`correction_of_id\`);`)
  await db.run(sql`CREATE INDEX \`directory_entries_suggested_by_idx\` ON \`directory_entries\` (\`suggested_by_id\`);`)
  await db.run(sql`CREATE INDEX \`directory_entries_updated_at_idx\` ON \`directory_entries\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`directory_entries_created_at_idx\` ON \`directory_entries\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`directory_kinds_id\` integer REFERENCES directory_kinds(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`directory_entries_id\` integer REFERENCES directory_entries(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_directory_kinds_id_idx\` ON \`payload_locked_documents_rels\` (\`directory_kinds_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_directory_entries_id_idx\` ON \`payload_locked_documents_rels\` (\`directory_entries_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`directory_kinds\`;`)
  await db.run(sql`DROP TABLE \`directory_entries_meets\`;`)
  await db.run(sql`DROP TABLE \`directory_entries_accessibility\`;`)
  await db.run(sql`DROP TABLE \`directory_entries\`;`)
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
}
