import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`join_codes\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`code\` text NOT NULL,
  	\`meeting_id\` integer NOT NULL,
  	\`expires_at\` text NOT NULL,
  	\`created_by_id\` integer,
  	\`uses\` numeric DEFAULT 0,
  	\`max_uses\` numeric DEFAULT 300,
  	\`closed_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`meeting_id\`) REFERENCES \`meetings\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`join_codes_code_idx\` ON \`join_codes\` (\`code\`);`)
  await db.run(sql`CREATE INDEX \`join_codes_meeting_idx\` ON \`join_codes\` (\`meeting_id\`);`)
  await db.run(sql`CREATE INDEX \`join_codes_expires_at_idx\` ON \`join_codes\` (\`expires_at\`);`)
  await db.run(sql`CREATE INDEX \`join_codes_created_by_idx\` ON \`join_codes\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`join_codes_updated_at_idx\` ON \`join_codes\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`join_codes_created_at_idx\` ON \`join_codes\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`member_type_confirmed\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`member_type_confirmed_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`member_type_confirmed_at\` text;`)
  await db.run(sql`CREATE INDEX \`users_member_type_confirmed_by_idx\` ON \`users\` (\`member_type_confirmed_by_id\`);`)
  await db.run(sql`ALTER TABLE \`threads\` ADD \`author_byline_member_type_confirmed\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`replies\` ADD \`author_byline_member_type_confirmed\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`meetings\` ADD \`admin_title\` text;`)
  await db.run(sql`ALTER TABLE \`meetings\` ADD \`attendance_joined_with_code\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`meetings\` ADD \`minutes_recorded_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`CREATE INDEX \`meetings_minutes_recorded_by_idx\` ON \`meetings\` (\`minutes_recorded_by_id\`);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`join_codes_id\` integer REFERENCES join_codes(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_join_codes_id_idx\` ON \`payload_locked_documents_rels\` (\`join_codes_id\`);`)
  await db.run(sql`ALTER TABLE \`meeting_settings\` ADD \`minutes_need_second_moderator\` integer DEFAULT false;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`join_codes\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_users\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`display_name\` text NOT NULL,
  	\`display_name_key\` text,
  	\`member_type\` text NOT NULL,
  	\`home_locality_id\` integer,
  	\`notifications_notify_replies\` integer DEFAULT true,
  	\`notifications_notify_meeting_reminders\` integer DEFAULT false,
  	\`notifications_notify_meeting_changes\` integer DEFAULT true,
  	\`notifications_reply_delivery\` text DEFAULT 'immediately',
  	\`notifications_digest\` text DEFAULT 'never',
  	\`digest_checked_at\` text,
  	\`approved_post_count\` numeric DEFAULT 0,
  	\`is_safeguarding_lead\` integer DEFAULT false,
  	\`is_demo\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`email\` text NOT NULL,
  	\`reset_password_token\` text,
  	\`reset_password_expiration\` text,
  	\`salt\` text,
  	\`hash\` text,
  	\`_verified\` integer,
  	\`_verificationtoken\` text,
  	\`login_attempts\` numeric DEFAULT 0,
  	\`lock_until\` text,
  	FOREIGN KEY (\`home_locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_users\`("id", "display_name", "display_name_key", "member_type", "home_locality_id", "notifications_notify_replies", "notifications_notify_meeting_reminders", "notifications_notify_meeting_changes", "notifications_reply_delivery", "notifications_digest", "digest_checked_at", "approved_post_count", "is_safeguarding_lead", "is_demo", "updated_at", "created_at", "email", "reset_password_token", "reset_password_expiration", "salt", "hash", "_verified", "_verificationtoken", "login_attempts", "lock_until") SELECT "id", "display_name", "display_name_key", "member_type", "home_locality_id", "notifications_notify_replies", "notifications_notify_meeting_reminders", "notifications_notify_meeting_changes", "notifications_reply_delivery", "notifications_digest", "digest_checked_at", "approved_post_count", "is_safeguarding_lead", "is_demo", "updated_at", "created_at", "email", "reset_password_token", "reset_password_expiration", "salt", "hash", "_verified", "_verificationtoken", "login_attempts", "lock_until" FROM \`users\`;`)
  await db.run(sql`DROP TABLE \`users\`;`)
  await db.run(sql`ALTER TABLE \`__new_users\` RENAME TO \`users\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_display_name_key_idx\` ON \`users\` (\`display_name_key\`);`)
  await db.run(sql`CREATE INDEX \`users_home_locality_idx\` ON \`users\` (\`home_locality_id\`);`)
  await db.run(sql`CREATE INDEX \`users_updated_at_idx\` ON \`users\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`users_created_at_idx\` ON \`users\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_email_idx\` ON \`users\` (\`email\`);`)
  await db.run(sql`CREATE TABLE \`__new_meetings\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`locality_id\` integer NOT NULL,
  	\`title\` text NOT NULL,
  	\`starts_at\` text NOT NULL,
  	\`startsat_tz\` text DEFAULT 'Europe/London' NOT NULL,
  	\`ends_at\` text NOT NULL,
  	\`endsat_tz\` text DEFAULT 'Europe/London' NOT NULL,
  	\`nominal_date\` text,
  	\`venue_name\` text,
  	\`venue_address\` text,
  	\`venue_accessibility\` text,
  	\`online\` text,
  	\`status\` text DEFAULT 'scheduled' NOT NULL,
  	\`cancellation_reason\` text,
  	\`attendance_total\` numeric,
  	\`attendance_first_timers\` numeric,
  	\`minutes\` text,
  	\`minutes_status\` text DEFAULT 'draft' NOT NULL,
  	\`minutes_visibility\` text DEFAULT 'members' NOT NULL,
  	\`minutes_published_at\` text,
  	\`sequence\` numeric DEFAULT 0,
  	\`is_demo\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_meetings\`("id", "locality_id", "title", "starts_at", "startsat_tz", "ends_at", "endsat_tz", "nominal_date", "venue_name", "venue_address", "venue_accessibility", "online", "status", "cancellation_reason", "attendance_total", "attendance_first_timers", "minutes", "minutes_status", "minutes_visibility", "minutes_published_at", "sequence", "is_demo", "updated_at", "created_at") SELECT "id", "locality_id", "title", "starts_at", "startsat_tz", "ends_at", "endsat_tz", "nominal_date", "venue_name", "venue_address", "venue_accessibility", "online", "status", "cancellation_reason", "attendance_total", "attendance_first_timers", "minutes", "minutes_status", "minutes_visibility", "minutes_published_at", "sequence", "is_demo", "updated_at", "created_at" FROM \`meetings\`;`)
  await db.run(sql`DROP TABLE \`meetings\`;`)
  await db.run(sql`ALTER TABLE \`__new_meetings\` RENAME TO \`meetings\`;`)
  await db.run(sql`CREATE INDEX \`meetings_locality_idx\` ON \`meetings\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`meetings_starts_at_idx\` ON \`meetings\` (\`starts_at\`);`)
  await db.run(sql`CREATE INDEX \`meetings_status_idx\` ON \`meetings\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`meetings_updated_at_idx\` ON \`meetings\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`meetings_created_at_idx\` ON \`meetings\` (\`created_at\`);`)
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
  	FOREIGN KEY (\`reserved_names_id\`) REFERENCES \`reserved_names\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`crisis_alerts_id\`) REFERENCES \`crisis_alerts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`crisis_services_id\`) REFERENCES \`crisis_services\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`conversations_id\`) REFERENCES \`conversations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`messages_id\`) REFERENCES \`messages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`meetings_id\`) REFERENCES \`meetings\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`actions_id\`) REFERENCES \`actions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`meeting_reminders_id\`) REFERENCES \`meeting_reminders\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`data_exports_id\`) REFERENCES \`data_exports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`erasure_log_id\`) REFERENCES \`erasure_log\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "threads_id", "replies_id", "flags_id", "moderation_events_id", "watched_words_id", "reserved_names_id", "crisis_alerts_id", "crisis_services_id", "conversations_id", "messages_id", "meetings_id", "actions_id", "meeting_reminders_id", "data_exports_id", "erasure_log_id") SELECT "id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "threads_id", "replies_id", "flags_id", "moderation_events_id", "watched_words_id", "reserved_names_id", "crisis_alerts_id", "crisis_services_id", "conversations_id", "messages_id", "meetings_id", "actions_id", "meeting_reminders_id", "data_exports_id", "erasure_log_id" FROM \`payload_locked_documents_rels\`;`)
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
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_reserved_names_id_idx\` ON \`payload_locked_documents_rels\` (\`reserved_names_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_crisis_alerts_id_idx\` ON \`payload_locked_documents_rels\` (\`crisis_alerts_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_crisis_services_id_idx\` ON \`payload_locked_documents_rels\` (\`crisis_services_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_conversations_id_idx\` ON \`payload_locked_documents_rels\` (\`conversations_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_messages_id_idx\` ON \`payload_locked_documents_rels\` (\`messages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_meetings_id_idx\` ON \`payload_locked_documents_rels\` (\`meetings_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_actions_id_idx\` ON \`payload_locked_documents_rels\` (\`actions_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_meeting_reminders_id_idx\` ON \`payload_locked_documents_rels\` (\`meeting_reminders_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_data_exports_id_idx\` ON \`payload_locked_documents_rels\` (\`data_exports_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_erasure_log_id_idx\` ON \`payload_locked_documents_rels\` (\`erasure_log_id\`);`)
  await db.run(sql`ALTER TABLE \`threads\` DROP COLUMN \`author_byline_member_type_confirmed\`;`)
  await db.run(sql`ALTER TABLE \`replies\` DROP COLUMN \`author_byline_member_type_confirmed\`;`)
  await db.run(sql`ALTER TABLE \`meeting_settings\` DROP COLUMN \`minutes_need_second_moderator\`;`)
}
