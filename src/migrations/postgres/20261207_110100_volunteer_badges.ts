import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "threads" ADD COLUMN "author_byline_volunteer_badge" varchar;
  ALTER TABLE "replies" ADD COLUMN "author_byline_volunteer_badge" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "threads" DROP COLUMN "author_byline_volunteer_badge";
  ALTER TABLE "replies" DROP COLUMN "author_byline_volunteer_badge";`)
}
