// A moderators-only JSON endpoint that runs one command: 403 for anyone else, the command's own
// status for a refusal it explains (not allowed, not found, wrong state), and its result otherwise.
import { addDataAndFileToRequest, type Endpoint, type PayloadRequest } from 'payload'

import { CommandRefusal } from '../../src/commands/errors.js'
import { isModerator } from '../../src/policies/roles.js'

export function moderatorEndpoint(
  path: string,
  run: (req: PayloadRequest, body: Record<string, unknown>, id: string) => Promise<Record<string, unknown>>,
  successStatus = 200,
  mayCall: (user: never) => boolean = isModerator,
): Endpoint {
  return {
    path,
    method: 'post',
    handler: async (req) => {
      if (!mayCall(req.user as never)) return Response.json({ error: mayCall === isModerator ? 'Moderators only.' : 'Moderators and safeguarding leads only.' }, { status: 403 })
      await addDataAndFileToRequest(req)
      try {
        const result = await run(req, (req.data ?? {}) as Record<string, unknown>, String(req.routeParams?.id ?? ''))
        return Response.json({ ok: true, ...result }, { status: successStatus })
      } catch (error) {
        if (error instanceof CommandRefusal) return Response.json({ error: error.message }, { status: error.status })
        throw error
      }
    },
  }
}

export const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : undefined)
