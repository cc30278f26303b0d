// Retention, daily: unverified accounts are erased after a while; authors whose consent ran out are
// told their story is hidden (read access already hides it at the moment of expiry); moderators'
// private notes are cleared after a while; records of sent emails (idempotency keys) after 30 days; files
// no media record names (a delete the bucket refused) are removed.
// Periods come from the privacy-settings global.
import type { Payload, TaskConfig } from 'payload'

// The one job that calls a command: a queued task is Payload's transport, like a collection endpoint,
// and erasure must be the same command whoever starts it (no command imports src/jobs, so no loop).
// eslint-disable-next-line import-x/no-restricted-paths -- that exception, here only
import { eraseMember } from '../commands/privacy/eraseMember.js'
import { DELIVERY_RECORD_DAYS, pruneDeliveries } from '../email/deliveries.js'
import { queueEmail } from '../email/queue.js'
import { composeEmail, link, paragraph } from '../email/compose.js'
import { serverURL } from '../env.js'
import { loadPrivacySettings } from '../privacy/settings.js'
import { mediaStore } from '../storage/mediaStore.js'
import { sweepOrphanFiles } from '../storage/orphans.js'

export const RETENTION_TASK = 'applyRetention'
const DAY = 24 * 60 * 60 * 1000

export type RetentionResult = {
  unverifiedDeleted: number
  expiryReminders: number
  notesPruned: number
  deliveriesPruned: number
  feedbackMarksPruned: number
  orphanFilesRemoved: number
  orphanFilesFailed: number
}

/** Readers' "already answered" notes past their day (src/commands/stories/storyFeedback.ts): they hold no identity, and no longer any use. */
async function pruneFeedbackMarks(payload: Payload, now: Date): Promise<number> {
  const gone = await payload.delete({ collection: 'story-feedback-marks', where: { expiresAt: { less_than: now.toISOString() } }, overrideAccess: true })
  return gone.docs.length
}

async function eraseUnverified(payload: Payload, before: Date): Promise<number> {
  const stale = await payload.find({
    collection: 'users',
    where: { and: [{ or: [{ _verified: { equals: false } }, { _verified: { exists: false } }] }, { createdAt: { less_than: before.toISOString() } }] },
    select: { roles: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  let erased = 0
  for (const user of stale.docs) {
    // Staff accounts are made by admins and are never swept up by retention.
    if ((user.roles ?? []).some((role: string) => role !== 'member')) continue
    await eraseMember(payload, { memberId: user.id, mode: 'everything', actor: null, actorRole: 'system' })
    erased++
  }
  return erased
}

async function tellAuthorsOfExpiry(payload: Payload, now: Date): Promise<number> {
  const expired = await payload.find({
    collection: 'stories',
    where: { and: [{ consentExpiresAt: { less_than_equal: now.toISOString() } }, { consentWithdrawnAt: { exists: false } }, { status: { not_equals: 'withdrawn' } }] },
    depth: 1,
    pagination: false,
    overrideAccess: true,
  })
  let sent = 0
  for (const story of expired.docs as Record<string, any>[]) {
    if (story.expiryNotifiedVersion === story.consentVersion || !story.author?.email) continue
    await queueEmail(payload, {
      to: String(story.author.email),
      subject: 'Your story is hidden: renew your consent to share it again',
      body: composeEmail([
        paragraph(`Your consent to share "${String(story.title)}" has ended, so the story is hidden from everyone but you and the moderators.`),
        paragraph('If you would like people to read it again, ', link(`${serverURL}/account/stories/${story.id}`, 'renew your consent'), '. If not, you need do nothing.'),
      ]),
    })
    await payload.update({ collection: 'stories', id: story.id, data: { expiryNotifiedVersion: story.consentVersion } as never, overrideAccess: true, context: { storyCommand: true } })
    sent++
  }
  return sent
}

async function pruneNotes(payload: Payload, before: Date): Promise<number> {
  const cutoff = before.toISOString()
  const context = { erasure: true }
  const events = await payload.update({
    collection: 'moderation-events',
    where: { and: [{ at: { less_than: cutoff } }, { privateNote: { exists: true } }, { privateNote: { not_equals: '' } }] },
    data: { privateNote: null } as never,
    overrideAccess: true,
    context,
  })
  const flags = await payload.update({
    collection: 'flags',
    where: { and: [{ createdAt: { less_than: cutoff } }, { moderatorNote: { exists: true } }, { moderatorNote: { not_equals: '' } }] },
    data: { moderatorNote: null } as never,
    overrideAccess: true,
    context,
  })
  return events.docs.length + flags.docs.length
}

export async function applyRetention(payload: Payload, now = new Date()): Promise<RetentionResult> {
  const settings = await loadPrivacySettings(payload)
  const notesBefore = new Date(now)
  notesBefore.setUTCMonth(notesBefore.getUTCMonth() - settings.privateNoteMonths)
  const unverifiedDeleted = await eraseUnverified(payload, new Date(now.getTime() - settings.unverifiedAccountDays * DAY))
  const expiryReminders = await tellAuthorsOfExpiry(payload, now)
  const notesPruned = await pruneNotes(payload, notesBefore)
  const deliveriesPruned = await pruneDeliveries(payload, new Date(now.getTime() - DELIVERY_RECORD_DAYS * DAY))
  const feedbackMarksPruned = await pruneFeedbackMarks(payload, now)
  // Last, after the erasures above: their files are deleted by then, or left for this sweep.
  const sweep = await sweepOrphanFiles(payload, mediaStore(), now)
  return { unverifiedDeleted, expiryReminders, notesPruned, deliveriesPruned, feedbackMarksPruned, orphanFilesRemoved: sweep.removed, orphanFilesFailed: sweep.failed }
}

export const applyRetentionTask: TaskConfig<typeof RETENTION_TASK> = {
  slug: RETENTION_TASK,
  retries: 2,
  schedule: [{ cron: '0 15 3 * * *', queue: 'default' }],
  handler: async ({ req }) => {
    const result = await applyRetention(req.payload)
    req.payload.logger.info({ msg: 'Retention applied', ...result })
    return { output: {} }
  },
}
