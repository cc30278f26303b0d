// A member writes in the forum: starts a thread, replies, or flags a post or story. Each is created as
// the member (overrideAccess: false), so the collections' access and hooks decide (posting limits, the
// newcomer queue, watched words, crisis words); their errors reach the caller unchanged, for the form.
import type { Payload } from 'payload'

import { crisisReportingContext, crisisSeen } from '../../moderation/crisisAlerts.js'

type Member = Record<string, any>

export async function startThread({ payload, user, title, body, localityId }: { payload: Payload; user: Member; title: string; body: string; localityId: number | string }) {
  return payload.create({ collection: 'threads', data: { title, body, locality: localityId } as never, overrideAccess: false, user, depth: 0 })
}

export async function postReply({ payload, user, threadId, body }: { payload: Payload; user: Member; threadId: number | string; body: string }) {
  return payload.create({ collection: 'replies', data: { thread: threadId, body } as never, overrideAccess: false, user, depth: 0 })
}

export type FlagForm = { targetCollection: string; targetId: string; reason: string; note: string }

/** Sends a report to the moderators; says which locality's crisis services to show when its note had crisis words. */
export async function flagItem({ payload, user, flag }: { payload: Payload; user: Member; flag: FlagForm }) {
  const context = crisisReportingContext()
  await payload.create({ collection: 'flags', data: flag as never, overrideAccess: false, user, depth: 0, context })
  return { crisis: crisisSeen(context) }
}
