// A moderator's decision on a story: approve, request changes, unpublish, mark safe, or propose a
// redaction. Every decision is logged and emailed to the author. A moderator never changes the
// text itself: what gets published is text the author wrote or accepted.
import type { Payload } from 'payload'

import { sanitizeLexical } from '../../richtext/index.js'
import { checkProposedCharacteristics, type ProposedCharacteristicsInput } from '../../policies/storyCharacteristics.js'
import { decideTransition, type StoryAction } from '../../policies/storyWorkflow.js'
import { closeCrisisAlertsFor } from '../../moderation/crisisAlerts.js'
import { actorRole, emailAuthor, loadStory, logModerationEvent, queueOrderFor, storyConsentCurrent, StoryCommandError } from './shared.js'
import { inTransaction } from '../../db/transaction.js'
import { idOf } from '../../db/relationId.js'
import { notifyDecision } from '../../forum/postNotifications.js'
import type { Decision } from '../../policies/memberNotifications.js'

export const MODERATOR_ACTIONS = ['approve', 'request_changes', 'unpublish', 'mark_safe', 'propose_redaction'] as const
export type ModeratorAction = (typeof MODERATOR_ACTIONS)[number]

export type ModerateStoryProps = {
  payload: Payload
  moderator: Record<string, any> & { id: number | string }
  storyId: number | string
  action: ModeratorAction
  /** Shown to the author. Required for request_changes and unpublish. */
  reason?: string
  /** Moderators only. */
  privateNote?: string
  proposal?: { title?: string; summary?: string; body?: unknown; note?: string; characteristics?: ProposedCharacteristicsInput }
  quiet?: boolean
}

export async function moderateStory({ payload, moderator, storyId, action, reason, privateNote, proposal, quiet }: ModerateStoryProps) {
  if ((action === 'request_changes' || action === 'unpublish') && !reason?.trim()) {
    throw new StoryCommandError('Give the author a reason.', 400)
  }
  return inTransaction(
    payload,
    moderator,
    async (req) => {
      const story = await loadStory(payload, storyId, req)
      const verdict = decideTransition({
        state: story.status,
        actor: actorRole(moderator, story, action as StoryAction),
        action,
        crisisHold: story.crisisHold === true,
        hasPendingRevision: story.revisionState === 'submitted',
        consentCurrent: storyConsentCurrent(story),
        hasOpenRedaction: story.redaction?.state === 'open',
      })
      if (!verdict.ok) throw new StoryCommandError(verdict.reason, moderatorActionStatus(verdict.reason))
      const now = new Date().toISOString()
      const data: Record<string, unknown> = { status: verdict.next, decidedAt: now }
      let mail: [string, string[]] | null = null

      switch (action) {
        case 'approve':
          if (story.status === 'published') {
            Object.assign(data, story.revision ?? {}, { revisionState: 'none' })
            mail = ['Your changes are live', [`A moderator approved your changes to "${story.revision?.title ?? story.title}". They are now live.`]]
          } else {
            data.publishedAt = story.publishedAt ?? now
            data.reasonForAuthor = null
            mail = ['Your story is published', [`A moderator approved "${story.title}". It can now be read by the people you chose.`]]
          }
          break
        case 'request_changes':
          data.reasonForAuthor = reason
          if (story.status === 'published') data.revisionState = 'changes_requested'
          mail = ['A moderator asked for changes to your story', [`A moderator read "${story.title}" and asked for some changes before it can be published:`, reason!]]
          break
        case 'unpublish':
          data.reasonForAuthor = reason
          mail = ['Your story has been unpublished', [`A moderator unpublished "${story.title}". Their reason:`, reason!]]
          break
        case 'mark_safe':
          data.crisisHold = false
          break
        case 'propose_redaction': {
          if (!proposal?.note?.trim()) throw new StoryCommandError('Explain the proposed change to the author.', 400)
          // Changed characteristics wait for the author's acceptance, exactly as the words do.
          const characteristics = proposal.characteristics ? checkProposedCharacteristics(proposal.characteristics) : null
          if (characteristics && !characteristics.ok) throw new StoryCommandError(characteristics.reason, 400)
          data.redaction = {
            characteristics: characteristics?.ok ? characteristics.value : null,
            state: 'open',
            title: proposal.title ?? story.title,
            summary: proposal.summary ?? story.summary,
            body: proposal.body !== undefined ? sanitizeLexical(proposal.body) : story.body,
            note: proposal.note,
            proposedAt: now,
            respondedAt: null,
          }
          mail = [
            'A moderator suggests a change to your story',
            [`A moderator suggests a change to "${story.title}" to protect you or someone else:`, proposal.note, 'Nothing changes unless you accept it.'],
          ]
          break
        }
      }
      data.queueOrder = queueOrderFor({ ...story, ...data } as never)
      await payload.update({ collection: 'stories', id: storyId, data: data as never, overrideAccess: true, req })
      await logModerationEvent(payload, req, { story, actor: moderator.id, actorRole: 'moderator', storyId, action, reason, privateNote, fromState: story.status, toState: verdict.next })
      if (action === 'mark_safe') await closeCrisisAlertsFor(req, 'stories', storyId, moderator.id)
      if (mail) await emailAuthor(payload, req, story, mail[0], mail[1])
      const decision = STORY_DECISION_OF[action]
      if (decision) await notifyDecision(payload, req, idOf(story.author), decision, { story: story.id })
      return verdict.next
    },
    { quiet },
  )
}

/** The decisions the author also finds on their notifications page. */
const STORY_DECISION_OF: Partial<Record<ModeratorAction, Decision>> = { approve: 'approved', request_changes: 'changes_requested', unpublish: 'unpublished' }

const moderatorActionStatus = (reason: string) => (/Only the/.test(reason) ? 403 : 409)
