import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_threads_edit_history_editor_role" AS ENUM('author', 'moderator', 'system');
  CREATE TYPE "public"."enum_replies_edit_history_editor_role" AS ENUM('author', 'moderator', 'system');
  CREATE TABLE "threads_edit_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"body" varchar,
  	"replaced_at" timestamp(3) with time zone,
  	"edited_by_id" integer,
  	"editor_role" "enum_threads_edit_history_editor_role"
  );
  
  CREATE TABLE "replies_edit_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"body" varchar,
  	"replaced_at" timestamp(3) with time zone,
  	"edited_by_id" integer,
  	"editor_role" "enum_replies_edit_history_editor_role"
  );
  
  ALTER TABLE "threads" ADD COLUMN "edited_at" timestamp(3) with time zone;
  ALTER TABLE "replies" ADD COLUMN "edited_at" timestamp(3) with time zone;
  ALTER TABLE "threads_edit_history" ADD CONSTRAINT "threads_edit_history_edited_by_id_users_id_fk" FOREIGN KEY ("edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "threads_edit_history" ADD CONSTRAINT "threads_edit_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "replies_edit_history" ADD CONSTRAINT "replies_edit_history_edited_by_id_users_id_fk" FOREIGN KEY ("edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "replies_edit_history" ADD CONSTRAINT "replies_edit_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."replies"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "threads_edit_history_order_idx" ON "threads_edit_history" USING btree ("_order");
  CREATE INDEX "threads_edit_history_parent_id_idx" ON "threads_edit_history" USING btree ("_parent_id");
  CREATE INDEX "threads_edit_history_edited_by_idx" ON "threads_edit_history" USING btree ("edited_by_id");
  CREATE INDEX "replies_edit_history_order_idx" ON "replies_edit_history" USING btree ("_order");
  CREATE INDEX "replies_edit_history_parent_id_idx" ON "replies_edit_history" USING btree ("_parent_id");
  CREATE INDEX "replies_edit_history_edited_by_idx" ON "replies_edit_history" USING btree ("edited_by_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "threads_edit_history" CASCADE;
  DROP TABLE "replies_edit_history" CASCADE;
  ALTER TABLE "threads" DROP COLUMN "edited_at";
  ALTER TABLE "replies" DROP COLUMN "edited_at";
  DROP TYPE "public"."enum_threads_edit_history_editor_role";
  DROP TYPE "public"."enum_replies_edit_history_editor_role";`)
}
