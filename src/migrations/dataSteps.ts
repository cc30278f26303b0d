// Data steps: changes to data (not to the schema) that need the Local API, such as filling a new field
// for old rows. They run after every schema migration has run, so they always meet the schema the code
// expects; a data step inside a schema migration would meet a later config and break on a fresh install
// as soon as a later migration adds a collection. Each step runs once, in a transaction, and is recorded
// in `data-steps`; every step is also safe to run twice.
import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'

import { refreshMeetingAdminTitles } from '../meetings/adminTitles.js'
import { backfillEventSubjects } from '../moderation/backfillEventSubjects.js'
import { migrateStaffNames } from '../moderation/staffNamesMigration.js'
import { randomiseMediaNames } from '../privacy/randomiseMediaNames.js'

type DataStep = { name: string; run: (payload: Payload, req: PayloadRequest) => Promise<unknown> }

export const DATA_STEPS: DataStep[] = [
  { name: 'author-history-subjects', run: backfillEventSubjects },
  { name: 'random-media-names', run: randomiseMediaNames },
  { name: 'staff-names', run: migrateStaffNames },
  // Meetings saved before adminTitle existed get "<title> — <d MMM yyyy> (<locality>)".
  { name: 'meeting-admin-titles', run: (payload, req) => refreshMeetingAdminTitles(payload, req) },
]

export async function runDataSteps(payload: Payload): Promise<void> {
  const done = new Set((await payload.find({ collection: 'data-steps', pagination: false, depth: 0, overrideAccess: true, select: { name: true } })).docs.map((d) => String(d.name)))
  for (const step of DATA_STEPS.filter((s) => !done.has(s.name))) {
    const req = await createLocalReq({ context: { migration: true, disableEmail: true } }, payload)
    const owns = await initTransaction(req)
    try {
      payload.logger.info(`Data step: ${step.name}`)
      await step.run(payload, req)
      await payload.create({ collection: 'data-steps', data: { name: step.name, ranAt: new Date().toISOString() }, overrideAccess: true, req })
      if (owns) await commitTransaction(req)
    } catch (error) {
      if (owns) await killTransaction(req)
      throw error
    }
  }
}
