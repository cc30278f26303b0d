// Consent to share a story: the choices, what each means in plain words, and the exact statement
// shown, which is stored with every consent record.
import type { ConsentAudience } from './storyVisibility.js'

export const CONSENT_STATEMENT_VERSION = '2026-11-a'
export const CONSENT_MONTHS = 12
export const RENEWAL_NOTICE_DAYS = 30

export const BYLINES = ['display-name', 'anonymous', 'pen-name'] as const
export type Byline = (typeof BYLINES)[number]

export const AUDIENCE_CHOICES: { value: ConsentAudience; label: string; explanation: string }[] = [
  { value: 'public', label: 'Everyone', explanation: 'Anyone on the internet can read it, including people who know you. It may appear in search engines.' },
  { value: 'members', label: 'Waymark members only', explanation: 'Only people signed in to Waymark can read it. Members are people in recovery, families, carers and professionals.' },
  { value: 'moderators', label: 'Moderators only', explanation: 'Nobody else reads it. Moderators use it to understand what people are going through.' },
]

export const BYLINE_CHOICES: { value: Byline; label: string; explanation: string }[] = [
  { value: 'display-name', label: 'My display name', explanation: 'Signed with the name you use on Waymark.' },
  { value: 'anonymous', label: 'Anonymous', explanation: 'Signed "A member from" your locality, with no name.' },
  { value: 'pen-name', label: 'A pen name', explanation: 'Signed with a name you choose just for this story.' },
]

export const WITHDRAW_EXPLANATION =
  'You can withdraw your consent at any time from "My stories". The story disappears from Waymark straight away, everywhere. ' +
  'Emails that were already sent, and copies that other people made, cannot be recalled.'

export type ConsentChoices = { audience: ConsentAudience; byline: Byline; penName?: string; quoteInReports: boolean }

/** The statement, word for word, as shown to the author. It is stored with the consent record. */
export function consentStatementText(choices: ConsentChoices): string {
  const audience = AUDIENCE_CHOICES.find((a) => a.value === choices.audience)!
  const byline = BYLINE_CHOICES.find((b) => b.value === choices.byline)!
  return [
    `Who can read my story: ${audience.label}. ${audience.explanation}`,
    `How it is signed: ${byline.label}${choices.byline === 'pen-name' && choices.penName ? ` ("${choices.penName}")` : ''}. ${byline.explanation}`,
    `Quotes in reports: ${choices.quoteInReports ? 'Yes' : 'No'}. ${choices.quoteInReports ? 'Short quotes, with nothing that names me, may go into reports to the people who plan and pay for services.' : 'Nothing from my story goes into reports.'}`,
    `This consent lasts ${CONSENT_MONTHS} months. We will email me ${RENEWAL_NOTICE_DAYS} days before it ends; if I do not renew, the story is hidden.`,
    WITHDRAW_EXPLANATION,
  ].join('\n')
}

export function consentExpiry(givenAt: Date): Date {
  const expires = new Date(givenAt)
  expires.setUTCMonth(expires.getUTCMonth() + CONSENT_MONTHS)
  return expires
}

/** How a story is signed, from the author's current consent. Never an email, never a real name. */
export function bylineText(byline: Byline | null | undefined, parts: { displayName?: string; penName?: string; localityName?: string }): string {
  if (byline === 'display-name' && parts.displayName) return parts.displayName
  if (byline === 'pen-name' && parts.penName) return parts.penName
  return parts.localityName ? `A member from ${parts.localityName}` : 'A Waymark member'
}
