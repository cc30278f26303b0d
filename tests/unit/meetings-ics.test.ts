// Issue 5, "Pages and feeds": the ICS feeds are valid RFC 5545 and parse with a real iCalendar parser.
// buildCalendar's output is read twice: raw (CRLF, folding at 75 octets, escaping, UTC times) and through
// ical.js (every field round-trips). The 18:00 London meetings are built with londonToUtc, as the site does.
import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'

import { buildCalendar, type IcsEvent } from '../../src/meetings/ics.js'
import { londonToUtc } from '../../src/policies/londonTime.js'

// =============================================================================================
// Helpers (independent of the implementation)
// =============================================================================================
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '')
const physicalLines = (text: string) => {
  expect(text.endsWith('\r\n')).toBe(true)
  return text.slice(0, -2).split('\r\n')
}
const logicalLines = (text: string) => physicalLines(unfold(text))
/** RFC 5545 §3.3.11 escaping of a TEXT value. */
const escapeText = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
const icsUtc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text))
  expect(root.name).toBe('vcalendar')
  const vevents = root.getAllSubcomponents('vevent')
  return { root, vevents, events: vevents.map((v) => new ICAL.Event(v)) }
}
/** The logical lines of each VEVENT block, in order. */
function eventBlocks(text: string): string[][] {
  const blocks: string[][] = []
  let current: string[] | null = null
  for (const line of logicalLines(text)) {
    if (line === 'BEGIN:VEVENT') current = []
    else if (line === 'END:VEVENT') {
      if (current) blocks.push(current)
      current = null
    } else if (current) current.push(line)
  }
  return blocks
}
const prop = (block: string[], name: string) => block.filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))
/** The VEVENT block whose UID line is exactly this uid (the order of events is not part of the contract). */
function blockFor(text: string, uid: string): string[] {
  const found = eventBlocks(text).filter((b) => b.includes(`UID:${uid}`))
  expect(found, `VEVENT with UID ${uid}`).toHaveLength(1)
  return found[0]!
}
/** The parsed event (and its component) with this uid. */
function parsedFor(parsed: ReturnType<typeof parse>, uid: string) {
  const i = parsed.events.findIndex((e) => e.uid === uid)
  expect(i, `parsed VEVENT with UID ${uid}`).toBeGreaterThanOrEqual(0)
  return { event: parsed.events[i]!, vevent: parsed.vevents[i]! }
}

const STAMP = new Date('2027-06-01T09:30:00.000Z')
const july = londonToUtc('2027-07-15', '18:00')
const january = londonToUtc('2027-01-15', '18:00')
const hours = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000)

const LONG_DESCRIPTION =
  'Agenda: welcome and introductions; peer support update, with naloxone training (bring a friend!). ' +
  'Café — naïve façade, Łódź, Ærøskøbing, ünïcödé everywhere ✓ 🎉🎉🎉 and a family emoji 👨‍👩‍👧‍👦. ' +
  'Line two follows.\nLine three: "quoted", back\\slash; semi; comma, more commas, , ,\n' +
  'x'.repeat(30) +
  ' 日本語のテキストも含まれています。'.repeat(4) +
  ' The end.'

const EVENTS: IcsEvent[] = [
  {
    uid: 'meeting-101@waymark.example',
    sequence: 0,
    start: july,
    end: hours(july, 2),
    stamp: STAMP,
    summary: 'Burnley locality meeting',
    location: 'Burnley Library, Grimshaw Street; Room 2',
    description: LONG_DESCRIPTION,
    url: 'https://waymark.example/meetings/101',
    cancelled: false,
  },
  {
    uid: 'meeting-102@waymark.example',
    sequence: 7,
    start: january,
    end: hours(january, 2),
    stamp: STAMP,
    summary: 'County meeting, Q1; "all welcome" \\ back-slash\nsecond line — café 🎉',
    location: 'Preston, County Hall',
    url: 'https://waymark.example/meetings/102?ref=ics,feed;x=1',
    cancelled: true,
  },
  {
    uid: 'meeting-103@waymark.example',
    sequence: 2,
    start: new Date('2027-10-31T01:30:00.000Z'), // 01:30 GMT, the second 01:30 of that night
    end: new Date('2027-10-31T03:00:00.000Z'),
    stamp: new Date('2027-10-01T00:00:00.000Z'),
    summary: 'Ünïcödé 日本語 meeting: ☕ and 👩🏽‍🦱',
    cancelled: false,
  },
]

