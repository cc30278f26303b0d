// Issue 17 at 100,000 stories: "stories like mine" and "more like this" filter in the database
// (src/queries/storyMatching.ts). Through those where-based reads: a story with a warning the reader
// hides never appears (also when it carries a second warning, which a hasMany `not_in` would let through),
// nor a withdrawn story, nor a members-only one for a visitor; a visitor's combination narrowing to fewer
// than 5 stories is refused, a member's is not.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { giveConsent, submitStory, withdrawStory } from '../../src/commands/stories/authorActions.js'
import { createStory } from '../../src/commands/stories/authorDrafts.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import type { ConsentAudience } from '../../src/policies/storyVisibility.js'
import { EMPTY_REQUEST, type MatchRequest } from '../../src/policies/storyMatching.js'
import { likeMinePage, moreLikeThis } from '../../src/queries/storyMatching.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, unique } from './helpers.js'

let payload: Payload
let moderator: any
let author: any
let member: any
/** Two tags of this file's own, so that other files' stories cannot change what is offered. */
let mine: { id: number | string; slug: string }
let other: { id: number | string; slug: string }
const ids: Record<string, number | string> = {}

type Traits = { themes: string[]; tags: (number | string)[]; warnings?: string[]; audience?: ConsentAudience }

async function published(name: string, traits: Traits) {
  const doc = await createStory({
    payload,
    user: author,
    content: {
      title: `${name} ${unique()}`,
      summary: 'A short one.',
      body: 'Day by day.',
      localityId: null,
      themes: traits.themes,
      contentWarnings: traits.warnings ?? [],
      contentWarningNote: '',
      narratorType: 'family-carer',
      experienceTagIds: traits.tags,
      recoveryStage: 'supporting',
      tone: 'practical',
    },
  })
  await giveConsent(payload, author, doc.id, { audience: traits.audience ?? 'public', byline: 'anonymous', quoteInReports: false })
  await submitStory(payload, author, doc.id)
  await moderateStory({ payload, moderator, storyId: doc.id, action: 'approve' })
  ids[name] = doc.id
}

const ask = (r: Partial<MatchRequest>): MatchRequest => ({ ...EMPTY_REQUEST, ...r })
const shownIds = (cards: { id: number | string }[]) => cards.map((card) => String(card.id))
const idsOf = (...names: string[]) => names.map((name) => String(ids[name]))

beforeAll(async () => {
  payload = await bootPayload()
  moderator = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
  author = await asUser(payload, await createMember(payload))
  member = await asUser(payload, await createMember(payload))
  const tag = async (word: string) => {
    const slug = `${word}-${unique()}`.toLowerCase()
    const doc = await payload.create({ collection: 'story-tags', data: { label: slug, slug }, overrideAccess: true })
    return { id: doc.id, slug }
  }
  mine = await tag('mine')
  other = await tag('other')
  // Five plain public stories with `mine` (one of them also themed "give"), four with `other` and "give".
  for (const n of [1, 2, 3, 4, 5]) await published(`plain${n}`, { themes: n === 1 ? ['give'] : ['meaning'], tags: [mine.id] })
  for (const n of [1, 2, 3, 4]) await published(`other${n}`, { themes: ['give'], tags: [other.id] })
  // The same characteristics as plain2..5, so each would be shown (and first, being newest) if let through.
  await published('warned', { themes: ['meaning'], tags: [mine.id], warnings: ['prison', 'relapse'] })
  await published('membersOnly', { themes: ['meaning'], tags: [mine.id], audience: 'members' })
  await published('withdrawn', { themes: ['meaning'], tags: [mine.id] })
  await withdrawStory(payload, author, ids.withdrawn!)
}, 180_000)

