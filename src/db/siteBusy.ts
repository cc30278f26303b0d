// What a write that could not get SQLite's one write lock in time answers: 503 with a clear message, never a
// 500. Nothing was written (the write never began), so the person can simply send it again.
import { APIError } from 'payload'

export const SITE_BUSY_MESSAGE = 'The site is busy saving other changes. Nothing you sent was saved; please try again in a moment.'
export const SITE_BUSY_RETRY_SECONDS = 5

export class SiteBusyError extends APIError {
  constructor(cause?: unknown) {
    super(SITE_BUSY_MESSAGE, 503, { retryAfterSeconds: SITE_BUSY_RETRY_SECONDS }, true)
    this.name = 'SiteBusyError'
    // Kept for the logs, and for callers that retry on SQLITE_BUSY (its message is in the cause).
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause
  }
}

/** How long a write waits for its turn: 15 s, or WAYMARK_WRITE_WAIT_MS (100–120000; tests shorten it). */
export function writeWaitMs(value = process.env.WAYMARK_WRITE_WAIT_MS): number {
  const ms = Number(value)
  return Number.isInteger(ms) && ms >= 100 && ms <= 120_000 ? ms : 15_000
}
