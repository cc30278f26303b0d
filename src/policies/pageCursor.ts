// Keyset pagination cursors (`?after=` / `?before=`): the sort values and id of one row, so the next
// page is "the rows beyond this one" and page 1000 costs what page 1 costs. A cursor only ever holds
// what a link on the page was built from: the sort values and id of a row the viewer was shown. It is
// opaque to readers (base64url of a JSON array) but not secret or signed: a forged cursor can only
// move where a window of rows the viewer may see starts, because every read still goes through the
// collection's access rules. Anything not in exactly the expected shape is refused (a 400 page).

/** What each position of a cursor holds: an ISO date, a true/false sort flag, or a document id. */
export type CursorPart = 'date' | 'flag' | 'id'
export type CursorValue = string | number | boolean
/** Ids are integers on the SQL databases and 24-hex-digit ObjectIds on MongoDB. */
export type IdKind = 'number' | 'objectId'

/** Long enough for three parts (a flag, a date and an ObjectId come to about 80 characters). */
export const MAX_CURSOR_LENGTH = 200

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const BASE64URL = /^[A-Za-z0-9_-]+$/

export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url')
}

function isValidPart(part: CursorPart, value: unknown, idKind: IdKind): boolean {
  if (part === 'flag') return typeof value === 'boolean'
  if (part === 'date') return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value
  if (idKind === 'objectId') return typeof value === 'string' && /^[a-f0-9]{24}$/.test(value)
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value < 1e15
}

/** The values of a cursor made by encodeCursor for this shape, or null for anything else. */
export function decodeCursor(raw: unknown, shape: readonly CursorPart[], idKind: IdKind): CursorValue[] | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_CURSOR_LENGTH || !BASE64URL.test(raw)) return null
  let values: unknown
  try {
    values = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (!Array.isArray(values) || values.length !== shape.length) return null
  if (!shape.every((part, i) => isValidPart(part, values[i], idKind))) return null
  // Only the one spelling encodeCursor writes (base64url has others for the same bytes).
  if (encodeCursor(values as CursorValue[]) !== raw) return null
  return values as CursorValue[]
}

/** A `?page=` number: 1 to `max`, anything else 1 (old links, and hand-typed ones, keep working). */
export const pageNumber = (value: unknown, max = 10_000) => Math.max(1, Math.min(max, Number.parseInt(String(value ?? '1'), 10) || 1))

/** Which page of a list a request asks for. */
export type PageRequest = { kind: 'first' | 'last' } | { kind: 'number'; page: number } | { kind: 'after' | 'before'; values: CursorValue[] }

/**
 * Reads `after`, `before` and `page` (a number from older links, or `last`) from a query string. Null when the request is bad: both
 * cursors, a repeated one, or one that is not a cursor of this list's shape.
 */
export function readPageRequest(query: Record<string, unknown>, shape: readonly CursorPart[], idKind: IdKind, maxPage = 10_000): PageRequest | null {
  const { after, before } = query
  if (after !== undefined && before !== undefined) return null
  if (after !== undefined || before !== undefined) {
    const values = decodeCursor(after ?? before, shape, idKind)
    return values ? { kind: after !== undefined ? 'after' : 'before', values } : null
  }
  if (query.page === 'last') return { kind: 'last' }
  const page = pageNumber(query.page, maxPage)
  return page > 1 ? { kind: 'number', page } : { kind: 'first' }
}
