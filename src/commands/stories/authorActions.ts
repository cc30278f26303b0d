// What an author does with their own story: submit it (with consent), withdraw it, and accept or
// decline a moderator's proposed redaction.
import type { Payload } from 'payload'

import { pickStoryContent } from '../../policies/storyContent.js'
import type { ConsentChoices } from '../../policies/consent.js'
import { decideTransition } from '../../policies/storyWorkflow.js'
import { storyReceivedPromise } from '../../policies/postQueue.js'
import { loadModerationSettings } from '../../forum/settings.js'
import { recordConsent, recordWithdrawal } from './recordConsent.js'
import { actorRole, emailAuthor, loadStory, logModerationEvent, queueOrderFor, storyConsentCurrent, StoryCommandError } from './shared.js'
import { inTransaction, type CommandOptions } from '../../db/transaction.js'

type User = Record<string, any> & { id: number | string }

export async function giveConsent(payload: Payload, user: User, storyId: number | string, choices: ConsentChoices, options: CommandOptions = {}) {
  return inTransaction(
    payload,
    user,
    async (req) => {
      const story = await loadStory(payload, storyId, req)
      if (actorRole(user, story, 'edit') !== 'author') throw new StoryCommandError('Only the author can give consent for a story.', 403)
      if (story.status === 'withdrawn') throw new StoryCommandError('This story was withdrawn. Write a new one to share it again.')
      const consent = await recordConsent({ payload, req, story, choices })
      await logModerationEvent(payload, req, { story, actor: user.id, actorRole: 'author', storyId, action: story.consentVersion ? 'renew_consent' : 'give_consent' })
      return consent
    },
    options,
  )
}

export async function submitStory(payload: Payload, user: User, storyId: number | string, options: CommandOptions = {}) {
  return inTransaction(
    payload,
    user,
    async (req) => {
      const story = await loadStory(payload, storyId, req)
      const verdict = decideTransition({ state: story.status, actor: actorRole(user, story, 'submit'), action: 'submit', consentCurrent: storyConsentCurrent(story) })
      if (!verdict.ok) throw new StoryCommandError(verdict.reason, 409)
      const submittedAt = new Date().toISOString()
      const next = { status: verdict.next, submittedAt, crisisHold: story.crisisHold, revisionState: story.revisionState }
      await payload.update({
        collection: 'stories',
        id: storyId,
        data: { status: verdict.next, submittedAt, reasonForAuthor: null, queueOrder: queueOrderFor(next) } as never,
        overrideAccess: true,
        req,
      })
      await logModerationEvent(payload, req, { story, actor: user.id, actorRole: 'author', storyId, action: 'submit', fromState: story.status, toState: verdict.next })
      await emailAuthor(payload, req, story, 'We have received your story', [
        `Thank you for sharing "${story.title}". ${storyReceivedPromise((await loadModerationSettings(payload, req)).reviewHours)}`,
        'We will email you when they have decided. Until then only you and the moderators can see it.',
      ])
      return verdict.next
    },
    options,
  )
}

export async function withdrawStory(payload: Payload, user: User, storyId: number | string, options: CommandOptions = {}) {
  return inTransaction(
    payload,
    user,
    async (req) => {
      const story = await loadStory(payload, storyId, req)
      const verdict = decideTransition({ state: story.status, actor: actorRole(user, story, 'withdraw'), action: 'withdraw' })
      if (!verdict.ok) throw new StoryCommandError(verdict.reason, 409)
      const now = new Date()
      await recordWithdrawal(payload, req, story, now)
      await payload.update({
        collection: 'stories',
        id: storyId,
        data: { status: 'withdrawn', consentWithdrawnAt: now.toISOString(), revisionState: 'none', queueOrder: queueOrderFor({ status: 'withdrawn' }) } as never,
        overrideAccess: true,
        req,
      })
      await logModerationEvent(payload, req, { story, actor: user.id, actorRole: 'author', storyId, action: 'withdraw', fromState: story.status, toState: 'withdrawn' })
      return 'withdrawn' as const
    },
    options,
  )
}

export async function respondToRedaction(payload: Payload, user: User, storyId: number | string, accept: boolean, options: CommandOptions = {}) {
  return inTransaction(
    payload,
    user,
    async (req) => {
      const story = await loadStory(payload, storyId, req)
      if (actorRole(user, story, 'edit') !== 'author') throw new StoryCommandError('Only the author can answer a proposed change.', 403)
      if (story.redaction?.state !== 'open') throw new StoryCommandError('There is no proposed change waiting for you.')
      const respondedAt = new Date().toISOString()
      const redaction = { ...story.redaction, state: accept ? 'accepted' : 'declined', respondedAt }
      const data: Record<string, unknown> = { redaction }
      if (accept) {
        // The words, and the characteristics when the moderator proposed those too.
        const text = { title: story.redaction.title, summary: story.redaction.summary, body: story.redaction.body, ...(story.redaction.characteristics ?? {}) }
        // The author's acceptance puts the redacted text where a moderator can approve it: the live
        // text of an unpublished submission, or the pending revision of a published story.
        if (story.status === 'published') {
          data.revision = { ...(story.revisionState !== 'none' ? story.revision : pickStoryContent(story)), ...text }
          data.revisionState = 'submitted'
        } else {
          Object.assign(data, text)
        }
      }
      await payload.update({ collection: 'stories', id: storyId, data: data as never, overrideAccess: true, req })
      await logModerationEvent(payload, req, { story, actor: user.id, actorRole: 'author', storyId, action: accept ? 'accept_redaction' : 'decline_redaction' })
      return redaction.state
    },
    options,
  )
}
