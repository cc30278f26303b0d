// The emails about meetings: the reminder two days before, and notice of a moved or cancelled meeting.
// They go to one verified member each, so they may carry the joining details.
import { escapeHtml } from '../email/templates.js'
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

const paragraph = (text: string | null | undefined) => (text ? `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>` : '')

function details(meeting: MeetingForEmail): string {
  const when = `${formatLondonDateTime(new Date(meeting.startsAt))} to ${formatLondonTime(new Date(meeting.endsAt))} (UK time)`
  const venue = meeting.venue
  return [
    `<p><strong>When:</strong> ${escapeHtml(when)}</p>`,
    venue?.name ? `<p><strong>Where:</strong> ${escapeHtml(venue.name)}${venue.address ? `, ${escapeHtml(venue.address).replace(/\n/g, ', ')}` : ''}</p>` : '',
    venue?.accessibility ? `<p><strong>Access:</strong> ${escapeHtml(venue.accessibility)}</p>` : '',
    meeting.online ? `<p><strong>Joining online:</strong></p>${paragraph(meeting.online)}` : '',
    `<p><a href="${serverURL}/meetings/${meeting.id}">The agenda and everything else about this meeting</a></p>`,
  ].join('\n')
}

export function reminderEmail(meeting: MeetingForEmail, member: AudienceMember) {
  const unsubscribe = unsubscribeParts(member.id, 'notifyMeetingReminders')
  return {
    to: member.email,
    subject: `Reminder: ${meeting.title}, ${formatLondonDateTime(new Date(meeting.startsAt))}`,
    html: `<p>Hello ${escapeHtml(member.displayName)},</p>
<p>${escapeHtml(meeting.title)} is coming up. If it is your first time, you are the most important people in the room: just come along.</p>
${details(meeting)}
${unsubscribe.html}`,
    headers: unsubscribe.headers,
  }
}

export function changeEmail(kind: 'moved' | 'cancelled', meeting: MeetingForEmail, previousStartsAt: string, member: AudienceMember) {
  const unsubscribe = unsubscribeParts(member.id, 'notifyMeetingChanges')
  const was = formatLondonDateTime(new Date(previousStartsAt))
  const what =
    kind === 'cancelled'
      ? `<p>${escapeHtml(meeting.title)} on ${escapeHtml(was)} is cancelled.</p>${paragraph(meeting.cancellationReason)}<p><a href="${serverURL}/meetings">See the other meetings</a></p>`
      : `<p>${escapeHtml(meeting.title)} has moved. It was ${escapeHtml(was)}; this is the new time.</p>\n${details(meeting)}`
  return {
    to: member.email,
    subject: `${kind === 'cancelled' ? 'Meeting cancelled' : 'Meeting moved'}: ${meeting.title}`,
    html: `<p>Hello ${escapeHtml(member.displayName)},</p>\n${what}\n${unsubscribe.html}`,
    headers: unsubscribe.headers,
  }
}
