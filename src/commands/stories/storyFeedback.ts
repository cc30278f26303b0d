// A reader's answers after a story (issue 17), stored without the reader: one answer row for the story,
// and, when the reader found it helpful, one pair row with each other story this same reader found
// helpful. Rows are only ever added (and counted when read), so concurrent answers cannot lose a count. A short-lived note keyed by a one-way code of the reader's session key (or account)
// makes a second answer from the same reader a refusal. A member's answers are kept with them only when
// they chose "remember what I read".
import crypto from 'node:crypto'
import type { Payload, PayloadRequest } from 'payload'

import { inTransaction } from '../../db/transaction.js'
import { idOf } from '../../db/relationId.js'
import { isSelf } from '../../policies/roles.js'
import { FEEDBACK_MARK_HOURS, foundHelpful, pairOf, type FeedbackAnswer } from '../../policies/storyFeedback.js'
import { StoryCommandError } from './shared.js'

type Reader = (Record<string, any> & { id: number | string }) | null

/** The reader's key as stored: a keyed one-way code, never the session key or member id itself. */
export function readerKeyFor(secret: string, user: Reader, sessionKey: string): string {
  const who = user ? `member:${user.id}` : `session:${sessionKey}`
  return crypto.createHmac('sha256', secret).update(`story-feedback:${who}`).digest('base64url')
}

export type FeedbackOutcome = 'recorded' | 'already-answered'

export type RecordFeedbackProps = { payload: Payload; user: Reader; storyId: number | string; answer: FeedbackAnswer; sessionKey: string }

export async function recordStoryFeedback({ payload, user, storyId, answer, sessionKey }: RecordFeedbackProps): Promise<FeedbackOutcome> {
  // The story as the reader may see it: a story they cannot read takes no answer (and says nothing more).
  const seen = await payload.find({
    collection: 'stories',
    where: { and: [{ id: { equals: storyId } }, { status: { equals: 'published' } }] },
    select: { author: true },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: false,
    user,
  })
  const story = seen.docs[0]
  if (!story) throw new StoryCommandError('No such story.', 404)
  if (user && isSelf(user as never, idOf((story as Record<string, any>).author))) throw new StoryCommandError('Authors do not answer for their own story.', 403)
  const readerKey = readerKeyFor(payload.secret, user, sessionKey)
  const remember = user ? await remembersReading(payload, user) : false

  const now = new Date()
  // Expired notes go before the answer's transaction, not inside it: two answers at once deleting the same
  // note would be a write conflict that aborts one of them on MongoDB. (The nightly retention job also prunes.)
  await payload.delete({ collection: 'story-feedback-marks', where: { expiresAt: { less_than: now.toISOString() } }, overrideAccess: true })

  try {
    return await inTransaction(payload, user, async (req) => {
      const earlier = await payload.find({
        collection: 'story-feedback-marks',
        where: { readerKey: { equals: readerKey } },
        depth: 0,
        limit: 500,
        pagination: false,
        overrideAccess: true,
        req,
      })
      if (earlier.docs.some((mark) => String(idOf(mark.story)) === String(storyId))) return 'already-answered' as const
      const helpful = foundHelpful(answer)
      // The note first: its unique (reader, story) index refuses a second answer sent at the same moment.
      await payload.create({
        collection: 'story-feedback-marks',
        data: { readerKey, story: storyId, helpful, expiresAt: new Date(now.getTime() + FEEDBACK_MARK_HOURS * 3_600_000).toISOString() } as never,
        overrideAccess: true,
        req,
      })
      await appendAnswer(payload, req, storyId, answer)
      if (helpful) {
        for (const mark of earlier.docs) {
          if (mark.helpful !== true) continue
          const pair = pairOf(idOf(mark.story)!, storyId)
          if (pair) await appendPair(payload, req, pair)
        }
      }
      if (user && remember) await rememberAnswer(payload, req, user, storyId, answer, now)
      return 'recorded' as const
    })
  } catch (error) {
    // The same reader's answer, sent twice at once: the note's unique index refused the second.
    if (/unique|duplicate/i.test(String((error as Error)?.message)) || (error as { status?: number }).status === 400) return 'already-answered'
    throw error
  }
}

async function remembersReading(payload: Payload, user: NonNullable<Reader>): Promise<boolean> {
  const self = await payload.findByID({ collection: 'users', id: user.id, depth: 0, select: { reading: true }, overrideAccess: false, user })
  return (self as Record<string, any>)?.reading?.rememberReading === true
}

/** The answer as one new row: nothing is read or overwritten, so answers at the same moment cannot collide. */
async function appendAnswer(payload: Payload, req: PayloadRequest, storyId: number | string, answer: FeedbackAnswer): Promise<void> {
  await payload.create({
    collection: 'story-feedback-answers',
    data: { id: crypto.randomUUID(), story: storyId, hope: answer.hope ?? null, connection: answer.connection ?? null } as never,
    overrideAccess: true,
    req,
  })
}

/** One row for this reader's pair (lower id first); the pair's count is its number of rows. */
async function appendPair(payload: Payload, req: PayloadRequest, [a, b]: [number | string, number | string]): Promise<void> {
  await payload.create({ collection: 'story-pair-marks', data: { id: crypto.randomUUID(), storyA: a, storyB: b } as never, overrideAccess: true, req })
}

async function rememberAnswer(payload: Payload, req: PayloadRequest, user: NonNullable<Reader>, storyId: number | string, answer: FeedbackAnswer, at: Date): Promise<void> {
  await payload.create({
    collection: 'reading-records',
    data: { member: user.id, story: storyId, hope: answer.hope ?? null, connection: answer.connection ?? null, answeredAt: at.toISOString() } as never,
    overrideAccess: true,
    req,
  })
}

/** A member clears what was remembered of their reading (their own records only). */
export async function clearReadingRecords(payload: Payload, user: NonNullable<Reader>): Promise<void> {
  await payload.delete({ collection: 'reading-records', where: { member: { equals: user.id } }, overrideAccess: false, user })
}

/** A member's reading choices: content warnings to hide, and "remember what I read" (turning it off clears the records). */
export async function saveReadingChoices(payload: Payload, user: NonNullable<Reader>, choices: { hiddenWarnings?: string[]; rememberReading?: boolean }): Promise<void> {
  const current = (await payload.findByID({ collection: 'users', id: user.id, depth: 0, select: { reading: true }, overrideAccess: false, user })) as Record<string, any>
  const reading = { hiddenWarnings: choices.hiddenWarnings ?? current?.reading?.hiddenWarnings ?? [], rememberReading: choices.rememberReading ?? current?.reading?.rememberReading === true }
  await payload.update({ collection: 'users', id: user.id, data: { reading } as never, overrideAccess: false, user })
  if (!reading.rememberReading) await clearReadingRecords(payload, user)
}
