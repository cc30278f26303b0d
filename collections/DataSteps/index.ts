// The record of data steps already run (src/migrations/dataSteps.ts). Nobody reads or writes it
// through any API; the server writes one row when a step has run.
import type { CollectionConfig } from 'payload'

import { nobody } from '../shared/access.js'

export const DataSteps: CollectionConfig = {
  slug: 'data-steps',
  admin: { hidden: true },
  lockDocuments: false,
  access: { read: nobody, create: nobody, update: nobody, delete: nobody, readVersions: nobody },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true },
    { name: 'ranAt', type: 'date', required: true },
  ],
}
