import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_erasure_log_mode" AS ENUM('everything', 'keep-posts');
  CREATE TYPE "public"."enum_erasure_log_actor_role" AS ENUM('self', 'moderator', 'system');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'applyRetention';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'applyRetention';
  CREATE TABLE "data_exports" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" integer NOT NULL,
  	"token_hash" varchar NOT NULL,
  	"session_id" varchar,
  	"expires_at" timestamp(3) with time zone NOT NULL,
  	"downloaded_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "erasure_log" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" varchar NOT NULL,
  	"mode" "enum_erasure_log_mode" NOT NULL,
  	"actor_role" "enum_erasure_log_actor_role" NOT NULL,
  	"actor_id" varchar,
  	"erased_at" timestamp(3) with time zone NOT NULL,
  	"ids" jsonb NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "privacy_settings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"unverified_account_days" numeric DEFAULT 30 NOT NULL,
  	"private_note_months" numeric DEFAULT 24 NOT NULL,
  	"exports_per_day" numeric DEFAULT 3 NOT NULL,
  	"export_link_minutes" numeric DEFAULT 30 NOT NULL,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "consents" ALTER COLUMN "story_id" DROP NOT NULL;
  ALTER TABLE "consents" ALTER COLUMN "author_id" DROP NOT NULL;
  ALTER TABLE "consents" ALTER COLUMN "audience" DROP NOT NULL;
  ALTER TABLE "consents" ALTER COLUMN "byline" DROP NOT NULL;
  ALTER TABLE "consents" ALTER COLUMN "quote_in_reports" DROP NOT NULL;
  ALTER TABLE "consents" ALTER COLUMN "statement_version" DROP NOT NULL;
  ALTER TABLE "consents" ALTER COLUMN "statement_text" DROP NOT NULL;
  ALTER TABLE "consents" ALTER COLUMN "expires_at" DROP NOT NULL;
  ALTER TABLE "stories" ADD COLUMN "expiry_notified_version" numeric;
  ALTER TABLE "consents" ADD COLUMN "story_ref" varchar;
  ALTER TABLE "consents" ADD COLUMN "author_ref" varchar;
  ALTER TABLE "consents" ADD COLUMN "tombstone" boolean DEFAULT false;
  UPDATE "consents" SET "story_ref" = "story_id"::varchar, "author_ref" = "author_id"::varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "data_exports_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "erasure_log_id" integer;
  ALTER TABLE "data_exports" ADD CONSTRAINT "data_exports_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "data_exports_member_idx" ON "data_exports" USING btree ("member_id");
  CREATE UNIQUE INDEX "data_exports_token_hash_idx" ON "data_exports" USING btree ("token_hash");
  CREATE INDEX "data_exports_updated_at_idx" ON "data_exports" USING btree ("updated_at");
  CREATE INDEX "data_exports_created_at_idx" ON "data_exports" USING btree ("created_at");
  CREATE INDEX "erasure_log_member_id_idx" ON "erasure_log" USING btree ("member_id");
  CREATE INDEX "erasure_log_updated_at_idx" ON "erasure_log" USING btree ("updated_at");
  CREATE INDEX "erasure_log_created_at_idx" ON "erasure_log" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_data_exports_fk" FOREIGN KEY ("data_exports_id") REFERENCES "public"."data_exports"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_erasure_log_fk" FOREIGN KEY ("erasure_log_id") REFERENCES "public"."erasure_log"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "consents_story_ref_idx" ON "consents" USING btree ("story_ref");
  CREATE INDEX "consents_author_ref_idx" ON "consents" USING btree ("author_ref");
  CREATE INDEX "payload_locked_documents_rels_data_exports_id_idx" ON "payload_locked_documents_rels" USING btree ("data_exports_id");
  CREATE INDEX "payload_locked_documents_rels_erasure_log_id_idx" ON "payload_locked_documents_rels" USING btree ("erasure_log_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "data_exports" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "erasure_log" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "privacy_settings" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "data_exports" CASCADE;
  DROP TABLE "erasure_log" CASCADE;
  DROP TABLE "privacy_settings" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_data_exports_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_erasure_log_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendEmail', 'remindConsentRenewals', 'sendDigests', 'remindMeetings');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendEmail', 'remindConsentRenewals', 'sendDigests', 'remindMeetings');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "consents_story_ref_idx";
  DROP INDEX "consents_author_ref_idx";
  DROP INDEX "payload_locked_documents_rels_data_exports_id_idx";
  DROP INDEX "payload_locked_documents_rels_erasure_log_id_idx";
  ALTER TABLE "consents" ALTER COLUMN "story_id" SET NOT NULL;
  ALTER TABLE "consents" ALTER COLUMN "author_id" SET NOT NULL;
  ALTER TABLE "consents" ALTER COLUMN "audience" SET NOT NULL;
  ALTER TABLE "consents" ALTER COLUMN "byline" SET NOT NULL;
  ALTER TABLE "consents" ALTER COLUMN "quote_in_reports" SET NOT NULL;
  ALTER TABLE "consents" ALTER COLUMN "statement_version" SET NOT NULL;
  ALTER TABLE "consents" ALTER COLUMN "statement_text" SET NOT NULL;
  ALTER TABLE "consents" ALTER COLUMN "expires_at" SET NOT NULL;
  ALTER TABLE "stories" DROP COLUMN "expiry_notified_version";
  ALTER TABLE "consents" DROP COLUMN "story_ref";
  ALTER TABLE "consents" DROP COLUMN "author_ref";
  ALTER TABLE "consents" DROP COLUMN "tombstone";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "data_exports_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "erasure_log_id";
  DROP TYPE "public"."enum_erasure_log_mode";
  DROP TYPE "public"."enum_erasure_log_actor_role";`)
}
