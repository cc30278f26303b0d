// POST /api/stories/:id/moderate — the moderators' decisions from the admin (approve, request
// changes, unpublish, mark safe, propose a redaction). Payload's own CSRF and session checks apply.
import type { Payload } from 'payload'

import { MODERATOR_ACTIONS, moderateStory, type ModeratorAction } from '../../../src/commands/stories/moderateStory.js'
import { StoryCommandError } from '../../../src/commands/stories/shared.js'
import { markdownToLexical } from '../../../src/richtext/index.js'
import { moderatorEndpoint, text } from '../../shared/moderatorEndpoint.js'

export const moderateEndpoint = moderatorEndpoint('/:id/moderate', async (req, body, storyId) => {
  const action = body.action as ModeratorAction
  if (!MODERATOR_ACTIONS.includes(action)) throw new StoryCommandError('Unknown action.', 400)
  const proposalBody = text(body.proposalBody, 100_000)
  const state = await moderateStory({
    payload: req.payload,
    moderator: req.user as never,
    storyId,
    action,
    reason: text(body.reason, 2000),
    privateNote: text(body.privateNote, 4000),
    proposal:
      action === 'propose_redaction'
        ? {
            title: text(body.proposalTitle, 140),
            summary: text(body.proposalSummary, 280),
            body: proposalBody !== undefined ? markdownToLexical(proposalBody) : undefined,
            note: text(body.reason, 2000),
            characteristics: body.proposeCharacteristics === 'yes' ? await proposedCharacteristics(req.payload, body) : undefined,
          }
        : undefined,
  })
  return { status: state }
})

const list = (value: unknown): string[] =>
  (typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.map(String) : [])
    .map((v) => v.trim())
    .filter(Boolean)
    .slice(0, 20)

/** The characteristics the moderator proposes: experience tags by slug, turned into the tags' ids (an unknown slug is refused). */
async function proposedCharacteristics(payload: Payload, body: Record<string, unknown>) {
  const slugs = list(body.proposalTags)
  const tags = slugs.length ? await payload.find({ collection: 'story-tags', where: { slug: { in: slugs } }, depth: 0, limit: slugs.length, pagination: false, overrideAccess: true }) : { docs: [] }
  const unknown = slugs.filter((slug) => !tags.docs.some((tag) => tag.slug === slug))
  if (unknown.length > 0) throw new StoryCommandError(`Unknown experience tag: ${unknown.join(', ').slice(0, 80)}.`, 400)
  return {
    narratorType: text(body.proposalNarratorType, 40),
    recoveryStage: text(body.proposalRecoveryStage, 40),
    tone: text(body.proposalTone, 40),
    themes: list(body.proposalThemes),
    experienceTags: tags.docs.map((tag) => tag.id),
  }
}
