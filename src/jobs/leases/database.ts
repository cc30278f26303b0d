// The lease in the database, through the Local API only, so it works the same on SQLite, PostgreSQL and
// MongoDB. Payload's updates are a read then a write, not one atomic statement, so a takeover never edits
// another process's row: it creates the next term's row, and the unique (name, term) index lets exactly
// one create win. The holder renews only its own row, and only while it has not lapsed; after each
// renewal it checks that no later term exists. Lapse is judged by each machine's clock (keep them in NTP).
import type { Payload } from 'payload'

import type { Lease, LeaseAttempt, LeaseOptions } from './lease.js'

const COLLECTION = 'runner-locks'
/** Old terms kept for the record (who held the role lately); older ones are deleted on takeover. */
const TERMS_KEPT = 10

type Term = { id: number | string; term: number; holder: string; expiresAt: string }

export function databaseLease(payload: Payload, { name, holder, ttlMs }: LeaseOptions): Lease {
  let mine: Term | undefined

  async function latest(): Promise<Term | undefined> {
    const found = await payload.find({ collection: COLLECTION, where: { name: { equals: name } }, sort: '-term', limit: 1, pagination: false, depth: 0, overrideAccess: true })
    const row = found.docs[0]
    return row ? { id: row.id, term: Number(row.term), holder: row.holder, expiresAt: row.expiresAt } : undefined
  }

  const lapsesInMs = (row: Term) => new Date(row.expiresAt).getTime() - Date.now()

  async function renew(): Promise<boolean> {
    const own = mine
    if (!own) return false
    const now = Date.now()
    const renewed = await payload.update({
      collection: COLLECTION,
      // A lapsed row is not revived: another process may be taking the next term right now.
      where: { and: [{ id: { equals: own.id } }, { holder: { equals: holder } }, { expiresAt: { greater_than: new Date(now).toISOString() } }] },
      data: { expiresAt: new Date(now + ttlMs).toISOString() },
      overrideAccess: true,
      depth: 0,
    })
    const current = renewed.docs.length === 1 ? await latest() : undefined
    if (current && String(current.id) === String(own.id)) return true
    mine = undefined
    return false
  }

  async function acquire(): Promise<LeaseAttempt> {
    const current = await latest()
    if (current && lapsesInMs(current) > 0) {
      if (current.holder !== holder) return { acquired: false, lapsesInMs: lapsesInMs(current) }
      // Still ours (a renewal whose answer was lost on the way back): extend it rather than wait for it to lapse.
      mine = current
      return (await renew()) ? { acquired: true } : { acquired: false, lapsesInMs: 0 }
    }
    const term = (current?.term ?? 0) + 1
    try {
      const created = await payload.create({
        collection: COLLECTION,
        data: { name, term, holder, expiresAt: new Date(Date.now() + ttlMs).toISOString() },
        overrideAccess: true,
        depth: 0,
      })
      mine = { id: created.id, term, holder, expiresAt: created.expiresAt }
    } catch (error) {
      // The unique index refused our term: another process took it first.
      const winner = await latest()
      if (winner && winner.term >= term && winner.holder !== holder) return { acquired: false, lapsesInMs: Math.max(0, lapsesInMs(winner)) }
      throw error
    }
    await payload.delete({ collection: COLLECTION, where: { and: [{ name: { equals: name } }, { term: { less_than: term - TERMS_KEPT } }] }, overrideAccess: true })
    return { acquired: true }
  }

  async function release(): Promise<void> {
    const own = mine
    mine = undefined
    if (!own) return
    await payload.update({
      collection: COLLECTION,
      where: { and: [{ id: { equals: own.id } }, { holder: { equals: holder } }] },
      data: { expiresAt: new Date().toISOString() },
      overrideAccess: true,
      depth: 0,
    })
  }

  return { kind: 'database', acquire, renew, release }
}
