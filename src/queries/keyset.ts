// Paged list reads without counting and without OFFSET: a page is "the next `limit` rows beyond this
// row" in a fixed order that ends with the id, so every row has one place and page 1000 costs what
// page 1 costs. One extra row is read to know whether there is a next page. An old `?page=N` link is
// still served, by the counting OFFSET read it always was, and its links lead on by cursor.
// Every read is the caller's: the same collection, where, overrideAccess: false and user.
import type { CollectionSlug, Payload, SelectType, Where } from 'payload'

import { databaseKind } from '../db/index.js'
import { encodeCursor, readPageRequest, type CursorPart, type CursorValue, type IdKind, type PageRequest } from '../policies/pageCursor.js'

/** A sort key before the id: a date, or a flag sorted true-first (descending) or false-first. */
export type SortKey = { field: string; kind: 'date' | 'flag'; descending: boolean }
/** A list's order: its keys, then the id (the tie-breaker) in the given direction. */
export type KeysetOrder = { keys: readonly SortKey[]; idDescending: boolean }

/** One page of rows, with the cursors for the links to the pages before and after it (null: none). */
export type KeysetPage<T> = { docs: T[]; before: string | null; after: string | null }

type Key = { field: string; kind: CursorPart; descending: boolean }
const keysOf = (order: KeysetOrder): Key[] => [...order.keys, { field: 'id', kind: 'id', descending: order.idDescending }]

export const idKind = (): IdKind => (databaseKind() === 'mongodb' ? 'objectId' : 'number')

/** The page a query string asks for in this order, or null for a bad cursor (the route's 400). */
export function pageRequestFor(query: Record<string, unknown>, order: KeysetOrder, maxPage?: number): PageRequest | null {
  return readPageRequest(
    query,
    keysOf(order).map((k) => k.kind),
    idKind(),
    maxPage,
  )
}

const sortOf = (order: KeysetOrder, reverse: boolean) => keysOf(order).map((k) => `${k.descending !== reverse ? '-' : ''}${k.field}`)

/** Rows that equal the cursor row at this key (a flag: true, or anything not true). */
function sameAs(key: Key, value: CursorValue): Where {
  if (key.kind === 'flag') return { [key.field]: value === true ? { equals: true } : { not_equals: true } }
  return { [key.field]: { equals: value } }
}

/** Rows strictly beyond the cursor row at this key, in the direction of travel; null if none can be. */
function beyondAt(key: Key, value: CursorValue, reverse: boolean): Where | null {
  const descending = key.descending !== reverse
  if (key.kind === 'flag') {
    // true sorts before false when descending: beyond true is "not true", and nothing is beyond false.
    if (descending) return value === true ? { [key.field]: { not_equals: true } } : null
    return value === true ? null : { [key.field]: { equals: true } }
  }
  return { [key.field]: { [descending ? 'less_than' : 'greater_than']: value } }
}

/** Rows after the cursor row in the list's order (or before it, reversed): (k1 > c1) or (k1 = c1 and k2 > c2) or … */
export function beyondCursor(order: KeysetOrder, values: readonly CursorValue[], reverse = false): Where {
  const keys = keysOf(order)
  const or: Where[] = []
  keys.forEach((key, i) => {
    const beyond = beyondAt(key, values[i]!, reverse)
    if (beyond) or.push({ and: [...keys.slice(0, i).map((k, j) => sameAs(k, values[j]!)), beyond] })
  })
  return { or }
}

/** The cursor of a row: its sort values and id. Null if a sort value is missing (no link is offered). */
export function cursorOf(order: KeysetOrder, doc: Record<string, any>): string | null {
  const values: CursorValue[] = []
  for (const key of keysOf(order)) {
    const value = doc[key.field]
    if (key.kind === 'flag') values.push(value === true)
    else if (key.kind === 'date') {
      const time = value ? new Date(value).getTime() : Number.NaN
      if (Number.isNaN(time)) return null
      values.push(new Date(time).toISOString())
    } else if (typeof value === 'number' || typeof value === 'string') values.push(value)
    else return null
  }
  return encodeCursor(values)
}

export type KeysetFindArgs = {
  collection: CollectionSlug
  where: Where
  order: KeysetOrder
  at: PageRequest
  limit: number
  depth: number
  select?: SelectType
  user: Record<string, any> | null
}

export async function findKeysetPage<T extends Record<string, any>>(payload: Payload, args: KeysetFindArgs): Promise<KeysetPage<T>> {
  const { at, order, limit } = args
  // The sort values must come back, whatever the caller selects, to build the cursors.
  const select = args.select ? { ...args.select, ...Object.fromEntries(order.keys.map((k) => [k.field, true])) } : undefined
  const common = { collection: args.collection, depth: args.depth, select, overrideAccess: false, user: args.user } as const
  const cursor = (doc: T | undefined) => (doc ? cursorOf(order, doc) : null)

  if (at.kind === 'number') {
    // An old ?page=N link: the OFFSET read it always was (MongoDB skips rows only when paginating).
    const result = await payload.find({ ...common, where: args.where, sort: sortOf(order, false), page: at.page, limit })
    const docs = result.docs as unknown as T[]
    return { docs, before: at.page > 1 ? cursor(docs[0]) : null, after: result.hasNextPage ? cursor(docs[docs.length - 1]) : null }
  }

  // The last page is read from the end, like the page before an imaginary cursor past the last row.
  const reverse = at.kind === 'before' || at.kind === 'last'
  const where = 'values' in at ? { and: [args.where, beyondCursor(order, at.values, reverse)] } : args.where
  const result = await payload.find({ ...common, where, sort: sortOf(order, reverse), limit: limit + 1, pagination: false })
  const more = result.docs.length > limit
  const rows = result.docs.slice(0, limit) as unknown as T[]
  if (reverse) {
    const docs = rows.reverse()
    // The cursor row itself follows this page, so there is a later page whenever this one has rows.
    return { docs, before: more ? cursor(docs[0]) : null, after: at.kind === 'last' ? null : cursor(docs[docs.length - 1]) }
  }
  return { docs: rows, before: at.kind === 'after' ? cursor(rows[0]) : null, after: more ? cursor(rows[rows.length - 1]) : null }
}
