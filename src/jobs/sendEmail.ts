// The task that sends each queued email (src/email/queue.ts queues them), retried so a mail server
// that is down for a minute delays a message rather than losing it. An email whose key was already
// delivered (a job run again after a crash) is not sent again (src/email/deliveries.ts).
import type { TaskConfig } from 'payload'

import { alreadyDelivered, emailKeyOf, messageIdFor, recordDelivery } from '../email/deliveries.js'
import { SEND_EMAIL_TASK } from '../email/queue.js'

export const sendEmailTask: TaskConfig<'sendEmail'> = {
  slug: SEND_EMAIL_TASK,
  retries: 4,
  inputSchema: [
    { name: 'to', type: 'text', required: true },
    { name: 'subject', type: 'text', required: true },
    { name: 'html', type: 'textarea', required: true },
    // The plain-text part, composed from the same words as the HTML. Jobs queued before it existed have none:
    // the mail adapter then makes one (src/email/textPart.ts).
    { name: 'text', type: 'textarea' },
    // List-Unsubscribe and List-Unsubscribe-Post, for one-click unsubscribe in mail clients (RFC 8058).
    { name: 'headers', type: 'json' },
    // The idempotency key: random, one per email.
    { name: 'key', type: 'text' },
  ],
  handler: async ({ input, req }) => {
    const { payload } = req
    const key = emailKeyOf(input.key)
    if (key && (await alreadyDelivered(payload, key))) {
      payload.logger.info({ msg: 'Email already sent: not sending it again', key })
      return { output: {} }
    }
    const headers = input.headers && typeof input.headers === 'object' ? (input.headers as Record<string, string>) : undefined
    const text = typeof input.text === 'string' && input.text ? { text: input.text } : {}
    await payload.sendEmail({ to: input.to, subject: input.subject, html: input.html, ...text, ...(headers ? { headers } : {}), ...(key ? { messageId: messageIdFor(key) } : {}) })
    if (key) await recordDelivery(payload, key)
    return { output: {} }
  },
}
