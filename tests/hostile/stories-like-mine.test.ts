// Hostile: "stories like mine" (issue 17 C). Matches and "more like this" never include a story the
// reader cannot see (members-only for a visitor, pending, unpublished, a draft, and a withdrawn one at
// once, after the author's own withdrawal form); a visitor cannot combine choices down to fewer than 5
// stories; one reader session moves a story's figures by one answer however often it posts; an author
// sees totals only from 5 readers and nobody else sees them; the new collections are closed over REST
// and GraphQL. Everything is arranged before the first page is read (the server's page cache sees
// only its own writes), and the withdrawal goes through the site, as a browser does it.
import { randomUUID } from 'node:crypto'

import { beforeAll, describe, expect, test } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { settle, unique, useHostileServer, userAsActor, withdrawThroughTheForm } from './helpers.js'

const hostile = useHostileServer('stories-like-mine')

type Member = Awaited<ReturnType<typeof createMember>>
type Story = { id: number | string; slug: string; title: string }
type Traits = { narratorType?: string; tone?: string; recoveryStage?: string; tags?: (number | string)[]; themes?: string[] }

let author: Member
let otherAuthor: Member
let moderator: any
let tagId: number | string
let tagSlug: string
const S: Record<string, Story> = {}

async function story(key: string, traits: Traits, end: 'published' | 'members' | 'submitted' | 'unpublished' | 'draft', by: Member = author): Promise<Story> {
  const title = `Story ${unique(key)}`
  const user = await userAsActor(hostile.payload, by.id)
  const created = (await settle(async () =>
    hostile.payload.create({
      collection: 'stories',
      data: {
        title,
        summary: `About ${key}`,
        body: markdownToLexical(`A story called ${key}.`),
        themes: traits.themes ?? [],
        narratorType: traits.narratorType ?? null,
        tone: traits.tone ?? null,
        recoveryStage: traits.recoveryStage ?? null,
        experienceTags: traits.tags ?? [],
      } as any,
      overrideAccess: false,
      user,
    }),
  )) as any
  if (end !== 'draft') {
    await settle(async () => giveConsent(hostile.payload, user, created.id, { audience: end === 'members' ? 'members' : 'public', byline: 'anonymous', quoteInReports: false }))
    await settle(async () => submitStory(hostile.payload, user, created.id))
  }
  if (end === 'published' || end === 'members' || end === 'unpublished') await settle(async () => moderateStory({ payload: hostile.payload, moderator, storyId: created.id, action: 'approve' }))
  if (end === 'unpublished') await settle(async () => moderateStory({ payload: hostile.payload, moderator, storyId: created.id, action: 'unpublish', reason: 'Arranged by the test.' }))
  const stored = (await hostile.payload.findByID({ collection: 'stories', id: created.id, overrideAccess: true, depth: 0 })) as any
  return { id: created.id, slug: stored.slug, title }
}

/** `count` readers who found both stories helpful: one pair row each (lower id first). */
async function pairCount(a: number | string, b: number | string, count: number) {
  const [x, y] = Number(a) < Number(b) ? [a, b] : [b, a]
  for (let i = 0; i < count; i++) await hostile.payload.create({ collection: 'story-pair-marks', data: { id: randomUUID(), storyA: x, storyB: y } as any, overrideAccess: true })
}

/** A story's answers as totals ({ readers, hope5, connection4, … }), or undefined when nobody answered. */
async function totalsOf(id: number | string): Promise<any> {
  const rows = (await hostile.payload.find({ collection: 'story-feedback-answers', where: { story: { equals: id } }, pagination: false, overrideAccess: true, depth: 0 })).docs as any[]
  if (rows.length === 0) return undefined
  const totals: Record<string, number> = { readers: rows.length }
  for (const row of rows) for (const question of ['hope', 'connection']) if (row[question] != null) totals[`${question}${row[question]}`] = (totals[`${question}${row[question]}`] ?? 0) + 1
  return totals
}

/** The pairs with a story, as counts of their rows. */
async function pairCountsWith(id: number | string): Promise<number[]> {
  const rows = await hostile.payload.find({
    collection: 'story-pair-marks',
    where: { or: [{ storyA: { equals: id } }, { storyB: { equals: id } }] },
    pagination: false,
    overrideAccess: true,
    depth: 0,
  })
  const counts = new Map<string, number>()
  for (const row of rows.docs as any[]) counts.set(`${row.storyA}:${row.storyB}`, (counts.get(`${row.storyA}:${row.storyB}`) ?? 0) + 1)
  return [...counts.values()]
}

