// The urgent email to the safeguarding leads when something matched crisis words. It carries no
// member text: email cannot be recalled if the author withdraws or the post is removed.
import type { PayloadRequest } from 'payload'

import { composeEmail, link, paragraph, paragraphs as asParagraphs } from '../email/compose.js'
import { queueEmail } from '../email/queue.js'

export type EmailLink = { label: string; href: string }

export async function emailSafeguardingLeads(req: PayloadRequest, subject: string, paragraphs: string[], links: EmailLink[]): Promise<void> {
  if (req.context?.disableEmail === true) return
  const leads = await req.payload.find({
    collection: 'users',
    where: { isSafeguardingLead: { equals: true } },
    limit: 100,
    depth: 0,
    req,
    overrideAccess: true,
  })
  const body = composeEmail([...asParagraphs(paragraphs), ...links.map((each) => paragraph(`${each.label}: `, link(each.href, each.href)))])
  for (const lead of leads.docs) {
    await queueEmail(req.payload, { to: String(lead.email), subject, body, urgent: true }, req)
  }
}
