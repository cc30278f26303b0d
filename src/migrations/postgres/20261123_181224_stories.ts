import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_media_story_audience" AS ENUM('none', 'members', 'public');
  CREATE TYPE "public"."enum_stories_themes" AS ENUM('connection', 'hope', 'identity', 'meaning', 'empowerment', 'connect', 'be-active', 'take-notice', 'keep-learning', 'give');
  CREATE TYPE "public"."enum_stories_content_warnings" AS ENUM('substance-use', 'relapse', 'overdose', 'self-harm', 'suicide', 'abuse-violence', 'bereavement', 'prison');
  CREATE TYPE "public"."enum_stories_revision_themes" AS ENUM('connection', 'hope', 'identity', 'meaning', 'empowerment', 'connect', 'be-active', 'take-notice', 'keep-learning', 'give');
  CREATE TYPE "public"."enum_stories_revision_content_warnings" AS ENUM('substance-use', 'relapse', 'overdose', 'self-harm', 'suicide', 'abuse-violence', 'bereavement', 'prison');
  CREATE TYPE "public"."enum_stories_status" AS ENUM('draft', 'submitted', 'changes_requested', 'published', 'unpublished', 'withdrawn');
  CREATE TYPE "public"."enum_stories_consent_audience" AS ENUM('public', 'members', 'moderators');
  CREATE TYPE "public"."enum_stories_consent_byline" AS ENUM('display-name', 'anonymous', 'pen-name');
  CREATE TYPE "public"."enum_stories_revision_state" AS ENUM('none', 'submitted', 'changes_requested');
  CREATE TYPE "public"."enum_stories_redaction_state" AS ENUM('none', 'open', 'accepted', 'declined');
  CREATE TYPE "public"."enum_consents_audience" AS ENUM('public', 'members', 'moderators');
  CREATE TYPE "public"."enum_consents_byline" AS ENUM('display-name', 'anonymous', 'pen-name');
  CREATE TYPE "public"."enum_moderation_events_actor_role" AS ENUM('author', 'moderator', 'system');
  CREATE TYPE "public"."enum_watched_words_action" AS ENUM('crisis', 'block', 'require-approval', 'flag');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendEmail', 'remindConsentRenewals');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendEmail', 'remindConsentRenewals');
  CREATE TABLE "stories_themes" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_stories_themes",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "stories_content_warnings" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_stories_content_warnings",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "stories_revision_themes" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_stories_revision_themes",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "stories_revision_content_warnings" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_stories_revision_content_warnings",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "stories" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"summary" varchar,
  	"body" jsonb,
  	"locality_id" integer,
  	"content_warning_note" varchar,
  	"cover_image_id" integer,
  	"slug" varchar,
  	"author_id" integer,
  	"status" "enum_stories_status" DEFAULT 'draft' NOT NULL,
  	"crisis_hold" boolean DEFAULT false,
  	"triage_action" varchar,
  	"triage_matches" jsonb,
  	"consent_version" numeric,
  	"consent_audience" "enum_stories_consent_audience",
  	"consent_byline" "enum_stories_consent_byline",
  	"consent_pen_name" varchar,
  	"consent_expires_at" timestamp(3) with time zone,
  	"consent_withdrawn_at" timestamp(3) with time zone,
  	"revision_title" varchar,
  	"revision_summary" varchar,
  	"revision_body" jsonb,
  	"revision_locality_id" integer,
  	"revision_content_warning_note" varchar,
  	"revision_cover_image_id" integer,
  	"revision_state" "enum_stories_revision_state" DEFAULT 'none',
  	"redaction_state" "enum_stories_redaction_state" DEFAULT 'none',
  	"redaction_title" varchar,
  	"redaction_summary" varchar,
  	"redaction_body" jsonb,
  	"redaction_note" varchar,
  	"redaction_proposed_at" timestamp(3) with time zone,
  	"redaction_responded_at" timestamp(3) with time zone,
  	"reason_for_author" varchar,
  	"submitted_at" timestamp(3) with time zone,
  	"decided_at" timestamp(3) with time zone,
  	"published_at" timestamp(3) with time zone,
  	"renewal_reminded_version" numeric,
  	"search_text" varchar,
  	"queue_order" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "consents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"story_id" integer NOT NULL,
  	"author_id" integer NOT NULL,
  	"version" numeric NOT NULL,
  	"audience" "enum_consents_audience" NOT NULL,
  	"byline" "enum_consents_byline" NOT NULL,
  	"pen_name" varchar,
  	"quote_in_reports" boolean DEFAULT false NOT NULL,
  	"statement_version" varchar NOT NULL,
  	"statement_text" varchar NOT NULL,
  	"given_at" timestamp(3) with time zone NOT NULL,
  	"expires_at" timestamp(3) with time zone NOT NULL,
  	"withdrawn_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "moderation_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"actor_id" integer,
  	"actor_role" "enum_moderation_events_actor_role" NOT NULL,
  	"target_collection" varchar NOT NULL,
  	"target_id" varchar NOT NULL,
  	"action" varchar NOT NULL,
  	"reason" varchar,
  	"private_note" varchar,
  	"from_state" varchar,
  	"to_state" varchar,
  	"at" timestamp(3) with time zone NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "watched_words" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"phrase" varchar NOT NULL,
  	"action" "enum_watched_words_action" NOT NULL,
  	"note" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"meta" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_jobs_stats" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"stats" jsonb,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "users" ADD COLUMN "is_safeguarding_lead" boolean DEFAULT false;
  ALTER TABLE "media" ADD COLUMN "story_audience" "enum_media_story_audience" DEFAULT 'none';
  ALTER TABLE "media" ADD COLUMN "story_visible_until" timestamp(3) with time zone;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "stories_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "consents_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "moderation_events_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "watched_words_id" integer;
  ALTER TABLE "stories_themes" ADD CONSTRAINT "stories_themes_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "stories_content_warnings" ADD CONSTRAINT "stories_content_warnings_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "stories_revision_themes" ADD CONSTRAINT "stories_revision_themes_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "stories_revision_content_warnings" ADD CONSTRAINT "stories_revision_content_warnings_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "stories" ADD CONSTRAINT "stories_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "stories" ADD CONSTRAINT "stories_cover_image_id_media_id_fk" FOREIGN KEY ("cover_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "stories" ADD CONSTRAINT "stories_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "stories" ADD CONSTRAINT "stories_revision_locality_id_localities_id_fk" FOREIGN KEY ("revision_locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "stories" ADD CONSTRAINT "stories_revision_cover_image_id_media_id_fk" FOREIGN KEY ("revision_cover_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "consents" ADD CONSTRAINT "consents_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "consents" ADD CONSTRAINT "consents_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "moderation_events" ADD CONSTRAINT "moderation_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "stories_themes_order_idx" ON "stories_themes" USING btree ("order");
  CREATE INDEX "stories_themes_parent_idx" ON "stories_themes" USING btree ("parent_id");
  CREATE INDEX "stories_content_warnings_order_idx" ON "stories_content_warnings" USING btree ("order");
  CREATE INDEX "stories_content_warnings_parent_idx" ON "stories_content_warnings" USING btree ("parent_id");
  CREATE INDEX "stories_revision_themes_order_idx" ON "stories_revision_themes" USING btree ("order");
  CREATE INDEX "stories_revision_themes_parent_idx" ON "stories_revision_themes" USING btree ("parent_id");
  CREATE INDEX "stories_revision_content_warnings_order_idx" ON "stories_revision_content_warnings" USING btree ("order");
  CREATE INDEX "stories_revision_content_warnings_parent_idx" ON "stories_revision_content_warnings" USING btree ("parent_id");
  CREATE INDEX "stories_locality_idx" ON "stories" USING btree ("locality_id");
  CREATE INDEX "stories_cover_image_idx" ON "stories" USING btree ("cover_image_id");
  CREATE UNIQUE INDEX "stories_slug_idx" ON "stories" USING btree ("slug");
  CREATE INDEX "stories_author_idx" ON "stories" USING btree ("author_id");
  CREATE INDEX "stories_status_idx" ON "stories" USING btree ("status");
  CREATE INDEX "stories_consent_audience_idx" ON "stories" USING btree ("consent_audience");
  CREATE INDEX "stories_consent_expires_at_idx" ON "stories" USING btree ("consent_expires_at");
  CREATE INDEX "stories_revision_revision_locality_idx" ON "stories" USING btree ("revision_locality_id");
  CREATE INDEX "stories_revision_revision_cover_image_idx" ON "stories" USING btree ("revision_cover_image_id");
  CREATE INDEX "stories_queue_order_idx" ON "stories" USING btree ("queue_order");
  CREATE INDEX "stories_updated_at_idx" ON "stories" USING btree ("updated_at");
  CREATE INDEX "stories_created_at_idx" ON "stories" USING btree ("created_at");
  CREATE INDEX "consents_story_idx" ON "consents" USING btree ("story_id");
  CREATE INDEX "consents_author_idx" ON "consents" USING btree ("author_id");
  CREATE INDEX "consents_expires_at_idx" ON "consents" USING btree ("expires_at");
  CREATE INDEX "consents_updated_at_idx" ON "consents" USING btree ("updated_at");
  CREATE INDEX "consents_created_at_idx" ON "consents" USING btree ("created_at");
  CREATE INDEX "moderation_events_actor_idx" ON "moderation_events" USING btree ("actor_id");
  CREATE INDEX "moderation_events_target_collection_idx" ON "moderation_events" USING btree ("target_collection");
  CREATE INDEX "moderation_events_target_id_idx" ON "moderation_events" USING btree ("target_id");
  CREATE INDEX "moderation_events_at_idx" ON "moderation_events" USING btree ("at");
  CREATE INDEX "moderation_events_updated_at_idx" ON "moderation_events" USING btree ("updated_at");
  CREATE INDEX "moderation_events_created_at_idx" ON "moderation_events" USING btree ("created_at");
  CREATE UNIQUE INDEX "watched_words_phrase_idx" ON "watched_words" USING btree ("phrase");
  CREATE INDEX "watched_words_updated_at_idx" ON "watched_words" USING btree ("updated_at");
  CREATE INDEX "watched_words_created_at_idx" ON "watched_words" USING btree ("created_at");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_stories_fk" FOREIGN KEY ("stories_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_consents_fk" FOREIGN KEY ("consents_id") REFERENCES "public"."consents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_moderation_events_fk" FOREIGN KEY ("moderation_events_id") REFERENCES "public"."moderation_events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_watched_words_fk" FOREIGN KEY ("watched_words_id") REFERENCES "public"."watched_words"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_stories_id_idx" ON "payload_locked_documents_rels" USING btree ("stories_id");
  CREATE INDEX "payload_locked_documents_rels_consents_id_idx" ON "payload_locked_documents_rels" USING btree ("consents_id");
  CREATE INDEX "payload_locked_documents_rels_moderation_events_id_idx" ON "payload_locked_documents_rels" USING btree ("moderation_events_id");
  CREATE INDEX "payload_locked_documents_rels_watched_words_id_idx" ON "payload_locked_documents_rels" USING btree ("watched_words_id");
  ALTER TABLE "users" DROP COLUMN "reset_password_requested_at";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "stories_themes" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "stories_content_warnings" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "stories_revision_themes" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "stories_revision_content_warnings" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "stories" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "consents" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "moderation_events" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "watched_words" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_log" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_stats" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "stories_themes" CASCADE;
  DROP TABLE "stories_content_warnings" CASCADE;
  DROP TABLE "stories_revision_themes" CASCADE;
  DROP TABLE "stories_revision_content_warnings" CASCADE;
  DROP TABLE "stories" CASCADE;
  DROP TABLE "consents" CASCADE;
  DROP TABLE "moderation_events" CASCADE;
  DROP TABLE "watched_words" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  DROP TABLE "payload_jobs_stats" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_stories_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_consents_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_moderation_events_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_watched_words_fk";
  
  DROP INDEX "payload_locked_documents_rels_stories_id_idx";
  DROP INDEX "payload_locked_documents_rels_consents_id_idx";
  DROP INDEX "payload_locked_documents_rels_moderation_events_id_idx";
  DROP INDEX "payload_locked_documents_rels_watched_words_id_idx";
  ALTER TABLE "users" ADD COLUMN "reset_password_requested_at" timestamp(3) with time zone;
  ALTER TABLE "users" DROP COLUMN "is_safeguarding_lead";
  ALTER TABLE "media" DROP COLUMN "story_audience";
  ALTER TABLE "media" DROP COLUMN "story_visible_until";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "stories_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "consents_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "moderation_events_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "watched_words_id";
  DROP TYPE "public"."enum_media_story_audience";
  DROP TYPE "public"."enum_stories_themes";
  DROP TYPE "public"."enum_stories_content_warnings";
  DROP TYPE "public"."enum_stories_revision_themes";
  DROP TYPE "public"."enum_stories_revision_content_warnings";
  DROP TYPE "public"."enum_stories_status";
  DROP TYPE "public"."enum_stories_consent_audience";
  DROP TYPE "public"."enum_stories_consent_byline";
  DROP TYPE "public"."enum_stories_revision_state";
  DROP TYPE "public"."enum_stories_redaction_state";
  DROP TYPE "public"."enum_consents_audience";
  DROP TYPE "public"."enum_consents_byline";
  DROP TYPE "public"."enum_moderation_events_actor_role";
  DROP TYPE "public"."enum_watched_words_action";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
