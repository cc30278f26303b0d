// A moderators-only JSON endpoint that runs one command: 403 for anyone else, the command's own
// status for a refusal it explains (not allowed, not found, wrong state), and its result otherwise.
import { addDataAndFileToRequest, type Endpoint, type PayloadRequest } from 'payload'

import { isModerator } from '../../src/policies/roles.js'

/** A refusal a command explains to the moderator: a message and an HTTP status. */
export type ExplainedRefusal = Error & { status: number }

export function moderatorEndpoint(
  path: string,
  isRefusal: (error: unknown) => error is ExplainedRefusal,
  run: (req: PayloadRequest, body: Record<string, unknown>, id: string) => Promise<Record<string, unknown>>,
): Endpoint {
  return {
    path,
    method: 'post',
    handler: async (req) => {
      if (!isModerator(req.user)) return Response.json({ error: 'Moderators only.' }, { status: 403 })
      await addDataAndFileToRequest(req)
      try {
        const result = await run(req, (req.data ?? {}) as Record<string, unknown>, String(req.routeParams?.id ?? ''))
        return Response.json({ ok: true, ...result })
      } catch (error) {
        if (isRefusal(error)) return Response.json({ error: error.message }, { status: error.status })
        throw error
      }
    },
  }
}

export const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : undefined)
