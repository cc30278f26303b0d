// The busy answer (src/db/siteBusy.ts): how long a write waits for SQLite's turn, read from the environment
// with bounds, and the error's shape that REST and the forms rely on (503, public message, the cause kept).
import { describe, expect, test } from 'vitest'

import { SITE_BUSY_MESSAGE, SiteBusyError, writeWaitMs } from '../../src/db/siteBusy.js'
import { postRefusal } from '../../src/routes/support/forumPosting.js'

describe('writeWaitMs', () => {
  test('takes a whole number of milliseconds from 100 to 120000', () => {
    expect(writeWaitMs('100')).toBe(100)
    expect(writeWaitMs('800')).toBe(800)
    expect(writeWaitMs('120000')).toBe(120_000)
  })

  test('anything else is the 15 s default, never 0 or unbounded', () => {
    for (const value of [undefined, '', '0', '99', '-5', '120001', '1.5', 'soon', 'Infinity', '1e9']) expect(writeWaitMs(value), String(value)).toBe(15_000)
  })
})

describe('SiteBusyError', () => {
  test('is a public 503 that keeps what caused it', () => {
    const cause = new Error('SQLITE_BUSY: database is locked')
    const error = new SiteBusyError(cause)
    expect(error.status).toBe(503)
    expect(error.isPublic).toBe(true)
    expect(error.message).toBe(SITE_BUSY_MESSAGE)
    expect((error as { cause?: unknown }).cause).toBe(cause)
  })

  test('the forum forms treat it as a refusal that keeps the text, not as an unexpected error', () => {
    expect(postRefusal(new SiteBusyError())).toEqual({ kind: 'refused', status: 503, message: SITE_BUSY_MESSAGE })
  })
})
