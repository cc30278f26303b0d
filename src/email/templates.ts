// The account emails (written here because Payload and the join form send them), and the pieces every email
// shares. Each is written once as blocks and composed into HTML and plain text (compose.ts). Every template
// escapes what members typed, because compose does.
import { composeEmail, link, paragraph, type EmailBody } from './compose.js'
import { resetLink, verifyLink } from './links.js'
import { serverURL } from '../env.js'

export { escapeHtml } from './compose.js'

export function verifyEmail({ displayName, token }: { displayName?: string; token: string }): EmailBody {
  const url = verifyLink(token)
  return composeEmail(
    [
      paragraph(`Hello ${displayName || 'there'},`),
      paragraph('Welcome to Waymark. Please confirm this is your email address so you can sign in and take part:'),
      paragraph(link(url, 'Confirm my email address')),
      paragraph(`Or paste this link into your browser: ${url}`),
      paragraph('If you did not join Waymark, you can ignore this email and nothing more will happen.'),
    ],
    { crisisLines: true },
  )
}

export function resetPasswordEmail({ token }: { token: string }): EmailBody {
  return composeEmail(
    [
      paragraph('Someone asked to reset the password for your Waymark account.'),
      paragraph(link(resetLink(token), 'Choose a new password'), ' (this link works for one hour).'),
      paragraph('If it was not you, ignore this email: your password stays as it is.'),
    ],
    { crisisLines: true },
  )
}

/** To an address that is already registered, when someone joins with it (the join page reads the same either way). */
export function alreadyRegisteredEmail(): EmailBody {
  return composeEmail([
    paragraph('Someone (probably you) tried to join Waymark with this email address, but you already have an account.'),
    paragraph('You can ', link(`${serverURL}/login`, 'sign in'), ', or ', link(`${serverURL}/forgot`, 'reset your password'), ' if you have forgotten it.'),
    paragraph('If it was not you, you can ignore this email.'),
  ])
}

/** To the old address when an account's email address changes, so a takeover does not go unnoticed. */
export function emailChangedEmail({ displayName }: { displayName: string }): EmailBody {
  return composeEmail([
    paragraph(`The email address for your Waymark account (${displayName}) was just changed, so we will no longer write to this address.`),
    paragraph('If you did not do this, reply to this email or contact a moderator straight away, and ', link(`${serverURL}/forgot`, 'reset your password'), '.'),
  ])
}
