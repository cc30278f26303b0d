// The shared display formatters (src/policies/londonTime.ts formatLondon), built once per process.
// Expected strings are written by hand at the clock changes of 2027 (BST from 01:00 UTC on 28 March,
// GMT from 01:00 UTC on 31 October); then each format is checked against the toLocale* call it
// replaced, minute by minute across both changes and at noon every day of the year, so pages stay
// byte-identical.
import { describe, expect, it } from 'vitest'

import { formatLondon, type LondonDisplayFormat } from '../../src/policies/londonTime.js'

const ZONE = 'Europe/London'

/** What each call site said before the shared formatters (copied from the replaced code). */
const BEFORE: Record<LondonDisplayFormat, (d: Date) => string> = {
  postedAt: (d) => d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: ZONE }),
  sentAt: (d) => d.toLocaleString('en-GB', { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' }),
  numericDate: (d) => d.toLocaleDateString('en-GB', { timeZone: ZONE }),
  clock: (d) => d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: undefined, timeZone: ZONE }),
  clockWithSeconds: (d) => d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: ZONE }),
  longDate: (d) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE }),
}
const FORMATS = Object.keys(BEFORE) as LondonDisplayFormat[]

describe('formatLondon at the clock changes (hand-written)', () => {
  it.each([
    // the last GMT minute before spring forward, then the first BST minute (02:00 on the wall)
    ['2027-03-28T00:59:00Z', 'postedAt', '28 Mar 2027, 00:59'],
    ['2027-03-28T01:00:00Z', 'postedAt', '28 Mar 2027, 02:00'],
    ['2027-03-28T01:00:00Z', 'clock', '02:00'],
    // 01:30 happens twice in autumn: once in BST, once in GMT
    ['2027-10-31T00:30:00Z', 'sentAt', '31 Oct 2027, 01:30'],
    ['2027-10-31T01:30:00Z', 'sentAt', '31 Oct 2027, 01:30'],
    ['2027-10-31T00:59:59Z', 'clockWithSeconds', '01:59:59'],
    ['2027-10-31T01:00:00Z', 'clockWithSeconds', '01:00:00'],
    // in summer, 23:30 UTC is already the next day in London; in winter it is not
    ['2027-06-30T23:30:00Z', 'numericDate', '01/07/2027'],
    ['2027-06-30T23:30:00Z', 'longDate', '1 July 2027'],
    ['2027-12-31T23:30:00Z', 'numericDate', '31/12/2027'],
    ['2027-12-31T23:30:00Z', 'longDate', '31 December 2027'],
    ['2027-09-05T08:05:09Z', 'postedAt', '5 Sept 2027, 09:05'],
  ] as const)('%s as %s is "%s"', (iso, format, expected) => {
    expect(formatLondon(format, iso)).toBe(expected)
    expect(formatLondon(format, new Date(iso))).toBe(expected)
  })

  it('an invalid date reads "Invalid Date", as toLocaleString says, instead of throwing', () => {
    for (const format of FORMATS) expect(formatLondon(format, 'not a date')).toBe('Invalid Date')
  })
})

describe('formatLondon says what the replaced toLocale* calls said', () => {
  const instants: Date[] = []
  for (const change of ['2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z', '2028-03-26T01:00:00Z']) {
    const at = Date.parse(change)
    for (let minute = -90; minute <= 90; minute++) instants.push(new Date(at + minute * 60_000 + 7_000))
  }
  for (let day = 0; day < 366; day++) instants.push(new Date(Date.UTC(2027, 0, 1 + day, 12, 34, 56)), new Date(Date.UTC(2027, 0, 1 + day, 23, 30)))

  it.each(FORMATS)('%s, minute by minute around the changes and twice a day through 2027', (format) => {
    const differing = instants.filter((d) => formatLondon(format, d) !== BEFORE[format](d)).map((d) => d.toISOString())
    expect(differing).toEqual([])
  })
})
