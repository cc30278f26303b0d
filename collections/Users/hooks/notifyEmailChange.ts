// When an account's email address changes, the old address is told, so a takeover does not go unnoticed.
import type { CollectionAfterChangeHook } from 'payload'

import { serverURL } from '../../../src/env.js'

export const notifyEmailChange: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || req.context?.disableEmail === true) return doc
  const before = typeof previousDoc?.email === 'string' ? previousDoc.email : undefined
  if (!before || before.toLowerCase() === String(doc.email).toLowerCase()) return doc
  try {
    await req.payload.sendEmail({
      to: before,
      subject: 'The email address on your Waymark account was changed',
      html: `<p>The email address for your Waymark account (${escape(String(doc.displayName))}) was just changed, so we will no longer write to this address.</p>
<p>If you did not do this, reply to this email or contact a moderator straight away, and <a href="${serverURL}/forgot">reset your password</a>.</p>`,
    })
  } catch (error) {
    req.payload.logger.error({ err: error, msg: 'Could not send the email-change notice' })
  }
  return doc
}

const escape = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
