// Payload configuration shared by the Express server, the Next admin and the CLI.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import { redisKVAdapter } from '@payloadcms/kv-redis'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { Actions } from '../collections/Actions/index.js'
import { Consents } from '../collections/Consents/index.js'
import { Conversations } from '../collections/Conversations/index.js'
import { Messages } from '../collections/Messages/index.js'
import { Notifications } from '../collections/Notifications/index.js'
import { ThreadReads } from '../collections/ThreadReads/index.js'
import { CrisisAlerts } from '../collections/CrisisAlerts/index.js'
import { CrisisServices } from '../collections/CrisisServices/index.js'
import { DirectoryEntries } from '../collections/DirectoryEntries/index.js'
import { DirectoryKinds } from '../collections/DirectoryKinds/index.js'
import { DataExports } from '../collections/DataExports/index.js'
import { DataSteps } from '../collections/DataSteps/index.js'
import { EmailDeliveries } from '../collections/EmailDeliveries/index.js'
import { ErasureLog } from '../collections/ErasureLog/index.js'
import { Flags } from '../collections/Flags/index.js'
import { Localities } from '../collections/Localities/index.js'
import { Media } from '../collections/Media/index.js'
import { MeetingReminders } from '../collections/MeetingReminders/index.js'
import { JoinCodes } from '../collections/JoinCodes/index.js'
import { Meetings } from '../collections/Meetings/index.js'
import { MeetingSettings } from '../collections/MeetingSettings/index.js'
import { ModerationEvents } from '../collections/ModerationEvents/index.js'
import { ModerationSettings } from '../collections/ModerationSettings/index.js'
import { PrivacySettingsGlobal } from '../collections/PrivacySettings/index.js'
import { Replies } from '../collections/Replies/index.js'
import { RunnerLocks } from '../collections/RunnerLocks/index.js'
import { ReservedNames } from '../collections/ReservedNames/index.js'
import { Stories } from '../collections/Stories/index.js'
import { Threads } from '../collections/Threads/index.js'
import { StoryTags } from '../collections/StoryTags/index.js'
import { StoryFeedbackAnswers } from '../collections/StoryFeedbackAnswers/index.js'
import { StoryPairMarks } from '../collections/StoryPairMarks/index.js'
import { StoryFeedbackMarks } from '../collections/StoryFeedbackMarks/index.js'
import { ReadingRecords } from '../collections/ReadingRecords/index.js'
import { Users } from '../collections/Users/index.js'
import { VolunteerInterests } from '../collections/VolunteerInterests/index.js'
import { VolunteerOpportunities } from '../collections/VolunteerOpportunities/index.js'
import { WatchedWords } from '../collections/WatchedWords/index.js'
import { databaseAdapter } from './db/index.js'
import { fromAddress, fromName, mailTransport } from './email/transport.js'
import { withTextPart } from './email/textPart.js'
import { isProduction, payloadSecret, serverURL } from './env.js'
import { jobsConfig } from './jobs/config.js'
import { redisKeyPrefix, redisUrl } from './redis/client.js'
import { MAX_UPLOAD_BYTES } from './policies/media.js'
import { richTextEditor } from './richtext/editor.js'
import { lockStorageObjectKeys, storagePlugins } from './storage/s3.js'
import { showLeadsTheCrisisPartOnly } from './admin/leadsNavigation.js'
import { closeInternalCollections } from './admin/internalCollections.js'
import { withUkDates } from './admin/ukDates.js'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  serverURL,
  secret: payloadSecret(),
  // Cookie-authenticated requests are accepted only from our own origin.
  csrf: [serverURL],
  cors: [serverURL],
  admin: {
    user: Users.slug,
    importMap: { baseDir: dirname },
    meta: { titleSuffix: ' · Waymark moderation' },
    // UK dates everywhere in the admin ("4 Mar 2027, 18:30"), and no Gravatar: nothing loads from outside the site.
    dateFormat: 'd MMM yyyy, HH:mm',
    avatar: 'default',
    components: {
      beforeNavLinks: ['/admin/QueueNavLink#QueueNavLink'],
      views: { moderationQueue: { Component: '/admin/QueueView#QueueView', path: '/queue' } },
    },
  },
  collections: withUkDates(
    showLeadsTheCrisisPartOnly([
      Users,
      Localities,
      Media,
      Stories,
      Consents,
      Threads,
      Replies,
      Flags,
      ModerationEvents,
      WatchedWords,
      ReservedNames,
      CrisisAlerts,
      CrisisServices,
      DirectoryKinds,
      DirectoryEntries,
      VolunteerOpportunities,
      VolunteerInterests,
      Conversations,
      Messages,
      Notifications,
      ThreadReads,
      Meetings,
      Actions,
      MeetingReminders,
      JoinCodes,
      DataExports,
      ErasureLog,
      DataSteps,
      RunnerLocks,
      EmailDeliveries,
      StoryTags,
      StoryFeedbackAnswers,
      StoryPairMarks,
      StoryFeedbackMarks,
      ReadingRecords,
    ]),
  ),
  globals: withUkDates(showLeadsTheCrisisPartOnly([ModerationSettings, MeetingSettings, PrivacySettingsGlobal])),
  editor: richTextEditor,
  // Jobs run in-process; getPayload({ cron: true }) in src/server.ts starts the schedules.
  jobs: jobsConfig,
  db: databaseAdapter(),
  // Payload's key-value store is shared by every process when there is a Redis (otherwise it is in the database).
  ...(redisUrl() ? { kv: redisKVAdapter({ redisURL: redisUrl(), keyPrefix: `${redisKeyPrefix()}payload-kv:` }) } : {}),
  // Every email leaves with a plain-text part as well as its HTML (src/email/textPart.ts).
  email: withTextPart(
    nodemailerAdapter({
      defaultFromAddress: fromAddress,
      defaultFromName: fromName,
      transport: mailTransport(),
      skipVerify: true,
    }),
  ),
  // The admin does not need GraphQL, and a second query language would be a second door to guard.
  graphQL: { disable: true },
  sharp,
  plugins: storagePlugins(),
  telemetry: false,
  // In production every log line is one JSON object (request lines too, src/http/requestLog.ts), for a log
  // collector; in development Payload's readable default.
  ...(isProduction ? { logger: { options: { level: process.env.LOG_LEVEL || 'info' } } } : {}),
  upload: {
    limits: { fileSize: MAX_UPLOAD_BYTES },
    // Without this an oversized upload is silently truncated instead of refused.
    abortOnLimit: true,
    responseOnLimit: 'The file is larger than 10 MB.',
  },
  // Types are build output made by `npm run generate:types` after a schema change. Payload would
  // otherwise spawn a generator on every start outside production: a few CPU-seconds per test file.
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts'), autoGenerate: false },
}).then((config) => lockStorageObjectKeys(closeInternalCollections(config)))
