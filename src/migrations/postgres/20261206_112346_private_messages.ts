import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_conversations_kind" ADD VALUE 'member';
  ALTER TYPE "public"."enum_messages_kind" ADD VALUE 'member';
  ALTER TABLE "users" ADD COLUMN "notifications_notify_messages" boolean DEFAULT true;
  ALTER TABLE "conversations" ADD COLUMN "other_member_id" integer;
  ALTER TABLE "conversations" ADD COLUMN "other_member_name" varchar;
  ALTER TABLE "conversations" ADD COLUMN "other_unread" boolean DEFAULT false;
  ALTER TABLE "conversations" ADD COLUMN "member_blocked" boolean DEFAULT false;
  ALTER TABLE "conversations" ADD COLUMN "other_blocked" boolean DEFAULT false;
  ALTER TABLE "conversations" ADD COLUMN "reported" boolean DEFAULT false;
  ALTER TABLE "conversations" ADD COLUMN "reported_at" timestamp(3) with time zone;
  ALTER TABLE "conversations" ADD COLUMN "report_reason" varchar;
  ALTER TABLE "messages" ADD COLUMN "other_member_id" integer;
  ALTER TABLE "messages" ADD COLUMN "reported" boolean DEFAULT false;
  ALTER TABLE "messages" ADD COLUMN "crisis_hold" boolean DEFAULT false;
  ALTER TABLE "conversations" ADD CONSTRAINT "conversations_other_member_id_users_id_fk" FOREIGN KEY ("other_member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_other_member_id_users_id_fk" FOREIGN KEY ("other_member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "conversations_other_member_idx" ON "conversations" USING btree ("other_member_id");
  CREATE INDEX "conversations_other_unread_idx" ON "conversations" USING btree ("other_unread");
  CREATE INDEX "conversations_reported_idx" ON "conversations" USING btree ("reported");
  CREATE INDEX "messages_other_member_idx" ON "messages" USING btree ("other_member_id");
  CREATE INDEX "messages_reported_idx" ON "messages" USING btree ("reported");
  CREATE INDEX "messages_crisis_hold_idx" ON "messages" USING btree ("crisis_hold");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "conversations" DROP CONSTRAINT "conversations_other_member_id_users_id_fk";
  
  ALTER TABLE "messages" DROP CONSTRAINT "messages_other_member_id_users_id_fk";
  
  ALTER TABLE "conversations" ALTER COLUMN "kind" SET DATA TYPE text;
  DROP TYPE "public"."enum_conversations_kind";
  CREATE TYPE "public"."enum_conversations_kind" AS ENUM('safeguarding');
  ALTER TABLE "conversations" ALTER COLUMN "kind" SET DATA TYPE "public"."enum_conversations_kind" USING "kind"::"public"."enum_conversations_kind";
  ALTER TABLE "messages" ALTER COLUMN "kind" SET DATA TYPE text;
  DROP TYPE "public"."enum_messages_kind";
  CREATE TYPE "public"."enum_messages_kind" AS ENUM('safeguarding');
  ALTER TABLE "messages" ALTER COLUMN "kind" SET DATA TYPE "public"."enum_messages_kind" USING "kind"::"public"."enum_messages_kind";
  DROP INDEX "conversations_other_member_idx";
  DROP INDEX "conversations_other_unread_idx";
  DROP INDEX "conversations_reported_idx";
  DROP INDEX "messages_other_member_idx";
  DROP INDEX "messages_reported_idx";
  DROP INDEX "messages_crisis_hold_idx";
  ALTER TABLE "users" DROP COLUMN "notifications_notify_messages";
  ALTER TABLE "conversations" DROP COLUMN "other_member_id";
  ALTER TABLE "conversations" DROP COLUMN "other_member_name";
  ALTER TABLE "conversations" DROP COLUMN "other_unread";
  ALTER TABLE "conversations" DROP COLUMN "member_blocked";
  ALTER TABLE "conversations" DROP COLUMN "other_blocked";
  ALTER TABLE "conversations" DROP COLUMN "reported";
  ALTER TABLE "conversations" DROP COLUMN "reported_at";
  ALTER TABLE "conversations" DROP COLUMN "report_reason";
  ALTER TABLE "messages" DROP COLUMN "other_member_id";
  ALTER TABLE "messages" DROP COLUMN "reported";
  ALTER TABLE "messages" DROP COLUMN "crisis_hold";`)
}
