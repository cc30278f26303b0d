// Bulk writes for the scale seed, through drizzle on the SQLite or PostgreSQL adapter (payload.db):
// multi-row INSERTs into Payload's own tables, many per transaction. Only the scale seed writes this
// way (the decision): the app itself writes through the Local API, with its hooks and access.
import type { Payload } from 'payload'

type Row = Record<string, unknown>
type Drizzle = {
  insert: (table: unknown) => any
  transaction: <T>(fn: (tx: Drizzle) => Promise<T>) => Promise<T>
  execute?: (query: unknown) => Promise<unknown>
  run?: (query: unknown) => Promise<unknown>
}
type DrizzleAdapter = { drizzle: Drizzle; tables: Record<string, Record<string, unknown>>; name: string }

/** SQLite allows 32,766 bound values per statement; stay well under it (PostgreSQL allows 65,535). */
const MAX_VALUES_PER_STATEMENT = 30_000

export type BulkWriter = {
  /** Runs `write` in one transaction; `insert` inside it uses that transaction. */
  transaction: (write: (insert: Inserter) => Promise<void>) => Promise<void>
}
export type Inserter = <R extends string>(table: string, rows: Row[], returning?: R[]) => Promise<Record<R, unknown>[]>

export function bulkWriter(payload: Payload): BulkWriter {
  const adapter = payload.db as unknown as DrizzleAdapter
  if (!adapter.drizzle || !adapter.tables) throw new Error(`The scale seed needs the SQLite or PostgreSQL adapter (got ${payload.db.name}).`)
  const insertWith =
    (db: Drizzle): Inserter =>
    async (tableName, rows, returning) => {
      const table = adapter.tables[tableName]
      if (!table) throw new Error(`No table ${tableName} in the schema.`)
      if (rows.length === 0) return []
      const columns = Object.keys(rows[0]!).length
      const perStatement = Math.max(1, Math.floor(MAX_VALUES_PER_STATEMENT / columns))
      const out: Record<string, unknown>[] = []
      for (let at = 0; at < rows.length; at += perStatement) {
        const query = db.insert(table).values(rows.slice(at, at + perStatement))
        if (returning) out.push(...(await query.returning(Object.fromEntries(returning.map((key) => [key, table[key]])))))
        else await query
      }
      return out as never
    }
  return { transaction: (write) => adapter.drizzle.transaction((tx) => write(insertWith(tx))) }
}
