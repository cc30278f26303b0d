// The calendar feeds, always built as a visitor sees the site whoever asks: a calendar URL gets
// shared and synced, so it never carries joining details or minutes. The read itself is
// meetingsCalendar in src/queries/meetings.ts.
import { serverURL } from '../env.js'
import { buildCalendar, type IcsEvent } from './ics.js'

const host = new URL(serverURL).hostname

export const meetingUid = (id: number | string) => `meeting-${id}@${host}`

function toEvent(doc: Record<string, any>): IcsEvent {
  const venue = doc.venue ?? {}
  const agenda = (Array.isArray(doc.agenda) ? doc.agenda : []).map((item: Record<string, any>) => `- ${item.title}`)
  const page = `${serverURL}/meetings/${doc.id}`
  const description = [
    doc.status === 'cancelled' ? `Cancelled${doc.cancellationReason ? `: ${doc.cancellationReason}` : '.'}` : '',
    agenda.length ? `Agenda:\n${agenda.join('\n')}` : '',
    venue.accessibility ? `Access: ${venue.accessibility}` : '',
    `Details: ${page}`,
  ].filter(Boolean)
  return {
    uid: meetingUid(doc.id),
    sequence: Number(doc.sequence ?? 0),
    start: new Date(doc.startsAt),
    end: new Date(doc.endsAt),
    stamp: new Date(doc.updatedAt ?? doc.createdAt ?? Date.now()),
    summary: String(doc.title),
    location:
      [venue.name, venue.address]
        .filter(Boolean)
        .join(', ')
        .replace(/\s*\n\s*/g, ', ') || undefined,
    description: description.join('\n\n'),
    url: page,
    cancelled: doc.status === 'cancelled',
  }
}

/** The fields a calendar needs: never joining details or minutes. */
export const CALENDAR_SELECT = {
  title: true,
  startsAt: true,
  endsAt: true,
  status: true,
  cancellationReason: true,
  venue: true,
  agenda: true,
  sequence: true,
  updatedAt: true,
  createdAt: true,
} as const

/** The iCalendar text of meetings read as a visitor (src/queries/meetings.ts reads them). */
export function meetingsCalendarText(name: string, docs: Record<string, any>[]): string {
  return buildCalendar({ name, events: docs.map((doc) => toEvent(doc)) })
}
