// One-click unsubscribe: a link that names a member and one kind of email, signed so it cannot be
// forged or pointed at someone else. It needs no sign-in (people read email on other devices).
import crypto from 'node:crypto'

import { payloadSecret, serverURL } from '../env.js'
import { link, small, type Block } from './compose.js'

export const UNSUBSCRIBABLE = ['notifyReplies', 'notifyMentions', 'digest', 'notifyMeetingReminders', 'notifyMeetingChanges', 'notifyMessages'] as const
export type Unsubscribable = (typeof UNSUBSCRIBABLE)[number]

export const UNSUBSCRIBE_LABELS: Record<Unsubscribable, string> = {
  notifyReplies: 'emails about replies to your threads',
  notifyMentions: 'emails when someone mentions you',
  digest: 'the forum digest',
  notifyMeetingReminders: 'meeting reminders',
  notifyMeetingChanges: 'emails about moved or cancelled meetings',
  notifyMessages: 'emails about private messages from members',
}

const sign = (payload: string) => crypto.createHmac('sha256', payloadSecret()).update(`unsubscribe:${payload}`).digest('base64url').slice(0, 32)

export function unsubscribeToken(memberId: number | string, what: Unsubscribable): string {
  const payload = Buffer.from(`${memberId}:${what}`).toString('base64url')
  return `${payload}.${sign(payload)}`
}

export function readUnsubscribeToken(token: unknown): { memberId: string; what: Unsubscribable } | null {
  if (typeof token !== 'string' || token.length > 300) return null
  const [payload, signature] = token.split('.')
  if (!payload || !signature) return null
  const expected = sign(payload)
  if (signature.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return null
  const [memberId, what] = Buffer.from(payload, 'base64url').toString('utf8').split(':')
  if (!memberId || !(UNSUBSCRIBABLE as readonly string[]).includes(what ?? '')) return null
  return { memberId, what: what as Unsubscribable }
}

export const unsubscribeURL = (memberId: number | string, what: Unsubscribable) => `${serverURL}/unsubscribe?token=${unsubscribeToken(memberId, what)}`

/** The footer paragraph and the mail headers for one kind of email to one member. */
export function unsubscribeParts(memberId: number | string, what: Unsubscribable): { block: Block; headers: Record<string, string> } {
  const url = unsubscribeURL(memberId, what)
  return {
    block: small(link(url, `Unsubscribe from ${UNSUBSCRIBE_LABELS[what]}`), ' (one click, no sign-in needed). You can change all your email choices in your account.'),
    headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}
