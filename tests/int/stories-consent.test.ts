// Consent records: append-only through every Local API door (admins and overrideAccess included),
// versions, the exact statement shown, the 12-month default, pen names, and renewal reminders.
import fs from 'node:fs'

import type { Payload } from 'payload'
import { beforeAll, describe, expect, it, vi } from 'vitest'

import { giveConsent, submitStory, withdrawStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { remindConsentRenewals } from '../../src/jobs/remindConsentRenewals.js'
import { CONSENT_STATEMENT_VERSION, consentStatementText } from '../../src/policies/consent.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, outboxFiles, unique } from './helpers.js'

let payload: Payload
let moderator: any, admin: any

const DAY = 24 * 60 * 60 * 1000
const CHOICES = { audience: 'public' as const, byline: 'display-name' as const, quoteInReports: false }

const newAuthor = async () => asUser(payload, await createMember(payload, { roles: ['member'] }))

async function makeStory(user: any) {
  const doc: any = await payload.create({
    collection: 'stories',
    data: { title: `Finding my feet ${unique()}`, summary: 'A short summary.', body: markdownToLexical('Recovery, one week at a time.'), themes: [] } as any,
    overrideAccess: false,
    user,
  })
  return doc
}

async function consentsOf(storyId: number | string) {
  const found = await payload.find({ collection: 'consents', where: { story: { equals: storyId } }, sort: 'version', overrideAccess: true, depth: 0, limit: 100 })
  return found.docs as any[]
}

const readConsent = (id: number | string) => payload.findByID({ collection: 'consents', id, overrideAccess: true, depth: 0 }) as Promise<any>

async function expectRejected(promise: Promise<unknown>) {
  let failed = false
  try {
    await promise
  } catch {
    failed = true
  }
  expect(failed, 'the operation should have been refused').toBe(true)
}

/** Publishes a story whose consent was given at `givenAt` (the clock is moved for the whole journey). */
async function publishedWithConsentGivenAt(author: any, givenAt: Date) {
  vi.useFakeTimers({ toFake: ['Date'], now: givenAt, shouldAdvanceTime: true })
  try {
    const story = await makeStory(author)
    await giveConsent(payload, author, story.id, CHOICES)
    await submitStory(payload, author, story.id)
    await moderateStory({ payload, moderator, storyId: story.id, action: 'approve' })
    return story
  } finally {
    vi.useRealTimers()
  }
}

/** Runs the email queue, and returns the .eml texts written to the outbox for `to` since `before`. */
async function deliveredTo(to: string, before: Set<string>) {
  await payload.jobs.run({ queue: 'default', limit: 1000 })
  await payload.jobs.run({ queue: 'urgent', limit: 1000 })
  return outboxFiles()
    .filter((f) => !before.has(f))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .filter((raw) => raw.includes(to))
}

/** Flushes everything already queued, so that later counts only see what the reminder job queues. */
async function flushQueue() {
  await payload.jobs.run({ queue: 'default', limit: 1000 })
  await payload.jobs.run({ queue: 'urgent', limit: 1000 })
  return new Set(outboxFiles())
}

beforeAll(async () => {
  payload = await bootPayload()
  moderator = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
  admin = await asUser(payload, await createMember(payload, { roles: ['admin'] }))
})

describe('append-only', () => {
  let author: any
  let consent: any

  beforeAll(async () => {
    author = await newAuthor()
    const story = await makeStory(author)
    await giveConsent(payload, author, story.id, CHOICES)
    ;[consent] = await consentsOf(story.id)
    expect(consent).toBeTruthy()
  })

  const doors: [string, () => any, boolean][] = [
    ['an admin with overrideAccess: true', () => admin, true],
    ['an admin with overrideAccess: false', () => admin, false],
    ['no user with overrideAccess: true', () => undefined, true],
    ['the author with overrideAccess: false', () => author, false],
    ['a moderator with overrideAccess: false', () => moderator, false],
  ]

  it.each(doors)('update by id is refused for %s, and the record is unchanged', async (_n, who, override) => {
    const before = await readConsent(consent.id)
    await expectRejected(
      payload.update({
        collection: 'consents',
        id: consent.id,
        data: { audience: 'moderators', quoteInReports: true, expiresAt: '2099-01-01T00:00:00.000Z', withdrawnAt: new Date().toISOString(), statementText: 'rewritten' } as any,
        overrideAccess: override,
        user: who(),
      }),
    )
    expect(await readConsent(consent.id)).toEqual(before)
  })

  it.each(doors)('bulk update (where) is refused for %s, and the record is unchanged', async (_n, who, override) => {
    const before = await readConsent(consent.id)
    let result: any
    try {
      result = await payload.update({
        collection: 'consents',
        where: { id: { equals: consent.id } },
        data: { audience: 'moderators' } as any,
        overrideAccess: override,
        user: who(),
      })
    } catch {
      result = undefined
    }
    expect(result?.docs?.length ?? 0).toBe(0)
    expect(await readConsent(consent.id)).toEqual(before)
  })

  it.each(doors)('delete by id is refused for %s, and the record is still there', async (_n, who, override) => {
    const before = await readConsent(consent.id)
    await expectRejected(payload.delete({ collection: 'consents', id: consent.id, overrideAccess: override, user: who() }))
    expect(await readConsent(consent.id)).toEqual(before)
  })

  it.each(doors)('bulk delete (where) is refused for %s, and the record is still there', async (_n, who, override) => {
    const before = await readConsent(consent.id)
    try {
      await payload.delete({ collection: 'consents', where: { id: { equals: consent.id } }, overrideAccess: override, user: who() })
    } catch {
      /* refused: fine */
    }
    expect(await readConsent(consent.id)).toEqual(before)
  })

  it("a member cannot create a consent record for someone else's story", async () => {
    const other = await newAuthor()
    const count = (await consentsOf(consent.story)).length
    try {
      await payload.create({
        collection: 'consents',
        data: {
          story: consent.story,
          author: other.id,
          version: 99,
          audience: 'public',
          byline: 'display-name',
          quoteInReports: true,
          statementVersion: 'x',
          statementText: 'x',
          givenAt: new Date().toISOString(),
          expiresAt: '2099-01-01T00:00:00.000Z',
        } as any,
        overrideAccess: false,
        user: other,
      })
    } catch {
      /* refused: fine */
    }
    expect((await consentsOf(consent.story)).length).toBe(count)
  })
})

describe('versions and contents', () => {
  it('a renewal creates version n+1 and leaves version n as it was', async () => {
    const author = await newAuthor()
    const story = await makeStory(author)
    await giveConsent(payload, author, story.id, CHOICES)
    const [v1] = await consentsOf(story.id)
    expect(v1.version).toBe(1)
    await giveConsent(payload, author, story.id, { ...CHOICES, audience: 'members', quoteInReports: true })
    const all = await consentsOf(story.id)
    expect(all.map((c) => c.version)).toEqual([1, 2])
    expect(all[0]).toEqual(v1)
    expect(all[1].audience).toBe('members')
    expect(all[1].quoteInReports).toBe(true)
    const s: any = await payload.findByID({ collection: 'stories', id: story.id, overrideAccess: true, depth: 0 })
    expect(s.consentAudience).toBe('members')
  })

  it('stores who gave it, for which story, the choices, statementVersion and the exact statementText shown', async () => {
    const author = await newAuthor()
    const story = await makeStory(author)
    const choices = { audience: 'members' as const, byline: 'pen-name' as const, penName: 'Quiet Heron', quoteInReports: true }
    await giveConsent(payload, author, story.id, choices)
    const [c] = await consentsOf(story.id)
    expect(String(c.story)).toBe(String(story.id))
    expect(String(c.author)).toBe(String(author.id))
    expect(c.audience).toBe('members')
    expect(c.byline).toBe('pen-name')
    expect(c.penName).toBe('Quiet Heron')
    expect(c.quoteInReports).toBe(true)
    expect(c.statementVersion).toBe(CONSENT_STATEMENT_VERSION)
    expect(c.statementText).toBe(consentStatementText(choices))
    // The statement describes these choices, not some other ones.
    expect(c.statementText).toContain('Quiet Heron')
    expect(c.statementText).not.toBe(consentStatementText({ ...choices, audience: 'public' }))
    expect(c.givenAt).toBeTruthy()
    expect(c.withdrawnAt ?? null).toBeNull()
  })

  it('expires 12 months after it was given by default', async () => {
    const author = await newAuthor()
    const story = await makeStory(author)
    await giveConsent(payload, author, story.id, CHOICES)
    const [c] = await consentsOf(story.id)
    const given = new Date(c.givenAt)
    const expected = new Date(given)
    expected.setUTCFullYear(expected.getUTCFullYear() + 1)
    expect(Math.abs(new Date(c.expiresAt).getTime() - expected.getTime())).toBeLessThanOrEqual(1.5 * DAY)
    const s: any = await payload.findByID({ collection: 'stories', id: story.id, overrideAccess: true, depth: 0 })
    expect(new Date(s.consentExpiresAt).getTime()).toBe(new Date(c.expiresAt).getTime())
  })

  it.each([
    ['no pen name', undefined],
    ['an empty pen name', ''],
    ['a blank pen name', '   '],
  ])('a pen-name byline with %s is refused and records nothing', async (_n, penName) => {
    const author = await newAuthor()
    const story = await makeStory(author)
    await expectRejected(giveConsent(payload, author, story.id, { audience: 'public', byline: 'pen-name', penName: penName as any, quoteInReports: false }))
    expect(await consentsOf(story.id)).toEqual([])
  })

  it('only the author gives consent for their story', async () => {
    const author = await newAuthor()
    const other = await newAuthor()
    const story = await makeStory(author)
    await expectRejected(giveConsent(payload, other, story.id, CHOICES))
    expect(await consentsOf(story.id)).toEqual([])
  })
})

describe('renewal reminders', () => {
  it('one reminder per consent version within 30 days of expiry; none for withdrawn or far-from-expiry stories', async () => {
    const now = Date.now()
    const soonAuthor = await newAuthor()
    const farAuthor = await newAuthor()
    const withdrawnAuthor = await newAuthor()

    // Consent given 12 months less 15 days ago: it expires in about 15 days.
    const soon = await publishedWithConsentGivenAt(soonAuthor, new Date(now - 350 * DAY))
    await publishedWithConsentGivenAt(farAuthor, new Date(now - 10 * DAY))
    const withdrawn = await publishedWithConsentGivenAt(withdrawnAuthor, new Date(now - 350 * DAY))
    await withdrawStory(payload, withdrawnAuthor, withdrawn.id)

    const soonStory: any = await payload.findByID({ collection: 'stories', id: soon.id, overrideAccess: true, depth: 0 })
    const left = new Date(soonStory.consentExpiresAt).getTime() - now
    expect(left).toBeGreaterThan(0)
    expect(left).toBeLessThan(30 * DAY)

    let before = await flushQueue()
    await remindConsentRenewals(payload)
    await remindConsentRenewals(payload)
    expect((await deliveredTo(soonAuthor.email, before)).length).toBe(1)
    expect((await deliveredTo(farAuthor.email, before)).length).toBe(0)
    expect((await deliveredTo(withdrawnAuthor.email, before)).length).toBe(0)

    // A third run, later the same month: still no second reminder for the same consent version.
    before = await flushQueue()
    await remindConsentRenewals(payload, new Date(now + 5 * DAY))
    expect((await deliveredTo(soonAuthor.email, before)).length).toBe(0)

    // The author renews: version 2, far from expiry, so no reminder now…
    await giveConsent(payload, soonAuthor, soon.id, CHOICES)
    before = await flushQueue()
    await remindConsentRenewals(payload)
    expect((await deliveredTo(soonAuthor.email, before)).length).toBe(0)

    // …and exactly one when version 2 in turn nears its end (seen from 350 days on).
    before = await flushQueue()
    const later = new Date(Date.now() + 350 * DAY)
    await remindConsentRenewals(payload, later)
    await remindConsentRenewals(payload, later)
    expect((await deliveredTo(soonAuthor.email, before)).length).toBe(1)
    expect((await deliveredTo(withdrawnAuthor.email, before)).length).toBe(0)
  })

  it('the reminder asks the author to renew', async () => {
    const author = await newAuthor()
    const story = await publishedWithConsentGivenAt(author, new Date(Date.now() - 345 * DAY))
    const before = await flushQueue()
    await remindConsentRenewals(payload)
    const [raw] = await deliveredTo(author.email, before)
    expect(raw).toBeTruthy()
    const decoded = raw!.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16)))
    expect(decoded).toMatch(/renew/i)
    expect(story.id).toBeTruthy()
  })
})
