// Issue 11: the export download's checks (owner, sign-in, expiry, quota) as a policy.
import { describe, expect, it } from 'vitest'

import { canDownloadExport, exportQuota } from '../../src/policies/privacy.js'

const NOW = Date.parse('2026-12-05T12:00:00Z')
const link = { ownerId: 7, sessionKey: 'sid:abc', expiresAt: '2026-12-05T12:30:00Z' }

describe('canDownloadExport', () => {
  it.each<[string, Parameters<typeof canDownloadExport>[0], Parameters<typeof canDownloadExport>[1], boolean]>([
    ['the owner, in the sign-in that made it, before it expires', link, { userId: 7, sessionKey: 'sid:abc' }, true],
    ['the owner as a string id', link, { userId: '7', sessionKey: 'sid:abc' }, true],
    ['another member', link, { userId: 8, sessionKey: 'sid:abc' }, false],
    ['the owner in another sign-in', link, { userId: 7, sessionKey: 'sid:other' }, false],
    ['the owner with no known sign-in', link, { userId: 7, sessionKey: null }, false],
    ['a link made without a known sign-in', { ...link, sessionKey: null }, { userId: 7, sessionKey: 'sid:abc' }, false],
    ['a link made without a known sign-in, asked for without one', { ...link, sessionKey: null }, { userId: 7, sessionKey: null }, false],
    ['an expired link', { ...link, expiresAt: '2026-12-05T11:59:59Z' }, { userId: 7, sessionKey: 'sid:abc' }, false],
    ['a link expiring this very moment', { ...link, expiresAt: '2026-12-05T12:00:00Z' }, { userId: 7, sessionKey: 'sid:abc' }, false],
    ['a link with an unreadable expiry', { ...link, expiresAt: 'soon' }, { userId: 7, sessionKey: 'sid:abc' }, false],
    ['a link whose owner was erased', { ...link, ownerId: null }, { userId: 7, sessionKey: 'sid:abc' }, false],
  ])('%s → %s', (_name, facts, requester, expected) => {
    expect(canDownloadExport(facts, requester, NOW)).toBe(expected)
  })
})

describe('exportQuota', () => {
  const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString()
  it('allows a download while fewer than the daily number were made in the last 24 hours', () => {
    expect(exportQuota([hoursAgo(1), hoursAgo(2)], 3, NOW)).toEqual({ allowed: true })
    expect(exportQuota([], 3, NOW)).toEqual({ allowed: true })
  })
  it('refuses the next one and says when the oldest in the window frees up', () => {
    expect(exportQuota([hoursAgo(1), hoursAgo(2), hoursAgo(23)], 3, NOW)).toEqual({ allowed: false, retryAfterSeconds: 3600 })
  })
  it('does not count downloads older than a day, or unreadable dates', () => {
    expect(exportQuota([hoursAgo(1), hoursAgo(25), 'yesterday'], 2, NOW)).toEqual({ allowed: true })
  })
  it('a quota of 0 refuses every download, with a day to wait', () => {
    expect(exportQuota([], 0, NOW)).toEqual({ allowed: false, retryAfterSeconds: 86_400 })
  })
})
