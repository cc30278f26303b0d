// Reads the moderation-settings global (server-side, for every door alike).
import type { Payload, PayloadRequest } from 'payload'

import { withDefaults, type ModerationSettings } from '../policies/moderationSettings.js'

export async function loadModerationSettings(payload: Payload, req?: PayloadRequest): Promise<ModerationSettings> {
  const stored = await payload.findGlobal({ slug: 'moderation-settings', depth: 0, overrideAccess: true, req })
  return withDefaults(stored as never)
}
