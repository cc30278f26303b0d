// Every email that matters (decisions, alerts, reminders) goes through the jobs queue, so a mail
// server that is down for a minute delays it rather than losing it. Commands, hooks and jobs queue
// mail here; the task that sends it is src/jobs/sendEmail.ts.
import { randomUUID } from 'node:crypto'
import type { Payload, PayloadRequest } from 'payload'

import type { EmailBody } from './compose.js'

export const SEND_EMAIL_TASK = 'sendEmail'

/** `body` comes from composeEmail: its HTML and plain-text parts are made from the same words. */
/** `key`: a stable idempotency key for an email that must go once however often it is queued (a weekly job run twice); else random. */
export type QueuedEmail = { to: string; subject: string; body: EmailBody; urgent?: boolean; headers?: Record<string, string>; key?: string }

/**
 * Queues an email; pass the request so it is only sent if the surrounding change is committed. Each email
 * gets its own idempotency key, so a job run again after a crash does not send it twice (deliveries.ts).
 */
export async function queueEmail(payload: Payload, email: QueuedEmail, req?: PayloadRequest): Promise<void> {
  await payload.jobs.queue({
    task: SEND_EMAIL_TASK,
    input: { to: email.to, subject: email.subject, html: email.body.html, text: email.body.text, ...(email.headers ? { headers: email.headers } : {}), key: email.key ?? randomUUID() },
    queue: email.urgent ? 'urgent' : 'default',
    ...(req ? { req } : {}),
  })
}
