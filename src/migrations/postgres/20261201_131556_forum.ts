import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_users_notifications_reply_delivery" AS ENUM('immediately', 'digest');
  CREATE TYPE "public"."enum_threads_status" AS ENUM('pending', 'published', 'hidden', 'removed');
  CREATE TYPE "public"."enum_replies_status" AS ENUM('pending', 'published', 'hidden', 'removed');
  CREATE TYPE "public"."enum_flags_target_collection" AS ENUM('threads', 'replies', 'stories');
  CREATE TYPE "public"."enum_flags_reason" AS ENUM('spam', 'personal-information', 'harmful', 'safeguarding', 'other');
  CREATE TYPE "public"."enum_flags_status" AS ENUM('open', 'resolved', 'rejected');
  CREATE TABLE "threads" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"locality_id" integer NOT NULL,
  	"title" varchar NOT NULL,
  	"body" varchar NOT NULL,
  	"status" "enum_threads_status" DEFAULT 'pending' NOT NULL,
  	"author_id" integer,
  	"author_byline_display_name" varchar,
  	"author_byline_member_type" varchar,
  	"is_first_post" boolean DEFAULT false,
  	"ever_published" boolean DEFAULT false,
  	"crisis_hold" boolean DEFAULT false,
  	"auto_hidden" boolean DEFAULT false,
  	"triage_action" varchar,
  	"triage_matches" jsonb,
  	"reason_for_author" varchar,
  	"fingerprint" varchar,
  	"queue_order" varchar,
  	"pinned" boolean DEFAULT false,
  	"locked" boolean DEFAULT false,
  	"last_activity_at" timestamp(3) with time zone,
  	"reply_count" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "replies" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"thread_id" integer NOT NULL,
  	"locality_id" integer,
  	"body" varchar NOT NULL,
  	"status" "enum_replies_status" DEFAULT 'pending' NOT NULL,
  	"author_id" integer,
  	"author_byline_display_name" varchar,
  	"author_byline_member_type" varchar,
  	"is_first_post" boolean DEFAULT false,
  	"ever_published" boolean DEFAULT false,
  	"crisis_hold" boolean DEFAULT false,
  	"auto_hidden" boolean DEFAULT false,
  	"triage_action" varchar,
  	"triage_matches" jsonb,
  	"reason_for_author" varchar,
  	"fingerprint" varchar,
  	"queue_order" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "flags" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"target_collection" "enum_flags_target_collection" NOT NULL,
  	"target_id" varchar NOT NULL,
  	"reason" "enum_flags_reason" NOT NULL,
  	"note" varchar,
  	"status" "enum_flags_status" DEFAULT 'open' NOT NULL,
  	"moderator_note" varchar,
  	"flagger_id" integer,
  	"locality_id" integer,
  	"resolved_by_id" integer,
  	"resolved_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "moderation_settings_canned_reasons" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"label" varchar NOT NULL,
  	"text" varchar NOT NULL
  );
  
  CREATE TABLE "moderation_settings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"post_queue_threshold" numeric DEFAULT 3 NOT NULL,
  	"review_hours" numeric DEFAULT 24 NOT NULL,
  	"flag_hide_threshold" numeric DEFAULT 3 NOT NULL,
  	"new_member_hours" numeric DEFAULT 24 NOT NULL,
  	"new_member_post_interval_seconds" numeric DEFAULT 30 NOT NULL,
  	"member_post_interval_seconds" numeric DEFAULT 5 NOT NULL,
  	"new_member_max_threads_per_day" numeric DEFAULT 3 NOT NULL,
  	"new_member_max_replies_per_day" numeric DEFAULT 10 NOT NULL,
  	"duplicate_window_minutes" numeric DEFAULT 5 NOT NULL,
  	"registrations_per_ip_per_day" numeric DEFAULT 3 NOT NULL,
  	"failed_logins_per_ip_per_hour" numeric DEFAULT 30 NOT NULL,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "users" ADD COLUMN "notifications_reply_delivery" "enum_users_notifications_reply_delivery" DEFAULT 'immediately';
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "threads_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "replies_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "flags_id" integer;
  ALTER TABLE "threads" ADD CONSTRAINT "threads_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "threads" ADD CONSTRAINT "threads_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "replies" ADD CONSTRAINT "replies_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "replies" ADD CONSTRAINT "replies_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "replies" ADD CONSTRAINT "replies_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "flags" ADD CONSTRAINT "flags_flagger_id_users_id_fk" FOREIGN KEY ("flagger_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "flags" ADD CONSTRAINT "flags_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "flags" ADD CONSTRAINT "flags_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "moderation_settings_canned_reasons" ADD CONSTRAINT "moderation_settings_canned_reasons_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."moderation_settings"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "threads_locality_idx" ON "threads" USING btree ("locality_id");
  CREATE INDEX "threads_status_idx" ON "threads" USING btree ("status");
  CREATE INDEX "threads_author_idx" ON "threads" USING btree ("author_id");
  CREATE INDEX "threads_fingerprint_idx" ON "threads" USING btree ("fingerprint");
  CREATE INDEX "threads_queue_order_idx" ON "threads" USING btree ("queue_order");
  CREATE INDEX "threads_pinned_idx" ON "threads" USING btree ("pinned");
  CREATE INDEX "threads_last_activity_at_idx" ON "threads" USING btree ("last_activity_at");
  CREATE INDEX "threads_updated_at_idx" ON "threads" USING btree ("updated_at");
  CREATE INDEX "threads_created_at_idx" ON "threads" USING btree ("created_at");
  CREATE INDEX "replies_thread_idx" ON "replies" USING btree ("thread_id");
  CREATE INDEX "replies_locality_idx" ON "replies" USING btree ("locality_id");
  CREATE INDEX "replies_status_idx" ON "replies" USING btree ("status");
  CREATE INDEX "replies_author_idx" ON "replies" USING btree ("author_id");
  CREATE INDEX "replies_fingerprint_idx" ON "replies" USING btree ("fingerprint");
  CREATE INDEX "replies_queue_order_idx" ON "replies" USING btree ("queue_order");
  CREATE INDEX "replies_updated_at_idx" ON "replies" USING btree ("updated_at");
  CREATE INDEX "replies_created_at_idx" ON "replies" USING btree ("created_at");
  CREATE INDEX "flags_target_collection_idx" ON "flags" USING btree ("target_collection");
  CREATE INDEX "flags_target_id_idx" ON "flags" USING btree ("target_id");
  CREATE INDEX "flags_status_idx" ON "flags" USING btree ("status");
  CREATE INDEX "flags_flagger_idx" ON "flags" USING btree ("flagger_id");
  CREATE INDEX "flags_locality_idx" ON "flags" USING btree ("locality_id");
  CREATE INDEX "flags_resolved_by_idx" ON "flags" USING btree ("resolved_by_id");
  CREATE INDEX "flags_updated_at_idx" ON "flags" USING btree ("updated_at");
  CREATE INDEX "flags_created_at_idx" ON "flags" USING btree ("created_at");
  CREATE INDEX "moderation_settings_canned_reasons_order_idx" ON "moderation_settings_canned_reasons" USING btree ("_order");
  CREATE INDEX "moderation_settings_canned_reasons_parent_id_idx" ON "moderation_settings_canned_reasons" USING btree ("_parent_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_threads_fk" FOREIGN KEY ("threads_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_replies_fk" FOREIGN KEY ("replies_id") REFERENCES "public"."replies"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_flags_fk" FOREIGN KEY ("flags_id") REFERENCES "public"."flags"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_threads_id_idx" ON "payload_locked_documents_rels" USING btree ("threads_id");
  CREATE INDEX "payload_locked_documents_rels_replies_id_idx" ON "payload_locked_documents_rels" USING btree ("replies_id");
  CREATE INDEX "payload_locked_documents_rels_flags_id_idx" ON "payload_locked_documents_rels" USING btree ("flags_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "threads" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "replies" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "flags" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "moderation_settings_canned_reasons" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "moderation_settings" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "threads" CASCADE;
  DROP TABLE "replies" CASCADE;
  DROP TABLE "flags" CASCADE;
  DROP TABLE "moderation_settings_canned_reasons" CASCADE;
  DROP TABLE "moderation_settings" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_threads_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_replies_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_flags_fk";
  
  DROP INDEX "payload_locked_documents_rels_threads_id_idx";
  DROP INDEX "payload_locked_documents_rels_replies_id_idx";
  DROP INDEX "payload_locked_documents_rels_flags_id_idx";
  ALTER TABLE "users" DROP COLUMN "notifications_reply_delivery";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "threads_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "replies_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "flags_id";
  DROP TYPE "public"."enum_users_notifications_reply_delivery";
  DROP TYPE "public"."enum_threads_status";
  DROP TYPE "public"."enum_replies_status";
  DROP TYPE "public"."enum_flags_target_collection";
  DROP TYPE "public"."enum_flags_reason";
  DROP TYPE "public"."enum_flags_status";`)
}
