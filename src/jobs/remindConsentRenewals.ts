// Thirty days before a story's consent runs out, its author is asked to renew. Runs hourly in the
// server; each consent version is reminded once. After expiry, read access hides the story by
// itself (it compares consentExpiresAt with the time of each request), so no job has to catch that.
import type { Payload, TaskConfig } from 'payload'

import { queueEmail } from '../email/queue.js'
import { composeEmail, link as linkTo, paragraph } from '../email/compose.js'
import { serverURL } from '../env.js'
import { RENEWAL_NOTICE_DAYS } from '../policies/consent.js'
import { formatLondon } from '../policies/londonTime.js'

export const REMIND_CONSENT_TASK = 'remindConsentRenewals'

export async function remindConsentRenewals(payload: Payload, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + RENEWAL_NOTICE_DAYS * 24 * 60 * 60 * 1000)
  const due = await payload.find({
    collection: 'stories',
    where: {
      and: [
        { status: { not_equals: 'withdrawn' } },
        { consentWithdrawnAt: { exists: false } },
        { consentExpiresAt: { greater_than: now.toISOString() } },
        { consentExpiresAt: { less_than_equal: horizon.toISOString() } },
      ],
    },
    depth: 1,
    limit: 500,
    overrideAccess: true,
  })
  let sent = 0
  for (const story of due.docs as Record<string, any>[]) {
    if (story.renewalRemindedVersion === story.consentVersion) continue
    const author = story.author
    if (!author?.email) continue
    const until = formatLondon('longDate', story.consentExpiresAt)
    const link = `${serverURL}/account/stories/${story.id}`
    await queueEmail(payload, {
      to: String(author.email),
      subject: 'Your consent to share your story ends soon',
      body: composeEmail([
        paragraph(`Your consent to share "${String(story.title)}" ends on ${until}.`),
        paragraph(
          'If you would like people to keep reading it, ',
          linkTo(link, 'renew your consent'),
          '. If you do nothing, the story will be hidden on that day; you can renew it at any time after that.',
        ),
      ]),
    })
    await payload.update({ collection: 'stories', id: story.id, data: { renewalRemindedVersion: story.consentVersion } as never, overrideAccess: true, context: { storyCommand: true } })
    sent++
  }
  return sent
}

export const remindConsentRenewalsTask: TaskConfig<typeof REMIND_CONSENT_TASK> = {
  slug: REMIND_CONSENT_TASK,
  retries: 2,
  schedule: [{ cron: '0 17 * * * *', queue: 'default' }],
  handler: async ({ req }) => {
    await remindConsentRenewals(req.payload)
    return { output: {} }
  },
}
