// No email twice (issue 15). Each queued email gets a random key (queue.ts); the sendEmail task records
// the key once the mail server has accepted the message and skips a key already recorded, so a job run
// again after a crash does not send again. The record is written after sending, so a crash between the
// two may still send twice (at least once, never lost); the Message-ID made from the key is then the same
// on both copies, and a mail server or client that removes duplicates can drop one.
import type { Payload } from 'payload'

import { DELIVERY_RECORD_DAYS } from '../policies/privacyNotice.js'
import { fromAddress } from './transport.js'

const COLLECTION = 'email-deliveries'
/** How long a delivery is remembered: far longer than any job waits for a retry (the privacy notice says so). */
export { DELIVERY_RECORD_DAYS }

/** The key from a job's input, if it is one (jobs queued before keys existed have none). */
export const emailKeyOf = (value: unknown): string | undefined => (typeof value === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(value) ? value : undefined)

/** A Message-ID that is the same every time this email is sent. */
export function messageIdFor(key: string, from = fromAddress): string {
  const domain = /@([A-Za-z0-9.-]+)$/.exec(from)?.[1] ?? 'waymark.invalid'
  return `<${key}@${domain}>`
}

export async function alreadyDelivered(payload: Payload, key: string): Promise<boolean> {
  const found = await payload.count({ collection: COLLECTION, where: { key: { equals: key } }, overrideAccess: true })
  return found.totalDocs > 0
}

/** Records a sent email. Never throws: the email went, and a failed record must not make the job send it again. */
export async function recordDelivery(payload: Payload, key: string): Promise<void> {
  try {
    await payload.create({ collection: COLLECTION, data: { key, sentAt: new Date().toISOString() }, overrideAccess: true, depth: 0 })
  } catch (error) {
    if (await alreadyDelivered(payload, key).catch(() => false)) return
    payload.logger.error({ err: error, msg: 'Could not record a sent email; a retry of its job could send it again', key })
  }
}

/** Forgets deliveries older than `before` (the retention job). */
export async function pruneDeliveries(payload: Payload, before: Date): Promise<number> {
  const deleted = await payload.delete({ collection: COLLECTION, where: { sentAt: { less_than: before.toISOString() } }, overrideAccess: true, depth: 0 })
  return deleted.docs.length
}