const signedInClient = async (email: string, password: string) => {
  const client = new WebClient(hostile.server.url)
  const r = await client.signIn(email, password)
  if (r.status !== 303 && r.status !== 302) throw new Error(`Arrange failed: sign-in ${r.status}`)
  return client
}

async function answer(client: WebClient, slug: string, fields: Record<string, string>) {
  const token = await client.csrfToken('/stories/like-mine')
  return client.postForm(`/stories/${slug}/feedback`, { _csrf: token, ...fields })
}

const LEAKS = ['members', 'pending', 'unpublished', 'draft'] as const

beforeAll(async () => {
  author = await createMember(hostile.payload)
  otherAuthor = await createMember(hostile.payload)
  moderator = (await hostile.payload.find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, limit: 1 })).docs[0]
  tagSlug = `hostile-${Date.now().toString(36)}`
  tagId = (await hostile.payload.create({ collection: 'story-tags', data: { label: `Hostile ${tagSlug}`, slug: tagSlug }, overrideAccess: true })).id
  // Six public stories share narrator "supporter", the tag and "practical" (no demo story is told by a supporter).
  const common: Traits = { narratorType: 'supporter', tone: 'practical', tags: [tagId], themes: ['give'] }
  S.a1 = await story('a1', { ...common, recoveryStage: 'long-term' }, 'published')
  // The withdrawn-to-be shares one more characteristic with a1 than the others do: first in its "more like this".
  S.withdrawn = await story('wd', { ...common, recoveryStage: 'long-term' }, 'published')
  for (const key of ['a2', 'a3', 'a4', 'a5']) S[key] = await story(key, common, 'published')
  // The same characteristics, stories a visitor may not see.
  S.members = await story('mem', { ...common, recoveryStage: 'long-term' }, 'members')
  S.pending = await story('pen', { ...common, recoveryStage: 'long-term' }, 'submitted')
  S.unpublished = await story('unp', { ...common, recoveryStage: 'long-term' }, 'unpublished')
  S.draft = await story('dra', { ...common, recoveryStage: 'long-term' }, 'draft')
  // Stories sharing nothing with a1, found helpful with it by readers: shown from 5 readers, never below.
  S.paired = await story('pai', {}, 'published', otherAuthor)
  S.fewPaired = await story('few', {}, 'published', otherAuthor)
  await pairCount(S.a1.id, S.paired.id, 7)
  await pairCount(S.a1.id, S.fewPaired.id, 4)
  for (const key of [...LEAKS, 'withdrawn']) await pairCount(S.a1.id, S[key]!.id, 50)
}, 240_000)

const LIKE_MINE = () => `/stories/like-mine?narrator=supporter&tone=practical&tag=${tagSlug}`

