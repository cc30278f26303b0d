import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_watched_words_kind" AS ENUM('phrase', 'pattern');
  CREATE TYPE "public"."enum_crisis_alerts_target_collection" AS ENUM('stories', 'threads', 'replies', 'consents', 'flags', 'users', 'media', 'messages');
  CREATE TYPE "public"."enum_crisis_alerts_outcome" AS ENUM('hold', 'alert');
  CREATE TYPE "public"."enum_crisis_alerts_status" AS ENUM('open', 'handled');
  CREATE TYPE "public"."enum_conversations_kind" AS ENUM('safeguarding');
  CREATE TYPE "public"."enum_conversations_status" AS ENUM('open', 'closed');
  CREATE TYPE "public"."enum_messages_kind" AS ENUM('safeguarding');
  ALTER TYPE "public"."enum_watched_words_action" ADD VALUE 'context';
  ALTER TYPE "public"."enum_watched_words_action" ADD VALUE 'past';
  CREATE TABLE "crisis_alerts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" integer,
  	"member_name" varchar,
  	"target_collection" "enum_crisis_alerts_target_collection" NOT NULL,
  	"target_id" varchar NOT NULL,
  	"locality_id" integer,
  	"outcome" "enum_crisis_alerts_outcome" NOT NULL,
  	"private_draft" boolean DEFAULT false,
  	"matched" jsonb,
  	"match_count" numeric DEFAULT 1,
  	"last_matched_at" timestamp(3) with time zone,
  	"status" "enum_crisis_alerts_status" DEFAULT 'open' NOT NULL,
  	"handled_by_id" integer,
  	"handled_at" timestamp(3) with time zone,
  	"handled_note" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "crisis_services" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"locality_id" integer NOT NULL,
  	"name" varchar NOT NULL,
  	"phone" varchar,
  	"text" varchar,
  	"website" varchar,
  	"hours" varchar,
  	"note" varchar,
  	"order" numeric DEFAULT 0,
  	"is_demo" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "conversations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"kind" "enum_conversations_kind" NOT NULL,
  	"member_id" integer NOT NULL,
  	"member_name" varchar,
  	"locality_id" integer,
  	"alert_id" integer,
  	"started_by_id" integer,
  	"last_message_at" timestamp(3) with time zone,
  	"member_unread" boolean DEFAULT false,
  	"staff_unread" boolean DEFAULT false,
  	"status" "enum_conversations_status" DEFAULT 'open' NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "messages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"conversation_id" integer NOT NULL,
  	"kind" "enum_messages_kind" NOT NULL,
  	"member_id" integer NOT NULL,
  	"locality_id" integer,
  	"sender_id" integer,
  	"sender_label" varchar,
  	"from_member" boolean DEFAULT false,
  	"body" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "moderation_events" ADD COLUMN "locality_id" integer;
  ALTER TABLE "watched_words" ADD COLUMN "kind" "enum_watched_words_kind" DEFAULT 'phrase' NOT NULL;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "crisis_alerts_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "crisis_services_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "conversations_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "messages_id" integer;
  ALTER TABLE "crisis_alerts" ADD CONSTRAINT "crisis_alerts_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "crisis_alerts" ADD CONSTRAINT "crisis_alerts_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "crisis_alerts" ADD CONSTRAINT "crisis_alerts_handled_by_id_users_id_fk" FOREIGN KEY ("handled_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "crisis_services" ADD CONSTRAINT "crisis_services_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "conversations" ADD CONSTRAINT "conversations_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "conversations" ADD CONSTRAINT "conversations_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "conversations" ADD CONSTRAINT "conversations_alert_id_crisis_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."crisis_alerts"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "conversations" ADD CONSTRAINT "conversations_started_by_id_users_id_fk" FOREIGN KEY ("started_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "crisis_alerts_member_idx" ON "crisis_alerts" USING btree ("member_id");
  CREATE INDEX "crisis_alerts_target_id_idx" ON "crisis_alerts" USING btree ("target_id");
  CREATE INDEX "crisis_alerts_locality_idx" ON "crisis_alerts" USING btree ("locality_id");
  CREATE INDEX "crisis_alerts_status_idx" ON "crisis_alerts" USING btree ("status");
  CREATE INDEX "crisis_alerts_handled_by_idx" ON "crisis_alerts" USING btree ("handled_by_id");
  CREATE INDEX "crisis_alerts_updated_at_idx" ON "crisis_alerts" USING btree ("updated_at");
  CREATE INDEX "crisis_alerts_created_at_idx" ON "crisis_alerts" USING btree ("created_at");
  CREATE INDEX "crisis_services_locality_idx" ON "crisis_services" USING btree ("locality_id");
  CREATE INDEX "crisis_services_updated_at_idx" ON "crisis_services" USING btree ("updated_at");
  CREATE INDEX "crisis_services_created_at_idx" ON "crisis_services" USING btree ("created_at");
  CREATE INDEX "conversations_kind_idx" ON "conversations" USING btree ("kind");
  CREATE INDEX "conversations_member_idx" ON "conversations" USING btree ("member_id");
  CREATE INDEX "conversations_locality_idx" ON "conversations" USING btree ("locality_id");
  CREATE INDEX "conversations_alert_idx" ON "conversations" USING btree ("alert_id");
  CREATE INDEX "conversations_started_by_idx" ON "conversations" USING btree ("started_by_id");
  CREATE INDEX "conversations_last_message_at_idx" ON "conversations" USING btree ("last_message_at");
  CREATE INDEX "conversations_member_unread_idx" ON "conversations" USING btree ("member_unread");
  CREATE INDEX "conversations_staff_unread_idx" ON "conversations" USING btree ("staff_unread");
  CREATE INDEX "conversations_updated_at_idx" ON "conversations" USING btree ("updated_at");
  CREATE INDEX "conversations_created_at_idx" ON "conversations" USING btree ("created_at");
  CREATE INDEX "messages_conversation_idx" ON "messages" USING btree ("conversation_id");
  CREATE INDEX "messages_member_idx" ON "messages" USING btree ("member_id");
  CREATE INDEX "messages_locality_idx" ON "messages" USING btree ("locality_id");
  CREATE INDEX "messages_sender_idx" ON "messages" USING btree ("sender_id");
  CREATE INDEX "messages_updated_at_idx" ON "messages" USING btree ("updated_at");
  CREATE INDEX "messages_created_at_idx" ON "messages" USING btree ("created_at");
  ALTER TABLE "moderation_events" ADD CONSTRAINT "moderation_events_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_crisis_alerts_fk" FOREIGN KEY ("crisis_alerts_id") REFERENCES "public"."crisis_alerts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_crisis_services_fk" FOREIGN KEY ("crisis_services_id") REFERENCES "public"."crisis_services"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_conversations_fk" FOREIGN KEY ("conversations_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_messages_fk" FOREIGN KEY ("messages_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "moderation_events_locality_idx" ON "moderation_events" USING btree ("locality_id");
  CREATE INDEX "payload_locked_documents_rels_crisis_alerts_id_idx" ON "payload_locked_documents_rels" USING btree ("crisis_alerts_id");
  CREATE INDEX "payload_locked_documents_rels_crisis_services_id_idx" ON "payload_locked_documents_rels" USING btree ("crisis_services_id");
  CREATE INDEX "payload_locked_documents_rels_conversations_id_idx" ON "payload_locked_documents_rels" USING btree ("conversations_id");
  CREATE INDEX "payload_locked_documents_rels_messages_id_idx" ON "payload_locked_documents_rels" USING btree ("messages_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "crisis_alerts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "crisis_services" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "conversations" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "messages" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "crisis_alerts" CASCADE;
  DROP TABLE "crisis_services" CASCADE;
  DROP TABLE "conversations" CASCADE;
  DROP TABLE "messages" CASCADE;
  ALTER TABLE "moderation_events" DROP CONSTRAINT "moderation_events_locality_id_localities_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_crisis_alerts_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_crisis_services_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_conversations_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_messages_fk";
  
  ALTER TABLE "watched_words" ALTER COLUMN "action" SET DATA TYPE text;
  DROP TYPE "public"."enum_watched_words_action";
  CREATE TYPE "public"."enum_watched_words_action" AS ENUM('crisis', 'block', 'require-approval', 'flag');
  ALTER TABLE "watched_words" ALTER COLUMN "action" SET DATA TYPE "public"."enum_watched_words_action" USING "action"::"public"."enum_watched_words_action";
  DROP INDEX "moderation_events_locality_idx";
  DROP INDEX "payload_locked_documents_rels_crisis_alerts_id_idx";
  DROP INDEX "payload_locked_documents_rels_crisis_services_id_idx";
  DROP INDEX "payload_locked_documents_rels_conversations_id_idx";
  DROP INDEX "payload_locked_documents_rels_messages_id_idx";
  ALTER TABLE "moderation_events" DROP COLUMN "locality_id";
  ALTER TABLE "watched_words" DROP COLUMN "kind";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "crisis_alerts_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "crisis_services_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "conversations_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "messages_id";
  DROP TYPE "public"."enum_watched_words_kind";
  DROP TYPE "public"."enum_crisis_alerts_target_collection";
  DROP TYPE "public"."enum_crisis_alerts_outcome";
  DROP TYPE "public"."enum_crisis_alerts_status";
  DROP TYPE "public"."enum_conversations_kind";
  DROP TYPE "public"."enum_conversations_status";
  DROP TYPE "public"."enum_messages_kind";`)
}
