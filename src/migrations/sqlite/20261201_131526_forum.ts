import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`threads\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`locality_id\` integer NOT NULL,
  	\`title\` text NOT NULL,
  	\`body\` text NOT NULL,
  	\`status\` text DEFAULT 'pending' NOT NULL,
  	\`author_id\` integer,
  	\`author_byline_display_name\` text,
  	\`author_byline_member_type\` text,
  	\`is_first_post\` integer DEFAULT false,
  	\`ever_published\` integer DEFAULT false,
  	\`crisis_hold\` integer DEFAULT false,
  	\`auto_hidden\` integer DEFAULT false,
  	\`triage_action\` text,
  	\`triage_matches\` text,
  	\`reason_for_author\` text,
  	\`fingerprint\` text,
  	\`queue_order\` text,
  	\`pinned\` integer DEFAULT false,
  	\`locked\` integer DEFAULT false,
  	\`last_activity_at\` text,
  	\`reply_count\` numeric DEFAULT 0,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`threads_locality_idx\` ON \`threads\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`threads_status_idx\` ON \`threads\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`threads_author_idx\` ON \`threads\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`threads_fingerprint_idx\` ON \`threads\` (\`fingerprint\`);`)
  await db.run(sql`CREATE INDEX \`threads_queue_order_idx\` ON \`threads\` (\`queue_order\`);`)
  await db.run(sql`CREATE INDEX \`threads_pinned_idx\` ON \`threads\` (\`pinned\`);`)
  await db.run(sql`CREATE INDEX \`threads_last_activity_at_idx\` ON \`threads\` (\`last_activity_at\`);`)
  await db.run(sql`CREATE INDEX \`threads_updated_at_idx\` ON \`threads\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`threads_created_at_idx\` ON \`threads\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`replies\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`thread_id\` integer NOT NULL,
  	\`locality_id\` integer,
  	\`body\` text NOT NULL,
  	\`status\` text DEFAULT 'pending' NOT NULL,
  	\`author_id\` integer,
  	\`author_byline_display_name\` text,
  	\`author_byline_member_type\` text,
  	\`is_first_post\` integer DEFAULT false,
  	\`ever_published\` integer DEFAULT false,
  	\`crisis_hold\` integer DEFAULT false,
  	\`auto_hidden\` integer DEFAULT false,
  	\`triage_action\` text,
  	\`triage_matches\` text,
  	\`reason_for_author\` text,
  	\`fingerprint\` text,
  	\`queue_order\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`thread_id\`) REFERENCES \`threads\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`replies_thread_idx\` ON \`replies\` (\`thread_id\`);`)
  await db.run(sql`CREATE INDEX \`replies_locality_idx\` ON \`replies\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`replies_status_idx\` ON \`replies\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`replies_author_idx\` ON \`replies\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`replies_fingerprint_idx\` ON \`replies\` (\`fingerprint\`);`)
  await db.run(sql`CREATE INDEX \`replies_queue_order_idx\` ON \`replies\` (\`queue_order\`);`)
  await db.run(sql`CREATE INDEX \`replies_updated_at_idx\` ON \`replies\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`replies_created_at_idx\` ON \`replies\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`flags\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`target_collection\` text NOT NULL,
  	\`target_id\` text NOT NULL,
  	\`reason\` text NOT NULL,
  	\`note\` text,
  	\`status\` text DEFAULT 'open' NOT NULL,
  	\`moderator_note\` text,
  	\`flagger_id\` integer,
  	\`locality_id\` integer,
  	\`resolved_by_id\` integer,
  	\`resolved_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`flagger_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`resolved_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`flags_target_collection_idx\` ON \`flags\` (\`target_collection\`);`)
  await db.run(sql`CREATE INDEX \`flags_target_id_idx\` ON \`flags\` (\`target_id\`);`)
  await db.run(sql`CREATE INDEX \`flags_status_idx\` ON \`flags\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`flags_flagger_idx\` ON \`flags\` (\`flagger_id\`);`)
  await db.run(sql`CREATE INDEX \`flags_locality_idx\` ON \`flags\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`flags_resolved_by_idx\` ON \`flags\` (\`resolved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`flags_updated_at_idx\` ON \`flags\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`flags_created_at_idx\` ON \`flags\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`moderation_settings_canned_reasons\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`label\` text NOT NULL,
  	\`text\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`moderation_settings\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`moderation_settings_canned_reasons_order_idx\` ON \`moderation_settings_canned_reasons\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`moderation_settings_canned_reasons_parent_id_idx\` ON \`moderation_settings_canned_reasons\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`moderation_settings\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`post_queue_threshold\` numeric DEFAULT 3 NOT NULL,
  	\`review_hours\` numeric DEFAULT 24 NOT NULL,
  	\`flag_hide_threshold\` numeric DEFAULT 3 NOT NULL,
  	\`new_member_hours\` numeric DEFAULT 24 NOT NULL,
  	\`new_member_post_interval_seconds\` numeric DEFAULT 30 NOT NULL,
  	\`member_post_interval_seconds\` numeric DEFAULT 5 NOT NULL,
  	\`new_member_max_threads_per_day\` numeric DEFAULT 3 NOT NULL,
  	\`new_member_max_replies_per_day\` numeric DEFAULT 10 NOT NULL,
  	\`duplicate_window_minutes\` numeric DEFAULT 5 NOT NULL,
  	\`registrations_per_ip_per_day\` numeric DEFAULT 3 NOT NULL,
  	\`failed_logins_per_ip_per_hour\` numeric DEFAULT 30 NOT NULL,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`ALTER TABLE \`users\` ADD \`notifications_reply_delivery\` text DEFAULT 'immediately';`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`threads_id\` integer REFERENCES threads(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`replies_id\` integer REFERENCES replies(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`flags_id\` integer REFERENCES flags(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_threads_id_idx\` ON \`payload_locked_documents_rels\` (\`threads_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_replies_id_idx\` ON \`payload_locked_documents_rels\` (\`replies_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_flags_id_idx\` ON \`payload_locked_documents_rels\` (\`flags_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`threads\`;`)
  await db.run(sql`DROP TABLE \`replies\`;`)
  await db.run(sql`DROP TABLE \`flags\`;`)
  await db.run(sql`DROP TABLE \`moderation_settings_canned_reasons\`;`)
  await db.run(sql`DROP TABLE \`moderation_settings\`;`)
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
  	\`moderation_events_id\` integer,
  	\`watched_words_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`localities_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`stories_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`consents_id\`) REFERENCES \`consents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`moderation_events_id\`) REFERENCES \`moderation_events\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`watched_words_id\`) REFERENCES \`watched_words\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "moderation_events_id", "watched_words_id") SELECT "id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "moderation_events_id", "watched_words_id" FROM \`payload_locked_documents_rels\`;`)
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
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_moderation_events_id_idx\` ON \`payload_locked_documents_rels\` (\`moderation_events_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_watched_words_id_idx\` ON \`payload_locked_documents_rels\` (\`watched_words_id\`);`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`notifications_reply_delivery\`;`)
}
