import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_directory_kinds_group" AS ENUM('mutual-aid', 'family', 'community', 'practical', 'health');
  CREATE TYPE "public"."enum_directory_entries_meets_frequency" AS ENUM('weekly', 'monthly');
  CREATE TYPE "public"."enum_directory_entries_meets_week" AS ENUM('1', '2', '3', '4', '-1');
  CREATE TYPE "public"."enum_directory_entries_meets_weekday" AS ENUM('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun');
  CREATE TYPE "public"."enum_directory_entries_accessibility" AS ENUM('step-free', 'hearing-loop', 'bsl', 'women-only', 'men-only', 'under-25s', 'lgbtq', 'online', 'children-welcome');
  CREATE TYPE "public"."enum_directory_entries_status" AS ENUM('suggested', 'approved', 'rejected');
  CREATE TYPE "public"."enum_directory_entries_suggestion_type" AS ENUM('entry', 'correction');
  CREATE TABLE "directory_kinds" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"group" "enum_directory_kinds_group" NOT NULL,
  	"order" numeric DEFAULT 0,
  	"is_demo" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "directory_entries_meets" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"frequency" "enum_directory_entries_meets_frequency" DEFAULT 'weekly' NOT NULL,
  	"week" "enum_directory_entries_meets_week",
  	"weekday" "enum_directory_entries_meets_weekday" NOT NULL,
  	"time" varchar NOT NULL,
  	"duration_minutes" numeric
  );
  
  CREATE TABLE "directory_entries_accessibility" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_directory_entries_accessibility",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "directory_entries" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"kind_id" integer NOT NULL,
  	"locality_id" integer NOT NULL,
  	"address" varchar,
  	"postcode" varchar,
  	"meets_note" varchar,
  	"cost" varchar,
  	"contact" varchar,
  	"website" varchar,
  	"description" varchar,
  	"status" "enum_directory_entries_status" DEFAULT 'suggested' NOT NULL,
  	"checked_on" timestamp(3) with time zone,
  	"suggestion_type" "enum_directory_entries_suggestion_type" DEFAULT 'entry',
  	"correction_of_id" integer,
  	"correction_note" varchar,
  	"suggested_by_id" integer,
  	"is_demo" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "directory_kinds_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "directory_entries_id" integer;
  ALTER TABLE "directory_entries_meets" ADD CONSTRAINT "directory_entries_meets_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."directory_entries"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "directory_entries_accessibility" ADD CONSTRAINT "directory_entries_accessibility_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."directory_entries"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_kind_id_directory_kinds_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."directory_kinds"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_correction_of_id_directory_entries_id_fk" FOREIGN KEY ("correction_of_id") REFERENCES "public"."directory_entries"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_suggested_by_id_users_id_fk" FOREIGN KEY ("suggested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "directory_kinds_name_idx" ON "directory_kinds" USING btree ("name");
  CREATE UNIQUE INDEX "directory_kinds_slug_idx" ON "directory_kinds" USING btree ("slug");
  CREATE INDEX "directory_kinds_updated_at_idx" ON "directory_kinds" USING btree ("updated_at");
  CREATE INDEX "directory_kinds_created_at_idx" ON "directory_kinds" USING btree ("created_at");
  CREATE INDEX "directory_entries_meets_order_idx" ON "directory_entries_meets" USING btree ("_order");
  CREATE INDEX "directory_entries_meets_parent_id_idx" ON "directory_entries_meets" USING btree ("_parent_id");
  CREATE INDEX "directory_entries_accessibility_order_idx" ON "directory_entries_accessibility" USING btree ("order");
  CREATE INDEX "directory_entries_accessibility_parent_idx" ON "directory_entries_accessibility" USING btree ("parent_id");
  CREATE INDEX "directory_entries_kind_idx" ON "directory_entries" USING btree ("kind_id");
  CREATE INDEX "directory_entries_locality_idx" ON "directory_entries" USING btree ("locality_id");
  CREATE INDEX "directory_entries_status_idx" ON "directory_entries" USING btree ("status");
  CREATE INDEX "directory_entries_checked_on_idx" ON "directory_entries" USING btree ("checked_on");
  CREATE INDEX "directory_entries_suggestion_type_idx" ON "directory_entries" USING btree ("suggestion_type");
  CREATE INDEX "directory_entries_correction_of_idx" ON "directory_entries" USING btree ("correction_of_id");
  CREATE INDEX "directory_entries_suggested_by_idx" ON "directory_entries" USING btree ("suggested_by_id");
  CREATE INDEX "directory_entries_updated_at_idx" ON "directory_entries" USING btree ("updated_at");
  CREATE INDEX "directory_entries_created_at_idx" ON "directory_entries" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_directory_kinds_fk" FOREIGN KEY ("directory_kinds_id") REFERENCES "public"."directory_kinds"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_directory_entries_fk" FOREIGN KEY ("directory_entries_id") REFERENCES "public"."directory_entries"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_directory_kinds_id_idx" ON "payload_locked_documents_rels" USING btree ("directory_kinds_id");
  CREATE INDEX "payload_locked_documents_rels_directory_entries_id_idx" ON "payload_locked_documents_rels" USING btree ("directory_entries_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "directory_kinds" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "directory_entries_meets" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "directory_entries_accessibility" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "directory_entries" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "directory_kinds" CASCADE;
  DROP TABLE "directory_entries_meets" CASCADE;
  DROP TABLE "directory_entries_accessibility" CASCADE;
  DROP TABLE "directory_entries" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_directory_kinds_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_directory_entries_fk";
  
  DROP INDEX "payload_locked_documents_rels_directory_kinds_id_idx";
  DROP INDEX "payload_locked_documents_rels_directory_entries_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "directory_kinds_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "directory_entries_id";
  DROP TYPE "public"."enum_directory_kinds_group";
  DROP TYPE "public"."enum_directory_entries_meets_frequency";
  DROP TYPE "public"."enum_directory_entries_meets_week";
  DROP TYPE "public"."enum_directory_entries_meets_weekday";
  DROP TYPE "public"."enum_directory_entries_accessibility";
  DROP TYPE "public"."enum_directory_entries_status";
  DROP TYPE "public"."enum_directory_entries_suggestion_type";`)
}
