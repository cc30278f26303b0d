// The privacy notice is generated from src/policies/privacyNotice.ts: every collection the database holds is
// described there (what, who sees it, how long), so a new one fails here until it is, and the periods it states
// are the ones the code applies.
import { expect, test } from 'vitest'

import { Users } from '../../collections/Users/index.js'
import { DELIVERY_RECORD_DAYS as PRUNED_AFTER_DAYS } from '../../src/email/deliveries.js'
import { DEFAULT_PRIVACY_SETTINGS } from '../../src/policies/privacy.js'
import { COLLECTIONS_DESCRIBED, DELIVERY_RECORD_DAYS, KEPT_ELSEWHERE, SESSION_DAYS } from '../../src/policies/privacyNotice.js'

const loadConfig = async () => {
  process.env.PAYLOAD_SECRET ??= 'unit-test-secret'
  return (await import('../../src/payload.config.js')).default
}

test('every collection in the Payload config, Payload’s own included, is described in the notice, and nothing else is', async () => {
  const config = await loadConfig()
  const slugs: string[] = config.collections.map((collection) => String(collection.slug)).sort()
  const described = Object.keys(COLLECTIONS_DESCRIBED).sort()
  expect(
    slugs.filter((slug) => !described.includes(slug as string)),
    'describe each in COLLECTIONS_DESCRIBED (src/policies/privacyNotice.ts)',
  ).toEqual([])
  expect(
    described.filter((slug) => !slugs.includes(slug)),
    'described, but no such collection',
  ).toEqual([])
})

test('each entry says what, who and how long, in words', () => {
  for (const [slug, entry] of Object.entries(COLLECTIONS_DESCRIBED)) {
    for (const text of [entry.title, entry.what, entry.who, entry.kept({ ...DEFAULT_PRIVACY_SETTINGS })]) expect(text.trim().length, slug).toBeGreaterThan(3)
  }
  for (const entry of KEPT_ELSEWHERE) expect(entry.kept({ ...DEFAULT_PRIVACY_SETTINGS }).length).toBeGreaterThan(3)
})

test('collections that hold members’ words or addresses are listed as personal', () => {
  for (const slug of ['users', 'stories', 'consents', 'media', 'threads', 'replies', 'flags', 'conversations', 'messages', 'crisis-alerts', 'moderation-events', 'payload-jobs', 'meeting-reminders'])
    expect(COLLECTIONS_DESCRIBED[slug]?.personal, slug).toBe(true)
})

test('the periods stated are the settings in force, not the defaults', () => {
  const settings = { unverifiedAccountDays: 11, privateNoteMonths: 7, exportsPerDay: 2, exportLinkMinutes: 13 }
  expect(COLLECTIONS_DESCRIBED.users!.kept(settings)).toContain('11 days')
  expect(COLLECTIONS_DESCRIBED['moderation-events']!.kept(settings)).toContain('7 months')
  expect(COLLECTIONS_DESCRIBED.flags!.kept(settings)).toContain('7 months')
  expect(COLLECTIONS_DESCRIBED['data-exports']!.kept(settings)).toContain('13 minutes')
})

test('the fixed periods are the ones the code applies', () => {
  expect(PRUNED_AFTER_DAYS).toBe(DELIVERY_RECORD_DAYS)
  expect(COLLECTIONS_DESCRIBED['email-deliveries']!.kept({ ...DEFAULT_PRIVACY_SETTINGS })).toContain(`${DELIVERY_RECORD_DAYS} days`)
  const auth = Users.auth as { tokenExpiration?: number }
  expect(auth.tokenExpiration).toBe(SESSION_DAYS * 24 * 60 * 60)
})
