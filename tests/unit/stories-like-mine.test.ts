// Issue 17 C, "stories like mine": matching and ranking, the fewer-than-5 rule for visitors, content
// warnings hidden, "more like this" (shared characteristics, then pairs of at least 5 readers), and the
// feedback rules (answers 1–5, helpful, pair keys, the author's threshold).
import { describe, expect, it } from 'vitest'

import { hiddenWarnings, hiddenWarningsKeyPart, knownWarnings } from '../../src/policies/readingChoices.js'
import { foundHelpful, MIN_PAIR_COUNT, MIN_READERS_FOR_TOTALS, pairOf, readFeedbackAnswer, totalsForAuthor } from '../../src/policies/storyFeedback.js'
import {
  alsoFound,
  EMPTY_REQUEST,
  keepOffered,
  MIN_STORIES_FOR_FILTER,
  boundedTotal,
  MATCH_COUNT_CAP,
  matches,
  matchesInRecent,
  offerFromRecent,
  offeredFrom,
  offeredValues,
  rankCandidates,
  refusedForVisitor,
  similarStories,
  type MatchRequest,
  type StoryTraits,
} from '../../src/policies/storyMatching.js'
import { RECOVERY_STAGES, STORY_TONES } from '../../src/policies/storyTaxonomy.js'

let next = 1
const story = (traits: Partial<StoryTraits>): StoryTraits => ({
  id: next++,
  narratorType: null,
  themes: [],
  tags: [],
  stage: null,
  tone: null,
  warnings: [],
  publishedAt: `2026-01-${String(next).padStart(2, '0')}T00:00:00.000Z`,
  ...traits,
})
const ask = (r: Partial<MatchRequest>): MatchRequest => ({ ...EMPTY_REQUEST, ...r })

describe('matching and ranking', () => {
  const hopefulAlcohol = Array.from({ length: 6 }, () => story({ narratorType: 'in-recovery', tags: ['alcohol'], tone: 'hopeful', stage: 'early-days' }))
  const honestAlcohol = Array.from({ length: 5 }, () => story({ narratorType: 'in-recovery', tags: ['alcohol'], tone: 'honest' }))
  const carers = Array.from({ length: 5 }, () => story({ narratorType: 'family-carer', tags: ['opiates'], stage: 'supporting' }))
  const all = [...hopefulAlcohol, ...honestAlcohol, ...carers]

  it('a story matches only with each chosen single value and one of each chosen list', () => {
    const r = ask({ narratorType: 'in-recovery', tags: ['alcohol'] })
    expect(new Set(all.filter((s) => matches(s, r)).map((s) => s.id))).toEqual(new Set([...hopefulAlcohol, ...honestAlcohol].map((s) => s.id)))
    // The database filters first; candidates that do not match (a rule out of step) are still left out.
    const ids = rankCandidates(all, r, 100)
    expect(new Set(ids)).toEqual(new Set([...hopefulAlcohol, ...honestAlcohol].map((s) => s.id)))
  })

  it('ranks by shared characteristics, the most first, newest first among equals', () => {
    const themed = [story({ themes: ['hope'] }), story({ themes: ['hope', 'connection'] }), story({ themes: ['connection'] })]
    const order = rankCandidates(themed, ask({ themes: ['hope', 'connection'] }))
    expect(order).toEqual([themed[1]!.id, themed[2]!.id, themed[0]!.id])
    expect(rankCandidates(all, ask({ narratorType: 'in-recovery' }), 3)).toHaveLength(3)
  })

  it('an empty request shows the newest stories', () => {
    expect(rankCandidates(all, EMPTY_REQUEST, 3)).toEqual(
      [...all]
        .sort((a, b) => String(b.publishedAt).localeCompare(String(a.publishedAt)))
        .slice(0, 3)
        .map((s) => s.id),
    )
  })

  it('the total stops at the cap and says there are more', () => {
    expect(boundedTotal(12)).toEqual({ total: 12, more: false })
    expect(boundedTotal(MATCH_COUNT_CAP)).toEqual({ total: MATCH_COUNT_CAP, more: false })
    expect(boundedTotal(MATCH_COUNT_CAP + 1)).toEqual({ total: MATCH_COUNT_CAP, more: true })
  })
})

