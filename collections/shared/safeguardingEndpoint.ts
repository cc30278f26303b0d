// A JSON endpoint for the people who handle crises (leads and moderators): 403 for anyone else. The
// command decides per record whether this person handles that locality.
import type { Endpoint, PayloadRequest } from 'payload'

import { canEnterSafeguardingWork } from '../../src/policies/safeguarding.js'
import { moderatorEndpoint } from './moderatorEndpoint.js'

export const safeguardingEndpoint = (path: string, run: (req: PayloadRequest, body: Record<string, unknown>, id: string) => Promise<Record<string, unknown>>, successStatus = 200): Endpoint =>
  moderatorEndpoint(path, run, successStatus, canEnterSafeguardingWork)
