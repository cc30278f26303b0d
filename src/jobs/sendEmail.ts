// The task that sends each queued email (src/email/queue.ts queues them), retried so a mail server
// that is down for a minute delays a message rather than losing it.
import type { TaskConfig } from 'payload'

import { SEND_EMAIL_TASK } from '../email/queue.js'

export const sendEmailTask: TaskConfig<'sendEmail'> = {
  slug: SEND_EMAIL_TASK,
  retries: 4,
  inputSchema: [
    { name: 'to', type: 'text', required: true },
    { name: 'subject', type: 'text', required: true },
    { name: 'html', type: 'textarea', required: true },
    // List-Unsubscribe and List-Unsubscribe-Post, for one-click unsubscribe in mail clients (RFC 8058).
    { name: 'headers', type: 'json' },
  ],
  handler: async ({ input, req }) => {
    const headers = input.headers && typeof input.headers === 'object' ? (input.headers as Record<string, string>) : undefined
    await req.payload.sendEmail({ to: input.to, subject: input.subject, html: input.html, ...(headers ? { headers } : {}) })
    return { output: {} }
  },
}
