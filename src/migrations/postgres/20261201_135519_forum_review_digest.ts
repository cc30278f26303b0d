import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'sendDigests';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'sendDigests';
  ALTER TABLE "users" ADD COLUMN "digest_checked_at" timestamp(3) with time zone;
  ALTER TABLE "threads" ADD COLUMN "needs_review" boolean DEFAULT false;
  ALTER TABLE "replies" ADD COLUMN "needs_review" boolean DEFAULT false;
  CREATE INDEX "threads_needs_review_idx" ON "threads" USING btree ("needs_review");
  CREATE INDEX "replies_needs_review_idx" ON "replies" USING btree ("needs_review");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendEmail', 'remindConsentRenewals');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendEmail', 'remindConsentRenewals');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "threads_needs_review_idx";
  DROP INDEX "replies_needs_review_idx";
  ALTER TABLE "users" DROP COLUMN "digest_checked_at";
  ALTER TABLE "threads" DROP COLUMN "needs_review";
  ALTER TABLE "replies" DROP COLUMN "needs_review";`)
}
