// Issue 17 C: a story's characteristics are the author's choice for that story. A moderator's change
// to them is a proposal, as a redaction is: nothing changes until the author accepts it, the author is
// shown each change, and on a published story the accepted change waits for a moderator's approval.
// Also: the characteristics are never read from the author's account.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { giveConsent, respondToRedaction, submitStory } from '../../src/commands/stories/authorActions.js'
import { createStory } from '../../src/commands/stories/authorDrafts.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { recordStoryFeedback, saveReadingChoices } from '../../src/commands/stories/storyFeedback.js'
import { collectMemberData } from '../../src/commands/privacy/exportData.js'
import { eraseMember } from '../../src/commands/privacy/eraseMember.js'
import { applyRetention } from '../../src/jobs/retention.js'
import { presentMyStory } from '../../src/presenters/myStory.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, unique } from './helpers.js'

let payload: Payload
let moderator: any
let alcohol: number | string
let gambling: number | string

const stored = (id: number | string) => payload.findByID({ collection: 'stories', id, overrideAccess: true, depth: 0 }) as Promise<any>

async function published(author: any) {
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
      experienceTagIds: [alcohol],
      recoveryStage: 'supporting',
      tone: 'honest',
    },
  })
  await giveConsent(payload, author, doc.id, { audience: 'public', byline: 'anonymous', quoteInReports: false })
  await submitStory(payload, author, doc.id)
  await moderateStory({ payload, moderator, storyId: doc.id, action: 'approve' })
  return doc.id as number | string
}

const proposeTraits = (storyId: number | string, characteristics: Record<string, unknown>) =>
  moderateStory({ payload, moderator, storyId, action: 'propose_redaction', proposal: { note: 'The tags describe the story better this way.', characteristics: characteristics as never } })

beforeAll(async () => {
  payload = await bootPayload()
  moderator = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
  alcohol = (await payload.create({ collection: 'story-tags', data: { label: 'Alcohol', slug: 'alcohol' }, overrideAccess: true })).id
  gambling = (await payload.create({ collection: 'story-tags', data: { label: 'Gambling', slug: 'gambling' }, overrideAccess: true })).id
}, 120_000)

describe("a story's characteristics", () => {
  it('are what the author chose for this story, not their account (an in-recovery member writes as a carer)', async () => {
    const author = await asUser(payload, await createMember(payload, { memberType: 'in-recovery' }))
    const id = await published(author)
    const story = await stored(id)
    expect(story.narratorType).toBe('family-carer')
    expect(story.recoveryStage).toBe('supporting')
    expect(story.tone).toBe('honest')
    expect(story.experienceTags).toEqual([alcohol])
  })

  it('a moderator cannot change them directly, only propose; the author sees each change and accepts; a moderator approves', async () => {
    const author = await asUser(payload, await createMember(payload))
    const id = await published(author)
    await expect(payload.update({ collection: 'stories', id, data: { tone: 'hopeful' } as never, overrideAccess: false, user: moderator })).rejects.toThrow()
    expect((await stored(id)).tone).toBe('honest')

    await proposeTraits(id, { narratorType: 'family-carer', recoveryStage: 'supporting', tone: 'practical', themes: ['hope', 'connection'], experienceTags: [gambling] })
    let story = await stored(id)
    expect(story.tone, 'nothing changes before the author accepts').toBe('honest')
    expect(story.experienceTags).toEqual([alcohol])
    const shown = presentMyStory(
      story,
      new Map([
        [String(alcohol), 'Alcohol'],
        [String(gambling), 'Gambling'],
      ]),
    ).redaction!
    expect(shown.characteristics).toEqual([
      { what: 'Tone', from: 'Honest about struggle', to: 'Practical' },
      { what: 'Themes', from: 'Hope', to: 'Hope, Connection' },
      { what: 'Experiences', from: 'Alcohol', to: 'Gambling' },
    ])

    await respondToRedaction(payload, author, id, true)
    story = await stored(id)
    expect(story.tone, 'the published story stays as it was until a moderator approves').toBe('honest')
    expect(story.revisionState).toBe('submitted')
    expect(story.revision.tone).toBe('practical')
    await moderateStory({ payload, moderator, storyId: id, action: 'approve' })
    story = await stored(id)
    expect(story.tone).toBe('practical')
    expect(story.themes).toEqual(['hope', 'connection'])
    expect(story.experienceTags).toEqual([gambling])
  })

  it('declined, nothing changes', async () => {
    const author = await asUser(payload, await createMember(payload))
    const id = await published(author)
    await proposeTraits(id, { tone: 'hopeful' })
    await respondToRedaction(payload, author, id, false)
    const story = await stored(id)
    expect(story.tone).toBe('honest')
    expect(story.revisionState).toBe('none')
  })

  it('an unknown value in a proposal is refused with a clear message, and nothing is saved', async () => {
    const author = await asUser(payload, await createMember(payload))
    const id = await published(author)
    await expect(proposeTraits(id, { tone: 'furious' })).rejects.toThrow(/Unknown tone/)
    await expect(proposeTraits(id, { narratorType: 'astronaut' })).rejects.toThrow(/Unknown narrator type/)
    expect((await stored(id)).redaction?.state ?? 'none').not.toBe('open')
  })
})

