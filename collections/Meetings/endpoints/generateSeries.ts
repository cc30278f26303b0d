// POST /api/meetings/generate-series: the admin's "generate the next N meetings" action.
import { generateMeetingSeries } from '../../../src/commands/meetings/generateSeries.js'
import { moderatorEndpoint } from '../../shared/moderatorEndpoint.js'

export const generateSeriesEndpoint = moderatorEndpoint('/generate-series', async (req, body) => generateMeetingSeries(req.payload, req.user as never, body as never), 201)
