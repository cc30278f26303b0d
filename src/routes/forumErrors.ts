// Turns what Payload refused into what a form can show: field errors (422), "wait a moment" (429
// with Retry-After), or a plain refusal (403/404/409). Anything else is a real error and is rethrown.
import { fieldErrorsFrom, type FieldErrors } from './support.js'

export type PostRefusal =
  | { kind: 'fields'; status: 422; errors: FieldErrors }
  | { kind: 'tooSoon'; status: 429; message: string; retryAfterSeconds: number }
  | { kind: 'refused'; status: 403 | 404 | 409; message: string }

export function postRefusal(error: unknown): PostRefusal | null {
  const e = error as { status?: number; message?: string; data?: { retryAfterSeconds?: number; field?: string } }
  if (e?.status === 429) return { kind: 'tooSoon', status: 429, message: String(e.message), retryAfterSeconds: Number(e.data?.retryAfterSeconds ?? 30) }
  const fields = fieldErrorsFrom(error)
  if (fields) return { kind: 'fields', status: 422, errors: fields }
  if (e?.status === 400) return { kind: 'fields', status: 422, errors: { [e.data?.field ?? 'body']: String(e.message) } }
  if (e?.status === 403 || e?.status === 404 || e?.status === 409) return { kind: 'refused', status: e.status, message: String(e.message) }
  return null
}
