// Issue 17 A: the directory's machine-readable formats. The CSV reader and writer (quotes, line breaks,
// formulas), the ICS of an entry's recurring meetings read back through ical.js (RRULE expanded at London
// times across the clock change), and the schema.org JSON-LD (an Event with a schedule, or an Organization).
import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'

import { directoryCalendarText } from '../../src/directory/calendar.js'
import { checkImport, csvCell, parseCsv, toCsv } from '../../src/policies/directoryCsv.js'
import { entryJsonLd, presentEntry } from '../../src/presenters/directory.js'

describe('CSV', () => {
  it('reads quoted cells with commas, quotes and line breaks, CRLF or LF, and a byte-order mark', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\n\n1,2')).toEqual({
      ok: true,
      rows: [
        ['a', 'b'],
        ['x, y', 'say "hi"\nthere'],
        ['1', '2'],
      ],
    })
    expect(parseCsv('a,"b\n').ok).toBe(false)
  })
  it('writes cells that read back the same, and formulas a spreadsheet will not run', () => {
    const rows = [['plain', 'with, comma', 'with "quote"', 'two\nlines', ' padded ']]
    const parsed = parseCsv(toCsv(rows))
    expect(parsed).toEqual({ ok: true, rows })
    expect(csvCell('=1+1')).toBe("'=1+1")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('-2')).toBe("'-2")
  })
  it('reports a bad header, and each bad row by its spreadsheet row number', () => {
    const context = { kinds: ['aa'], localities: ['preston'], existingIds: new Set<string>(), mayWriteLocality: (slug: string) => slug === 'preston' }
    expect(checkImport('name,kind,town\n', context)).toMatchObject({ ok: false, problems: [{ row: 1 }] })
    const file = ['name,kind,locality,meets', 'Good,aa,preston,Tue 19:00', ',aa,preston,', 'Bad kind,xx,preston,', 'Good too,aa,preston,1st Sat 10:30', 'Bad time,aa,preston,Tue 7pm', 'Short,aa'].join(
      '\n',
    )
    const result = checkImport(file, context)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems.map((p) => p.row)).toEqual([3, 4, 6, 7])
    const other = checkImport('name,kind,locality\nElsewhere,aa,preston', { ...context, mayWriteLocality: () => false })
    expect(other).toMatchObject({ ok: false, problems: [{ row: 2, reason: expect.stringContaining('moderate') }] })
  })
})

const doc = {
  id: 42,
  name: 'Riverside, "Tuesday" AA; open',
  kind: { slug: 'aa', name: 'AA' },
  locality: { slug: 'preston', name: 'Preston' },
  address: '1 Quay Street\nPreston',
  postcode: 'pr1 1aa',
  meets: [
    { frequency: 'weekly', weekday: 'tue', time: '19:00', durationMinutes: 60 },
    { frequency: 'monthly', weekday: 'sat', week: '1', time: '10:30' },
  ],
  cost: 'Free',
  description: 'An open meeting.',
  checkedOn: '2027-03-01',
  accessibility: ['step-free'],
}

describe('ICS of an entry', () => {
  const now = new Date('2027-03-10T12:00:00Z')
  const entry = presentEntry(doc, now)
  const text = directoryCalendarText(entry, '2027-03-10', now)

  it('is RFC 5545 with a rule per meeting time, at London wall-clock times', () => {
    expect(text.endsWith('\r\n')).toBe(true)
    const unfolded = text.replace(/\r\n[ \t]/g, '')
    expect(unfolded).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU')
    expect(unfolded).toContain('RRULE:FREQ=MONTHLY;BYDAY=1SA')
    expect(unfolded).toContain('DTSTART;TZID=Europe/London:20270316T190000')
    expect(unfolded).toContain('DTSTART;TZID=Europe/London:20270403T103000')
    expect(unfolded).toContain('SUMMARY:Riverside\\, "Tuesday" AA\\; open')
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75)
  })

  it('parses with ical.js, and the weekly meeting stays at 19:00 London time across the clock change', () => {
    const calendar = new ICAL.Component(ICAL.parse(text))
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone))
    const [weekly, monthly] = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e))
    expect(weekly!.summary).toBe('Riverside, "Tuesday" AA; open')
    expect(weekly!.location).toBe('1 Quay Street, Preston, PR1 1AA')
    const occurrences = weekly!.iterator()
    const starts = Array.from({ length: 4 }, () => occurrences.next()!.toJSDate().toISOString())
    // 16 and 23 March are GMT (19:00Z); from 30 March, BST (18:00Z).
    expect(starts).toEqual(['2027-03-16T19:00:00.000Z', '2027-03-23T19:00:00.000Z', '2027-03-30T18:00:00.000Z', '2027-04-06T18:00:00.000Z'])
    expect(weekly!.duration.toSeconds()).toBe(3600)
    const first = monthly!.iterator()
    expect([first.next()!.toString().slice(0, 10), first.next()!.toString().slice(0, 10)]).toEqual(['2027-04-03', '2027-05-01'])
  })
})

describe('JSON-LD', () => {
  const now = new Date('2027-03-10T12:00:00Z')
  it('a group that meets is an Event with a weekly and a monthly schedule; one that does not is an Organization', () => {
    const event = entryJsonLd(presentEntry(doc, now), 'https://waymark.example')
    expect(event).toMatchObject({
      '@type': 'Event',
      url: 'https://waymark.example/directory/42',
      location: { '@type': 'Place', address: { postalCode: 'PR1 1AA' } },
      eventSchedule: [
        { repeatFrequency: 'P1W', byDay: 'https://schema.org/Tuesday', startTime: '19:00:00', duration: 'PT1H', scheduleTimezone: 'Europe/London' },
        { repeatFrequency: 'P1M', byDay: 'https://schema.org/Saturday', byMonthWeek: 1, startTime: '10:30:00', duration: 'PT1H30M' },
      ],
    })
    const organisation = entryJsonLd(presentEntry({ ...doc, meets: [] }, now), 'https://waymark.example')
    expect(organisation['@type']).toBe('Organization')
  })
})
