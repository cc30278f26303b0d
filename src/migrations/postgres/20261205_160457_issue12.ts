import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "join_codes" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"code" varchar NOT NULL,
  	"meeting_id" integer NOT NULL,
  	"expires_at" timestamp(3) with time zone NOT NULL,
  	"created_by_id" integer,
  	"uses" numeric DEFAULT 0,
  	"max_uses" numeric DEFAULT 300,
  	"closed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "users" ADD COLUMN "member_type_confirmed" boolean DEFAULT false;
  ALTER TABLE "users" ADD COLUMN "member_type_confirmed_by_id" integer;
  ALTER TABLE "users" ADD COLUMN "member_type_confirmed_at" timestamp(3) with time zone;
  ALTER TABLE "threads" ADD COLUMN "author_byline_member_type_confirmed" boolean DEFAULT false;
  ALTER TABLE "replies" ADD COLUMN "author_byline_member_type_confirmed" boolean DEFAULT false;
  ALTER TABLE "meetings" ADD COLUMN "admin_title" varchar;
  ALTER TABLE "meetings" ADD COLUMN "attendance_joined_with_code" numeric DEFAULT 0;
  ALTER TABLE "meetings" ADD COLUMN "minutes_recorded_by_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "join_codes_id" integer;
  ALTER TABLE "meeting_settings" ADD COLUMN "minutes_need_second_moderator" boolean DEFAULT false;
  ALTER TABLE "join_codes" ADD CONSTRAINT "join_codes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "join_codes" ADD CONSTRAINT "join_codes_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "join_codes_code_idx" ON "join_codes" USING btree ("code");
  CREATE INDEX "join_codes_meeting_idx" ON "join_codes" USING btree ("meeting_id");
  CREATE INDEX "join_codes_expires_at_idx" ON "join_codes" USING btree ("expires_at");
  CREATE INDEX "join_codes_created_by_idx" ON "join_codes" USING btree ("created_by_id");
  CREATE INDEX "join_codes_updated_at_idx" ON "join_codes" USING btree ("updated_at");
  CREATE INDEX "join_codes_created_at_idx" ON "join_codes" USING btree ("created_at");
  ALTER TABLE "users" ADD CONSTRAINT "users_member_type_confirmed_by_id_users_id_fk" FOREIGN KEY ("member_type_confirmed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "meetings" ADD CONSTRAINT "meetings_minutes_recorded_by_id_users_id_fk" FOREIGN KEY ("minutes_recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_join_codes_fk" FOREIGN KEY ("join_codes_id") REFERENCES "public"."join_codes"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "users_member_type_confirmed_by_idx" ON "users" USING btree ("member_type_confirmed_by_id");
  CREATE INDEX "meetings_minutes_recorded_by_idx" ON "meetings" USING btree ("minutes_recorded_by_id");
  CREATE INDEX "payload_locked_documents_rels_join_codes_id_idx" ON "payload_locked_documents_rels" USING btree ("join_codes_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "join_codes" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "join_codes" CASCADE;
  ALTER TABLE "users" DROP CONSTRAINT "users_member_type_confirmed_by_id_users_id_fk";
  
  ALTER TABLE "meetings" DROP CONSTRAINT "meetings_minutes_recorded_by_id_users_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_join_codes_fk";
  
  DROP INDEX "users_member_type_confirmed_by_idx";
  DROP INDEX "meetings_minutes_recorded_by_idx";
  DROP INDEX "payload_locked_documents_rels_join_codes_id_idx";
  ALTER TABLE "users" DROP COLUMN "member_type_confirmed";
  ALTER TABLE "users" DROP COLUMN "member_type_confirmed_by_id";
  ALTER TABLE "users" DROP COLUMN "member_type_confirmed_at";
  ALTER TABLE "threads" DROP COLUMN "author_byline_member_type_confirmed";
  ALTER TABLE "replies" DROP COLUMN "author_byline_member_type_confirmed";
  ALTER TABLE "meetings" DROP COLUMN "admin_title";
  ALTER TABLE "meetings" DROP COLUMN "attendance_joined_with_code";
  ALTER TABLE "meetings" DROP COLUMN "minutes_recorded_by_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "join_codes_id";
  ALTER TABLE "meeting_settings" DROP COLUMN "minutes_need_second_moderator";`)
}
