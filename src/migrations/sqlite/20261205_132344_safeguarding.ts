import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`crisis_alerts\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`member_id\` integer,
  	\`member_name\` text,
  	\`target_collection\` text NOT NULL,
  	\`target_id\` text NOT NULL,
  	\`locality_id\` integer,
  	\`outcome\` text NOT NULL,
  	\`private_draft\` integer DEFAULT false,
  	\`matched\` text,
  	\`match_count\` numeric DEFAULT 1,
  	\`last_matched_at\` text,
  	\`status\` text DEFAULT 'open' NOT NULL,
  	\`handled_by_id\` integer,
  	\`handled_at\` text,
  	\`handled_note\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`member_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`handled_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`crisis_alerts_member_idx\` ON \`crisis_alerts\` (\`member_id\`);`)
  await db.run(sql`CREATE INDEX \`crisis_alerts_target_id_idx\` ON \`crisis_alerts\` (\`target_id\`);`)
  await db.run(sql`CREATE INDEX \`crisis_alerts_locality_idx\` ON \`crisis_alerts\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`crisis_alerts_status_idx\` ON \`crisis_alerts\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`crisis_alerts_handled_by_idx\` ON \`crisis_alerts\` (\`handled_by_id\`);`)
  await db.run(sql`CREATE INDEX \`crisis_alerts_updated_at_idx\` ON \`crisis_alerts\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`crisis_alerts_created_at_idx\` ON \`crisis_alerts\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`crisis_services\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`locality_id\` integer NOT NULL,
  	\`name\` text NOT NULL,
  	\`phone\` text,
  	\`text\` text,
  	\`website\` text,
  	\`hours\` text,
  	\`note\` text,
  	\`order\` numeric DEFAULT 0,
  	\`is_demo\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`crisis_services_locality_idx\` ON \`crisis_services\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`crisis_services_updated_at_idx\` ON \`crisis_services\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`crisis_services_created_at_idx\` ON \`crisis_services\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`conversations\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`kind\` text NOT NULL,
  	\`member_id\` integer NOT NULL,
  	\`member_name\` text,
  	\`locality_id\` integer,
  	\`alert_id\` integer,
  	\`started_by_id\` integer,
  	\`last_message_at\` text,
  	\`member_unread\` integer DEFAULT false,
  	\`staff_unread\` integer DEFAULT false,
  	\`status\` text DEFAULT 'open' NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`member_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`alert_id\`) REFERENCES \`crisis_alerts\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`started_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`conversations_kind_idx\` ON \`conversations\` (\`kind\`);`)
  await db.run(sql`CREATE INDEX \`conversations_member_idx\` ON \`conversations\` (\`member_id\`);`)
  await db.run(sql`CREATE INDEX \`conversations_locality_idx\` ON \`conversations\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`conversations_alert_idx\` ON \`conversations\` (\`alert_id\`);`)
  await db.run(sql`CREATE INDEX \`conversations_started_by_idx\` ON \`conversations\` (\`started_by_id\`);`)
  await db.run(sql`CREATE INDEX \`conversations_last_message_at_idx\` ON \`conversations\` (\`last_message_at\`);`)
  await db.run(sql`CREATE INDEX \`conversations_member_unread_idx\` ON \`conversations\` (\`member_unread\`);`)
  await db.run(sql`CREATE INDEX \`conversations_staff_unread_idx\` ON \`conversations\` (\`staff_unread\`);`)
  await db.run(sql`CREATE INDEX \`conversations_updated_at_idx\` ON \`conversations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`conversations_created_at_idx\` ON \`conversations\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`messages\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`conversation_id\` integer NOT NULL,
  	\`kind\` text NOT NULL,
  	\`member_id\` integer NOT NULL,
  	\`locality_id\` integer,
  	\`sender_id\` integer,
  	\`sender_label\` text,
  	\`from_member\` integer DEFAULT false,
  	\`body\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`conversation_id\`) REFERENCES \`conversations\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`member_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`sender_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`messages_conversation_idx\` ON \`messages\` (\`conversation_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_member_idx\` ON \`messages\` (\`member_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_locality_idx\` ON \`messages\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_sender_idx\` ON \`messages\` (\`sender_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_updated_at_idx\` ON \`messages\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`messages_created_at_idx\` ON \`messages\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`moderation_events\` ADD \`locality_id\` integer REFERENCES localities(id) ON DELETE set null;`)
  await db.run(sql`CREATE INDEX \`moderation_events_locality_idx\` ON \`moderation_events\` (\`locality_id\`);`)
  await db.run(sql`ALTER TABLE \`watched_words\` ADD \`kind\` text DEFAULT 'phrase' NOT NULL;`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`crisis_alerts_id\` integer REFERENCES crisis_alerts(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`crisis_services_id\` integer REFERENCES crisis_services(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`conversations_id\` integer REFERENCES conversations(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`messages_id\` integer REFERENCES messages(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_crisis_alerts_id_idx\` ON \`payload_locked_documents_rels\` (\`crisis_alerts_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_crisis_services_id_idx\` ON \`payload_locked_documents_rels\` (\`crisis_services_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_conversations_id_idx\` ON \`payload_locked_documents_rels\` (\`conversations_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_messages_id_idx\` ON \`payload_locked_documents_rels\` (\`messages_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`crisis_alerts\`;`)
  await db.run(sql`DROP TABLE \`crisis_services\`;`)
  await db.run(sql`DROP TABLE \`conversations\`;`)
  await db.run(sql`DROP TABLE \`messages\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_moderation_events\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`actor_id\` integer,
  	\`actor_role\` text NOT NULL,
  	\`target_collection\` text NOT NULL,
  	\`target_id\` text NOT NULL,
  	\`action\` text NOT NULL,
  	\`reason\` text,
  	\`private_note\` text,
  	\`from_state\` text,
  	\`to_state\` text,
  	\`at\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`actor_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_moderation_events\`("id", "actor_id", "actor_role", "target_collection", "target_id", "action", "reason", "private_note", "from_state", "to_state", "at", "updated_at", "created_at") SELECT "id", "actor_id", "actor_role", "target_collection", "target_id", "action", "reason", "private_note", "from_state", "to_state", "at", "updated_at", "created_at" FROM \`moderation_events\`;`)
  await db.run(sql`DROP TABLE \`moderation_events\`;`)
  await db.run(sql`ALTER TABLE \`__new_moderation_events\` RENAME TO \`moderation_events\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`moderation_events_actor_idx\` ON \`moderation_events\` (\`actor_id\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_target_collection_idx\` ON \`moderation_events\` (\`target_collection\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_target_id_idx\` ON \`moderation_events\` (\`target_id\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_at_idx\` ON \`moderation_events\` (\`at\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_updated_at_idx\` ON \`moderation_events\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_created_at_idx\` ON \`moderation_events\` (\`created_at\`);`)
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
  	FOREIGN KEY (\`meetings_id\`) REFERENCES \`meetings\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`actions_id\`) REFERENCES \`actions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`meeting_reminders_id\`) REFERENCES \`meeting_reminders\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`data_exports_id\`) REFERENCES \`data_exports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`erasure_log_id\`) REFERENCES \`erasure_log\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "threads_id", "replies_id", "flags_id", "moderation_events_id", "watched_words_id", "meetings_id", "actions_id", "meeting_reminders_id", "data_exports_id", "erasure_log_id") SELECT "id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "threads_id", "replies_id", "flags_id", "moderation_events_id", "watched_words_id", "meetings_id", "actions_id", "meeting_reminders_id", "data_exports_id", "erasure_log_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
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
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_data_exports_id_idx\` ON \`payload_locked_documents_rels\` (\`data_exports_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_erasure_log_id_idx\` ON \`payload_locked_documents_rels\` (\`erasure_log_id\`);`)
  await db.run(sql`ALTER TABLE \`watched_words\` DROP COLUMN \`kind\`;`)
}
