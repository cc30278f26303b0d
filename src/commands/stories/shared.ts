// What every story command needs: the story as stored, who is acting in which role, the log, the author's email.
import type { Payload, PayloadRequest } from 'payload'

import { queueEmail } from '../../email/queue.js'
import { composeEmail, link as linkTo, paragraph, paragraphs as asParagraphs } from '../../email/compose.js'
import { appendModerationEvent, type ModerationEvent } from '../../moderation/events.js'
import { consentIsCurrent, type StoryState } from '../../policies/storyVisibility.js'
import { isModerator, isSelf, type Actor } from '../../policies/roles.js'
import type { StoryActor, StoryAction } from '../../policies/storyWorkflow.js'
import { serverURL } from '../../env.js'
import { CommandRefusal } from '../errors.js'

export type StoryDoc = Record<string, any> & { id: number | string; status: StoryState }

export class StoryCommandError extends CommandRefusal {}

const AUTHOR_ACTIONS: StoryAction[] = ['edit', 'submit', 'withdraw']

export const authorIdOf = (story: StoryDoc) => (story.author && typeof story.author === 'object' ? story.author.id : story.author)

/** Author actions are the author's; moderator actions are for moderators other than the author. */
export function actorRole(user: Actor, story: StoryDoc, action: StoryAction): StoryActor {
  const own = isSelf(user, authorIdOf(story))
  if (AUTHOR_ACTIONS.includes(action)) return own ? 'author' : 'other'
  return isModerator(user) && !own ? 'moderator' : 'other'
}

export async function loadStory(payload: Payload, id: number | string, req?: PayloadRequest): Promise<StoryDoc> {
  try {
    // Commands decide access themselves (decideTransition); the read must see the story as stored.
    return (await payload.findByID({ collection: 'stories', id, depth: 0, overrideAccess: true, req })) as StoryDoc
  } catch (error) {
    // Only a missing story is "not found"; a database error must surface as what it is.
    if ((error as Error)?.name === 'NotFound' || (error as { status?: number })?.status === 404) throw new StoryCommandError('No such story.', 404)
    throw error
  }
}

export function storyConsentCurrent(story: StoryDoc, now = new Date()): boolean {
  return consentIsCurrent(story.consentAudience ? { audience: story.consentAudience, expiresAt: story.consentExpiresAt, withdrawnAt: story.consentWithdrawnAt } : null, now)
}

/** The moderators' queue: needing a decision first, crisis-held first among those, then oldest first. */
export function queueOrderFor(story: { status: string; revisionState?: string; crisisHold?: boolean; submittedAt?: string | null }): string {
  const needsDecision = story.status === 'submitted' || story.revisionState === 'submitted' || story.crisisHold === true
  return `${needsDecision ? 0 : 1}${story.crisisHold ? 0 : 1}${story.submittedAt ?? '9999'}`
}

export async function logModerationEvent(
  payload: Payload,
  req: PayloadRequest | undefined,
  event: Omit<ModerationEvent, 'targetCollection' | 'targetId' | 'subject'> & { storyId: number | string; story: StoryDoc },
): Promise<void> {
  const { storyId, story, ...rest } = event
  await appendModerationEvent(payload, req, { ...rest, targetCollection: 'stories', targetId: storyId, subject: authorIdOf(story) })
}

/** Tells the author about a decision. Never sent for a withdrawn story. */
export async function emailAuthor(payload: Payload, req: PayloadRequest | undefined, story: StoryDoc, subject: string, paragraphs: string[]): Promise<void> {
  if (req?.context?.disableEmail === true) return
  const author = await payload.findByID({ collection: 'users', id: authorIdOf(story), depth: 0, overrideAccess: true, req })
  if (!author?.email) return
  const link = `${serverURL}/account/stories/${story.id}`
  await queueEmail(
    payload,
    {
      to: String(author.email),
      subject,
      body: composeEmail([...asParagraphs(paragraphs), paragraph(linkTo(link, 'See your story and what happens next'))]),
    },
    req,
  )
}
