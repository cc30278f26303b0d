import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`story_feedback_answers\` (
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`story_id\` integer NOT NULL,
  	\`hope\` numeric,
  	\`connection\` numeric,
  	FOREIGN KEY (\`story_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`story_feedback_answers_story_idx\` ON \`story_feedback_answers\` (\`story_id\`);`)
  await db.run(sql`CREATE INDEX \`story_hope_idx\` ON \`story_feedback_answers\` (\`story_id\`,\`hope\`);`)
  await db.run(sql`CREATE INDEX \`story_connection_idx\` ON \`story_feedback_answers\` (\`story_id\`,\`connection\`);`)
  await db.run(sql`CREATE TABLE \`story_pair_marks\` (
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`story_a_id\` integer NOT NULL,
  	\`story_b_id\` integer NOT NULL,
  	FOREIGN KEY (\`story_a_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`story_b_id\`) REFERENCES \`stories\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`story_pair_marks_story_a_idx\` ON \`story_pair_marks\` (\`story_a_id\`);`)
  await db.run(sql`CREATE INDEX \`story_pair_marks_story_b_idx\` ON \`story_pair_marks\` (\`story_b_id\`);`)
  // Existing counts become rows: readers answer rows per story, the i-th row holding the i-th answer of
  // each question in order of value (a reader who skipped a question gives none, so later rows hold
  // null). The old counts never said which hope answer went with which connection answer, and neither do
  // these rows: the totals an author sees are the same, and nothing reads the two answers together.
  // Each pair's count becomes that many pair rows. Ids are random, as the collections make them.
  await db.run(sql`INSERT INTO story_feedback_answers (id, story_id, hope, connection)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < (SELECT max(readers) FROM story_feedback_totals))
    SELECT lower(hex(randomblob(16))), t.story_id,
      CASE WHEN n.i <= t.hope1 THEN 1 WHEN n.i <= t.hope1+t.hope2 THEN 2 WHEN n.i <= t.hope1+t.hope2+t.hope3 THEN 3 WHEN n.i <= t.hope1+t.hope2+t.hope3+t.hope4 THEN 4 WHEN n.i <= t.hope1+t.hope2+t.hope3+t.hope4+t.hope5 THEN 5 END,
      CASE WHEN n.i <= t.connection1 THEN 1 WHEN n.i <= t.connection1+t.connection2 THEN 2 WHEN n.i <= t.connection1+t.connection2+t.connection3 THEN 3 WHEN n.i <= t.connection1+t.connection2+t.connection3+t.connection4 THEN 4 WHEN n.i <= t.connection1+t.connection2+t.connection3+t.connection4+t.connection5 THEN 5 END
    FROM story_feedback_totals t JOIN n ON n.i <= t.readers;`)
  await db.run(sql`INSERT INTO story_pair_marks (id, story_a_id, story_b_id)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < (SELECT max(count) FROM story_pair_counts))
    SELECT lower(hex(randomblob(16))), p.story_a_id, p.story_b_id FROM story_pair_counts p JOIN n ON n.i <= p.count;`)
  await db.run(sql`DROP TABLE \`story_feedback_totals\`;`)
  await db.run(sql`DROP TABLE \`story_pair_counts\`;`)
  // The editing-lock table is rebuilt; only columns both versions have are copied (the generated copy
  // named the new collections' columns, which the old table does not have).
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
  	\`directory_kinds_id\` integer,
  	\`directory_entries_id\` integer,
  	\`volunteer_opportunities_id\` integer,
  	\`volunteer_interests_id\` integer,
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
  	\`story_tags_id\` integer,
  	\`story_feedback_answers_id\` text,
  	\`story_pair_marks_id\` text,
  	\`story_feedback_marks_id\` integer,
  	\`reading_records_id\` integer,
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
  	FOREIGN KEY (\`directory_kinds_id\`) REFERENCES \`directory_kinds\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`directory_entries_id\`) REFERENCES \`directory_entries\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`volunteer_opportunities_id\`) REFERENCES \`volunteer_opportunities\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`volunteer_interests_id\`) REFERENCES \`volunteer_interests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`conversations_id\`) REFERENCES \`conversations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`messages_id\`) REFERENCES \`messages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`notifications_id\`) REFERENCES \`notifications\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`thread_reads_id\`) REFERENCES \`thread_reads\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`meetings_id\`) REFERENCES \`meetings\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`actions_id\`) REFERENCES \`actions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`meeting_reminders_id\`) REFERENCES \`meeting_reminders\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`join_codes_id\`) REFERENCES \`join_codes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`data_exports_id\`) REFERENCES \`data_exports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`erasure_log_id\`) REFERENCES \`erasure_log\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`story_tags_id\`) REFERENCES \`story_tags\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`story_feedback_answers_id\`) REFERENCES \`story_feedback_answers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`story_pair_marks_id\`) REFERENCES \`story_pair_marks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`story_feedback_marks_id\`) REFERENCES \`story_feedback_marks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`reading_records_id\`) REFERENCES \`reading_records\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "threads_id", "replies_id", "flags_id", "moderation_events_id", "watched_words_id", "reserved_names_id", "crisis_alerts_id", "crisis_services_id", "directory_kinds_id", "directory_entries_id", "volunteer_opportunities_id", "volunteer_interests_id", "conversations_id", "messages_id", "notifications_id", "thread_reads_id", "meetings_id", "actions_id", "meeting_reminders_id", "join_codes_id", "data_exports_id", "erasure_log_id", "story_tags_id", "story_feedback_marks_id", "reading_records_id") SELECT "id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "threads_id", "replies_id", "flags_id", "moderation_events_id", "watched_words_id", "reserved_names_id", "crisis_alerts_id", "crisis_services_id", "directory_kinds_id", "directory_entries_id", "volunteer_opportunities_id", "volunteer_interests_id", "conversations_id", "messages_id", "notifications_id", "thread_reads_id", "meetings_id", "actions_id", "meeting_reminders_id", "join_codes_id", "data_exports_id", "erasure_log_id", "story_tags_id", "story_feedback_marks_id", "reading_records_id" FROM \`payload_locked_documents_rels\`;`)
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
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_directory_kinds_id_idx\` ON \`payload_locked_documents_rels\` (\`directory_kinds_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_directory_entries_id_idx\` ON \`payload_locked_documents_rels\` (\`directory_entries_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_volunteer_opportunities_id_idx\` ON \`payload_locked_documents_rels\` (\`volunteer_opportunities_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_volunteer_interests_id_idx\` ON \`payload_locked_documents_rels\` (\`volunteer_interests_id\`);`)
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
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_story_tags_id_idx\` ON \`payload_locked_documents_rels\` (\`story_tags_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_story_feedback_answers_id_idx\` ON \`payload_locked_documents_rels\` (\`story_feedback_answers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_story_pair_marks_id_idx\` ON \`payload_locked_documents_rels\` (\`story_pair_marks_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_story_feedback_marks_id_idx\` ON \`payload_locked_documents_rels\` (\`story_feedback_marks_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_reading_records_id_idx\` ON \`payload_locked_documents_rels\` (\`reading_records_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
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
  // The rows counted back into the old totals and pair counts.
  await db.run(sql`INSERT INTO story_feedback_totals (story_id, readers, hope1, hope2, hope3, hope4, hope5, connection1, connection2, connection3, connection4, connection5)
    SELECT story_id, count(*), sum(CASE WHEN hope = 1 THEN 1 ELSE 0 END), sum(CASE WHEN hope = 2 THEN 1 ELSE 0 END), sum(CASE WHEN hope = 3 THEN 1 ELSE 0 END), sum(CASE WHEN hope = 4 THEN 1 ELSE 0 END), sum(CASE WHEN hope = 5 THEN 1 ELSE 0 END), sum(CASE WHEN connection = 1 THEN 1 ELSE 0 END), sum(CASE WHEN connection = 2 THEN 1 ELSE 0 END), sum(CASE WHEN connection = 3 THEN 1 ELSE 0 END), sum(CASE WHEN connection = 4 THEN 1 ELSE 0 END), sum(CASE WHEN connection = 5 THEN 1 ELSE 0 END)
    FROM story_feedback_answers GROUP BY story_id;`)
  await db.run(sql`INSERT INTO story_pair_counts (story_a_id, story_b_id, count) SELECT story_a_id, story_b_id, count(*) FROM story_pair_marks GROUP BY story_a_id, story_b_id;`)
  // The editing-lock table is rebuilt; only columns both versions have are copied (the generated copy
  // named the new collections' columns, which the old table does not have).
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
  	\`directory_kinds_id\` integer,
  	\`directory_entries_id\` integer,
  	\`volunteer_opportunities_id\` integer,
  	\`volunteer_interests_id\` integer,
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
  	\`story_tags_id\` integer,
  	\`story_feedback_totals_id\` integer,
  	\`story_pair_counts_id\` integer,
  	\`story_feedback_marks_id\` integer,
  	\`reading_records_id\` integer,
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
  	FOREIGN KEY (\`directory_kinds_id\`) REFERENCES \`directory_kinds\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`directory_entries_id\`) REFERENCES \`directory_entries\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`volunteer_opportunities_id\`) REFERENCES \`volunteer_opportunities\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`volunteer_interests_id\`) REFERENCES \`volunteer_interests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`conversations_id\`) REFERENCES \`conversations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`messages_id\`) REFERENCES \`messages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`notifications_id\`) REFERENCES \`notifications\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`thread_reads_id\`) REFERENCES \`thread_reads\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`meetings_id\`) REFERENCES \`meetings\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`actions_id\`) REFERENCES \`actions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`meeting_reminders_id\`) REFERENCES \`meeting_reminders\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`join_codes_id\`) REFERENCES \`join_codes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`data_exports_id\`) REFERENCES \`data_exports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`erasure_log_id\`) REFERENCES \`erasure_log\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`story_tags_id\`) REFERENCES \`story_tags\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`story_feedback_totals_id\`) REFERENCES \`story_feedback_totals\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`story_pair_counts_id\`) REFERENCES \`story_pair_counts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`story_feedback_marks_id\`) REFERENCES \`story_feedback_marks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`reading_records_id\`) REFERENCES \`reading_records\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "threads_id", "replies_id", "flags_id", "moderation_events_id", "watched_words_id", "reserved_names_id", "crisis_alerts_id", "crisis_services_id", "directory_kinds_id", "directory_entries_id", "volunteer_opportunities_id", "volunteer_interests_id", "conversations_id", "messages_id", "notifications_id", "thread_reads_id", "meetings_id", "actions_id", "meeting_reminders_id", "join_codes_id", "data_exports_id", "erasure_log_id", "story_tags_id", "story_feedback_marks_id", "reading_records_id") SELECT "id", "order", "parent_id", "path", "users_id", "localities_id", "media_id", "stories_id", "consents_id", "threads_id", "replies_id", "flags_id", "moderation_events_id", "watched_words_id", "reserved_names_id", "crisis_alerts_id", "crisis_services_id", "directory_kinds_id", "directory_entries_id", "volunteer_opportunities_id", "volunteer_interests_id", "conversations_id", "messages_id", "notifications_id", "thread_reads_id", "meetings_id", "actions_id", "meeting_reminders_id", "join_codes_id", "data_exports_id", "erasure_log_id", "story_tags_id", "story_feedback_marks_id", "reading_records_id" FROM \`payload_locked_documents_rels\`;`)
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
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_directory_kinds_id_idx\` ON \`payload_locked_documents_rels\` (\`directory_kinds_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_directory_entries_id_idx\` ON \`payload_locked_documents_rels\` (\`directory_entries_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_volunteer_opportunities_id_idx\` ON \`payload_locked_documents_rels\` (\`volunteer_opportunities_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_volunteer_interests_id_idx\` ON \`payload_locked_documents_rels\` (\`volunteer_interests_id\`);`)
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
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_story_tags_id_idx\` ON \`payload_locked_documents_rels\` (\`story_tags_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_story_feedback_totals_id_idx\` ON \`payload_locked_documents_rels\` (\`story_feedback_totals_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_story_pair_counts_id_idx\` ON \`payload_locked_documents_rels\` (\`story_pair_counts_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_story_feedback_marks_id_idx\` ON \`payload_locked_documents_rels\` (\`story_feedback_marks_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_reading_records_id_idx\` ON \`payload_locked_documents_rels\` (\`reading_records_id\`);`)
  // Dropped last: the rebuilt lock table no longer points at them.
  await db.run(sql`DROP TABLE \`story_feedback_answers\`;`)
  await db.run(sql`DROP TABLE \`story_pair_marks\`;`)
}
