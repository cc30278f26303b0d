// MongoDB needs no schema change for the crisis lexicon (collections are made by the adapter); it does
// need the default entries, like the SQL databases.
import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

import { addMissingDefaultWords } from '../../moderation/installLexicon.js'

export async function up({ payload, req }: MigrateUpArgs): Promise<void> {
  await addMissingDefaultWords(payload, req)
}

export async function down(_args: MigrateDownArgs): Promise<void> {}
