// MongoDB needs no schema change for staff badges and reserved names, only the data steps.
import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

import { migrateStaffNames } from '../../moderation/staffNamesMigration.js'

export async function up({ payload, req }: MigrateUpArgs): Promise<void> {
  await migrateStaffNames(payload, req)
}

export async function down(_args: MigrateDownArgs): Promise<void> {}
