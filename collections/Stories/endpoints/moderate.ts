// POST /api/stories/:id/moderate — the moderators' decisions from the admin (approve, request
// changes, unpublish, mark safe, propose a redaction). Payload's own CSRF and session checks apply.
import { addDataAndFileToRequest, type Endpoint } from 'payload'

import { MODERATOR_ACTIONS, moderateStory, type ModeratorAction } from '../../../src/commands/stories/moderateStory.js'
import { StoryCommandError } from '../../../src/commands/stories/shared.js'
import { isModerator } from '../../../src/policies/roles.js'
import { markdownToLexical } from '../../../src/stories/richText.js'

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : undefined)

export const moderateEndpoint: Endpoint = {
  path: '/:id/moderate',
  method: 'post',
  handler: async (req) => {
    if (!isModerator(req.user)) return Response.json({ error: 'Moderators only.' }, { status: 403 })
    await addDataAndFileToRequest(req)
    const body = (req.data ?? {}) as Record<string, unknown>
    const action = body.action as ModeratorAction
    if (!MODERATOR_ACTIONS.includes(action)) return Response.json({ error: 'Unknown action.' }, { status: 400 })
    const proposalBody = text(body.proposalBody, 100_000)
    try {
      const state = await moderateStory({
        payload: req.payload,
        moderator: req.user as never,
        storyId: String(req.routeParams?.id ?? ''),
        action,
        reason: text(body.reason, 2000),
        privateNote: text(body.privateNote, 4000),
        proposal:
          action === 'propose_redaction'
            ? { title: text(body.proposalTitle, 140), summary: text(body.proposalSummary, 280), body: proposalBody !== undefined ? markdownToLexical(proposalBody) : undefined, note: text(body.reason, 2000) }
            : undefined,
      })
      return Response.json({ ok: true, status: state })
    } catch (error) {
      if (error instanceof StoryCommandError) return Response.json({ error: error.message }, { status: error.status })
      throw error
    }
  },
}
