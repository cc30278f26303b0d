// Bulk writes for the scale seed, in plain SQL on the SQLite or PostgreSQL adapter (payload.db): many
// rows per INSERT into Payload's own tables, many INSERTs per transaction, with the tables' secondary
// indexes dropped during the load and built again at the end (one sort instead of a million inserts
// into each index). Column names and types come from the adapter's drizzle schema, so rows are keyed
// like drizzle's (e.g. `authorByline_displayName`). Only the scale seed writes this way (the issue's
// decision): the app writes through the Local API.
//
// Measured on SQLite (10k stories, 100k replies): drizzle's insert builder spent more time building
// queries and collecting garbage than SQLite spent writing, and each drizzle transaction on libsql
// opened a new connection; binding tens of thousands of values per statement grew libsql's native
// memory by ~2 KB a row. One JSON argument per statement, unpacked by SQLite, keeps memory flat.
import type { Payload } from 'payload'

type Row = Record<string, unknown>
type Column = { name: string; columnType: string; getSQLType: () => string }
type Tables = Record<string, Record<string, unknown>>
type LibsqlClient = { execute: (statement: string | { sql: string; args: unknown[] }) => Promise<{ rows: Record<string, unknown>[] }> }
type PgClient = { query: (sql: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>; release: () => void }
type PgPool = { connect: () => Promise<PgClient> }

const SQLITE_ROWS_PER_STATEMENT = 1000

export type Inserter = <R extends string>(table: string, rows: Row[], returning?: R[]) => Promise<Record<R, unknown>[]>
export type BulkWriter = {
  /** Runs `write` in one transaction on one connection; `insert` inside it writes in that transaction. */
  transaction: (write: (insert: Inserter) => Promise<void>) => Promise<void>
  /** Drops the secondary indexes of these tables and returns what builds them again. */
  dropIndexes: (tables: string[]) => Promise<() => Promise<void>>
  close: () => Promise<void>
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

function columnsOf(tables: Tables, tableName: string, keys: string[]): Column[] {
  const table = tables[tableName]
  if (!table) throw new Error(`No table ${tableName} in the schema.`)
  return keys.map((key) => {
    const column = table[key] as Column | undefined
    if (!column?.name) throw new Error(`No column ${key} in ${tableName}.`)
    return column
  })
}

const returningClause = (tables: Tables, tableName: string, returning: string[] | undefined) =>
  returning
    ? ` RETURNING ${columnsOf(tables, tableName, returning)
        .map((c, i) => `${quote(c.name)} AS ${quote(returning[i]!)}`)
        .join(',')}`
    : ''

export async function bulkWriter(payload: Payload): Promise<BulkWriter> {
  const adapter = payload.db as unknown as { tables?: Tables; client?: LibsqlClient; pool?: PgPool }
  if (adapter.tables && adapter.pool) return postgresWriter(adapter.tables, await adapter.pool.connect())
  if (adapter.tables && adapter.client) return sqliteWriter(adapter.tables, adapter.client)
  throw new Error(`The scale seed needs the SQLite or PostgreSQL adapter (got ${payload.db.name}).`)
}

const sqliteValue = (value: unknown) => (value === undefined ? null : typeof value === 'boolean' ? (value ? 1 : 0) : value !== null && typeof value === 'object' ? JSON.stringify(value) : value)

/**
 * libsql's shared connection: statements outside a transaction, and BEGIN/COMMIT sent on it, stay on
 * it (client.transaction() would open a new connection each time). Nothing else writes meanwhile.
 */
async function sqliteWriter(tables: Tables, client: LibsqlClient): Promise<BulkWriter> {
  // A bigger page cache for this connection only, so rebuilding an index of a million rows stays in memory.
  await client.execute('PRAGMA cache_size = -131072')
  const insert: Inserter = async (tableName, rows, returning) => {
    if (rows.length === 0) return []
    const keys = Object.keys(rows[0]!)
    const columns = columnsOf(tables, tableName, keys)
    const sql =
      `INSERT INTO ${quote(tableName)} (${columns.map((c) => quote(c.name)).join(',')}) ` +
      `SELECT ${keys.map((_, i) => `json_extract(value, '$[${i}]')`).join(',')} FROM json_each(?) ORDER BY key` +
      returningClause(tables, tableName, returning)
    const out: Record<string, unknown>[] = []
    for (let at = 0; at < rows.length; at += SQLITE_ROWS_PER_STATEMENT) {
      const chunk = rows.slice(at, at + SQLITE_ROWS_PER_STATEMENT).map((row) => keys.map((key) => sqliteValue(row[key])))
      const result = await client.execute({ sql, args: [JSON.stringify(chunk)] })
      if (returning) out.push(...result.rows)
    }
    return out as never
  }
  const inTransaction = transactionOn((statement) => client.execute(statement), 'BEGIN IMMEDIATE')
  return {
    transaction: (write) => inTransaction(() => write(insert)),
    dropIndexes: async (tableNames) => {
      // Indexes SQLite makes for constraints have no SQL and stay.
      const found = await client.execute({
        sql: `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tableNames.map(() => '?').join(',')})`,
        args: tableNames,
      })
      const indexes = found.rows.map((row) => ({ name: String(row.name), sql: String(row.sql) }))
      await inTransaction(async () => {
        for (const index of indexes) await client.execute(`DROP INDEX ${quote(index.name)}`)
      })
      return () =>
        inTransaction(async () => {
          for (const index of indexes) await client.execute(index.sql)
        })
    },
    close: async () => undefined,
  }
}

/** Runs `work` between `begin` and COMMIT on one connection, rolling back if it throws. */
function transactionOn(run: (statement: string) => Promise<unknown>, begin: string) {
  return async (work: () => Promise<void>) => {
    await run(begin)
    try {
      await work()
      await run('COMMIT')
    } catch (error) {
      await run('ROLLBACK').catch(() => undefined)
      throw error
    }
  }
}

const pgValue = (value: unknown) => (value === undefined ? null : value)

/**
 * One JSON argument per statement, unpacked by PostgreSQL, each column cast to its own type (measured:
 * one text[] per column spent more time escaping than the server spent writing; jsonb, not json, so
 * that each column's `->>` does not parse the row again: 867 → 77 ms for 1,000 stories).
 */
async function postgresWriter(tables: Tables, client: PgClient): Promise<BulkWriter> {
  const insert: Inserter = async (tableName, rows, returning) => {
    if (rows.length === 0) return []
    const keys = Object.keys(rows[0]!)
    const columns = columnsOf(tables, tableName, keys)
    const casts = columns.map((c, i) => (c.columnType === 'PgJsonb' ? `(r->${i})::jsonb` : `(r->>${i})::${c.columnType === 'PgEnumColumn' ? quote(c.getSQLType()) : c.getSQLType()}`))
    const sql =
      `INSERT INTO ${quote(tableName)} (${columns.map((c) => quote(c.name)).join(',')}) ` +
      `SELECT ${casts.join(',')} FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(r, n) ORDER BY x.n` +
      returningClause(tables, tableName, returning)
    const result = await client.query(sql, [JSON.stringify(rows.map((row) => keys.map((key) => pgValue(row[key]))))])
    return result.rows as never
  }
  const inTransaction = transactionOn((statement) => client.query(statement), 'BEGIN')
  return {
    transaction: (write) => inTransaction(() => write(insert)),
    dropIndexes: async (tableNames) => {
      // Indexes behind constraints (primary keys, unique constraints) stay.
      const found = await client.query(
        `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1)
           AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace)`,
        [tableNames],
      )
      const indexes = found.rows.map((row) => ({ name: String(row.indexname), sql: String(row.indexdef) }))
      await inTransaction(async () => {
        for (const index of indexes) await client.query(`DROP INDEX ${quote(index.name)}`)
      })
      return () =>
        inTransaction(async () => {
          for (const index of indexes) await client.query(index.sql)
        })
    },
    close: async () => client.release(),
  }
}
