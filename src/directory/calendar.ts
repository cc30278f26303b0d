// An entry's recurring meetings as iCalendar (RFC 5545): one VEVENT per meeting time, with an RRULE,
// at London wall-clock times (TZID=Europe/London, with its VTIMEZONE), so "Tuesdays 19:00" stays 19:00
// through the clock changes. Built from the presented entry only: nothing a visitor could not read.
import { serverURL } from '../env.js'
import { fold, text, utc } from '../meetings/ics.js'
import { DEFAULT_DURATION_MINUTES, firstDateFrom, rruleOf } from '../policies/directory.js'
import type { DirectoryEntryView } from '../presenters/directory.js'

const host = new URL(serverURL).hostname

const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
]

const local = (date: string, time: string) => `${date.replace(/-/g, '')}T${time.replace(':', '')}00`
const duration = (minutes: number) => `PT${Math.floor(minutes / 60) ? `${Math.floor(minutes / 60)}H` : ''}${minutes % 60 ? `${minutes % 60}M` : ''}`

export function directoryCalendarText(entry: DirectoryEntryView, today: string, stamp: Date): string {
  const page = `${serverURL}/directory/${entry.id}`
  const location = [entry.address?.replace(/\s*\n\s*/g, ', '), entry.postcode].filter(Boolean).join(', ')
  const description = [entry.description, entry.cost ? `Cost: ${entry.cost}` : '', entry.meetsNote ?? '', `Details: ${page}`].filter(Boolean).join('\n\n')
  const events = entry.meets.flatMap((m, index) => [
    'BEGIN:VEVENT',
    `UID:directory-${entry.id}-${index}@${host}`,
    `DTSTAMP:${utc(stamp)}`,
    `DTSTART;TZID=Europe/London:${local(firstDateFrom(m, today), m.time)}`,
    `DURATION:${duration(m.durationMinutes ?? DEFAULT_DURATION_MINUTES)}`,
    `RRULE:${rruleOf(m)}`,
    `SUMMARY:${text(entry.name)}`,
    ...(location ? [`LOCATION:${text(location)}`] : []),
    `DESCRIPTION:${text(description)}`,
    `URL:${page}`,
    'END:VEVENT',
  ])
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Waymark//Directory//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(entry.name)}`,
    ...LONDON_VTIMEZONE,
    ...events,
    'END:VCALENDAR',
  ]
  return lines.map(fold).join('\r\n') + '\r\n'
}
