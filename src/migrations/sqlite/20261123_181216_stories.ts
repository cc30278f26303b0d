import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`stories_themes\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`stories_themes_order_idx\` ON \`stories_themes\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`stories_themes_parent_idx\` ON \`stories_themes\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`stories_content_warnings\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`stories_content_warnings_order_idx\` ON \`stories_content_warnings\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`stories_content_warnings_parent_idx\` ON \`stories_content_warnings\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`stories_revision_themes\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`stories_revision_themes_order_idx\` ON \`stories_revision_themes\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`stories_revision_themes_parent_idx\` ON \`stories_revision_themes\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`stories_revision_content_warnings\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`stories_revision_content_warnings_order_idx\` ON \`stories_revision_content_warnings\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`stories_revision_content_warnings_parent_idx\` ON \`stories_revision_content_warnings\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`stories\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`title\` text NOT NULL,
  	\`summary\` text,
  	\`body\` text,
  	\`locality_id\` integer,
  	\`content_warning_note\` text,
  	\`cover_image_id\` integer,
  	\`slug\` text,
  	\`author_id\` integer,
  	\`status\` text DEFAULT 'draft' NOT NULL,
  	\`crisis_hold\` integer DEFAULT false,
  	\`triage_action\` text,
  	\`triage_matches\` text,
  	\`consent_version\` numeric,
  	\`consent_audience\` text,
  	\`consent_byline\` text,
  	\`consent_pen_name\` text,
  	\`consent_expires_at\` text,
  	\`consent_withdrawn_at\` text,
  	\`revision_title\` text,
  	\`revision_summary\` text,
  	\`revision_body\` text,
  	\`revision_locality_id\` integer,
  	\`revision_content_warning_note\` text,
  	\`revision_cover_image_id\` integer,
  	\`revision_state\` text DEFAULT 'none',
  	\`redaction_state\` text DEFAULT 'none',
  	\`redaction_title\` text,
  	\`redaction_summary\` text,
  	\`redaction_body\` text,
  	\`redaction_note\` text,
  	\`redaction_proposed_at\` text,
  	\`redaction_responded_at\` text,
  	\`reason_for_author\` text,
  	\`submitted_at\` text,
  	\`decided_at\` text,
  	\`published_at\` text,
  	\`renewal_reminded_version\` numeric,
  	\`search_text\` text,
  	\`queue_order\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`cover_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`revision_locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`revision_cover_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`stories_locality_idx\` ON \`stories\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`stories_cover_image_idx\` ON \`stories\` (\`cover_image_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`stories_slug_idx\` ON \`stories\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`stories_author_idx\` ON \`stories\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`stories_status_idx\` ON \`stories\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`stories_consent_audience_idx\` ON \`stories\` (\`consent_audience\`);`)
  await db.run(sql`CREATE INDEX \`stories_consent_expires_at_idx\` ON \`stories\` (\`consent_expires_at\`);`)
  await db.run(sql`CREATE INDEX \`stories_revision_revision_locality_idx\` ON \`stories\` (\`revision_locality_id\`);`)
  await db.run(sql`CREATE INDEX \`stories_revision_revision_cover_image_idx\` ON \`stories\` (\`revision_cover_image_id\`);`)
  await db.run(sql`CREATE INDEX \`stories_queue_order_idx\` ON \`stories\` (\`queue_order\`);`)
  await db.run(sql`CREATE INDEX \`stories_updated_at_idx\` ON \`stories\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`stories_created_at_idx\` ON \`stories\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`consents\` (
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
  await db.run(sql`CREATE INDEX \`consents_story_idx\` ON \`consents\` (\`story_id\`);`)
  await db.run(sql`CREATE INDEX \`consents_author_idx\` ON \`consents\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`consents_expires_at_idx\` ON \`consents\` (\`expires_at\`);`)
  await db.run(sql`CREATE INDEX \`consents_updated_at_idx\` ON \`consents\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`consents_created_at_idx\` ON \`consents\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`moderation_events\` (
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
  await db.run(sql`CREATE INDEX \`moderation_events_actor_idx\` ON \`moderation_events\` (\`actor_id\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_target_collection_idx\` ON \`moderation_events\` (\`target_collection\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_target_id_idx\` ON \`moderation_events\` (\`target_id\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_at_idx\` ON \`moderation_events\` (\`at\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_updated_at_idx\` ON \`moderation_events\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_created_at_idx\` ON \`moderation_events\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`watched_words\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`phrase\` text NOT NULL,
  	\`action\` text NOT NULL,
  	\`note\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`watched_words_phrase_idx\` ON \`watched_words\` (\`phrase\`);`)
  await db.run(sql`CREATE INDEX \`watched_words_updated_at_idx\` ON \`watched_words\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`watched_words_created_at_idx\` ON \`watched_words\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs_log\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`executed_at\` text NOT NULL,
  	\`completed_at\` text NOT NULL,
  	\`task_slug\` text NOT NULL,
  	\`task_i_d\` text NOT NULL,
  	\`input\` text,
  	\`output\` text,
  	\`state\` text NOT NULL,
  	\`error\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`payload_jobs\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_order_idx\` ON \`payload_jobs_log\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_parent_id_idx\` ON \`payload_jobs_log\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`input\` text,
  	\`completed_at\` text,
  	\`total_tried\` numeric DEFAULT 0,
  	\`has_error\` integer DEFAULT false,
  	\`error\` text,
  	\`task_slug\` text,
  	\`queue\` text DEFAULT 'default',
  	\`wait_until\` text,
  	\`processing\` integer DEFAULT false,
  	\`meta\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_completed_at_idx\` ON \`payload_jobs\` (\`completed_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_total_tried_idx\` ON \`payload_jobs\` (\`total_tried\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_has_error_idx\` ON \`payload_jobs\` (\`has_error\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_task_slug_idx\` ON \`payload_jobs\` (\`task_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_queue_idx\` ON \`payload_jobs\` (\`queue\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_wait_until_idx\` ON \`payload_jobs\` (\`wait_until\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_processing_idx\` ON \`payload_jobs\` (\`processing\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_updated_at_idx\` ON \`payload_jobs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_created_at_idx\` ON \`payload_jobs\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs_stats\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`stats\` text,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`ALTER TABLE \`users\` ADD \`is_safeguarding_lead\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`reset_password_requested_at\`;`)
  await db.run(sql`ALTER TABLE \`media\` ADD \`story_audience\` text DEFAULT 'none';`)
  await db.run(sql`ALTER TABLE \`media\` ADD \`story_visible_until\` text;`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`stories_id\` integer REFERENCES stories(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`consents_id\` integer REFERENCES consents(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`moderation_events_id\` integer REFERENCES moderation_events(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`watched_words_id\` integer REFERENCES watched_words(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_stories_id_idx\` ON \`payload_locked_documents_rels\` (\`stories_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consents_id_idx\` ON \`payload_locked_documents_rels\` (\`consents_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_moderation_events_id_idx\` ON \`payload_locked_documents_rels\` (\`moderation_events_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_watched_words_id_idx\` ON \`payload_locked_documents_rels\` (\`watched_words_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`stories_themes\`;`)
  await db.run(sql`DROP TABLE \`stories_content_warnings\`;`)
  await db.run(sql`DROP TABLE \`stories_revision_themes\`;`)
  await db.run(sql`DROP TABLE \`stories_revision_content_warnings\`;`)
  await db.run(sql`DROP TABLE \`stories\`;`)
  await db.run(sql`DROP TABLE \`consents\`;`)
  await db.run(sql`DROP TABLE \`moderation_events\`;`)
  await db.run(sql`DROP TABLE \`watched_words\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs_log\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs_stats\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	\`localities_id\` integer,
  	\`media_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`localities_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "localities_id", "media_id") SELECT "id", "order", "parent_id", "path", "users_id", "localities_id", "media_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_localities_id_idx\` ON \`payload_locked_documents_rels\` (\`localities_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`reset_password_requested_at\` text;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`is_safeguarding_lead\`;`)
  await db.run(sql`ALTER TABLE \`media\` DROP COLUMN \`story_audience\`;`)
  await db.run(sql`ALTER TABLE \`media\` DROP COLUMN \`story_visible_until\`;`)
}
