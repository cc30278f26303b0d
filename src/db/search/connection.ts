// The drizzle handle a statement should run on: the write's own transaction when req carries one, so that
// an index change commits or rolls back with the write; otherwise the adapter's connection.
import type { PayloadRequest } from 'payload'

export type DrizzleAdapter<DB> = { drizzle: DB; sessions?: Record<string | number, { db?: DB } | undefined> }

export async function connectionFor<DB>(adapter: DrizzleAdapter<DB>, req?: Pick<PayloadRequest, 'transactionID'>): Promise<DB> {
  const id = req?.transactionID instanceof Promise ? await req.transactionID : req?.transactionID
  return (id !== undefined && id !== null && adapter.sessions?.[id]?.db) || adapter.drizzle
}

/** Index entries are keyed by the row's integer id (both SQL adapters number their rows). */
export function integerId(id: number | string): number {
  const value = typeof id === 'number' ? id : Number(id)
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Full-text search needs integer ids (got ${JSON.stringify(id)})`)
  return value
}
