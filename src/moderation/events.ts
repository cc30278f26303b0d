// Appends to the moderation-events log: who did what to which record, why, and when.
import type { Payload, PayloadRequest } from 'payload'

export type ModerationEvent = {
  actor?: number | string | null
  actorRole: 'author' | 'moderator' | 'system'
  targetCollection: 'stories' | 'threads' | 'replies' | 'flags' | 'users' | 'crisis-alerts' | 'conversations'
  targetId: number | string
  action: string
  reason?: string
  privateNote?: string
  fromState?: string
  toState?: string
  /** For safeguarding events: only the leads and this locality's moderators read them. */
  locality?: number | string | null
  /** The member the event is about (a story's author): they read it in their history, without private notes. */
  subject?: number | string | null
}

export async function appendModerationEvent(payload: Payload, req: PayloadRequest | undefined, event: ModerationEvent): Promise<void> {
  await payload.create({
    collection: 'moderation-events',
    data: {
      actor: event.actor ?? null,
      actorRole: event.actorRole,
      targetCollection: event.targetCollection,
      targetId: String(event.targetId),
      action: event.action,
      reason: event.reason,
      privateNote: event.privateNote,
      fromState: event.fromState,
      toState: event.toState,
      locality: event.locality ?? null,
      subject: event.subject ?? null,
      at: new Date().toISOString(),
    } as never,
    overrideAccess: true,
    req,
  })
}
