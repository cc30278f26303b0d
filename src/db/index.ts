// Picks the database adapter from DATABASE_URL. Every query goes through the Local API,
// so the three adapters behave alike; only migrations differ, and each has its own folder.
import fs from 'node:fs'
import path from 'node:path'
import type { DatabaseAdapterObj } from 'payload'
import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'

import { hasReplicaSet, MONGODB_NEEDS_A_REPLICA_SET } from '../config/databaseUrl.js'
import { EnvironmentError } from '../config/environment.js'
import { dataDir, rootDir } from '../env.js'
import { serialiseSqliteWrites } from './serialiseSqliteWrites.js'
import { traceForCache } from './traceForCache.js'
import { databaseKind, type DatabaseKind } from './kind.js'

export { databaseKind, type DatabaseKind } from './kind.js'

export function sqliteFileURL(url = process.env.DATABASE_URL): string {
  if (url && url.startsWith('file:')) return url
  // SQLite makes the file but not its folder (a fresh clone has no data/ when PAYLOAD_SECRET is set).
  fs.mkdirSync(dataDir(), { recursive: true })
  return `file:${path.join(dataDir(), 'waymark.db')}`
}

export const migrationDirFor = (kind: DatabaseKind) => path.join(rootDir, 'src', 'migrations', kind)

export function databaseAdapter(url = process.env.DATABASE_URL): DatabaseAdapterObj {
  const kind = databaseKind(url)
  const migrationDir = migrationDirFor(kind)
  switch (kind) {
    case 'postgres':
      // Schema changes arrive only through committed migrations.
      return withCacheTracing(postgresAdapter({ pool: { connectionString: url }, push: false, migrationDir }))
    case 'mongodb':
      // Without a replica set the adapter silently runs without transactions (README "Databases").
      if (!hasReplicaSet(url!)) throw new EnvironmentError([MONGODB_NEEDS_A_REPLICA_SET])
      return withCacheTracing(mongooseAdapter({ url: url!, migrationDir }))
    default:
      return withSerialisedWrites(
        sqliteAdapter({
          client: { url: sqliteFileURL(url) },
          push: false,
          migrationDir,
          // Readers never block the writer; a busy writer waits rather than failing.
          wal: true,
          busyTimeout: 5000,
          // Without this, the SQLite adapter does not wrap multi-step writes in a transaction.
          transactionOptions: {},
          // Never reuse the id of a deleted row: an erased member's id must not come back as someone else.
          autoIncrement: true,
        }),
      )
  }
}

/** Wraps the adapter that Payload creates at init so every write takes its turn (see serialiseSqliteWrites.ts). */
function withSerialisedWrites(adapterObj: DatabaseAdapterObj): DatabaseAdapterObj {
  return { ...adapterObj, init: (args) => traceForCache(serialiseSqliteWrites(adapterObj.init(args))) }
}

/** Reads and committed writes reach the page cache (see traceForCache.ts). */
function withCacheTracing(adapterObj: DatabaseAdapterObj): DatabaseAdapterObj {
  return { ...adapterObj, init: (args) => traceForCache(adapterObj.init(args)) }
}