describe('matches and "more like this" show only what the reader may see', () => {
  test('a visitor: the six public stories match; members-only, pending, unpublished and draft ones never appear anywhere', async () => {
    const visitor = new WebClient(hostile.server.url)
    const page = await visitor.get(LIKE_MINE())
    expect(page.status).toBe(200)
    const html = await page.text()
    for (const key of ['a1', 'a2', 'a3', 'a4', 'a5', 'withdrawn']) expect(html, `${key} matches`).toContain(S[key]!.title)
    for (const key of LEAKS) expect(html, `${key} must not match`).not.toContain(S[key]!.title)
    const more = await (await visitor.get(`/stories/${S.a1!.slug}`)).text()
    expect(more).toContain('More like this')
    expect(more, 'the paired story (7 readers)').toContain(S.paired!.title)
    expect(more, 'a pair of 4 readers is never shown').not.toContain(S.fewPaired!.title)
    for (const key of LEAKS) expect(more, `${key} must not be suggested`).not.toContain(S[key]!.title)
    expect(more, 'the closest story is suggested').toContain(S.withdrawn!.title)
  })

  test('a member sees the members-only story match (the control), but never pending, unpublished or draft ones', async () => {
    const m = await createMember(hostile.payload)
    const member = await signedInClient(m.email, m.password)
    const html = await (await member.get(LIKE_MINE())).text()
    expect(html).toContain(S.members!.title)
    for (const key of ['pending', 'unpublished', 'draft'] as const) expect(html, key).not.toContain(S[key]!.title)
    const more = await (await member.get(`/stories/${S.a1!.slug}`)).text()
    for (const key of ['pending', 'unpublished', 'draft'] as const) expect(more, key).not.toContain(S[key]!.title)
  })

  test('a visitor cannot combine choices down to fewer than 5 stories; a value fewer than 5 stories carry is not offered', async () => {
    const visitor = new WebClient(hostile.server.url)
    // In recovery and practical are each offered, but together they fit only two demo stories.
    const refused = await (await visitor.get('/stories/like-mine?narrator=in-recovery&tone=practical')).text()
    expect(refused).toContain('matches too few stories to show')
    // Long-term recovery: only a1 and the withdrawn-to-be (the others are hidden from visitors).
    const page = await (await visitor.get('/stories/like-mine')).text()
    expect(page).not.toContain('value="long-term"')
    expect(page).toContain('value="supporter"')
    const asked = await (await visitor.get(`/stories/like-mine?narrator=supporter&stage=long-term`)).text()
    expect(asked).toContain('not available and were left out')
    expect(asked).not.toMatch(/<option[^>]*value="long-term"/)
  })

  test('withdrawn: gone at once from the matches, from "more like this" on another story, and from the feedback door', async () => {
    const visitor = new WebClient(hostile.server.url)
    // The control: the same requests show it, and keep the pages in the cache.
    expect(await (await visitor.get(LIKE_MINE())).text()).toContain(S.withdrawn!.title)
    expect(await (await visitor.get(`/stories/${S.a1!.slug}`)).text()).toContain(S.withdrawn!.title)
    const authorClient = await signedInClient(author.email, author.password)
    const response = await withdrawThroughTheForm(authorClient, S.withdrawn!.id)
    expect(response.status).toBe(303)
    const matches = await (await visitor.get(LIKE_MINE())).text()
    expect(matches).not.toContain(S.withdrawn!.title)
    expect(matches, 'the other five still match').toContain(S.a5!.title)
    const more = await (await visitor.get(`/stories/${S.a1!.slug}`)).text()
    expect(more).not.toContain(S.withdrawn!.title)
    const feedback = await answer(visitor, S.withdrawn!.slug, { hope: '5' })
    expect(feedback.status).toBe(404)
    expect(await totalsOf(S.withdrawn!.id)).toBeUndefined()
  })
})

describe('content warnings stay in force, per reader, through the page cache', () => {
  test('a visitor who hides "relapse" no longer gets the story with that warning; another visitor still does', async () => {
    // The demo's "The slip I did not hide" (in recovery, alcohol, relapse warning).
    const ask = '/stories/like-mine?narrator=in-recovery&tag=alcohol'
    const slip = 'The slip I did not hide'
    const careful = new WebClient(hostile.server.url)
    const other = new WebClient(hostile.server.url)
    expect(await (await careful.get(ask)).text(), 'the control').toContain(slip)
    expect(await (await other.get(ask)).text()).toContain(slip)
    const token = await careful.csrfToken(ask)
    const saved = await careful.postForm('/stories/warnings', { _csrf: token, hide: 'relapse', next: ask })
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe(ask)
    const hidden = await (await careful.get(ask)).text()
    expect(hidden).not.toContain(slip)
    expect(hidden).toMatch(/<input[^>]*value="relapse"[^>]*checked|<input[^>]*checked[^>]*value="relapse"/)
    // More like this: on every public story page where the other visitor is offered it, this one is not.
    const stories = (await hostile.payload.find({ collection: 'stories', where: { status: { equals: 'published' } }, overrideAccess: true, depth: 0, limit: 200 })).docs as any[]
    let offered = 0
    for (const story of stories.filter((st) => st.title !== slip)) {
      const page = await other.get(`/stories/${story.slug}`)
      if (page.status !== 200 || !(await page.text()).includes(slip)) continue
      offered++
      expect(await (await careful.get(`/stories/${story.slug}`)).text(), story.title).not.toContain(slip)
    }
    expect(offered, 'the slip is suggested beside some story (the control)').toBeGreaterThan(0)
    // And in the story list.
    expect(await (await other.get('/stories?theme=identity')).text(), 'the control').toContain(slip)
    const list = await (await careful.get('/stories?theme=identity')).text()
    expect(list).not.toContain(slip)
    expect(list).toContain('Learning to say no to my son')
    // The other visitor's pages (from the same cache) are unchanged.
    expect(await (await other.get(ask)).text()).toContain(slip)
    // A bad value in the choice is ignored, never an error.
    const junk = await careful.postForm('/stories/warnings', { _csrf: token, hide: '<script>', next: 'https://evil.example/' })
    expect(junk.status).toBe(303)
    expect(junk.headers.get('location')).toBe('/stories/like-mine')
  })
})

