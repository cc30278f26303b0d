import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_users_volunteer_badge" AS ENUM('none', 'volunteer', 'peer-mentor');
  CREATE TYPE "public"."enum_volunteer_opportunities_kind" AS ENUM('volunteer', 'peer-mentor', 'recovery-champion', 'other');
  CREATE TYPE "public"."enum_volunteer_interests_history_state" AS ENUM('interested', 'contacted', 'in-training', 'active', 'stepped-back');
  CREATE TYPE "public"."enum_volunteer_interests_kind" AS ENUM('volunteer', 'peer-mentor', 'recovery-champion', 'other');
  CREATE TYPE "public"."enum_volunteer_interests_state" AS ENUM('interested', 'contacted', 'in-training', 'active', 'stepped-back');
  CREATE TABLE "volunteer_opportunities" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"kind" "enum_volunteer_opportunities_kind" DEFAULT 'volunteer' NOT NULL,
  	"locality_id" integer NOT NULL,
  	"commitment" varchar NOT NULL,
  	"training" varchar,
  	"dbs_check" boolean DEFAULT false,
  	"contact_role" varchar NOT NULL,
  	"description" varchar NOT NULL,
  	"open" boolean DEFAULT true,
  	"is_demo" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "volunteer_interests_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"state" "enum_volunteer_interests_history_state" NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "volunteer_interests" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"opportunity_id" integer NOT NULL,
  	"member_id" integer NOT NULL,
  	"member_name" varchar,
  	"note" varchar,
  	"coordinator_note" varchar,
  	"locality_id" integer,
  	"kind" "enum_volunteer_interests_kind",
  	"state" "enum_volunteer_interests_state" DEFAULT 'interested' NOT NULL,
  	"started_active_at" timestamp(3) with time zone,
  	"is_demo" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "users" ADD COLUMN "volunteer_badge" "enum_users_volunteer_badge" DEFAULT 'none';
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "volunteer_opportunities_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "volunteer_interests_id" integer;
  ALTER TABLE "volunteer_opportunities" ADD CONSTRAINT "volunteer_opportunities_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "volunteer_interests_history" ADD CONSTRAINT "volunteer_interests_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."volunteer_interests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "volunteer_interests" ADD CONSTRAINT "volunteer_interests_opportunity_id_volunteer_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."volunteer_opportunities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "volunteer_interests" ADD CONSTRAINT "volunteer_interests_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "volunteer_interests" ADD CONSTRAINT "volunteer_interests_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "volunteer_opportunities_kind_idx" ON "volunteer_opportunities" USING btree ("kind");
  CREATE INDEX "volunteer_opportunities_locality_idx" ON "volunteer_opportunities" USING btree ("locality_id");
  CREATE INDEX "volunteer_opportunities_open_idx" ON "volunteer_opportunities" USING btree ("open");
  CREATE INDEX "volunteer_opportunities_updated_at_idx" ON "volunteer_opportunities" USING btree ("updated_at");
  CREATE INDEX "volunteer_opportunities_created_at_idx" ON "volunteer_opportunities" USING btree ("created_at");
  CREATE INDEX "volunteer_interests_history_order_idx" ON "volunteer_interests_history" USING btree ("_order");
  CREATE INDEX "volunteer_interests_history_parent_id_idx" ON "volunteer_interests_history" USING btree ("_parent_id");
  CREATE INDEX "volunteer_interests_opportunity_idx" ON "volunteer_interests" USING btree ("opportunity_id");
  CREATE INDEX "volunteer_interests_member_idx" ON "volunteer_interests" USING btree ("member_id");
  CREATE INDEX "volunteer_interests_locality_idx" ON "volunteer_interests" USING btree ("locality_id");
  CREATE INDEX "volunteer_interests_kind_idx" ON "volunteer_interests" USING btree ("kind");
  CREATE INDEX "volunteer_interests_state_idx" ON "volunteer_interests" USING btree ("state");
  CREATE INDEX "volunteer_interests_started_active_at_idx" ON "volunteer_interests" USING btree ("started_active_at");
  CREATE INDEX "volunteer_interests_updated_at_idx" ON "volunteer_interests" USING btree ("updated_at");
  CREATE INDEX "volunteer_interests_created_at_idx" ON "volunteer_interests" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_volunteer_opportunities_fk" FOREIGN KEY ("volunteer_opportunities_id") REFERENCES "public"."volunteer_opportunities"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_volunteer_interests_fk" FOREIGN KEY ("volunteer_interests_id") REFERENCES "public"."volunteer_interests"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_volunteer_opportunities_id_idx" ON "payload_locked_documents_rels" USING btree ("volunteer_opportunities_id");
  CREATE INDEX "payload_locked_documents_rels_volunteer_interests_id_idx" ON "payload_locked_documents_rels" USING btree ("volunteer_interests_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "volunteer_opportunities" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "volunteer_interests_history" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "volunteer_interests" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "volunteer_opportunities" CASCADE;
  DROP TABLE "volunteer_interests_history" CASCADE;
  DROP TABLE "volunteer_interests" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_volunteer_opportunities_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_volunteer_interests_fk";
  
  DROP INDEX "payload_locked_documents_rels_volunteer_opportunities_id_idx";
  DROP INDEX "payload_locked_documents_rels_volunteer_interests_id_idx";
  ALTER TABLE "users" DROP COLUMN "volunteer_badge";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "volunteer_opportunities_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "volunteer_interests_id";
  DROP TYPE "public"."enum_users_volunteer_badge";
  DROP TYPE "public"."enum_volunteer_opportunities_kind";
  DROP TYPE "public"."enum_volunteer_interests_history_state";
  DROP TYPE "public"."enum_volunteer_interests_kind";
  DROP TYPE "public"."enum_volunteer_interests_state";`)
}
