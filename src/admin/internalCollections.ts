// The query surface and Payload's own collections, closed for requests from outside.
// - Every collection, Payload's own included, asks the query allow-list on REST reads (a collection
//   added later is closed until it declares its fields in src/policies/queryAllowList.ts).
// - Collections and globals Payload adds by itself default to "any signed-in user may do anything": the
//   admin's editing locks (which moderator edits which record), the migrations record and the jobs
//   statistics are for the people who run the site.
import type { SanitizedConfig } from 'payload'

import { adminsOnly, staffOnly } from '../../collections/shared/access.js'
import { enforceQueryAllowList } from '../../collections/shared/hooks/enforceQueryAllowList.js'

export function closeInternalCollections(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    const hasLocality = collection.fields.some((field) => 'name' in field && field.name === 'locality')
    collection.hooks.beforeOperation = [enforceQueryAllowList(collection.slug, hasLocality), ...(collection.hooks.beforeOperation ?? [])]
    if (collection.slug === 'payload-locked-documents') collection.access = { ...collection.access, create: staffOnly, read: staffOnly, update: staffOnly, delete: staffOnly }
    if (collection.slug === 'payload-migrations') collection.access = { ...collection.access, create: adminsOnly, read: adminsOnly, update: adminsOnly, delete: adminsOnly, readVersions: adminsOnly }
  }
  for (const global of config.globals) {
    if (global.slug === 'payload-jobs-stats') global.access = { ...global.access, read: adminsOnly, update: adminsOnly, readVersions: adminsOnly }
  }
  return config
}
