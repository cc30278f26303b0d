// Every email that matters (decisions, alerts, reminders) goes through the jobs queue, so a mail
// server that is down for a minute delays it rather than losing it.
import type { Payload, PayloadRequest, TaskConfig } from 'payload'

export const SEND_EMAIL_TASK = 'sendEmail'

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

export type QueuedEmail = { to: string; subject: string; html: string; urgent?: boolean; headers?: Record<string, string> }

/** Queues an email; pass the request so it is only sent if the surrounding change is committed. */
export async function queueEmail(payload: Payload, email: QueuedEmail, req?: PayloadRequest): Promise<void> {
  await payload.jobs.queue({
    task: SEND_EMAIL_TASK,
    input: { to: email.to, subject: email.subject, html: email.html, ...(email.headers ? { headers: email.headers } : {}) },
    queue: email.urgent ? 'urgent' : 'default',
    ...(req ? { req } : {}),
  })
}
