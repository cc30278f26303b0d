// A crisis match on something moderators can see (a submitted story, or a revision of a published
// one) alerts the safeguarding leads at once, through the urgent jobs queue.
import type { CollectionAfterChangeHook } from 'payload'

import { serverURL } from '../../../src/env.js'
import { emailSafeguardingLeads } from '../../../src/moderation/alertSafeguardingLeads.js'

const visibleToModerators = (doc: Record<string, any>) => doc.status !== 'draft' || doc.revisionState === 'submitted'

export const alertSafeguardingLeads: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  if (!doc.crisisHold || !visibleToModerators(doc)) return doc
  if (previousDoc?.crisisHold && visibleToModerators(previousDoc)) return doc
  await emailSafeguardingLeads(
    req,
    'Urgent: a story needs a safeguarding check',
    [
      'A story submitted to Waymark matched crisis words. It is held and will not be published until a moderator marks it safe.',
      'The author was shown the crisis numbers. Please look at it now:',
    ],
    `${serverURL}/admin/collections/stories/${doc.id}`,
  )
  return doc
}