const CALENDAR = buildCalendar({ name: 'Waymark meetings', events: EVENTS })

// =============================================================================================
// The raw text
// =============================================================================================
describe('buildCalendar: the text itself (RFC 5545 §3.1)', () => {
  it('returns a string', () => {
    expect(typeof CALENDAR).toBe('string')
  })

  it('every line ends in CRLF: no bare LF, no bare CR, and the last line is terminated', () => {
    expect(CALENDAR.endsWith('\r\n')).toBe(true)
    expect(CALENDAR).not.toMatch(/[^\r]\n/)
    expect(CALENDAR.startsWith('\n')).toBe(false)
    expect(CALENDAR).not.toMatch(/\r(?!\n)/)
  })

  it('no physical line is longer than 75 octets (UTF-8), and no line is empty', () => {
    for (const line of physicalLines(CALENDAR)) {
      expect(Buffer.byteLength(line, 'utf8'), JSON.stringify(line)).toBeLessThanOrEqual(75)
      expect(line.length).toBeGreaterThan(0)
    }
  })

  it('long lines really are folded (continuation lines start with one space)', () => {
    const lines = physicalLines(CALENDAR)
    expect(lines.some((l) => l.startsWith(' '))).toBe(true)
    // The long description cannot fit in one line, so it must be continued.
    const i = lines.findIndex((l) => l.startsWith('DESCRIPTION'))
    expect(i).toBeGreaterThanOrEqual(0)
    expect(lines[i + 1]?.startsWith(' ')).toBe(true)
  })

  it('folding never splits a character: no lone surrogates, no replacement characters', () => {
    expect(CALENDAR).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    expect(CALENDAR).not.toMatch(/(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
    expect(CALENDAR).not.toContain('\uFFFD')
    // ... and each physical line is valid UTF-8 on its own
    for (const line of physicalLines(CALENDAR)) {
      const bytes = Buffer.from(line, 'utf8')
      expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(line)
    }
  })

  it('starts with BEGIN:VCALENDAR, ends with END:VCALENDAR, and has the calendar properties once each', () => {
    const lines = logicalLines(CALENDAR)
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines[lines.length - 1]).toBe('END:VCALENDAR')
    expect(lines.filter((l) => l === 'BEGIN:VCALENDAR')).toHaveLength(1)
    expect(lines.filter((l) => l === 'VERSION:2.0')).toHaveLength(1)
    expect(lines.filter((l) => /^PRODID:.+/.test(l))).toHaveLength(1)
    expect(lines.filter((l) => l === 'CALSCALE:GREGORIAN')).toHaveLength(1)
    expect(lines.filter((l) => l === 'X-WR-CALNAME:Waymark meetings')).toHaveLength(1)
  })

  it('one VEVENT block per event, in balance', () => {
    const lines = logicalLines(CALENDAR)
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(EVENTS.length)
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(EVENTS.length)
    expect(eventBlocks(CALENDAR)).toHaveLength(EVENTS.length)
  })

  it('each VEVENT has exactly one UID, DTSTAMP, DTSTART, DTEND, SEQUENCE, STATUS and SUMMARY', () => {
    for (const block of eventBlocks(CALENDAR)) {
      for (const name of ['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SEQUENCE', 'STATUS', 'SUMMARY']) {
        expect(prop(block, name), `${name} in ${block.join(' | ')}`).toHaveLength(1)
      }
    }
  })

  it('all times are UTC date-times (…Z), with no TZID', () => {
    for (const block of eventBlocks(CALENDAR)) {
      for (const name of ['DTSTAMP', 'DTSTART', 'DTEND']) {
        const [line] = prop(block, name)
        expect(line).toMatch(new RegExp(`^${name}:\\d{8}T\\d{6}Z$`))
      }
    }
  })

  it('18:00 London on 15 July 2027 is DTSTART:20270715T170000Z; on 15 January 2027 it is DTSTART:20270115T180000Z', () => {
    const b101 = blockFor(CALENDAR, 'meeting-101@waymark.example')
    const b102 = blockFor(CALENDAR, 'meeting-102@waymark.example')
    expect(prop(b101, 'DTSTART')).toEqual(['DTSTART:20270715T170000Z'])
    expect(prop(b101, 'DTEND')).toEqual(['DTEND:20270715T190000Z'])
    expect(prop(b102, 'DTSTART')).toEqual(['DTSTART:20270115T180000Z'])
    expect(prop(b102, 'DTEND')).toEqual(['DTEND:20270115T200000Z'])
  })

  it('STATUS:CANCELLED for the cancelled event and STATUS:CONFIRMED for the others; SEQUENCE as given', () => {
    for (const event of EVENTS) {
      const block = blockFor(CALENDAR, event.uid)
      expect(prop(block, 'STATUS')).toEqual([event.cancelled ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED'])
      expect(prop(block, 'SEQUENCE')).toEqual([`SEQUENCE:${event.sequence}`])
      expect(prop(block, 'UID')).toEqual([`UID:${event.uid}`])
      expect(prop(block, 'DTSTAMP')).toEqual([`DTSTAMP:${icsUtc(event.stamp)}`])
    }
  })

  it('TEXT values are escaped exactly as RFC 5545 §3.3.11 says (\\\\ \\; \\, \\n)', () => {
    const b101 = blockFor(CALENDAR, EVENTS[0]!.uid)
    const b102 = blockFor(CALENDAR, EVENTS[1]!.uid)
    expect(prop(b102, 'SUMMARY')).toEqual([`SUMMARY:${escapeText(EVENTS[1]!.summary)}`])
    expect(prop(b102, 'LOCATION')).toEqual([`LOCATION:${escapeText(EVENTS[1]!.location!)}`])
    expect(prop(b101, 'LOCATION')).toEqual([`LOCATION:${escapeText(EVENTS[0]!.location!)}`])
    expect(prop(b101, 'DESCRIPTION')).toEqual([`DESCRIPTION:${escapeText(LONG_DESCRIPTION)}`])
  })

  it('optional properties are left out when not given (no empty LOCATION/DESCRIPTION/URL lines)', () => {
    const block = blockFor(CALENDAR, EVENTS[2]!.uid)
    expect(prop(block, 'LOCATION')).toHaveLength(0)
    expect(prop(block, 'DESCRIPTION')).toHaveLength(0)
    expect(prop(block, 'URL')).toHaveLength(0)
    for (const line of logicalLines(CALENDAR)) expect(line, 'a property with an empty value').not.toMatch(/^[A-Z-]+:$/)
  })

  it('a long calendar name with unicode and a line break is folded, escaped and cannot inject a line', () => {
    const name = 'Réunions de Waymark — Lancashire User Forum — toutes les localités 🎉\r\nBEGIN:VEVENT'
    const text = buildCalendar({ name, events: [] })
    for (const line of physicalLines(text)) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
    expect(logicalLines(text)).not.toContain('BEGIN:VEVENT')
    expect(parse(text).vevents).toHaveLength(0)
  })

  it('the calendar name is escaped too', () => {
    const text = buildCalendar({ name: 'Waymark, Burnley; meetings', events: [] })
    expect(logicalLines(text)).toContain('X-WR-CALNAME:Waymark\\, Burnley\\; meetings')
  })
})

// =============================================================================================
// Through a real parser
// =============================================================================================
describe('buildCalendar: parsed with ical.js', () => {
  it('parses, and the calendar properties are there', () => {
    const { root } = parse(CALENDAR)
    expect(root.getFirstPropertyValue('version')).toBe('2.0')
    expect(String(root.getFirstPropertyValue('prodid') ?? '').length).toBeGreaterThan(0)
    expect(root.getFirstPropertyValue('calscale')).toBe('GREGORIAN')
    expect(root.getFirstPropertyValue('x-wr-calname')).toBe('Waymark meetings')
  })

  it('every event round-trips: uid, sequence, status, summary, location, description, url', () => {
    const parsed = parse(CALENDAR)
    expect(parsed.events).toHaveLength(EVENTS.length)
    EVENTS.forEach((want) => {
      const { event: got, vevent: v } = parsedFor(parsed, want.uid)
      expect(got.uid).toBe(want.uid)
      expect(got.sequence).toBe(want.sequence)
      expect(v.getFirstPropertyValue('status')).toBe(want.cancelled ? 'CANCELLED' : 'CONFIRMED')
      expect(got.summary).toBe(want.summary)
      expect(got.location ?? undefined).toBe(want.location)
      expect(got.description ?? undefined).toBe(want.description)
      expect(v.getFirstPropertyValue('url') ?? undefined).toBe(want.url)
    })
  })

  it('start, end and stamp are the same instants, in UTC', () => {
    const parsed = parse(CALENDAR)
    EVENTS.forEach((want) => {
      const { event: got, vevent } = parsedFor(parsed, want.uid)
      expect(got.startDate.zone?.tzid).toBe('UTC')
      expect(got.endDate.zone?.tzid).toBe('UTC')
      expect(got.startDate.toJSDate().toISOString()).toBe(want.start.toISOString())
      expect(got.endDate.toJSDate().toISOString()).toBe(want.end.toISOString())
      const stamp = vevent.getFirstPropertyValue('dtstamp') as InstanceType<typeof ICAL.Time>
      expect(stamp.toJSDate().toISOString()).toBe(want.stamp.toISOString())
    })
  })

  it('the July meeting starts at 17:00Z and the January one at 18:00Z (both 18:00 in London)', () => {
    const parsed = parse(CALENDAR)
    expect(parsedFor(parsed, 'meeting-101@waymark.example').event.startDate.toString()).toBe('2027-07-15T17:00:00Z')
    expect(parsedFor(parsed, 'meeting-102@waymark.example').event.startDate.toString()).toBe('2027-01-15T18:00:00Z')
  })

  it('UIDs are unique within the calendar', () => {
    const { events } = parse(CALENDAR)
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length)
  })

  it('the same input gives the same text (stable output for stable UIDs)', () => {
    expect(buildCalendar({ name: 'Waymark meetings', events: EVENTS })).toBe(CALENDAR)
  })
})

describe('buildCalendar: awkward input', () => {
  const base: IcsEvent = {
    uid: 'meeting-9@waymark.example',
    sequence: 1,
    start: july,
    end: hours(july, 2),
    stamp: STAMP,
    summary: 'x',
    cancelled: false,
  }

  it.each([
    ['commas', 'Agenda, minutes, actions'],
    ['semicolons', 'Part one; part two;'],
    ['a newline', 'First line\nSecond line'],
    ['a backslash and a literal \\n', 'C:\\path\\n is not a newline'],
    ['a colon', 'Time: 18:00'],
    ['unicode', 'Réunion à Preston – ça va? Ελληνικά, русский, עברית, العربية'],
    ['emoji', '🎉 Celebration 👩‍👩‍👧 🏳️‍🌈 🇬🇧'],
    ['leading and trailing spaces', '  padded  '],
  ])('a summary with %s round-trips', (_label, summary) => {
    const text = buildCalendar({ name: 'n', events: [{ ...base, summary }] })
    for (const line of physicalLines(text)) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
    expect(parse(text).events[0]!.summary).toBe(summary)
  })

  it('CRLF inside a summary cannot inject a property or a second event', () => {
    const summary = 'Hello\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@attacker\r\nSUMMARY:pwned'
    const text = buildCalendar({ name: 'n', events: [{ ...base, summary }] })
    const lines = logicalLines(text)
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1)
    expect(lines).not.toContain('UID:evil@attacker')
    expect(lines.some((l) => l.startsWith('SUMMARY:pwned'))).toBe(false)
    const { events } = parse(text)
    expect(events).toHaveLength(1)
    expect(events[0]!.uid).toBe(base.uid)
    // The text survives (line breaks as line breaks).
    expect(events[0]!.summary.replace(/[\r\n]+/g, '\n')).toBe(summary.replace(/[\r\n]+/g, '\n'))
  })

  it('a very long summary made of multi-byte characters is folded on character boundaries and round-trips', () => {
    const summary = '€'.repeat(100) + '🎉'.repeat(60) + 'é'.repeat(77)
    const text = buildCalendar({ name: 'n', events: [{ ...base, summary }] })
    const lines = physicalLines(text)
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
      expect(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(line, 'utf8'))).toBe(line)
    }
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    expect(parse(text).events[0]!.summary).toBe(summary)
  })

  it('a property one octet over the limit is folded', () => {
    // "SUMMARY:" is 8 octets: 68 more make 76.
    const over = buildCalendar({ name: 'n', events: [{ ...base, summary: 'a'.repeat(68) }] })
    expect(physicalLines(over)).not.toContain(`SUMMARY:${'a'.repeat(68)}`)
    expect(parse(over).events[0]!.summary).toBe('a'.repeat(68))
  })

  it('a cancelled event is STATUS:CANCELLED, a confirmed one STATUS:CONFIRMED', () => {
    const text = buildCalendar({
      name: 'n',
      events: [
        { ...base, uid: 'a@x', cancelled: true },
        { ...base, uid: 'b@x', cancelled: false },
      ],
    })
    const parsed = parse(text)
    expect(parsedFor(parsed, 'a@x').vevent.getFirstPropertyValue('status')).toBe('CANCELLED')
    expect(parsedFor(parsed, 'b@x').vevent.getFirstPropertyValue('status')).toBe('CONFIRMED')
  })

  it('sequence numbers are written as given (a change bumps it; the feed must show the bump)', () => {
    for (const sequence of [0, 1, 2, 41, 1000]) {
      const text = buildCalendar({ name: 'n', events: [{ ...base, sequence }] })
      expect(logicalLines(text)).toContain(`SEQUENCE:${sequence}`)
      expect(parse(text).events[0]!.sequence).toBe(sequence)
    }
  })

  it('start and end in UTC for a meeting on every day of 2027 at 18:00 London time', () => {
    const events: IcsEvent[] = []
    for (let ms = Date.UTC(2027, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 86_400_000) {
      const date = new Date(ms).toISOString().slice(0, 10)
      const start = londonToUtc(date, '18:00')
      events.push({ ...base, uid: `m-${date}@waymark.example`, start, end: hours(start, 2) })
    }
    const text = buildCalendar({ name: 'n', events })
    const blocks = eventBlocks(text)
    expect(blocks).toHaveLength(365)
    blocks.forEach((block) => {
      const uid = prop(block, 'UID')[0]!.slice(4)
      const date = uid.slice(2, 12)
      // BST from 28 March (inclusive) to 31 October (exclusive) in 2027.
      const bst = date >= '2027-03-28' && date < '2027-10-31'
      expect(prop(block, 'DTSTART'), date).toEqual([`DTSTART:${date.replace(/-/g, '')}T${bst ? '17' : '18'}0000Z`])
    })
    const parsed = parse(text).events
    expect(parsed).toHaveLength(365)
    const byUid = new Map(events.map((e) => [e.uid, e.start.getTime()]))
    parsed.forEach((e) => expect(e.startDate.toJSDate().getTime(), e.uid).toBe(byUid.get(e.uid)))
  })
})

describe('buildCalendar: an empty calendar', () => {
  const text = buildCalendar({ name: 'Nothing yet', events: [] })

  it('is still a valid calendar with no events', () => {
    const { root, vevents } = parse(text)
    expect(vevents).toHaveLength(0)
    expect(root.getFirstPropertyValue('version')).toBe('2.0')
    expect(root.getFirstPropertyValue('prodid')).toBeTruthy()
  })

  it('uses CRLF and has the calendar lines', () => {
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text).not.toMatch(/[^\r]\n/)
    const lines = logicalLines(text)
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines[lines.length - 1]).toBe('END:VCALENDAR')
    expect(lines).toContain('VERSION:2.0')
    expect(lines).toContain('CALSCALE:GREGORIAN')
    expect(lines).toContain('X-WR-CALNAME:Nothing yet')
    expect(lines).not.toContain('BEGIN:VEVENT')
  })
})
