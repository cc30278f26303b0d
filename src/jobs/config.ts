// The jobs queue runs inside the Express process (autoRun). Urgent jobs (safeguarding alerts) are
// picked up within seconds; the rest within a minute. Queued jobs hold email addresses and text,
// so nobody but admins can read them or trigger runs over REST.
import type { JobsConfig } from 'payload'

import { adminsOnly } from '../../collections/shared/access.js'
import { remindConsentRenewalsTask } from './remindConsentRenewals.js'
import { remindMeetingsTask } from './remindMeetings.js'
import { applyRetentionTask } from './retention.js'
import { sendDigestsTask } from './sendDigests.js'
import { sendEmailTask } from './sendEmail.js'

/** How often ordinary jobs (emails, digests) are picked up: 30 s, or WAYMARK_JOBS_EVERY_SECONDS (1–59). */
export function defaultQueueCron(value = process.env.WAYMARK_JOBS_EVERY_SECONDS): string {
  const seconds = Number(value)
  return Number.isInteger(seconds) && seconds >= 1 && seconds <= 59 ? `*/${seconds} * * * * *` : '*/30 * * * * *'
}

export const jobsConfig: JobsConfig = {
  tasks: [sendEmailTask, remindConsentRenewalsTask, sendDigestsTask, remindMeetingsTask, applyRetentionTask],
  deleteJobOnComplete: true,
  access: { run: adminsOnly, queue: adminsOnly, cancel: adminsOnly },
  autoRun: [
    { cron: '*/5 * * * * *', queue: 'urgent', limit: 20 },
    { cron: defaultQueueCron(), queue: 'default', limit: 50 },
  ],
  // CLI commands (migrate, seed) and tests that only use the Local API do not run jobs.
  shouldAutoRun: () => process.env.WAYMARK_JOBS !== 'off',
  jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
    ...defaultJobsCollection,
    access: { ...defaultJobsCollection.access, read: adminsOnly, create: adminsOnly, update: adminsOnly, delete: adminsOnly, readVersions: adminsOnly },
  }),
}