describe('"remember what I read": off by default, in the export, cleared, erased', () => {
  it('keeps nothing with the member unless they chose it; then in their export; off clears; erasure removes', async () => {
    const author = await asUser(payload, await createMember(payload))
    const storyA = await published(author)
    const storyB = await published(author)
    const reader = await asUser(payload, await createMember(payload))
    expect((await stored(storyA)).id).toBeDefined()
    const self = (await payload.findByID({ collection: 'users', id: reader.id, overrideAccess: true, depth: 0 })) as any
    expect(self.reading?.rememberReading, 'off by default').toBe(false)

    await recordStoryFeedback({ payload, user: reader, storyId: storyA, answer: { hope: 4 }, sessionKey: 'unused-for-members' })
    const records = () => payload.find({ collection: 'reading-records', where: { member: { equals: reader.id } }, overrideAccess: true, depth: 0 })
    expect((await records()).totalDocs, 'not remembered while the choice is off').toBe(0)

    await saveReadingChoices(payload, reader, { rememberReading: true })
    await recordStoryFeedback({ payload, user: reader, storyId: storyB, answer: { connection: 5 }, sessionKey: 'unused-for-members' })
    expect((await records()).docs.map((r: any) => [r.story, r.hope ?? null, r.connection])).toEqual([[storyB, null, 5]])
    const exported = (await collectMemberData(payload, reader.id)).json
    expect(exported.readingPreferences.rememberReading).toBe(true)
    expect(exported.storiesRead).toEqual([expect.objectContaining({ story: storyB, connection: 5 })])

    await saveReadingChoices(payload, reader, { rememberReading: false })
    expect((await records()).totalDocs, 'turning it off clears it').toBe(0)

    await saveReadingChoices(payload, reader, { rememberReading: true })
    await recordStoryFeedback({ payload, user: reader, storyId: await published(author), answer: { hope: 5 }, sessionKey: 'unused-for-members' })
    expect((await records()).totalDocs).toBe(1)
    await eraseMember(payload, { memberId: reader.id, mode: 'everything', actor: null })
    expect((await records()).totalDocs, 'erased with the member').toBe(0)
    // The counts stay, with nobody in them.
    const answers = await payload.find({ collection: 'story-feedback-answers', where: { story: { equals: storyB } }, overrideAccess: true, depth: 0 })
    expect(answers.docs.map((a: any) => [a.hope ?? null, a.connection])).toEqual([[null, 5]])
  })
})

describe('"already answered" notes', () => {
  it('hold no identity and are deleted by the nightly clean-up once their day is over', async () => {
    const author = await asUser(payload, await createMember(payload))
    const storyId = await published(author)
    await recordStoryFeedback({ payload, user: null, storyId, answer: { hope: 5 }, sessionKey: 'a'.repeat(32) })
    const marks = await payload.find({ collection: 'story-feedback-marks', where: { story: { equals: storyId } }, overrideAccess: true, depth: 0 })
    expect(marks.totalDocs).toBe(1)
    const mark = marks.docs[0] as any
    expect(mark.readerKey).not.toContain('a'.repeat(32))
    const result = await applyRetention(payload, new Date(new Date(mark.expiresAt).getTime() + 1000))
    expect(result.feedbackMarksPruned).toBeGreaterThanOrEqual(1)
    expect((await payload.find({ collection: 'story-feedback-marks', where: { story: { equals: storyId } }, overrideAccess: true })).totalDocs).toBe(0)
    // The count stays.
    expect((await payload.count({ collection: 'story-feedback-answers', where: { story: { equals: storyId } }, overrideAccess: true })).totalDocs).toBe(1)
  })
})