describe('narrative feedback', () => {
  test('one session posting 10 times moves the figures by one answer', async () => {
    const reader = new WebClient(hostile.server.url)
    const outcomes: string[] = []
    for (let i = 0; i < 10; i++) {
      const r = await answer(reader, S.a2!.slug, { hope: '5', connection: '4' })
      expect(r.status).toBe(303)
      outcomes.push(String(r.headers.get('location')))
    }
    expect(outcomes[0]).toContain('feedback=thanks')
    expect(outcomes.slice(1).every((l) => l.includes('feedback=already'))).toBe(true)
    const totals = await totalsOf(S.a2!.id)
    expect(totals.readers).toBe(1)
    expect(totals.hope5).toBe(1)
    expect(totals.connection4).toBe(1)
    // Ten posts at once from one session: still one more answer at most (here none: it has answered).
    const together = await Promise.all(Array.from({ length: 10 }, () => answer(reader, S.a2!.slug, { hope: '1' })))
    expect(together.map((r) => r.status)).toEqual(Array(10).fill(303))
    expect((await totalsOf(S.a2!.id)).readers).toBe(1)
    // A new session sending ten answers at once: one is counted, the others are refused, none fails.
    const eager = new WebClient(hostile.server.url)
    await answer(eager, S.a1!.slug, { hope: '3' })
    const before = (await totalsOf(S.a1!.id)).readers
    const burst = await Promise.all(Array.from({ length: 10 }, () => answer(eager, S.a5!.slug, { hope: '2' })))
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(303))
    expect(burst.filter((r) => String(r.headers.get('location')).includes('feedback=thanks'))).toHaveLength(1)
    expect((await totalsOf(S.a5!.id)).readers).toBe(1)
    expect((await totalsOf(S.a1!.id)).readers).toBe(before)
  })

  test('a member moves the figures by one answer per account, whatever their sessions', async () => {
    const m = await createMember(hostile.payload)
    for (let i = 0; i < 3; i++) {
      const client = await signedInClient(m.email, m.password)
      await answer(client, S.a3!.slug, { connection: '5' })
    }
    expect((await totalsOf(S.a3!.id)).readers).toBe(1)
    // Nothing of the reader is stored with their answer unless they chose "remember what I read".
    const remembered = await hostile.payload.find({ collection: 'reading-records', where: { member: { equals: m.id } }, overrideAccess: true })
    expect(remembered.totalDocs).toBe(0)
    const marks = await hostile.payload.find({ collection: 'story-feedback-marks', overrideAccess: true, limit: 1000 })
    expect(JSON.stringify(marks.docs)).not.toContain(m.email)
    for (const mark of marks.docs as any[]) expect(Object.keys(mark).sort()).toEqual(['createdAt', 'expiresAt', 'helpful', 'id', 'readerKey', 'story', 'updatedAt'])
  })

  test('stories a reader cannot see take no answer; bad answers get a 400 and change nothing', async () => {
    const visitor = new WebClient(hostile.server.url)
    for (const key of LEAKS) {
      const r = await answer(visitor, S[key]!.slug, { hope: '5' })
      expect(r.status, key).toBe(404)
      expect(await totalsOf(S[key]!.id), key).toBeUndefined()
    }
    for (const bad of [{}, { hope: '9' }, { hope: 'lots' }, { connection: '-1' }]) {
      const r = await answer(visitor, S.a4!.slug, bad as Record<string, string>)
      expect(r.status, JSON.stringify(bad)).toBe(400)
    }
    expect(await totalsOf(S.a4!.id)).toBeUndefined()
  })

  test('readers who found two stories helpful in one session make one pair count', async () => {
    expect(await pairCountsWith(S.a4!.id)).toEqual([])
    for (let i = 0; i < 2; i++) {
      const reader = new WebClient(hostile.server.url)
      await answer(reader, S.a4!.slug, { hope: '5' })
      await answer(reader, S.a5!.slug, { connection: '4' })
      await answer(reader, S.a5!.slug, { connection: '4' })
    }
    // Not helpful: no pair.
    const lukewarm = new WebClient(hostile.server.url)
    await answer(lukewarm, S.a4!.slug, { hope: '2' })
    await answer(lukewarm, S.a5!.slug, { hope: '5' })
    expect(await pairCountsWith(S.a4!.id)).toEqual([2])
  })

  test('the author sees totals from 5 readers only, never single answers; nobody else sees them', async () => {
    const authorClient = await signedInClient(author.email, author.password)
    // a4 has 3 readers by now (two sessions and the lukewarm one).
    expect((await totalsOf(S.a4!.id)).readers).toBe(3)
    let mine = await (await authorClient.get('/account/stories')).text()
    expect(mine).not.toContain('readers answered')
    for (let i = 0; i < 2; i++) await answer(new WebClient(hostile.server.url), S.a4!.slug, { hope: '4', connection: '3' })
    expect((await totalsOf(S.a4!.id)).readers).toBe(5)
    mine = await (await authorClient.get('/account/stories')).text()
    expect(mine).toContain('5 readers answered')
    // Another author's account page shows nothing of them.
    const other = await signedInClient(otherAuthor.email, otherAuthor.password)
    expect(await (await other.get('/account/stories')).text()).not.toContain('readers answered')
    // Nor does the story's public page.
    expect(await (await new WebClient(hostile.server.url).get(`/stories/${S.a4!.slug}`)).text()).not.toContain('readers answered')
  })
})

