// A crisis match on something moderators can see (a submitted story, or a revision of a published
// one) alerts the safeguarding leads at once, through the urgent jobs queue. The email carries no
// story text: it cannot be recalled if the author withdraws.
import type { CollectionAfterChangeHook } from 'payload'

import { serverURL } from '../../../src/env.js'
import { queueEmail } from '../../../src/jobs/sendEmail.js'

const visibleToModerators = (doc: Record<string, any>) => doc.status !== 'draft' || doc.revisionState === 'submitted'

export const alertSafeguardingLeads: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  if (!doc.crisisHold || !visibleToModerators(doc) || req.context?.disableEmail === true) return doc
  if (previousDoc?.crisisHold && visibleToModerators(previousDoc)) return doc
  const leads = await req.payload.find({
    collection: 'users',
    where: { isSafeguardingLead: { equals: true } },
    limit: 100,
    depth: 0,
    req,
    overrideAccess: true,
  })
  const link = `${serverURL}/admin/collections/stories/${doc.id}`
  for (const lead of leads.docs) {
    await queueEmail(
      req.payload,
      {
        to: String(lead.email),
        subject: 'Urgent: a story needs a safeguarding check',
        html: `<p>A story submitted to Waymark matched crisis words. It is held and will not be published until a moderator marks it safe.</p>
<p>The author was shown the crisis numbers. Please look at it now: <a href="${link}">${link}</a></p>`,
        urgent: true,
      },
      req,
    )
  }
  return doc
}
