// The emails already accepted by the mail server, by idempotency key (src/email/deliveries.ts), so that a
// sendEmail job run again after a crash does not send twice. Keys only: no address, subject or text.
// Pruned by the retention job after 30 days.
import type { CollectionConfig } from 'payload'

import { adminsOnly, nobody } from '../shared/access.js'

export const EmailDeliveries: CollectionConfig = {
  slug: 'email-deliveries',
  admin: { hidden: true },
  lockDocuments: false,
  access: { read: adminsOnly, create: nobody, update: nobody, delete: nobody, readVersions: nobody },
  fields: [
    { name: 'key', type: 'text', required: true, unique: true },
    { name: 'sentAt', type: 'date', required: true, index: true },
  ],
}