describe('the new collections over REST and GraphQL', () => {
  test('closed to visitors and members; story tags are readable and can be changed only by moderators', async () => {
    const member = await signedInClient(author.email, author.password)
    const visitor = new WebClient(hostile.server.url)
    const a1Before = (await totalsOf(S.a1!.id))?.readers ?? 0
    const pairsBefore = (await hostile.payload.count({ collection: 'story-pair-marks', overrideAccess: true })).totalDocs
    for (const client of [visitor, member]) {
      for (const slug of ['story-feedback-answers', 'story-pair-marks', 'story-feedback-marks']) {
        const r = await client.get(`/api/${slug}?limit=100`)
        const text = await r.text()
        expect(r.status === 403 || r.status === 401 || (r.status === 200 && JSON.parse(text).docs.length === 0), `${slug}: ${r.status} ${text.slice(0, 200)}`).toBe(true)
        expect(text).not.toMatch(/"hope"|"connection"|"storyA"|"readerKey"/)
        const write = await client.json('POST', `/api/${slug}`, { id: 'sneaky', story: S.a1!.id, storyA: S.a1!.id, storyB: S.a2!.id, hope: 5, readerKey: 'x', expiresAt: '2030-01-01' })
        expect(write.status, `${slug} create`).toBeGreaterThanOrEqual(400)
      }
      const byStory = await client.get(`/api/story-feedback-answers?where[story][equals]=${S.a2!.id}`)
      expect(await byStory.text()).not.toContain('"hope"')
      const records = await client.get('/api/reading-records?limit=100')
      expect([200, 401, 403]).toContain(records.status)
      if (records.status === 200) expect((await records.json()).docs).toEqual([])
      const tag = await client.json('POST', '/api/story-tags', { label: 'Sneaky', slug: 'sneaky' })
      expect(tag.status).toBeGreaterThanOrEqual(400)
      const graphql = await client.request('/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ StoryFeedbackAnswers { docs { hope connection } } }' }),
      })
      expect(graphql.status).not.toBe(200)
    }
    const tags = await visitor.get('/api/story-tags?limit=100')
    expect(tags.status).toBe(200)
    expect(JSON.stringify(await tags.json())).toContain(tagSlug)
    // None of the refused writes changed a figure.
    expect((await totalsOf(S.a1!.id))?.readers ?? 0).toBe(a1Before)
    expect((await hostile.payload.count({ collection: 'story-pair-marks', overrideAccess: true })).totalDocs).toBe(pairsBefore)
  })
})
