// Data only, in its own migration: PostgreSQL cannot use the enum value 'context' (added by the schema
// migration before this one) inside the transaction that added it.
import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-postgres'

import { addMissingDefaultWords } from '../../moderation/installLexicon.js'

export async function up({ payload, req }: MigrateUpArgs): Promise<void> {
  // Existing sites get the default crisis lexicon too, not only new ones through the demo seed.
  await addMissingDefaultWords(payload, req)
}

// Entries are moderators' data once added; taking the schema back down removes what needs removing.
export async function down(_args: MigrateDownArgs): Promise<void> {}
