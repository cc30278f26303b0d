// What the forum's forms share: the "sign in / confirm your email first" door, and turning what Payload
// refused into what a form can show: field errors (422), "wait a moment" (429 with Retry-After), or a
// plain refusal (403/404/409). Anything else is a real error and is rethrown.
import type { Response } from 'express'

import type { PageContext } from '../../../views/components/PageContext.js'
import { MessagePage } from '../../../views/pages/MessagePage.js'
import { sendPage } from '../../../views/render.js'
import type { Payload } from 'payload'

import { canPost } from '../../policies/roles.js'
import { quotedReply } from '../../queries/forumEditing.js'
import { fieldErrorsFrom, isPlausibleId, toId, type FieldErrors } from '../support.js'

/** A visitor is sent to sign in; a member who has not confirmed their email is told to (403). */
export function mustPost(ctx: PageContext, res: Response, user: Record<string, any> | null, next: string): boolean {
  if (!user) {
    res.redirect(303, `/login?next=${encodeURIComponent(next)}`)
    return false
  }
  if (!canPost(user as never)) {
    sendPage(
      res,
      <MessagePage ctx={ctx} title="Confirm your email first">
        <p>
          Before you can post, please confirm your email address with the link we sent you. <a href="/account">Go to your account</a> to send it again.
        </p>
      </MessagePage>,
      403,
    )
    return false
  }
  return true
}

export function sendTooSoon(res: Response, retryAfterSeconds: number) {
  res.set('Retry-After', String(retryAfterSeconds))
}

export type PostRefusal =
  | { kind: 'fields'; status: 422; errors: FieldErrors }
  | { kind: 'tooSoon'; status: 429; message: string; retryAfterSeconds: number }
  | { kind: 'refused'; status: 403 | 404 | 409 | 503; message: string }

export function postRefusal(error: unknown): PostRefusal | null {
  const e = error as { status?: number; message?: string; data?: { retryAfterSeconds?: number; field?: string } }
  if (e?.status === 429) return { kind: 'tooSoon', status: 429, message: String(e.message), retryAfterSeconds: Number(e.data?.retryAfterSeconds ?? 30) }
  const fields = fieldErrorsFrom(error)
  if (fields) return { kind: 'fields', status: 422, errors: fields }
  if (e?.status === 400) return { kind: 'fields', status: 422, errors: { [e.data?.field ?? 'body']: String(e.message) } }
  // 503: no turn to write in time (src/db/siteBusy.ts); the form comes back with the text, nothing saved.
  if (e?.status === 403 || e?.status === 404 || e?.status === 409 || e?.status === 503) return { kind: 'refused', status: e.status, message: String(e.message) }
  return null
}

/** A thread page's `?quote=<reply id>`: the reply form's starting text, or null (an unreadable reply reveals nothing). */
export async function quoteFor(payload: Payload, user: Record<string, any> | null, threadId: string, quote: unknown): Promise<string | null> {
  if (!user || typeof quote !== 'string' || !isPlausibleId(quote) || !isPlausibleId(threadId)) return null
  return quotedReply(payload, user, toId(threadId), toId(quote))
}
