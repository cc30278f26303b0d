import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`volunteer_opportunities\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`title\` text NOT NULL,
  	\`kind\` text DEFAULT 'volunteer' NOT NULL,
  	\`locality_id\` integer NOT NULL,
  	\`commitment\` text NOT NULL,
  	\`training\` text,
  	\`dbs_check\` integer DEFAULT false,
  	\`contact_role\` text NOT NULL,
  	\`description\` text NOT NULL,
  	\`open\` integer DEFAULT true,
  	\`is_demo\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`volunteer_opportunities_kind_idx\` ON \`volunteer_opportunities\` (\`kind\`);`)
  await db.run(sql`CREATE INDEX \`volunteer_opportunities_locality_idx\` ON \`volunteer_opportunities\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`volunteer_opportunities_open_idx\` ON \`volunteer_opportunities\` (\`open\`);`)
  await db.run(sql`CREATE INDEX \`volunteer_opportunities_updated_at_idx\` ON \`volunteer_opportunities\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`volunteer_opportunities_created_at_idx\` ON \`volunteer_opportunities\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`volunteer_interests_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`state\` text NOT NULL,
  	\`at\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`volunteer_interests\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`volunteer_interests_history_order_idx\` ON \`volunteer_interests_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`volunteer_interests_history_parent_id_idx\` ON \`volunteer_interests_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`volunteer_interests\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`opportunity_id\` integer NOT NULL,
  	\`member_id\` integer NOT NULL,
  	\`member_name\` text,
  	\`note\` text,
  	\`coordinator_note\` text,
  	\`locality_id\` integer,
  	\`kind\` text,
  	\`state\` text DEFAULT 'interested' NOT NULL,
  	\`started_active_at\` text,
  	\`is_demo\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`opportunity_id\`) REFERENCES \`volunteer_opportunities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`member_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`volunteer_interests_opportunity_idx\` ON \`volunteer_interests\` (\`opportunity_id\`);`)
  await db.run(sql`CREATE INDEX \`volunteer_interests_member_idx\` ON \`volunteer_interests\` (\`member_id\`);`)
  await db.run(sql`CREATE INDEX \`volunteer_interests_locality_idx\` ON \`volunteer_interests\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`volunteer_interests_kind_idx\` ON \`volunteer_interests\` (\`kind\`);`)
  await db.run(sql`CREATE INDEX \`volunteer_interests_state_idx\` ON \`volunteer_interests\` (\`state\`);`)
  await db.run(sql`CREATE INDEX \`volunteer_interests_started_active_at_idx\` ON \`volunteer_interests\` (\`started_active_at\`);`)
  await db.run(sql`CREATE INDEX \`volunteer_interests_updated_at_idx\` ON \`volunteer_interests\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`volunteer_interests_created_at_idx\` ON \`volunteer_interests\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`volunteer_badge\` text DEFAULT 'none';`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`volunteer_opportunities_id\` integer REFERENCES volunteer_opportunities(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`volunteer_interests_id\` integer REFERENCES volunteer_interests(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_volunteer_opportunities_id_idx\` ON \`payload_locked_documents_rels\` (\`volunteer_opportunities_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_volunteer_interests_id_idx\` ON \`payload_locked_documents_rels\` (\`volunteer_interests_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`volunteer_opportunities\`;`)
  await db.run(sql`DROP TABLE \`volunteer_interests_history\`;`)
  await db.run(sql`DROP TABLE \`volunteer_interests\`;`)
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
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`volunteer_badge\`;`)
}
