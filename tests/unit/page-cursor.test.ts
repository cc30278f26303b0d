// Keyset cursors (src/policies/pageCursor.ts): what encodeCursor writes comes back exactly, and
// anything else (damaged, forged into another shape, a repeated parameter) is refused, never half-read.
import { describe, expect, it } from 'vitest'

import { decodeCursor, encodeCursor, MAX_CURSOR_LENGTH, readPageRequest, type CursorPart } from '../../src/policies/pageCursor.js'

const DATE_ID: CursorPart[] = ['date', 'id']
const FLAG_DATE_ID: CursorPart[] = ['flag', 'date', 'id']
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url')

describe('encodeCursor and decodeCursor', () => {
  it.each([
    [DATE_ID, ['2027-03-28T01:00:00.000Z', 42], 'number'],
    [DATE_ID, ['1999-12-31T23:59:59.999Z', 999_999_999_999_999], 'number'],
    [FLAG_DATE_ID, [true, '2027-10-31T01:30:00.000Z', 7], 'number'],
    [FLAG_DATE_ID, [false, '2027-10-31T01:30:00.000Z', 7], 'number'],
    [DATE_ID, ['2027-03-28T01:00:00.000Z', '65f1c0ffee0000000000abcd'], 'objectId'],
  ] as const)('%j %j round-trips', (shape, values, idKind) => {
    const cursor = encodeCursor(values)
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(cursor.length).toBeLessThanOrEqual(MAX_CURSOR_LENGTH)
    expect(decodeCursor(cursor, shape, idKind)).toEqual(values)
  })

  it('holds only the values it was given, readable by anyone (it is opaque, not secret)', () => {
    expect(JSON.parse(Buffer.from(encodeCursor(['2027-03-28T01:00:00.000Z', 42]), 'base64url').toString('utf8'))).toEqual(['2027-03-28T01:00:00.000Z', 42])
  })

  const good = encodeCursor(['2027-03-28T01:00:00.000Z', 42])
  it.each([
    ['undefined', undefined],
    ['a number', 42],
    ['an array (a repeated ?after=)', [good, good]],
    ['an object (?after[x]=)', { x: good }],
    ['the empty string', ''],
    ['base64 padding', `${good}==`],
    ['characters outside base64url', `${good.slice(0, -2)}+/`],
    ['a cut-off cursor', good.slice(0, -3)],
    ['longer than the limit', 'A'.repeat(MAX_CURSOR_LENGTH + 1)],
    ['not JSON', b64('2027-03-28,42')],
    ['a JSON object', b64('{"at":"2027-03-28T01:00:00.000Z","id":42}')],
    ['too few values', b64('["2027-03-28T01:00:00.000Z"]')],
    ['too many values', b64('["2027-03-28T01:00:00.000Z",42,1]')],
    ['the values swapped', b64('[42,"2027-03-28T01:00:00.000Z"]')],
    ['a date without milliseconds', b64('["2027-03-28T01:00:00Z",42]')],
    ['a date only', b64('["2027-03-28",42]')],
    ['a date with an offset', b64('["2027-03-28T02:00:00.000+01:00",42]')],
    ['a day that does not exist', b64('["2027-02-30T01:00:00.000Z",42]')],
    ['SQL in the date', b64('["2027-03-28T01:00:00.000Z\' OR 1=1 --",42]')],
    ['an id as a string on SQL', b64('["2027-03-28T01:00:00.000Z","42"]')],
    ['a negative id', b64('["2027-03-28T01:00:00.000Z",-1]')],
    ['a zero id', b64('["2027-03-28T01:00:00.000Z",0]')],
    ['a fractional id', b64('["2027-03-28T01:00:00.000Z",1.5]')],
    ['a huge id', b64('["2027-03-28T01:00:00.000Z",1e300]')],
    ['an object as the id', b64('["2027-03-28T01:00:00.000Z",{"$gt":0}]')],
    ['null values', b64('[null,null]')],
    ['the same values spelt with spaces', b64('[ "2027-03-28T01:00:00.000Z", 42 ]')],
  ])('refuses %s', (_name, raw) => {
    expect(decodeCursor(raw, DATE_ID, 'number')).toBeNull()
  })

  it('a flag must be true or false, and an ObjectId 24 lower-case hex digits', () => {
    expect(decodeCursor(b64('["yes","2027-03-28T01:00:00.000Z",7]'), FLAG_DATE_ID, 'number')).toBeNull()
    expect(decodeCursor(b64('[1,"2027-03-28T01:00:00.000Z",7]'), FLAG_DATE_ID, 'number')).toBeNull()
    expect(decodeCursor(encodeCursor(['2027-03-28T01:00:00.000Z', 42]), DATE_ID, 'objectId')).toBeNull()
    expect(decodeCursor(encodeCursor(['2027-03-28T01:00:00.000Z', '65F1C0FFEE0000000000ABCD']), DATE_ID, 'objectId')).toBeNull()
    expect(decodeCursor(encodeCursor(['2027-03-28T01:00:00.000Z', '65f1c0ffee0000000000abc']), DATE_ID, 'objectId')).toBeNull()
  })

  it('a cursor of one list is refused by a list of another shape', () => {
    expect(decodeCursor(encodeCursor(['2027-03-28T01:00:00.000Z', 42]), FLAG_DATE_ID, 'number')).toBeNull()
    expect(decodeCursor(encodeCursor([true, '2027-03-28T01:00:00.000Z', 42]), DATE_ID, 'number')).toBeNull()
  })
})

describe('readPageRequest', () => {
  const after = encodeCursor(['2027-03-28T01:00:00.000Z', 42])
  const read = (query: Record<string, unknown>) => readPageRequest(query, DATE_ID, 'number', 1000)

  it('no parameters, page=1 and anything that is not a page number are the first page', () => {
    expect(read({})).toEqual({ kind: 'first' })
    for (const page of ['1', '0', '-1', 'abc', '']) expect(read({ page }), page).toEqual({ kind: 'first' })
  })

  it('an old ?page=N is page N, capped', () => {
    expect(read({ page: '3' })).toEqual({ kind: 'number', page: 3 })
    expect(read({ page: '99999999999999999999' })).toEqual({ kind: 'number', page: 1000 })
  })

  it('page=last is the last page; LAST, last with a cursor or a repeated page are not', () => {
    expect(read({ page: 'last' })).toEqual({ kind: 'last' })
    expect(read({ page: 'LAST' })).toEqual({ kind: 'first' })
    expect(read({ page: ['last', 'last'] })).toEqual({ kind: 'first' })
    expect(read({ after, page: 'last' })).toEqual({ kind: 'after', values: ['2027-03-28T01:00:00.000Z', 42] })
  })

  it('a cursor wins over a page number', () => {
    expect(read({ after, page: '5' })).toEqual({ kind: 'after', values: ['2027-03-28T01:00:00.000Z', 42] })
    expect(read({ before: after })).toEqual({ kind: 'before', values: ['2027-03-28T01:00:00.000Z', 42] })
  })

  it('is null (a 400) for a bad cursor, both cursors, or a repeated one', () => {
    expect(read({ after: 'nonsense' })).toBeNull()
    expect(read({ before: '' })).toBeNull()
    expect(read({ after, before: after })).toBeNull()
    expect(read({ after: [after, after] })).toBeNull()
  })
})
