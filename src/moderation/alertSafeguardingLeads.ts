// The urgent email to the safeguarding leads when something matched crisis words. It carries no
// member text: email cannot be recalled if the author withdraws or the post is removed.
import type { PayloadRequest } from 'payload'

import { queueEmail } from '../jobs/sendEmail.js'

export async function emailSafeguardingLeads(req: PayloadRequest, subject: string, paragraphs: string[], link: string): Promise<void> {
  if (req.context?.disableEmail === true) return
  const leads = await req.payload.find({
    collection: 'users',
    where: { isSafeguardingLead: { equals: true } },
    limit: 100,
    depth: 0,
    req,
    overrideAccess: true,
  })
  for (const lead of leads.docs) {
    await queueEmail(req.payload, { to: String(lead.email), subject, html: `${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}\n<p><a href="${link}">${link}</a></p>`, urgent: true }, req)
  }
}
