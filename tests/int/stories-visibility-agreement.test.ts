// The database rule (collection read access, as the Local API applies it with overrideAccess: false)
// and the pure rule canSee(viewer, story, latestConsent) must agree, story by story and viewer by
// viewer, over every state the commands can reach. A third, independent oracle written from the
// issue's table checks that canSee itself says what the issue says.
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { giveConsent, submitStory, withdrawStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { canSee } from '../../src/policies/storyVisibility.js'
import { seedDemoData } from '../../src/seed/demo.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, unique } from './helpers.js'

type Audience = 'public' | 'members' | 'moderators'
type Case = { id: string; label: string; audience: Audience | null; kind: string; authorKey: 'author' | 'member' }

let payload: Payload
let author: any, member: any, moderator: any, admin: any, otherModerator: any
const cases: Case[] = []
const arrangementErrors: string[] = []

const viewers = () =>
  [
    ['visitor', null],
    ['member', member],
    ['author', author],
    ['moderator', moderator],
    ['admin', admin],
  ] as const

const makeStory = async (user: any, label: string, text = 'Some days were harder than others, and the group helped.') =>
  payload.create({
    collection: 'stories',
    data: { title: `Story ${label} ${unique()}`, summary: `Summary of ${label}`, body: markdownToLexical(text), themes: [] } as any,
    overrideAccess: false,
    user,
  })

const consent = (audience: Audience) => ({ audience, byline: 'display-name' as const, quoteInReports: false })

async function build(kind: string, audience: Audience | null, who: 'author' | 'member' = 'author') {
  const user = who === 'author' ? author : member
  const label = `${kind}/${audience ?? 'no-consent'}`
  const story: any = await makeStory(user, label, kind === 'crisis-held' ? "Most nights I don't want to wake up." : undefined)
  const id = story.id
  if (audience) await giveConsent(payload, user, id, consent(audience))
  const submit = () => submitStory(payload, user, id)
  const approve = () => moderateStory({ payload, moderator, storyId: id, action: 'approve' })
  switch (kind) {
    case 'draft':
      break
    case 'submitted':
    case 'crisis-held':
      await submit()
      break
    case 'changes_requested':
      await submit()
      await moderateStory({ payload, moderator, storyId: id, action: 'request_changes', reason: 'Please remove the street name.' })
      break
    case 'published':
      await submit()
      await approve()
      break
    case 'published+pending-revision':
      await submit()
      await approve()
      try {
        await payload.update({ collection: 'stories', id, data: { title: `Revised ${label} ${unique()}` } as any, overrideAccess: false, user })
      } catch (error: any) {
        // Reported by its own test below; the story stays in the matrix as a plain published one.
        arrangementErrors.push(`${label}: the author's edit of the published story was refused: ${error?.message} ${JSON.stringify(error?.data ?? {})}`)
      }
      break
    case 'unpublished':
      await submit()
      await approve()
      await moderateStory({ payload, moderator, storyId: id, action: 'unpublish', reason: 'Paused while we check something.' })
      break
    case 'withdrawn':
      await submit()
      await approve()
      await withdrawStory(payload, user, id)
      break
    case 'withdrawn-while-submitted':
      await submit()
      await withdrawStory(payload, user, id)
      break
    case 'expired-by-mirror':
      // The brief's recipe: the story's consent expiry pushed into the past by a system write.
      await submit()
      await approve()
      await payload.update({
        collection: 'stories',
        id,
        data: { consentExpiresAt: '2020-01-01T00:00:00.000Z' } as any,
        overrideAccess: true,
        context: { storyCommand: true },
      })
      break
    default:
      throw new Error(`unknown kind ${kind}`)
  }
  cases.push({ id: String(id), label, audience, kind, authorKey: who })
}

/** Consent given (and the story published) in mid-2020, so it expired in mid-2021: the real passage of time. */
async function buildExpiredByTime(audience: Audience) {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2020-06-01T10:00:00.000Z'), shouldAdvanceTime: true })
  try {
    const label = `expired-by-time/${audience}`
    const story: any = await makeStory(author, label)
    await giveConsent(payload, author, story.id, consent(audience))
    await submitStory(payload, author, story.id)
    await moderateStory({ payload, moderator: otherModerator, storyId: story.id, action: 'approve' })
    cases.push({ id: String(story.id), label, audience, kind: 'expired-by-time', authorKey: 'author' })
  } finally {
    vi.useRealTimers()
  }
}

async function latestConsentOf(storyId: string) {
  const found = await payload.find({
    collection: 'consents',
    where: { story: { equals: storyId } },
    sort: '-version',
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  return (found.docs[0] as any) ?? null
}

/**
 * Every story in the database (matrix plus the demo seed), as stored, with its latest consent.
 * The "expired-by-mirror" stories had only the story's copy of the expiry pushed into the past (consent
 * records are append-only, so the record cannot be aged); that stands for time having passed, so for
 * those the consent handed to canSee carries the same past expiry. Every other story gets its consent
 * record exactly as stored.
 */
async function allStoriesWithConsent() {
  const all = await payload.find({ collection: 'stories', overrideAccess: true, limit: 1000, depth: 0, pagination: false })
  return Promise.all(
    all.docs.map(async (s: any) => {
      const record = await latestConsentOf(String(s.id))
      const mirrorAged = cases.find((c) => c.id === String(s.id))?.kind === 'expired-by-mirror'
      return { story: s, consent: mirrorAged && record ? { ...record, expiresAt: s.consentExpiresAt } : record }
    }),
  )
}

/** The issue's table, written out independently of src/policies. */
function issueOracle(viewer: any, story: any, latest: any, now = new Date()): boolean {
  const roles: string[] = viewer?.roles ?? []
  const isMod = roles.includes('moderator') || roles.includes('admin')
  const authorId = story.author && typeof story.author === 'object' ? story.author.id : story.author
  if (viewer && String(viewer.id) === String(authorId)) return true
  if (isMod && story.status !== 'draft') return true
  const current = latest && !latest.withdrawnAt && latest.expiresAt && new Date(latest.expiresAt).getTime() > now.getTime()
  if (story.status !== 'published' || !current) return false
  if (latest.audience === 'public') return true
  if (latest.audience === 'members' && viewer) return true
  return false
}

beforeAll(async () => {
  payload = await bootPayload()
  await seedDemoData(payload, { password: 'seed-lantern-orchard-77' })
  author = await asUser(payload, await createMember(payload, { roles: ['member'] }))
  member = await asUser(payload, await createMember(payload, { roles: ['member'] }))
  moderator = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
  otherModerator = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
  admin = await asUser(payload, await createMember(payload, { roles: ['admin'] }))

  await build('draft', null)
  await build('draft', null, 'member') // another member's draft: the author must not see it
  for (const audience of ['public', 'members', 'moderators'] as const) {
    for (const kind of ['draft', 'submitted', 'changes_requested', 'published', 'published+pending-revision', 'unpublished', 'withdrawn', 'withdrawn-while-submitted', 'expired-by-mirror']) {
      await build(kind, audience)
    }
    await buildExpiredByTime(audience)
  }
  await build('crisis-held', 'public')
  // The member's own published story, so that "member" is also an author of something.
  await build('published', 'moderators', 'member')
}, 600_000)

afterAll(() => {
  vi.useRealTimers()
})

describe('the matrix', () => {
  it('reached every state through the commands', async () => {
    const stored = await payload.find({ collection: 'stories', overrideAccess: true, limit: 1000, depth: 0, where: { id: { in: cases.map((c) => c.id) } } })
    const statuses = new Set(stored.docs.map((d: any) => d.status))
    for (const s of ['draft', 'submitted', 'changes_requested', 'published', 'unpublished', 'withdrawn']) expect(statuses, s).toContain(s)
    const byId = new Map(stored.docs.map((d: any) => [String(d.id), d]))
    for (const c of cases) {
      const doc: any = byId.get(c.id)
      const expected = c.kind.startsWith('withdrawn') ? 'withdrawn' : c.kind.startsWith('published') || c.kind.startsWith('expired') ? 'published' : c.kind === 'crisis-held' ? 'submitted' : c.kind
      expect(doc.status, c.label).toBe(expected)
      if (c.kind === 'crisis-held') expect(doc.crisisHold, c.label).toBe(true)
    }
  })

  it('an author could edit their published stories (a pending revision is part of the matrix)', async () => {
    expect(arrangementErrors).toEqual([])
    for (const c of cases.filter((c) => c.kind === 'published+pending-revision')) {
      const doc: any = await payload.findByID({ collection: 'stories', id: c.id, overrideAccess: true, depth: 0 })
      expect(doc.revisionState, c.label).toBe('submitted')
    }
  })

  it('the expired-by-time stories really carry an expired latest consent', async () => {
    for (const c of cases.filter((c) => c.kind === 'expired-by-time')) {
      const latest = await latestConsentOf(c.id)
      expect(latest, c.label).toBeTruthy()
      expect(new Date(latest.expiresAt).getTime(), c.label).toBeLessThan(Date.now())
    }
  })
})

describe('canSee says what the issue says', () => {
  it('for every viewer and every story, canSee(viewer, story, latestConsent) equals the issue table', async () => {
    const rows = await allStoriesWithConsent()
    const disagreements: string[] = []
    for (const [name, viewer] of viewers()) {
      for (const { story, consent } of rows) {
        const c = cases.find((x) => x.id === String(story.id))
        const pure = canSee(viewer as any, story, consent)
        const table = issueOracle(viewer, story, consent)
        if (pure !== table) disagreements.push(`${name} × ${c?.label ?? `demo ${story.id}`}: canSee=${pure}, issue=${table}`)
      }
    }
    expect(disagreements).toEqual([])
  })
})

describe('the database rule agrees with canSee', () => {
  const expectedFor = async (viewer: any) => {
    const rows = await allStoriesWithConsent()
    return rows
      .filter(({ story, consent }) => canSee(viewer, story, consent))
      .map(({ story }) => String(story.id))
      .sort()
  }
  const labelled = (ids: string[]) => ids.map((id) => cases.find((c) => c.id === id)?.label ?? `demo:${id}`).sort()

  it.each(['visitor', 'member', 'author', 'moderator', 'admin'])('find() for the %s returns exactly the stories canSee allows', async (name) => {
    const viewer = viewers().find(([n]) => n === name)![1] as any
    const expected = await expectedFor(viewer)
    const found = await payload.find({ collection: 'stories', overrideAccess: false, user: viewer, limit: 500, depth: 0 })
    const actual = found.docs.map((d: any) => String(d.id)).sort()
    expect(labelled(actual)).toEqual(labelled(expected))
    expect(found.totalDocs).toBe(expected.length)
  })

  it.each(['visitor', 'member', 'author', 'moderator', 'admin'])('find({ draft: true }) for the %s returns the same set', async (name) => {
    const viewer = viewers().find(([n]) => n === name)![1] as any
    const expected = await expectedFor(viewer)
    const found = await payload.find({ collection: 'stories', overrideAccess: false, user: viewer, limit: 500, depth: 0, draft: true })
    expect(labelled(found.docs.map((d: any) => String(d.id)).sort())).toEqual(labelled(expected))
  })

  it.each(['visitor', 'member', 'author', 'moderator', 'admin'])('count() for the %s equals the number canSee allows', async (name) => {
    const viewer = viewers().find(([n]) => n === name)![1] as any
    const expected = await expectedFor(viewer)
    const counted = await payload.count({ collection: 'stories', overrideAccess: false, user: viewer })
    expect(counted.totalDocs).toBe(expected.length)
  })

  it.each(['visitor', 'member', 'author', 'moderator', 'admin'])('findByID() for the %s returns a story exactly when canSee allows', async (name) => {
    const viewer = viewers().find(([n]) => n === name)![1] as any
    const rows = await allStoriesWithConsent()
    const wrong: string[] = []
    for (const { story, consent } of rows) {
      const allowed = canSee(viewer, story, consent)
      let got: any = null
      try {
        got = await payload.findByID({ collection: 'stories', id: story.id, overrideAccess: false, user: viewer, depth: 0 })
      } catch {
        got = null
      }
      const seen = Boolean(got && String(got.id) === String(story.id))
      if (seen !== allowed) wrong.push(`${cases.find((c) => c.id === String(story.id))?.label ?? `demo:${story.id}`}: db=${seen}, canSee=${allowed}`)
    }
    expect(wrong).toEqual([])
  })
})

describe('expired consent (story mirror pushed into the past, as the brief arranges it)', () => {
  it('is visible only to the author and moderators, through find, findByID and count alike', async () => {
    const expired = cases.filter((c) => c.kind === 'expired-by-mirror')
    expect(expired.length).toBe(3)
    for (const [name, viewer] of viewers()) {
      const should = name === 'author' || name === 'moderator' || name === 'admin'
      const found = await payload.find({ collection: 'stories', overrideAccess: false, user: viewer as any, limit: 500, depth: 0, where: { id: { in: expired.map((c) => c.id) } } })
      expect(found.docs.length, `${name} find`).toBe(should ? 3 : 0)
      for (const c of expired) {
        let seen = false
        try {
          const one = await payload.findByID({ collection: 'stories', id: c.id, overrideAccess: false, user: viewer as any, depth: 0 })
          seen = Boolean(one)
        } catch {
          seen = false
        }
        expect(seen, `${name} findByID ${c.label}`).toBe(should)
      }
      const counted = await payload.count({ collection: 'stories', overrideAccess: false, user: viewer as any, where: { id: { in: expired.map((c) => c.id) } } })
      expect(counted.totalDocs, `${name} count`).toBe(should ? 3 : 0)
    }
  })
})

describe('the author relation never reaches anyone but the author and moderators', () => {
  it('visitors and other members get no author field on any story they can read', async () => {
    for (const viewer of [null, member]) {
      for (const depth of [0, 1, 2]) {
        const found = await payload.find({ collection: 'stories', overrideAccess: false, user: viewer as any, limit: 500, depth })
        expect(found.docs.length).toBeGreaterThan(0)
        for (const doc of found.docs as any[]) {
          if (viewer && String(doc.author?.id ?? doc.author) === String(viewer.id)) continue // the member's own story
          expect(doc.author ?? null, `story ${doc.id} depth ${depth}`).toBeNull()
        }
      }
    }
  })

  it("the author and a moderator do see the author of the author's stories", async () => {
    const id = cases.find((c) => c.kind === 'published' && c.authorKey === 'author')!.id
    for (const viewer of [author, moderator]) {
      const doc: any = await payload.findByID({ collection: 'stories', id, overrideAccess: false, user: viewer, depth: 0 })
      expect(String(doc.author?.id ?? doc.author)).toBe(String(author.id))
    }
  })
})
