// What the second-moderator rule for minutes needs to know (src/policies/meetingAccess.ts decides).
import type { Payload, PayloadRequest } from 'payload'

import { lexicalToMarkdown } from '../stories/richText.js'

/** Whether a save changes the words of the minutes (not just how the editor stored them). */
export function minutesTextChanged(data: Record<string, any>, originalDoc: Record<string, any> | undefined): boolean {
  if (!('minutes' in data)) return false
  return lexicalToMarkdown(data.minutes ?? null) !== lexicalToMarkdown(originalDoc?.minutes ?? null)
}

export async function loadMinutesNeedSecondModerator(payload: Payload, req?: PayloadRequest): Promise<boolean> {
  const settings = (await payload.findGlobal({ slug: 'meeting-settings', depth: 0, overrideAccess: true, req })) as { minutesNeedSecondModerator?: boolean | null }
  return settings.minutesNeedSecondModerator === true
}
