// Two days before a meeting, members who asked for it get a reminder: for their home locality's
// meetings and for the county's. Runs hourly. The reminder and its ledger row are written in one
// transaction, and the ledger key is unique, so a second run (or another process) sends nothing new.
import type { Payload, TaskConfig } from 'payload'

import { inTransaction } from '../db/transaction.js'
import { queueEmail } from '../email/queue.js'
import { meetingAudience } from '../meetings/audience.js'
import { reminderEmail, type MeetingForEmail } from '../meetings/emails.js'

export const REMIND_MEETINGS_TASK = 'remindMeetings'
export const REMINDER_HOURS_BEFORE = 48

export const reminderKey = (meetingId: number | string, memberId: number | string, startsAt: string) => `${meetingId}:${memberId}:${new Date(startsAt).toISOString()}`

export async function remindMeetings(payload: Payload, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + REMINDER_HOURS_BEFORE * 60 * 60 * 1000)
  const meetings = await payload.find({
    collection: 'meetings',
    where: { and: [{ status: { equals: 'scheduled' } }, { startsAt: { greater_than: now.toISOString() } }, { startsAt: { less_than_equal: horizon.toISOString() } }] },
    depth: 1,
    pagination: false,
    overrideAccess: true,
  })
  let queued = 0
  for (const meeting of meetings.docs as Record<string, any>[]) {
    const locality = meeting.locality as { id: number | string; isCountyWide?: boolean | null }
    const audience = await meetingAudience(payload, locality, 'notifyMeetingReminders')
    if (audience.length === 0) continue
    const sent = await payload.find({ collection: 'meeting-reminders', where: { meeting: { equals: meeting.id } }, select: { key: true }, pagination: false, depth: 0, overrideAccess: true })
    const already = new Set(sent.docs.map((row) => String(row.key)))
    for (const member of audience) {
      const key = reminderKey(meeting.id, member.id, meeting.startsAt)
      if (already.has(key)) continue
      try {
        await inTransaction(payload, null, async (req) => {
          await payload.create({ collection: 'meeting-reminders', data: { key, meeting: meeting.id, member: member.id as never, sentAt: now.toISOString() }, req, overrideAccess: true })
          await queueEmail(payload, reminderEmail(meeting as MeetingForEmail, member), req)
        })
        queued++
      } catch (error) {
        // Another run got there first: its ledger row holds the key, and its email is on its way.
        if (isDuplicateKey(error)) continue
        throw error
      }
    }
  }
  return queued
}

function isDuplicateKey(error: unknown): boolean {
  const text = `${(error as Error)?.message ?? ''} ${JSON.stringify((error as { data?: unknown })?.data ?? '')} ${String((error as { cause?: unknown })?.cause ?? '')}`
  return /unique|duplicate|already (been )?(taken|registered|exists)/i.test(text)
}

export const remindMeetingsTask: TaskConfig<typeof REMIND_MEETINGS_TASK> = {
  slug: REMIND_MEETINGS_TASK,
  retries: 2,
  schedule: [{ cron: '0 7 * * * *', queue: 'default' }],
  handler: async ({ req }) => {
    await remindMeetings(req.payload)
    return { output: {} }
  },
}
