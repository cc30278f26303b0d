// Uploads stored under the name they were uploaded with (jane-doe.webp) get random names, every size
// too, and their records follow; the old addresses then answer 404 (src/privacy/randomiseMediaNames.ts).
import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-sqlite'

import { randomiseMediaNames } from '../../privacy/randomiseMediaNames.js'

export async function up({ payload, req }: MigrateUpArgs): Promise<void> {
  await randomiseMediaNames(payload, req)
}

// The old names are not kept anywhere, on purpose.
export async function down(_args: MigrateDownArgs): Promise<void> {}
