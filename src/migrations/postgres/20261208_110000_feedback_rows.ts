import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  // Existing counts become rows: readers answer rows per story, the i-th row holding the i-th answer of
  // each question in order of value (a reader who skipped a question gives none, so later rows hold
  // null). The old counts never said which hope answer went with which connection answer, and neither do
  // these rows: the totals an author sees are the same, and nothing reads the two answers together.
  // Each pair's count becomes that many pair rows. Ids are random, as the collections make them.
  await db.execute(sql`
   CREATE TABLE "story_feedback_answers" (
  	"id" varchar PRIMARY KEY NOT NULL,
  	"story_id" integer NOT NULL,
  	"hope" numeric,
  	"connection" numeric
  );
  
  CREATE TABLE "story_pair_marks" (
  	"id" varchar PRIMARY KEY NOT NULL,
  	"story_a_id" integer NOT NULL,
  	"story_b_id" integer NOT NULL
  );
  
  INSERT INTO story_feedback_answers (id, story_id, hope, connection)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < (SELECT max(readers) FROM story_feedback_totals))
    SELECT gen_random_uuid()::text, t.story_id,
      CASE WHEN n.i <= t.hope1 THEN 1 WHEN n.i <= t.hope1+t.hope2 THEN 2 WHEN n.i <= t.hope1+t.hope2+t.hope3 THEN 3 WHEN n.i <= t.hope1+t.hope2+t.hope3+t.hope4 THEN 4 WHEN n.i <= t.hope1+t.hope2+t.hope3+t.hope4+t.hope5 THEN 5 END,
      CASE WHEN n.i <= t.connection1 THEN 1 WHEN n.i <= t.connection1+t.connection2 THEN 2 WHEN n.i <= t.connection1+t.connection2+t.connection3 THEN 3 WHEN n.i <= t.connection1+t.connection2+t.connection3+t.connection4 THEN 4 WHEN n.i <= t.connection1+t.connection2+t.connection3+t.connection4+t.connection5 THEN 5 END
    FROM story_feedback_totals t JOIN n ON n.i <= t.readers;

  INSERT INTO story_pair_marks (id, story_a_id, story_b_id)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < (SELECT max(count) FROM story_pair_counts))
    SELECT gen_random_uuid()::text, p.story_a_id, p.story_b_id FROM story_pair_counts p JOIN n ON n.i <= p.count;

  ALTER TABLE "story_feedback_totals" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "story_pair_counts" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "story_feedback_totals" CASCADE;
  DROP TABLE "story_pair_counts" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT IF EXISTS "payload_locked_documents_rels_story_feedback_totals_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT IF EXISTS "payload_locked_documents_rels_story_pair_counts_fk";
  
  DROP INDEX IF EXISTS "payload_locked_documents_rels_story_feedback_totals_id_idx";
  DROP INDEX IF EXISTS "payload_locked_documents_rels_story_pair_counts_id_idx";
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "story_feedback_answers_id" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "story_pair_marks_id" varchar;
  ALTER TABLE "story_feedback_answers" ADD CONSTRAINT "story_feedback_answers_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "story_pair_marks" ADD CONSTRAINT "story_pair_marks_story_a_id_stories_id_fk" FOREIGN KEY ("story_a_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "story_pair_marks" ADD CONSTRAINT "story_pair_marks_story_b_id_stories_id_fk" FOREIGN KEY ("story_b_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "story_feedback_answers_story_idx" ON "story_feedback_answers" USING btree ("story_id");
  CREATE INDEX "story_hope_idx" ON "story_feedback_answers" USING btree ("story_id","hope");
  CREATE INDEX "story_connection_idx" ON "story_feedback_answers" USING btree ("story_id","connection");
  CREATE INDEX "story_pair_marks_story_a_idx" ON "story_pair_marks" USING btree ("story_a_id");
  CREATE INDEX "story_pair_marks_story_b_idx" ON "story_pair_marks" USING btree ("story_b_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_story_feedback_answers_fk" FOREIGN KEY ("story_feedback_answers_id") REFERENCES "public"."story_feedback_answers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_story_pair_marks_fk" FOREIGN KEY ("story_pair_marks_id") REFERENCES "public"."story_pair_marks"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_story_feedback_answers_id_idx" ON "payload_locked_documents_rels" USING btree ("story_feedback_answers_id");
  CREATE INDEX "payload_locked_documents_rels_story_pair_marks_id_idx" ON "payload_locked_documents_rels" USING btree ("story_pair_marks_id");
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "story_feedback_totals_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "story_pair_counts_id";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  // The rows counted back into the old totals and pair counts.
  await db.execute(sql`
   CREATE TABLE "story_feedback_totals" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"story_id" integer NOT NULL,
  	"readers" numeric DEFAULT 0 NOT NULL,
  	"hope1" numeric DEFAULT 0 NOT NULL,
  	"hope2" numeric DEFAULT 0 NOT NULL,
  	"hope3" numeric DEFAULT 0 NOT NULL,
  	"hope4" numeric DEFAULT 0 NOT NULL,
  	"hope5" numeric DEFAULT 0 NOT NULL,
  	"connection1" numeric DEFAULT 0 NOT NULL,
  	"connection2" numeric DEFAULT 0 NOT NULL,
  	"connection3" numeric DEFAULT 0 NOT NULL,
  	"connection4" numeric DEFAULT 0 NOT NULL,
  	"connection5" numeric DEFAULT 0 NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "story_pair_counts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"story_a_id" integer NOT NULL,
  	"story_b_id" integer NOT NULL,
  	"count" numeric DEFAULT 0 NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  INSERT INTO story_feedback_totals (story_id, readers, hope1, hope2, hope3, hope4, hope5, connection1, connection2, connection3, connection4, connection5)
    SELECT story_id, count(*), sum(CASE WHEN hope = 1 THEN 1 ELSE 0 END), sum(CASE WHEN hope = 2 THEN 1 ELSE 0 END), sum(CASE WHEN hope = 3 THEN 1 ELSE 0 END), sum(CASE WHEN hope = 4 THEN 1 ELSE 0 END), sum(CASE WHEN hope = 5 THEN 1 ELSE 0 END), sum(CASE WHEN connection = 1 THEN 1 ELSE 0 END), sum(CASE WHEN connection = 2 THEN 1 ELSE 0 END), sum(CASE WHEN connection = 3 THEN 1 ELSE 0 END), sum(CASE WHEN connection = 4 THEN 1 ELSE 0 END), sum(CASE WHEN connection = 5 THEN 1 ELSE 0 END)
    FROM story_feedback_answers GROUP BY story_id;

  INSERT INTO story_pair_counts (story_a_id, story_b_id, count) SELECT story_a_id, story_b_id, count(*) FROM story_pair_marks GROUP BY story_a_id, story_b_id;

  ALTER TABLE "story_feedback_answers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "story_pair_marks" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "story_feedback_answers" CASCADE;
  DROP TABLE "story_pair_marks" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT IF EXISTS "payload_locked_documents_rels_story_feedback_answers_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT IF EXISTS "payload_locked_documents_rels_story_pair_marks_fk";
  
  DROP INDEX IF EXISTS "payload_locked_documents_rels_story_feedback_answers_id_idx";
  DROP INDEX IF EXISTS "payload_locked_documents_rels_story_pair_marks_id_idx";
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "story_feedback_totals_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "story_pair_counts_id" integer;
  ALTER TABLE "story_feedback_totals" ADD CONSTRAINT "story_feedback_totals_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "story_pair_counts" ADD CONSTRAINT "story_pair_counts_story_a_id_stories_id_fk" FOREIGN KEY ("story_a_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "story_pair_counts" ADD CONSTRAINT "story_pair_counts_story_b_id_stories_id_fk" FOREIGN KEY ("story_b_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "story_feedback_totals_story_idx" ON "story_feedback_totals" USING btree ("story_id");
  CREATE INDEX "story_feedback_totals_updated_at_idx" ON "story_feedback_totals" USING btree ("updated_at");
  CREATE INDEX "story_feedback_totals_created_at_idx" ON "story_feedback_totals" USING btree ("created_at");
  CREATE INDEX "story_pair_counts_story_a_idx" ON "story_pair_counts" USING btree ("story_a_id");
  CREATE INDEX "story_pair_counts_story_b_idx" ON "story_pair_counts" USING btree ("story_b_id");
  CREATE INDEX "story_pair_counts_count_idx" ON "story_pair_counts" USING btree ("count");
  CREATE INDEX "story_pair_counts_updated_at_idx" ON "story_pair_counts" USING btree ("updated_at");
  CREATE INDEX "story_pair_counts_created_at_idx" ON "story_pair_counts" USING btree ("created_at");
  CREATE UNIQUE INDEX "storyA_storyB_idx" ON "story_pair_counts" USING btree ("story_a_id","story_b_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_story_feedback_totals_fk" FOREIGN KEY ("story_feedback_totals_id") REFERENCES "public"."story_feedback_totals"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_story_pair_counts_fk" FOREIGN KEY ("story_pair_counts_id") REFERENCES "public"."story_pair_counts"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_story_feedback_totals_id_idx" ON "payload_locked_documents_rels" USING btree ("story_feedback_totals_id");
  CREATE INDEX "payload_locked_documents_rels_story_pair_counts_id_idx" ON "payload_locked_documents_rels" USING btree ("story_pair_counts_id");
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "story_feedback_answers_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "story_pair_marks_id";`)
}
