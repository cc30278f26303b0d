import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_threads_author_byline_staff_role" AS ENUM('moderator', 'safeguarding-lead', 'admin');
  CREATE TYPE "public"."enum_replies_author_byline_staff_role" AS ENUM('moderator', 'safeguarding-lead', 'admin');
  CREATE TABLE "reserved_names" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"word" varchar NOT NULL,
  	"note" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "data_steps" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"ran_at" timestamp(3) with time zone NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "threads" ADD COLUMN "author_byline_staff_role" "enum_threads_author_byline_staff_role";
  ALTER TABLE "replies" ADD COLUMN "author_byline_staff_role" "enum_replies_author_byline_staff_role";
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "reserved_names_id" integer;
  CREATE UNIQUE INDEX "reserved_names_word_idx" ON "reserved_names" USING btree ("word");
  CREATE INDEX "reserved_names_updated_at_idx" ON "reserved_names" USING btree ("updated_at");
  CREATE INDEX "reserved_names_created_at_idx" ON "reserved_names" USING btree ("created_at");
  CREATE UNIQUE INDEX "data_steps_name_idx" ON "data_steps" USING btree ("name");
  CREATE INDEX "data_steps_updated_at_idx" ON "data_steps" USING btree ("updated_at");
  CREATE INDEX "data_steps_created_at_idx" ON "data_steps" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_reserved_names_fk" FOREIGN KEY ("reserved_names_id") REFERENCES "public"."reserved_names"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_reserved_names_id_idx" ON "payload_locked_documents_rels" USING btree ("reserved_names_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "reserved_names" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "data_steps" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "reserved_names" CASCADE;
  DROP TABLE "data_steps" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_reserved_names_fk";
  
  DROP INDEX "payload_locked_documents_rels_reserved_names_id_idx";
  ALTER TABLE "threads" DROP COLUMN "author_byline_staff_role";
  ALTER TABLE "replies" DROP COLUMN "author_byline_staff_role";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "reserved_names_id";
  DROP TYPE "public"."enum_threads_author_byline_staff_role";
  DROP TYPE "public"."enum_replies_author_byline_staff_role";`)
}
