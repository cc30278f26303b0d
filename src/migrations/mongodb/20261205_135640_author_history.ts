// MongoDB needs no schema change for the events' subject, only the backfill the SQL migrations do.
import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

import { backfillEventSubjects } from '../../moderation/backfillEventSubjects.js'

export async function up({ payload, req }: MigrateUpArgs): Promise<void> {
  await backfillEventSubjects(payload, req)
}

export async function down(_args: MigrateDownArgs): Promise<void> {}
