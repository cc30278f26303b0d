// DATABASE_URL: which database, and whether Waymark can keep its promises on it. The environment schema
// and src/db/index.ts (for the CLI commands and tests that pass a URL of their own) both use these.
import type { Rule } from './rules.js'

const PREFIXES = ['file:', 'postgres://', 'postgresql://', 'mongodb://', 'mongodb+srv://']

export const isMongoUrl = (url: string) => url.startsWith('mongodb://') || url.startsWith('mongodb+srv://')

/** Only the replicaSet parameter counts: @payloadcms/db-mongodb turns transactions off without it, even for mongodb+srv. */
export function hasReplicaSet(url: string): boolean {
  const query = url.split('#')[0]!.split('?')[1] ?? ''
  return (new URLSearchParams(query).get('replicaSet') ?? '').trim() !== ''
}

export const MONGODB_NEEDS_A_REPLICA_SET =
  'DATABASE_URL is a MongoDB URL without a replicaSet parameter, and Waymark refuses to run on MongoDB without transactions: ' +
  '"email only after commit" (no email about a change that was rolled back) and the atomic erasure of a member (all of it or none) depend on them, ' +
  'and @payloadcms/db-mongodb turns transactions off when the URL names no replica set. ' +
  'Run MongoDB as a replica set (a single node is enough: start mongod with --replSet rs0 and run rs.initiate() once) and add ?replicaSet=rs0 to DATABASE_URL.'

export const databaseUrl: Rule<string> = {
  allowed: 'must start with file: (SQLite, e.g. file:data/waymark.db), postgres:// or postgresql:// (PostgreSQL), or mongodb:// or mongodb+srv:// (MongoDB)',
  parse: (raw) => {
    const prefix = PREFIXES.find((candidate) => raw.startsWith(candidate))
    if (!prefix || raw.length === prefix.length || /\s/.test(raw)) return undefined
    if (prefix.startsWith('postgres')) {
      try {
        new URL(raw)
      } catch {
        return undefined
      }
    }
    return raw
  },
}