describe('stories like mine, filtered in the database', () => {
  it('the reader sees their tag’s stories, never a withdrawn one nor (as a visitor) a members-only one', async () => {
    const page = await likeMinePage(payload, null, ask({ tags: [mine.slug] }), [])
    expect(page.refused).toBe(false)
    expect(new Set(shownIds(page.cards))).toEqual(new Set(idsOf('plain1', 'plain2', 'plain3', 'plain4', 'plain5', 'warned')))
    expect(page.total).toBe(6)
    const asMember = await likeMinePage(payload, member, ask({ tags: [mine.slug] }), [])
    expect(new Set(shownIds(asMember.cards))).toEqual(new Set(idsOf('plain1', 'plain2', 'plain3', 'plain4', 'plain5', 'warned', 'membersOnly')))
  })

  it('a hidden warning is a where clause: the story leaves the matches and the total, whichever of its warnings is hidden', async () => {
    const stored = (await payload.findByID({ collection: 'stories', id: ids.warned!, overrideAccess: true, depth: 0 })) as any
    expect(stored.warningFlags).toMatchObject({ prison: true, relapse: true, overdose: false })
    for (const hidden of [['relapse'], ['prison'], ['overdose', 'prison']]) {
      const page = await likeMinePage(payload, null, ask({ tags: [mine.slug] }), hidden)
      expect(shownIds(page.cards), hidden.join()).not.toContain(String(ids.warned))
      expect(page.total).toBe(5)
      expect(page.refused).toBe(false)
    }
    // Hiding a warning it does not carry leaves it in.
    expect(shownIds((await likeMinePage(payload, null, ask({ tags: [mine.slug] }), ['overdose'])).cards)).toContain(String(ids.warned))
  })

  it('a value is offered to a visitor only while at least 5 visible stories without the hidden warnings carry it', async () => {
    // `mine`: exactly 5 public stories once the warned one is hidden (the members-only one does not count).
    const page = await likeMinePage(payload, null, EMPTY_REQUEST, ['relapse'])
    expect(page.options.tags.map((o) => o.value)).toContain(mine.slug)
    // `other`: 4 stories, offered to members only, and a visitor asking for it has it left out.
    expect(page.options.tags.map((o) => o.value)).not.toContain(other.slug)
    const asked = await likeMinePage(payload, null, ask({ tags: [other.slug] }), [])
    expect(asked.dropped).toBe(true)
    expect(asked.request).toEqual(EMPTY_REQUEST)
    expect((await likeMinePage(payload, member, EMPTY_REQUEST, [])).options.tags.map((o) => o.value)).toContain(other.slug)
  })

  it("a visitor's combination narrowing to fewer than 5 stories is refused; a member's is not", async () => {
    // `mine` (6 public stories) and "give" (5) are each offered; together only plain1 has both.
    const visitor = await likeMinePage(payload, null, ask({ tags: [mine.slug], themes: ['give'] }), [])
    expect(visitor.options.tags.map((o) => o.value)).toContain(mine.slug)
    expect(visitor.options.themes.map((o) => o.value)).toContain('give')
    expect(visitor.refused).toBe(true)
    expect(visitor.request).toEqual(EMPTY_REQUEST)
    expect(shownIds(visitor.cards).length).toBeGreaterThan(0)
    const asMember = await likeMinePage(payload, member, ask({ tags: [mine.slug], themes: ['give'] }), [])
    expect(asMember.refused).toBe(false)
    expect(shownIds(asMember.cards)).toEqual(idsOf('plain1'))
    expect(asMember.total).toBe(1)
  })
})

describe('more like this, from bounded candidate reads', () => {
  it('shows the closest stories the reader may see, never a hidden-warning, withdrawn or (for a visitor) members-only one', async () => {
    const open = await moreLikeThis(payload, null, ids.plain2!, [])
    expect(shownIds(open.similar), 'the warned story is the newest of the closest').toContain(String(ids.warned))
    for (const [user, hidden] of [
      [null, ['relapse']],
      [null, ['prison']],
    ] as const) {
      const shown = shownIds((await moreLikeThis(payload, user, ids.plain2!, hidden)).similar)
      expect(shown).toHaveLength(3)
      expect(shown).not.toContain(String(ids.warned))
      expect(shown).not.toContain(String(ids.membersOnly))
      expect(shown).not.toContain(String(ids.withdrawn))
      expect(shown).not.toContain(String(ids.plain2))
    }
    const asMember = shownIds((await moreLikeThis(payload, member, ids.plain2!, ['relapse'])).similar)
    expect(asMember).toContain(String(ids.membersOnly))
    expect(asMember).not.toContain(String(ids.withdrawn))
  })
})
