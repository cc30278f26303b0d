// The last guard of "every email has a plain-text part": whatever reaches the mail adapter without one gets
// it here. Waymark's own emails carry theirs (composeEmail, through the queue); Payload's account emails
// (confirm your address, reset your password) are composed too, and their text is found by their HTML. An
// email written as bare HTML somewhere gets a rough text made from its HTML, and an error in the log, so the
// omission is seen and fixed rather than sent without a text part.
import type { EmailAdapter, Payload } from 'payload'

import { composedTextFor } from './compose.js'

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", middot: '·', nbsp: ' ' }

/** Bare HTML as rough text: links keep their address, paragraphs and line breaks their breaks, tags go. */
export function roughTextOf(html: string): string {
  return html
    .replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, words: string) => `${words} (${href})`)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|blockquote|ul|ol|h\d)>|<hr\s*\/?>/gi, '\n\n')
    .replace(/<li[^>]*>/gi, '- ')
    .replace(/<\/li>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#39|amp|lt|gt|quot|middot|nbsp);/g, (_m, name: string) => ENTITIES[name]!)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .concat('\n')
}

export function textPartFor(html: string, payload?: Payload): string {
  const composed = composedTextFor(html)
  if (composed !== undefined) return composed
  payload?.logger.error({ msg: 'An email was sent without a plain-text part; build it with composeEmail (src/email/compose.ts)' })
  return roughTextOf(html)
}

/** The adapter, adding a text part to any email that lacks one. */
export function withTextPart(adapter: EmailAdapter | Promise<EmailAdapter>): Promise<EmailAdapter> {
  return Promise.resolve(adapter).then((ready): EmailAdapter => (args) => {
    const inner = ready(args)
    return {
      ...inner,
      sendEmail: (message) => inner.sendEmail(message.text || typeof message.html !== 'string' ? message : { ...message, text: textPartFor(message.html, args.payload) }),
    }
  })
}
