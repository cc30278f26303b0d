import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_meetings_startsat_tz" AS ENUM('Europe/London');
  CREATE TYPE "public"."enum_meetings_endsat_tz" AS ENUM('Europe/London');
  CREATE TYPE "public"."enum_meetings_status" AS ENUM('scheduled', 'held', 'cancelled');
  CREATE TYPE "public"."enum_meetings_minutes_status" AS ENUM('draft', 'approved', 'published');
  CREATE TYPE "public"."enum_meetings_minutes_visibility" AS ENUM('public', 'members');
  CREATE TYPE "public"."enum_actions_status" AS ENUM('open', 'in-progress', 'done', 'dropped');
  ALTER TYPE "public"."enum_users_roles" ADD VALUE 'reporter';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'remindMeetings';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'remindMeetings';
  CREATE TABLE "meetings_agenda" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"presenter" varchar,
  	"thread_id" integer
  );
  
  CREATE TABLE "meetings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"locality_id" integer NOT NULL,
  	"title" varchar NOT NULL,
  	"starts_at" timestamp(3) with time zone NOT NULL,
  	"startsat_tz" "enum_meetings_startsat_tz" DEFAULT 'Europe/London' NOT NULL,
  	"ends_at" timestamp(3) with time zone NOT NULL,
  	"endsat_tz" "enum_meetings_endsat_tz" DEFAULT 'Europe/London' NOT NULL,
  	"nominal_date" varchar,
  	"venue_name" varchar,
  	"venue_address" varchar,
  	"venue_accessibility" varchar,
  	"online" varchar,
  	"status" "enum_meetings_status" DEFAULT 'scheduled' NOT NULL,
  	"cancellation_reason" varchar,
  	"attendance_total" numeric,
  	"attendance_first_timers" numeric,
  	"minutes" jsonb,
  	"minutes_status" "enum_meetings_minutes_status" DEFAULT 'draft' NOT NULL,
  	"minutes_visibility" "enum_meetings_minutes_visibility" DEFAULT 'members' NOT NULL,
  	"minutes_published_at" timestamp(3) with time zone,
  	"sequence" numeric DEFAULT 0,
  	"is_demo" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "actions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"description" varchar NOT NULL,
  	"meeting_id" integer,
  	"thread_id" integer,
  	"story_id" integer,
  	"locality_id" integer,
  	"owner" varchar,
  	"status" "enum_actions_status" DEFAULT 'open' NOT NULL,
  	"outcome" varchar,
  	"raised_on" timestamp(3) with time zone,
  	"target_date" timestamp(3) with time zone,
  	"completed_at" timestamp(3) with time zone,
  	"is_demo" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "meeting_reminders" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"meeting_id" integer NOT NULL,
  	"member_id" integer NOT NULL,
  	"sent_at" timestamp(3) with time zone NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "meeting_settings_closure_days" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"date" varchar NOT NULL,
  	"name" varchar NOT NULL
  );
  
  CREATE TABLE "meeting_settings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "meetings_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "actions_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "meeting_reminders_id" integer;
  ALTER TABLE "meetings_agenda" ADD CONSTRAINT "meetings_agenda_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "meetings_agenda" ADD CONSTRAINT "meetings_agenda_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "meetings" ADD CONSTRAINT "meetings_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "actions" ADD CONSTRAINT "actions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "actions" ADD CONSTRAINT "actions_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "actions" ADD CONSTRAINT "actions_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "actions" ADD CONSTRAINT "actions_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "meeting_reminders" ADD CONSTRAINT "meeting_reminders_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "meeting_reminders" ADD CONSTRAINT "meeting_reminders_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "meeting_settings_closure_days" ADD CONSTRAINT "meeting_settings_closure_days_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."meeting_settings"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "meetings_agenda_order_idx" ON "meetings_agenda" USING btree ("_order");
  CREATE INDEX "meetings_agenda_parent_id_idx" ON "meetings_agenda" USING btree ("_parent_id");
  CREATE INDEX "meetings_agenda_thread_idx" ON "meetings_agenda" USING btree ("thread_id");
  CREATE INDEX "meetings_locality_idx" ON "meetings" USING btree ("locality_id");
  CREATE INDEX "meetings_starts_at_idx" ON "meetings" USING btree ("starts_at");
  CREATE INDEX "meetings_status_idx" ON "meetings" USING btree ("status");
  CREATE INDEX "meetings_updated_at_idx" ON "meetings" USING btree ("updated_at");
  CREATE INDEX "meetings_created_at_idx" ON "meetings" USING btree ("created_at");
  CREATE INDEX "actions_meeting_idx" ON "actions" USING btree ("meeting_id");
  CREATE INDEX "actions_thread_idx" ON "actions" USING btree ("thread_id");
  CREATE INDEX "actions_story_idx" ON "actions" USING btree ("story_id");
  CREATE INDEX "actions_locality_idx" ON "actions" USING btree ("locality_id");
  CREATE INDEX "actions_status_idx" ON "actions" USING btree ("status");
  CREATE INDEX "actions_raised_on_idx" ON "actions" USING btree ("raised_on");
  CREATE INDEX "actions_updated_at_idx" ON "actions" USING btree ("updated_at");
  CREATE INDEX "actions_created_at_idx" ON "actions" USING btree ("created_at");
  CREATE UNIQUE INDEX "meeting_reminders_key_idx" ON "meeting_reminders" USING btree ("key");
  CREATE INDEX "meeting_reminders_meeting_idx" ON "meeting_reminders" USING btree ("meeting_id");
  CREATE INDEX "meeting_reminders_member_idx" ON "meeting_reminders" USING btree ("member_id");
  CREATE INDEX "meeting_reminders_updated_at_idx" ON "meeting_reminders" USING btree ("updated_at");
  CREATE INDEX "meeting_reminders_created_at_idx" ON "meeting_reminders" USING btree ("created_at");
  CREATE INDEX "meeting_settings_closure_days_order_idx" ON "meeting_settings_closure_days" USING btree ("_order");
  CREATE INDEX "meeting_settings_closure_days_parent_id_idx" ON "meeting_settings_closure_days" USING btree ("_parent_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_meetings_fk" FOREIGN KEY ("meetings_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_actions_fk" FOREIGN KEY ("actions_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_meeting_reminders_fk" FOREIGN KEY ("meeting_reminders_id") REFERENCES "public"."meeting_reminders"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_meetings_id_idx" ON "payload_locked_documents_rels" USING btree ("meetings_id");
  CREATE INDEX "payload_locked_documents_rels_actions_id_idx" ON "payload_locked_documents_rels" USING btree ("actions_id");
  CREATE INDEX "payload_locked_documents_rels_meeting_reminders_id_idx" ON "payload_locked_documents_rels" USING btree ("meeting_reminders_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "meetings_agenda" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "meetings" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "actions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "meeting_reminders" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "meeting_settings_closure_days" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "meeting_settings" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "meetings_agenda" CASCADE;
  DROP TABLE "meetings" CASCADE;
  DROP TABLE "actions" CASCADE;
  DROP TABLE "meeting_reminders" CASCADE;
  DROP TABLE "meeting_settings_closure_days" CASCADE;
  DROP TABLE "meeting_settings" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_meetings_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_actions_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_meeting_reminders_fk";
  
  ALTER TABLE "users_roles" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_users_roles";
  CREATE TYPE "public"."enum_users_roles" AS ENUM('member', 'moderator', 'admin');
  ALTER TABLE "users_roles" ALTER COLUMN "value" SET DATA TYPE "public"."enum_users_roles" USING "value"::"public"."enum_users_roles";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendEmail', 'remindConsentRenewals', 'sendDigests');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendEmail', 'remindConsentRenewals', 'sendDigests');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_meetings_id_idx";
  DROP INDEX "payload_locked_documents_rels_actions_id_idx";
  DROP INDEX "payload_locked_documents_rels_meeting_reminders_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "meetings_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "actions_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "meeting_reminders_id";
  DROP TYPE "public"."enum_meetings_startsat_tz";
  DROP TYPE "public"."enum_meetings_endsat_tz";
  DROP TYPE "public"."enum_meetings_status";
  DROP TYPE "public"."enum_meetings_minutes_status";
  DROP TYPE "public"."enum_meetings_minutes_visibility";
  DROP TYPE "public"."enum_actions_status";`)
}
