import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`meetings_agenda\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`title\` text NOT NULL,
  	\`presenter\` text,
  	\`thread_id\` integer,
  	FOREIGN KEY (\`thread_id\`) REFERENCES \`threads\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`meetings\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`meetings_agenda_order_idx\` ON \`meetings_agenda\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`meetings_agenda_parent_id_idx\` ON \`meetings_agenda\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`meetings_agenda_thread_idx\` ON \`meetings_agenda\` (\`thread_id\`);`)
  await db.run(sql`CREATE TABLE \`meetings\` (
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
  await db.run(sql`CREATE INDEX \`meetings_locality_idx\` ON \`meetings\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`meetings_starts_at_idx\` ON \`meetings\` (\`starts_at\`);`)
  await db.run(sql`CREATE INDEX \`meetings_status_idx\` ON \`meetings\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`meetings_updated_at_idx\` ON \`meetings\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`meetings_created_at_idx\` ON \`meetings\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`actions\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`description\` text NOT NULL,
  	\`meeting_id\` integer,
  	\`thread_id\` integer,
  	\`story_id\` integer,
  	\`locality_id\` integer,
  	\`owner\` text,
  	\`status\` text DEFAULT 'open' NOT NULL,
  	\`outcome\` text,
  	\`raised_on\` text,
  	\`target_date\` text,
  	\`completed_at\` text,
  	\`is_demo\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`meeting_id\`) REFERENCES \`meetings\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`thread_id\`) REFERENCES \`threads\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`story_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`actions_meeting_idx\` ON \`actions\` (\`meeting_id\`);`)
  await db.run(sql`CREATE INDEX \`actions_thread_idx\` ON \`actions\` (\`thread_id\`);`)
  await db.run(sql`CREATE INDEX \`actions_story_idx\` ON \`actions\` (\`story_id\`);`)
  await db.run(sql`CREATE INDEX \`actions_locality_idx\` ON \`actions\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`actions_status_idx\` ON \`actions\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`actions_raised_on_idx\` ON \`actions\` (\`raised_on\`);`)
  await db.run(sql`CREATE INDEX \`actions_updated_at_idx\` ON \`actions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`actions_created_at_idx\` ON \`actions\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`meeting_reminders\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`key\` text NOT NULL,
  	\`meeting_id\` integer NOT NULL,
  	\`member_id\` integer NOT NULL,
  	\`sent_at\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`meeting_id\`) REFERENCES \`meetings\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`member_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`meeting_reminders_key_idx\` ON \`meeting_reminders\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`meeting_reminders_meeting_idx\` ON \`meeting_reminders\` (\`meeting_id\`);`)
  await db.run(sql`CREATE INDEX \`meeting_reminders_member_idx\` ON \`meeting_reminders\` (\`member_id\`);`)
  await db.run(sql`CREATE INDEX \`meeting_reminders_updated_at_idx\` ON \`meeting_reminders\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`meeting_reminders_created_at_idx\` ON \`meeting_reminders\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`meeting_settings_closure_days\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`date\` text NOT NULL,
  	\`name\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`meeting_settings\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`meeting_settings_closure_days_order_idx\` ON \`meeting_settings_closure_days\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`meeting_settings_closure_days_parent_id_idx\` ON \`meeting_settings_closure_days\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`meeting_settings\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`meetings_id\` integer REFERENCES meetings(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`actions_id\` integer REFERENCES actions(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`meeting_reminders_id\` integer REFERENCES meeting_reminders(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_meetings_id_idx\` ON \`payload_locked_documents_rels\` (\`meetings_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_actions_id_idx\` ON \`payload_locked_documents_rels\` (\`actions_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_meeting_reminders_id_idx\` ON \`payload_locked_documents_rels\` (\`meeting_reminders_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`meetings_agenda\`;`)
  await db.run(sql`DROP TABLE \`meetings\`;`)
  await db.run(sql`DROP TABLE \`actions\`;`)
  await db.run(sql`DROP TABLE \`meeting_reminders\`;`)
  await db.run(sql`DROP TABLE \`meeting_settings_closure_days\`;`)
  await db.run(sql`DROP TABLE \`meeting_settings\`;`)
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
  	FOREIGN KEY (\`watched_words_id\`) REFERENCES \`watched_words\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "threads_id", "replies_id", "flags_id", "moderation_events_id", "watched_words_id") SELECT "id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "threads_id", "replies_id", "flags_id", "moderation_events_id", "watched_words_id" FROM \`payload_locked_documents_rels\`;`)
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
}
