// POST /api/stories/:id/moderate — the moderators' decisions from the admin (approve, request
// changes, unpublish, mark safe, propose a redaction). Payload's own CSRF and session checks apply.
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
          }
        : undefined,
  })
  return { status: state }
})
