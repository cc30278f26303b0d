// What the second-moderator rule for minutes needs to know (src/policies/meetingAccess.ts decides).
import type { Payload, PayloadRequest } from 'payload'

import { idOf } from '../db/relationId.js'
import { decideMinutesApproval } from '../policies/meetingAccess.js'
import { lexicalToMarkdown } from '../richtext/index.js'

/** Whether a save changes the words of the minutes (not just how the editor stored them). */
export function minutesTextChanged(data: Record<string, any>, originalDoc: Record<string, any> | undefined): boolean {
  if (!('minutes' in data)) return false
  return lexicalToMarkdown(data.minutes ?? null) !== lexicalToMarkdown(originalDoc?.minutes ?? null)
}

export async function loadMinutesNeedSecondModerator(payload: Payload, req?: PayloadRequest): Promise<boolean> {
  const settings = (await payload.findGlobal({ slug: 'meeting-settings', depth: 0, overrideAccess: true, req })) as { minutesNeedSecondModerator?: boolean | null }
  return settings.minutesNeedSecondModerator === true
}

/**
 * For the meeting page: the sentence that stands in for "Approve the minutes" when the viewer recorded
 * these draft minutes and a second moderator must approve them; null when they may approve.
 */
export async function minutesApprovalNote(payload: Payload, viewer: { id: number | string } | null, meeting: Record<string, any>): Promise<string | null> {
  if (!viewer || (meeting.minutesStatus ?? 'draft') !== 'draft') return null
  const recordedBy = idOf(meeting.minutesRecordedBy)
  if (recordedBy === null || String(recordedBy) !== String(viewer.id)) return null
  const decision = decideMinutesApproval({ needSecondModerator: await loadMinutesNeedSecondModerator(payload), from: 'draft', to: 'approved', textChanged: false, recordedBy, actor: viewer.id })
  return decision.ok ? null : decision.reason
}
