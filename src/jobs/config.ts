// The jobs queue runs inside the server process, in exactly one process at a time: the holder of the
// runner role (src/jobs/runnerLock.ts), which runs the queues on its own timers (src/jobs/runner.ts).
// Queued jobs hold email addresses and text, so nobody but admins can read them over REST.
import type { JobsConfig } from 'payload'

import { adminsOnly, nobody } from '../../collections/shared/access.js'
import { emailDirectoryChecksTask } from './emailDirectoryChecks.js'
import { remindConsentRenewalsTask } from './remindConsentRenewals.js'
import { remindMeetingsTask } from './remindMeetings.js'
import { applyRetentionTask } from './retention.js'
import { startJobsRunner } from './runner.js'
import { sendDigestsTask } from './sendDigests.js'
import { sendEmailTask } from './sendEmail.js'

export const jobsConfig: JobsConfig = {
  tasks: [sendEmailTask, remindConsentRenewalsTask, sendDigestsTask, remindMeetingsTask, applyRetentionTask, emailDirectoryChecksTask],
  deleteJobOnComplete: true,
  // Nobody runs jobs or schedules over REST (/api/payload-jobs/run, /handle-schedules): that would run them
  // in whichever process took the request, beside the one runner.
  access: { run: nobody, queue: adminsOnly, cancel: adminsOnly },
  // Called once when Payload starts with `cron: true` (the server). Payload's own crons would run the
  // queues and the schedules in every process, so there are none: the runner does both, while it holds the
  // role. CLI commands (migrate, seed) and tests that only use the Local API set WAYMARK_JOBS=off.
  autoRun: (payload) => {
    if (process.env.WAYMARK_JOBS !== 'off') startJobsRunner(payload)
    return []
  },
  jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
    ...defaultJobsCollection,
    access: { ...defaultJobsCollection.access, read: adminsOnly, create: adminsOnly, update: adminsOnly, delete: adminsOnly, readVersions: adminsOnly },
  }),
}
