import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_users_reading_hidden_warnings" AS ENUM('substance-use', 'relapse', 'overdose', 'self-harm', 'suicide', 'abuse-violence', 'bereavement', 'prison');
  CREATE TYPE "public"."enum_stories_narrator_type" AS ENUM('in-recovery', 'family-carer', 'professional', 'commissioner', 'supporter');
  CREATE TYPE "public"."enum_stories_recovery_stage" AS ENUM('early-days', 'a-while', 'long-term', 'supporting');
  CREATE TYPE "public"."enum_stories_tone" AS ENUM('hopeful', 'honest', 'practical');
  CREATE TYPE "public"."enum_stories_revision_narrator_type" AS ENUM('in-recovery', 'family-carer', 'professional', 'commissioner', 'supporter');
  CREATE TYPE "public"."enum_stories_revision_recovery_stage" AS ENUM('early-days', 'a-while', 'long-term', 'supporting');
  CREATE TYPE "public"."enum_stories_revision_tone" AS ENUM('hopeful', 'honest', 'practical');
  CREATE TABLE "users_reading_hidden_warnings" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_users_reading_hidden_warnings",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "stories_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"story_tags_id" integer
  );
  
  CREATE TABLE "story_tags" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"label" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "story_feedback_totals" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"story_id" integer NOT NULL,
  	"readers" numeric DEFAULT 0 NOT NULL,
  	"hope1" numeric DEFAULT 0 NOT NULL,
  	"hope2" numeric DEFAULT 0 NOT NULL,
  	"hope3" numeric DEFAULT 0 NOT NULL,
  	"hope4" numeric DEFAULT 0 NOT NULL,
  	"hope5" numeric DEFAULT 0 NOT NULL,
  	"connection1" numeric DEFAULT 0 NOT NULL,
  	"connection2" numeric DEFAULT 0 NOT NULL,
  	"connection3" numeric DEFAULT 0 NOT NULL,
  	"connection4" numeric DEFAULT 0 NOT NULL,
  	"connection5" numeric DEFAULT 0 NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "story_pair_counts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"story_a_id" integer NOT NULL,
  	"story_b_id" integer NOT NULL,
  	"count" numeric DEFAULT 0 NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "story_feedback_marks" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"reader_key" varchar NOT NULL,
  	"story_id" integer NOT NULL,
  	"helpful" boolean DEFAULT false,
  	"expires_at" timestamp(3) with time zone NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "reading_records" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" integer NOT NULL,
  	"story_id" integer NOT NULL,
  	"hope" numeric,
  	"connection" numeric,
  	"answered_at" timestamp(3) with time zone NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "users" ADD COLUMN "reading_remember_reading" boolean DEFAULT false;
  ALTER TABLE "stories" ADD COLUMN "narrator_type" "enum_stories_narrator_type";
  ALTER TABLE "stories" ADD COLUMN "recovery_stage" "enum_stories_recovery_stage";
  ALTER TABLE "stories" ADD COLUMN "tone" "enum_stories_tone";
  ALTER TABLE "stories" ADD COLUMN "revision_narrator_type" "enum_stories_revision_narrator_type";
  ALTER TABLE "stories" ADD COLUMN "revision_recovery_stage" "enum_stories_revision_recovery_stage";
  ALTER TABLE "stories" ADD COLUMN "revision_tone" "enum_stories_revision_tone";
  ALTER TABLE "stories" ADD COLUMN "redaction_characteristics" jsonb;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "story_tags_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "story_feedback_totals_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "story_pair_counts_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "story_feedback_marks_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "reading_records_id" integer;
  ALTER TABLE "users_reading_hidden_warnings" ADD CONSTRAINT "users_reading_hidden_warnings_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "stories_rels" ADD CONSTRAINT "stories_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "stories_rels" ADD CONSTRAINT "stories_rels_story_tags_fk" FOREIGN KEY ("story_tags_id") REFERENCES "public"."story_tags"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "story_feedback_totals" ADD CONSTRAINT "story_feedback_totals_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "story_pair_counts" ADD CONSTRAINT "story_pair_counts_story_a_id_stories_id_fk" FOREIGN KEY ("story_a_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "story_pair_counts" ADD CONSTRAINT "story_pair_counts_story_b_id_stories_id_fk" FOREIGN KEY ("story_b_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "story_feedback_marks" ADD CONSTRAINT "story_feedback_marks_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reading_records" ADD CONSTRAINT "reading_records_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reading_records" ADD CONSTRAINT "reading_records_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "users_reading_hidden_warnings_order_idx" ON "users_reading_hidden_warnings" USING btree ("order");
  CREATE INDEX "users_reading_hidden_warnings_parent_idx" ON "users_reading_hidden_warnings" USING btree ("parent_id");
  CREATE INDEX "stories_rels_order_idx" ON "stories_rels" USING btree ("order");
  CREATE INDEX "stories_rels_parent_idx" ON "stories_rels" USING btree ("parent_id");
  CREATE INDEX "stories_rels_path_idx" ON "stories_rels" USING btree ("path");
  CREATE INDEX "stories_rels_story_tags_id_idx" ON "stories_rels" USING btree ("story_tags_id");
  CREATE UNIQUE INDEX "story_tags_label_idx" ON "story_tags" USING btree ("label");
  CREATE UNIQUE INDEX "story_tags_slug_idx" ON "story_tags" USING btree ("slug");
  CREATE INDEX "story_tags_updated_at_idx" ON "story_tags" USING btree ("updated_at");
  CREATE INDEX "story_tags_created_at_idx" ON "story_tags" USING btree ("created_at");
  CREATE UNIQUE INDEX "story_feedback_totals_story_idx" ON "story_feedback_totals" USING btree ("story_id");
  CREATE INDEX "story_feedback_totals_updated_at_idx" ON "story_feedback_totals" USING btree ("updated_at");
  CREATE INDEX "story_feedback_totals_created_at_idx" ON "story_feedback_totals" USING btree ("created_at");
  CREATE INDEX "story_pair_counts_story_a_idx" ON "story_pair_counts" USING btree ("story_a_id");
  CREATE INDEX "story_pair_counts_story_b_idx" ON "story_pair_counts" USING btree ("story_b_id");
  CREATE INDEX "story_pair_counts_count_idx" ON "story_pair_counts" USING btree ("count");
  CREATE INDEX "story_pair_counts_updated_at_idx" ON "story_pair_counts" USING btree ("updated_at");
  CREATE INDEX "story_pair_counts_created_at_idx" ON "story_pair_counts" USING btree ("created_at");
  CREATE UNIQUE INDEX "storyA_storyB_idx" ON "story_pair_counts" USING btree ("story_a_id","story_b_id");
  CREATE INDEX "story_feedback_marks_reader_key_idx" ON "story_feedback_marks" USING btree ("reader_key");
  CREATE INDEX "story_feedback_marks_story_idx" ON "story_feedback_marks" USING btree ("story_id");
  CREATE INDEX "story_feedback_marks_expires_at_idx" ON "story_feedback_marks" USING btree ("expires_at");
  CREATE INDEX "story_feedback_marks_updated_at_idx" ON "story_feedback_marks" USING btree ("updated_at");
  CREATE INDEX "story_feedback_marks_created_at_idx" ON "story_feedback_marks" USING btree ("created_at");
  CREATE UNIQUE INDEX "readerKey_story_idx" ON "story_feedback_marks" USING btree ("reader_key","story_id");
  CREATE INDEX "reading_records_member_idx" ON "reading_records" USING btree ("member_id");
  CREATE INDEX "reading_records_story_idx" ON "reading_records" USING btree ("story_id");
  CREATE INDEX "reading_records_updated_at_idx" ON "reading_records" USING btree ("updated_at");
  CREATE INDEX "reading_records_created_at_idx" ON "reading_records" USING btree ("created_at");
  CREATE UNIQUE INDEX "member_story_idx" ON "reading_records" USING btree ("member_id","story_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_story_tags_fk" FOREIGN KEY ("story_tags_id") REFERENCES "public"."story_tags"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_story_feedback_totals_fk" FOREIGN KEY ("story_feedback_totals_id") REFERENCES "public"."story_feedback_totals"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_story_pair_counts_fk" FOREIGN KEY ("story_pair_counts_id") REFERENCES "public"."story_pair_counts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_story_feedback_marks_fk" FOREIGN KEY ("story_feedback_marks_id") REFERENCES "public"."story_feedback_marks"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_reading_records_fk" FOREIGN KEY ("reading_records_id") REFERENCES "public"."reading_records"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_story_tags_id_idx" ON "payload_locked_documents_rels" USING btree ("story_tags_id");
  CREATE INDEX "payload_locked_documents_rels_story_feedback_totals_id_idx" ON "payload_locked_documents_rels" USING btree ("story_feedback_totals_id");
  CREATE INDEX "payload_locked_documents_rels_story_pair_counts_id_idx" ON "payload_locked_documents_rels" USING btree ("story_pair_counts_id");
  CREATE INDEX "payload_locked_documents_rels_story_feedback_marks_id_idx" ON "payload_locked_documents_rels" USING btree ("story_feedback_marks_id");
  CREATE INDEX "payload_locked_documents_rels_reading_records_id_idx" ON "payload_locked_documents_rels" USING btree ("reading_records_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users_reading_hidden_warnings" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "stories_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "story_tags" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "story_feedback_totals" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "story_pair_counts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "story_feedback_marks" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "reading_records" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "users_reading_hidden_warnings" CASCADE;
  DROP TABLE "stories_rels" CASCADE;
  DROP TABLE "story_tags" CASCADE;
  DROP TABLE "story_feedback_totals" CASCADE;
  DROP TABLE "story_pair_counts" CASCADE;
  DROP TABLE "story_feedback_marks" CASCADE;
  DROP TABLE "reading_records" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_story_tags_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_story_feedback_totals_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_story_pair_counts_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_story_feedback_marks_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_reading_records_fk";
  
  DROP INDEX "payload_locked_documents_rels_story_tags_id_idx";
  DROP INDEX "payload_locked_documents_rels_story_feedback_totals_id_idx";
  DROP INDEX "payload_locked_documents_rels_story_pair_counts_id_idx";
  DROP INDEX "payload_locked_documents_rels_story_feedback_marks_id_idx";
  DROP INDEX "payload_locked_documents_rels_reading_records_id_idx";
  ALTER TABLE "users" DROP COLUMN "reading_remember_reading";
  ALTER TABLE "stories" DROP COLUMN "narrator_type";
  ALTER TABLE "stories" DROP COLUMN "recovery_stage";
  ALTER TABLE "stories" DROP COLUMN "tone";
  ALTER TABLE "stories" DROP COLUMN "revision_narrator_type";
  ALTER TABLE "stories" DROP COLUMN "revision_recovery_stage";
  ALTER TABLE "stories" DROP COLUMN "revision_tone";
  ALTER TABLE "stories" DROP COLUMN "redaction_characteristics";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "story_tags_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "story_feedback_totals_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "story_pair_counts_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "story_feedback_marks_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "reading_records_id";
  DROP TYPE "public"."enum_users_reading_hidden_warnings";
  DROP TYPE "public"."enum_stories_narrator_type";
  DROP TYPE "public"."enum_stories_recovery_stage";
  DROP TYPE "public"."enum_stories_tone";
  DROP TYPE "public"."enum_stories_revision_narrator_type";
  DROP TYPE "public"."enum_stories_revision_recovery_stage";
  DROP TYPE "public"."enum_stories_revision_tone";`)
}