describe('fewer than 5: nothing that could single out an author', () => {
  const five = Array.from({ length: MIN_STORIES_FOR_FILTER }, () => story({ tone: 'hopeful', tags: ['gambling'] }))
  const four = Array.from({ length: MIN_STORIES_FOR_FILTER - 1 }, () => story({ tone: 'practical', tags: ['prison'] }))
  const rare = story({ tone: 'hopeful', tags: ['prison'], stage: 'long-term' })
  const all = [...five, ...four, rare]

  it('offers a visitor only values at least 5 visible stories carry; a member every value there is', () => {
    expect(offeredValues(all, 'tone', STORY_TONES, { visitor: true }).map((o) => o.value)).toEqual(['hopeful'])
    expect(offeredValues(all, 'tone', STORY_TONES, { visitor: false }).map((o) => o.value)).toEqual(['hopeful', 'practical'])
    // Prison: four stories and the rare one make five.
    expect(offeredValues(all, 'tags', [{ value: 'gambling' }, { value: 'prison' }], { visitor: true }).map((o) => o.value)).toEqual(['gambling', 'prison'])
    expect(offeredValues(all, 'stage', RECOVERY_STAGES, { visitor: true })).toEqual([])
    expect(offeredValues(all, 'stage', RECOVERY_STAGES, { visitor: false }).map((o) => o.value)).toEqual(['long-term'])
  })

  it('a visitor asking for a value not offered has it left out', () => {
    const offered = { narratorType: [], themes: [], tags: [{ value: 'prison' }], stage: [], tone: [{ value: 'hopeful' }] }
    const kept = keepOffered(ask({ stage: 'long-term', tone: 'hopeful', tags: ['prison', 'made-up'] }), offered)
    expect(kept.dropped).toBe(true)
    expect(kept.request).toEqual(ask({ tone: 'hopeful', tags: ['prison'] }))
    expect(keepOffered(ask({ tone: 'hopeful' }), offered).dropped).toBe(false)
  })

  it('offers from counts that stop at 5 (the database is asked "at least 5?", never "how many?")', () => {
    const counts = new Map([
      ['hopeful', 5],
      ['practical', 4],
      ['honest', 1],
    ])
    expect(offeredFrom(counts, STORY_TONES, { visitor: true }).map((o) => o.value)).toEqual(['hopeful'])
    expect(offeredFrom(counts, STORY_TONES, { visitor: false }).map((o) => o.value)).toEqual(['hopeful', 'honest', 'practical'])
  })

  it('a combination of offered values narrowing to fewer than 5 is refused for visitors', () => {
    // hopeful (6 stories) and prison (5 stories) are both offered; together they narrow to the one rare story.
    const r = ask({ tone: 'hopeful', tags: ['prison'] })
    const found = all.filter((s) => matches(s, r)).length
    expect(found).toBe(1)
    expect(refusedForVisitor(r, { visitor: true, found })).toBe(true)
    // Exactly five is enough; an empty request is never refused.
    expect(refusedForVisitor(ask({ tags: ['gambling'] }), { visitor: true, found: MIN_STORIES_FOR_FILTER })).toBe(false)
    expect(refusedForVisitor(EMPTY_REQUEST, { visitor: true, found: 0 })).toBe(false)
    // Members are not refused.
    expect(refusedForVisitor(r, { visitor: false, found })).toBe(false)
    expect(rankCandidates(all, r)).toEqual([rare.id])
  })
})

describe('answered from the newest stories first, exactly', () => {
  // Newest first, as the database reads them.
  const recent = [...Array.from({ length: 5 }, () => story({ tone: 'hopeful', tags: ['gambling'] })), story({ tone: 'practical', tags: ['prison'] }), story({ tone: 'honest' })].reverse()

  it('a value enough of the newest carry is decided; the rest are asked of the database unless these are all the stories', () => {
    const partial = offerFromRecent(recent, 'tone', STORY_TONES, { visitor: true, complete: false })
    expect(partial.counts.get('hopeful')).toBe(5)
    expect(partial.undecided).toEqual(['honest', 'practical'])
    expect(offerFromRecent(recent, 'tone', STORY_TONES, { visitor: false, complete: false }).undecided).toEqual([])
    expect(offerFromRecent(recent, 'tone', STORY_TONES, { visitor: true, complete: true }).undecided).toEqual([])
  })

  it('the newest matches come from the newest stories when they hold enough, else the database is asked', () => {
    const r = ask({ tags: ['gambling'] })
    expect(matchesInRecent(recent, r, { complete: false, need: 3 })?.map((s) => s.id)).toEqual(
      recent
        .filter((s) => matches(s, r))
        .slice(0, 3)
        .map((s) => s.id),
    )
    expect(matchesInRecent(recent, r, { complete: false, need: 6 })).toBe(null)
    expect(matchesInRecent(recent, r, { complete: true, need: 6 })).toHaveLength(5)
  })
})

