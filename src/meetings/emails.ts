// The emails about meetings: the reminder two days before, and notice of a moved or cancelled meeting.
// They go to one verified member each, so they may carry the joining details.
import { composeEmail, link, paragraph, strong, type Block } from '../email/compose.js'
import type { QueuedEmail } from '../email/queue.js'
import { unsubscribeParts } from '../email/unsubscribe.js'
import { serverURL } from '../env.js'
import { formatLondonDateTime, formatLondonTime } from '../policies/londonTime.js'
import type { AudienceMember } from './audience.js'

export type MeetingForEmail = {
  id: number | string
  title: string
  startsAt: string
  endsAt: string
  venue?: { name?: string | null; address?: string | null; accessibility?: string | null } | null
  online?: string | null
  cancellationReason?: string | null
}

const optional = (text: string | null | undefined): Block[] => (text ? [paragraph(text)] : [])

function details(meeting: MeetingForEmail): Block[] {
  const when = `${formatLondonDateTime(new Date(meeting.startsAt))} to ${formatLondonTime(new Date(meeting.endsAt))} (UK time)`
  const venue = meeting.venue
  return [
    paragraph(strong('When:'), ` ${when}`),
    ...(venue?.name ? [paragraph(strong('Where:'), ` ${venue.name}${venue.address ? `, ${venue.address.replace(/\n/g, ', ')}` : ''}`)] : []),
    ...(venue?.accessibility ? [paragraph(strong('Access:'), ` ${venue.accessibility}`)] : []),
    ...(meeting.online ? [paragraph(strong('Joining online:')), paragraph(meeting.online)] : []),
    paragraph(link(`${serverURL}/meetings/${meeting.id}`, 'The agenda and everything else about this meeting')),
  ]
}

export function reminderEmail(meeting: MeetingForEmail, member: AudienceMember): QueuedEmail {
  const unsubscribe = unsubscribeParts(member.id, 'notifyMeetingReminders')
  return {
    to: member.email,
    subject: `Reminder: ${meeting.title}, ${formatLondonDateTime(new Date(meeting.startsAt))}`,
    body: composeEmail([
      paragraph(`Hello ${member.displayName},`),
      paragraph(`${meeting.title} is coming up. If it is your first time, you are the most important people in the room: just come along.`),
      ...details(meeting),
      unsubscribe.block,
    ]),
    headers: unsubscribe.headers,
  }
}

export function changeEmail(kind: 'moved' | 'cancelled', meeting: MeetingForEmail, previousStartsAt: string, member: AudienceMember): QueuedEmail {
  const unsubscribe = unsubscribeParts(member.id, 'notifyMeetingChanges')
  const was = formatLondonDateTime(new Date(previousStartsAt))
  const what =
    kind === 'cancelled'
      ? [paragraph(`${meeting.title} on ${was} is cancelled.`), ...optional(meeting.cancellationReason), paragraph(link(`${serverURL}/meetings`, 'See the other meetings'))]
      : [paragraph(`${meeting.title} has moved. It was ${was}; this is the new time.`), ...details(meeting)]
  return {
    to: member.email,
    subject: `${kind === 'cancelled' ? 'Meeting cancelled' : 'Meeting moved'}: ${meeting.title}`,
    body: composeEmail([paragraph(`Hello ${member.displayName},`), ...what, unsubscribe.block]),
    headers: unsubscribe.headers,
  }
}
