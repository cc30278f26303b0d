// When an account's email address changes, the old address is told, so a takeover does not go unnoticed.
import type { CollectionAfterChangeHook } from 'payload'

import { emailChangedEmail } from '../../../src/email/templates.js'

export const notifyEmailChange: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || req.context?.disableEmail === true) return doc
  const before = typeof previousDoc?.email === 'string' ? previousDoc.email : undefined
  if (!before || before.toLowerCase() === String(doc.email).toLowerCase()) return doc
  try {
    await req.payload.sendEmail({
      to: before,
      subject: 'The email address on your Waymark account was changed',
      ...emailChangedEmail({ displayName: String(doc.displayName) }),
    })
  } catch (error) {
    req.payload.logger.error({ err: error, msg: 'Could not send the email-change notice' })
  }
  return doc
}
