// The urgent email to the safeguarding leads when something matched crisis words. It carries no
// member text: email cannot be recalled if the author withdraws or the post is removed.
import type { PayloadRequest } from 'payload'

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
  const html = [...paragraphs.map((p) => `<p>${p}</p>`), ...links.map((link) => `<p>${link.label}: <a href="${link.href}">${link.href}</a></p>`)].join('\n')
  for (const lead of leads.docs) {
    await queueEmail(req.payload, { to: String(lead.email), subject, html, urgent: true }, req)
  }
}
