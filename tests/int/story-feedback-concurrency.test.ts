// Issue 17: readers' answers after a story are counted exactly, however many arrive at the same moment.
// The old read-then-write counters lost answers under PostgreSQL's read committed (two answers read N,
// both wrote N+1); answers and pairs are now rows appended by each answer and counted when read.
// Totals are read as the author sees them (myStoryRows), pairs as "more like this" reads them.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { createStory } from '../../src/commands/stories/authorDrafts.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { recordStoryFeedback } from '../../src/commands/stories/storyFeedback.js'
import { pairOf } from '../../src/policies/storyFeedback.js'
import { myStoryRows } from '../../src/queries/myStories.js'
import { pairCountsFor } from '../../src/queries/storyPairs.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, unique } from './helpers.js'

let payload: Payload
let moderator: any
let author: any

async function published(): Promise<number | string> {
  const doc = await createStory({
    payload,
    user: author,
    content: {
      title: `Counting days ${unique()}`,
      summary: 'A short one.',
      body: 'Day by day.',
      localityId: null,
      themes: ['hope'],
      contentWarnings: [],
      contentWarningNote: '',
      narratorType: 'family-carer',
      experienceTagIds: [],
      recoveryStage: 'supporting',
      tone: 'honest',
    },
  })
  await giveConsent(payload, author, doc.id, { audience: 'public', byline: 'anonymous', quoteInReports: false })
  await submitStory(payload, author, doc.id)
  await moderateStory({ payload, moderator, storyId: doc.id, action: 'approve' })
  return doc.id as number | string
}

const totalsOf = async (storyId: number | string) => (await myStoryRows(payload, author)).find((row) => String(row.id) === String(storyId))?.readerTotals ?? null
const sessionKey = (i: number) => `concurrent-reader-${unique()}-${i}`.padEnd(32, 'x')

beforeAll(async () => {
  payload = await bootPayload()
  moderator = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
  author = await asUser(payload, await createMember(payload))
}, 120_000)

describe('answers sent at the same moment', () => {
  it('40 readers answering one story at once: every answer is counted, once', async () => {
    const storyId = await published()
    // Reader i answers hope (i % 5) + 1; every other reader also answers connection 5.
    const answers = Array.from({ length: 40 }, (_, i) => ({ hope: (i % 5) + 1, ...(i % 2 === 0 ? { connection: 5 } : {}) }))
    const outcomes = await Promise.all(answers.map((answer, i) => recordStoryFeedback({ payload, user: null, storyId, answer, sessionKey: sessionKey(i) })))
    expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(40)
    const totals = await totalsOf(storyId)
    expect(totals?.readers).toBe(40)
    expect(totals?.counts.hope).toEqual([8, 8, 8, 8, 8])
    expect(totals?.counts.connection).toEqual([0, 0, 0, 0, 20])
  })

  it('the same reader sending the same answer 6 times at once moves the figures by one answer', async () => {
    const storyId = await published()
    const key = sessionKey(0)
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => recordStoryFeedback({ payload, user: null, storyId, answer: { hope: 5 }, sessionKey: key })))
    expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(1)
    // Four more readers, so the author may see the totals (5 readers).
    for (let i = 1; i <= 4; i++) await recordStoryFeedback({ payload, user: null, storyId, answer: { hope: 1 }, sessionKey: sessionKey(i) })
    expect((await totalsOf(storyId))?.counts.hope).toEqual([4, 0, 0, 0, 1])
  })

  it('10 readers finding the same two stories helpful at once: the pair counts 10', async () => {
    const [first, second] = [await published(), await published()]
    const keys = Array.from({ length: 10 }, (_, i) => sessionKey(i))
    // Each reader answers the first story, then (all at once) the second: each second answer adds one pair.
    await Promise.all(keys.map((key) => recordStoryFeedback({ payload, user: null, storyId: first, answer: { hope: 5 }, sessionKey: key })))
    await Promise.all(keys.map((key) => recordStoryFeedback({ payload, user: null, storyId: second, answer: { connection: 4 }, sessionKey: key })))
    const pairs = await pairCountsFor(payload, first)
    const [lower, higher] = pairOf(first, second)!
    expect(pairs.map((p) => [String(p.a), String(p.b), p.count])).toEqual([[String(lower), String(higher), 10]])
    expect((await pairCountsFor(payload, second)).map((p) => p.count)).toEqual([10])
  })

  it('a pair shared by fewer than 5 readers is not returned', async () => {
    const [first, second] = [await published(), await published()]
    const keys = Array.from({ length: 4 }, (_, i) => sessionKey(i))
    await Promise.all(keys.map((key) => recordStoryFeedback({ payload, user: null, storyId: first, answer: { hope: 5 }, sessionKey: key })))
    await Promise.all(keys.map((key) => recordStoryFeedback({ payload, user: null, storyId: second, answer: { hope: 5 }, sessionKey: key })))
    expect(await pairCountsFor(payload, first)).toEqual([])
  })
})

describe('a story that goes', () => {
  it('takes its answers, its pairs and its "already answered" notes with it (as an erasure deletes it)', async () => {
    const [kept, gone] = [await published(), await published()]
    const keys = Array.from({ length: 5 }, (_, i) => sessionKey(i))
    for (const key of keys) await recordStoryFeedback({ payload, user: null, storyId: kept, answer: { hope: 5 }, sessionKey: key })
    for (const key of keys) await recordStoryFeedback({ payload, user: null, storyId: gone, answer: { hope: 4 }, sessionKey: key })
    expect((await pairCountsFor(payload, kept)).map((p) => p.count)).toEqual([5])
    await payload.delete({ collection: 'stories', id: gone, overrideAccess: true })
    const about = { equals: gone }
    expect((await payload.count({ collection: 'story-feedback-answers', where: { story: about }, overrideAccess: true })).totalDocs).toBe(0)
    expect((await payload.count({ collection: 'story-pair-marks', where: { or: [{ storyA: about }, { storyB: about }] }, overrideAccess: true })).totalDocs).toBe(0)
    expect((await payload.count({ collection: 'story-feedback-marks', where: { story: about }, overrideAccess: true })).totalDocs).toBe(0)
    expect(await pairCountsFor(payload, kept)).toEqual([])
    expect((await totalsOf(kept))?.readers, "the other story's answers stay").toBe(5)
  })
})
