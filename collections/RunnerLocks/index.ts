// The jobs runner's lease when there is no Redis (src/jobs/leases/database.ts). Each takeover is a new row
// with the next `term`; the unique (name, term) index lets only one process win a term, so no two
// processes hold the role at once, on SQLite, PostgreSQL and MongoDB alike. Only the server writes here.
import type { CollectionConfig } from 'payload'

import { adminsOnly, nobody } from '../shared/access.js'

export const RunnerLocks: CollectionConfig = {
  slug: 'runner-locks',
  admin: { hidden: true },
  lockDocuments: false,
  access: { read: adminsOnly, create: nobody, update: nobody, delete: nobody, readVersions: nobody },
  indexes: [{ fields: ['name', 'term'], unique: true }],
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'term', type: 'number', required: true },
    // Which process holds this term (host, pid and a random part; nothing secret).
    { name: 'holder', type: 'text', required: true },
    { name: 'expiresAt', type: 'date', required: true },
  ],
}