describe('content warnings stay in force', () => {
  it('the choice reads only known warnings, joins the session and the account, and keys the page cache', () => {
    expect(knownWarnings('relapse,nonsense,prison,relapse')).toEqual(['relapse', 'prison'])
    expect(hiddenWarnings('prison', ['suicide'])).toEqual(['suicide', 'prison'])
    expect(hiddenWarningsKeyPart('prison,relapse')).toBe('hide:relapse,prison')
    expect(hiddenWarningsKeyPart('junk')).toBeNull()
  })
})

describe('more like this', () => {
  const here = story({ narratorType: 'in-recovery', tags: ['alcohol'], tone: 'hopeful', themes: ['hope'] })
  const close = story({ narratorType: 'in-recovery', tags: ['alcohol'], tone: 'hopeful' })
  const some = story({ themes: ['hope'] })
  const none = story({ tone: 'practical' })

  it('content-based: stories sharing most characteristics first, none sharing nothing, never the story itself', () => {
    expect(similarStories(here, [none, some, close, here])).toEqual([close.id, some.id])
  })

  it('collaborative: only pairs of at least 5 readers, only stories the viewer may see, not already shown', () => {
    const pairs = [
      { a: here.id, b: 900, count: MIN_PAIR_COUNT + 3 },
      { a: 901, b: here.id, count: MIN_PAIR_COUNT },
      { a: here.id, b: 902, count: MIN_PAIR_COUNT - 1 },
      { a: here.id, b: 903, count: 50 },
      { a: 904, b: 905, count: 50 },
      { a: here.id, b: close.id, count: 40 },
    ]
    const visible = new Set(['900', '901', '902', String(close.id)])
    expect(alsoFound(here.id, pairs, visible, new Set([String(close.id)]), MIN_PAIR_COUNT)).toEqual([900, 901])
  })
})

describe('narrative feedback', () => {
  it('reads answers 1 to 5, each optional, at least one', () => {
    expect(readFeedbackAnswer({ hope: '5', connection: '' })).toEqual({ answer: { hope: 5 } })
    expect(readFeedbackAnswer({ hope: '2', connection: '4' })).toEqual({ answer: { hope: 2, connection: 4 } })
    for (const bad of [{}, { hope: '' }, { hope: '0' }, { hope: '6' }, { hope: '3.5' }, { connection: 'yes' }]) expect('error' in readFeedbackAnswer(bad)).toBe(true)
  })

  it('helpful means hope or connection of 4 or 5', () => {
    expect(foundHelpful({ hope: 4 })).toBe(true)
    expect(foundHelpful({ connection: 5, hope: 1 })).toBe(true)
    expect(foundHelpful({ hope: 3, connection: 3 })).toBe(false)
  })

  it('a pair has one key whichever story came first, and no story pairs with itself', () => {
    expect(pairOf(9, 3)).toEqual([3, 9])
    expect(pairOf(3, 9)).toEqual([3, 9])
    expect(pairOf(10, 9)).toEqual([9, 10])
    expect(pairOf(4, 4)).toBeNull()
  })

  it('an author sees totals only from 5 readers', () => {
    const counts = { hope: [0, 0, 0, 1, 3], connection: [0, 0, 1, 1, 2] }
    expect(totalsForAuthor({ readers: MIN_READERS_FOR_TOTALS - 1, counts })).toBeNull()
    expect(totalsForAuthor(null)).toBeNull()
    expect(totalsForAuthor({ readers: MIN_READERS_FOR_TOTALS, counts })?.readers).toBe(5)
  })
})
