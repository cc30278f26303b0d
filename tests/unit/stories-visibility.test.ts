// canSee as an exhaustive truth table (issue 3, section 4 "One visibility rule, every door").
// Every viewer × every story state × every consent shape × every way of writing the author's id is
// compared with an oracle written here from the rules, not from the implementation. A few
// hand-written rows check the oracle itself.
import { describe, expect, it } from 'vitest'

import type { Actor } from '../../src/policies/roles.js'
import { CONSENT_AUDIENCES, STORY_STATES, canSee, consentIsCurrent, type ConsentAudience, type ConsentFacts, type StoryFacts, type StoryState } from '../../src/policies/storyVisibility.js'

const NOW = new Date('2025-06-15T12:00:00.000Z')
const DAY = 24 * 60 * 60 * 1000
const future = new Date(NOW.getTime() + 30 * DAY)
const past = new Date(NOW.getTime() - 30 * DAY)

const AUTHOR_ID = 7

// ---------------------------------------------------------------------------------------------
// Viewers
// ---------------------------------------------------------------------------------------------
type ViewerKind = 'visitor' | 'member' | 'another member' | 'author' | 'moderator' | 'admin' | 'author who is a moderator'

type ViewerCase = { kind: ViewerKind; label: string; viewer: Actor }

const VIEWERS: ViewerCase[] = [
  { kind: 'visitor', label: 'visitor (null)', viewer: null },
  { kind: 'visitor', label: 'visitor (undefined)', viewer: undefined },
  { kind: 'member', label: 'member #11', viewer: { id: 11, roles: ['member'] } },
  { kind: 'another member', label: 'another member #12 (string id)', viewer: { id: '12', roles: ['member'] } },
  // A member whose id shares digits with the author's: must not be mistaken for the author.
  { kind: 'another member', label: 'member #77', viewer: { id: 77, roles: ['member'] } },
  { kind: 'author', label: 'author (number id 7)', viewer: { id: 7, roles: ['member'] } },
  { kind: 'author', label: 'author (string id "7")', viewer: { id: '7', roles: ['member'] } },
  { kind: 'moderator', label: 'moderator #20', viewer: { id: 20, roles: ['member', 'moderator'] } },
  { kind: 'admin', label: 'admin #30', viewer: { id: 30, roles: ['member', 'admin'] } },
  { kind: 'author who is a moderator', label: 'author-moderator (id 7)', viewer: { id: 7, roles: ['member', 'moderator'] } },
  { kind: 'author who is a moderator', label: 'author-moderator (id "7")', viewer: { id: '7', roles: ['moderator'] } },
]

// ---------------------------------------------------------------------------------------------
// How the story names its author: number, string, populated object with either.
// ---------------------------------------------------------------------------------------------
const AUTHOR_FORMS: { label: string; author: StoryFacts['author'] }[] = [
  { label: 'author 7', author: 7 },
  { label: "author '7'", author: '7' },
  { label: 'author {id:7}', author: { id: 7 } },
  { label: "author {id:'7'}", author: { id: '7' } },
]

// ---------------------------------------------------------------------------------------------
// Consents: none, and each audience × current / expired / withdrawn / expiring exactly now.
// ---------------------------------------------------------------------------------------------
type Timing = 'current' | 'expired' | 'withdrawn' | 'expiring exactly now' | 'withdrawn and expired'
type ConsentCase = { label: string; audience: ConsentAudience | null; timing: Timing | null; consent: ConsentFacts }

const consentCases: ConsentCase[] = [
  { label: 'no consent (null)', audience: null, timing: null, consent: null },
  { label: 'no consent (undefined)', audience: null, timing: null, consent: undefined },
]
for (const audience of CONSENT_AUDIENCES) {
  consentCases.push(
    { label: `${audience}, current`, audience, timing: 'current', consent: { audience, expiresAt: future, withdrawnAt: null } },
    { label: `${audience}, current (ISO strings)`, audience, timing: 'current', consent: { audience, expiresAt: future.toISOString() } },
    { label: `${audience}, expired`, audience, timing: 'expired', consent: { audience, expiresAt: past, withdrawnAt: null } },
    { label: `${audience}, expired (ISO string)`, audience, timing: 'expired', consent: { audience, expiresAt: past.toISOString() } },
    { label: `${audience}, withdrawn`, audience, timing: 'withdrawn', consent: { audience, expiresAt: future, withdrawnAt: past } },
    {
      label: `${audience}, withdrawn (ISO string)`,
      audience,
      timing: 'withdrawn',
      consent: { audience, expiresAt: future.toISOString(), withdrawnAt: past.toISOString() },
    },
    { label: `${audience}, expiring exactly now`, audience, timing: 'expiring exactly now', consent: { audience, expiresAt: new Date(NOW.getTime()) } },
    {
      label: `${audience}, expiring exactly now (ISO string)`,
      audience,
      timing: 'expiring exactly now',
      consent: { audience, expiresAt: NOW.toISOString() },
    },
    { label: `${audience}, withdrawn and expired`, audience, timing: 'withdrawn and expired', consent: { audience, expiresAt: past, withdrawnAt: past } },
  )
}

// ---------------------------------------------------------------------------------------------
// The oracle, straight from the table.
// ---------------------------------------------------------------------------------------------
function oracle(kind: ViewerKind, state: StoryState, c: ConsentCase): boolean {
  const isAuthor = kind === 'author' || kind === 'author who is a moderator'
  const isModerator = kind === 'moderator' || kind === 'admin' || kind === 'author who is a moderator'
  const signedIn = kind !== 'visitor'

  // The author always sees their own stories, in any state, with any consent.
  if (isAuthor) return true
  // Moderators see everything that has been submitted; a never-submitted draft is the author's alone.
  if (isModerator) return state !== 'draft'

  // Everyone else: only a published story under a current consent.
  if (state !== 'published') return false
  if (c.audience === null || c.timing !== 'current') return false
  if (c.audience === 'public') return true
  if (c.audience === 'members') return signedIn
  return false // 'moderators' never reaches visitors or ordinary members
}

type Row = { viewer: ViewerCase; state: StoryState; consent: ConsentCase; authorForm: (typeof AUTHOR_FORMS)[number]; expected: boolean }

const rows: Row[] = []
for (const viewer of VIEWERS)
  for (const state of STORY_STATES)
    for (const consent of consentCases) for (const authorForm of AUTHOR_FORMS) rows.push({ viewer, state, consent, authorForm, expected: oracle(viewer.kind, state, consent) })

// ---------------------------------------------------------------------------------------------
// The table itself: the exported lists match the issue.
// ---------------------------------------------------------------------------------------------
describe('states and audiences', () => {
  it('STORY_STATES are exactly the six states of the issue', () => {
    expect([...STORY_STATES].sort()).toEqual(['changes_requested', 'draft', 'published', 'submitted', 'unpublished', 'withdrawn'])
  })
  it('CONSENT_AUDIENCES are exactly public, members, moderators', () => {
    expect([...CONSENT_AUDIENCES].sort()).toEqual(['members', 'moderators', 'public'])
  })
})

describe('the oracle agrees with hand-written key rows', () => {
  const c = (label: string) => {
    const found = consentCases.find((x) => x.label === label)
    if (!found) throw new Error(`no consent case ${label}`)
    return found
  }
  it.each<[ViewerKind, StoryState, string, boolean]>([
    ['visitor', 'published', 'public, current', true],
    ['visitor', 'published', 'members, current', false],
    ['visitor', 'published', 'moderators, current', false],
    ['visitor', 'published', 'public, expired', false],
    ['visitor', 'published', 'public, withdrawn', false],
    ['visitor', 'published', 'public, expiring exactly now', false],
    ['visitor', 'published', 'no consent (null)', false],
    ['visitor', 'submitted', 'public, current', false],
    ['visitor', 'unpublished', 'public, current', false],
    ['member', 'published', 'members, current', true],
    ['member', 'published', 'public, current', true],
    ['member', 'published', 'moderators, current', false],
    ['member', 'published', 'members, expired', false],
    ['member', 'draft', 'public, current', false],
    ['another member', 'changes_requested', 'public, current', false],
    ['author', 'draft', 'no consent (null)', true],
    ['author', 'withdrawn', 'public, withdrawn', true],
    ['author', 'published', 'moderators, expired', true],
    ['moderator', 'draft', 'public, current', false],
    ['moderator', 'submitted', 'no consent (null)', true],
    ['moderator', 'withdrawn', 'public, withdrawn', true],
    ['moderator', 'published', 'moderators, current', true],
    ['admin', 'draft', 'public, current', false],
    ['admin', 'unpublished', 'members, expired', true],
    ['author who is a moderator', 'draft', 'no consent (null)', true],
  ])('%s / %s / %s → %s', (kind, state, consentLabel, expected) => {
    expect(oracle(kind, state, c(consentLabel))).toBe(expected)
  })
})

describe('canSee: exhaustive truth table', () => {
  it(`covers every combination (${rows.length} rows)`, () => {
    // 11 viewers × 6 states × 29 consents × 4 author forms
    expect(rows.length).toBe(VIEWERS.length * STORY_STATES.length * consentCases.length * AUTHOR_FORMS.length)
    expect(rows.length).toBe(11 * 6 * 29 * 4)
  })

  it.each(rows.map((r) => [r.viewer.label, r.state, r.consent.label, r.authorForm.label, r.expected, r] as const))('%s | %s | %s | %s → %s', (_v, _s, _c, _a, expected, r) => {
    const story: StoryFacts = { status: r.state, author: r.authorForm.author }
    expect(canSee(r.viewer.viewer, story, r.consent.consent, NOW)).toBe(expected)
  })
})

describe('canSee: hand-written key rows', () => {
  const story = (status: StoryState, author: StoryFacts['author'] = AUTHOR_ID): StoryFacts => ({ status, author })
  const member = { id: 11, roles: ['member'] }
  const moderator = { id: 20, roles: ['moderator'] }

  it('a visitor reads a published story with current public consent', () => {
    expect(canSee(null, story('published'), { audience: 'public', expiresAt: future }, NOW)).toBe(true)
  })
  it('a visitor does not read a members-only story', () => {
    expect(canSee(null, story('published'), { audience: 'members', expiresAt: future }, NOW)).toBe(false)
  })
  it('a member reads a members-only story', () => {
    expect(canSee(member, story('published'), { audience: 'members', expiresAt: future }, NOW)).toBe(true)
  })
  it('a member does not read a moderators-only story', () => {
    expect(canSee(member, story('published'), { audience: 'moderators', expiresAt: future }, NOW)).toBe(false)
  })
  it('consent expiring at this very millisecond is already expired', () => {
    expect(canSee(null, story('published'), { audience: 'public', expiresAt: NOW }, NOW)).toBe(false)
  })
  it('consent expiring one millisecond from now is still current', () => {
    expect(canSee(null, story('published'), { audience: 'public', expiresAt: new Date(NOW.getTime() + 1) }, NOW)).toBe(true)
  })
  it('a withdrawn consent hides a published story from members', () => {
    expect(canSee(member, story('published'), { audience: 'public', expiresAt: future, withdrawnAt: past }, NOW)).toBe(false)
  })
  it('no consent hides a published story from visitors and members', () => {
    expect(canSee(null, story('published'), null, NOW)).toBe(false)
    expect(canSee(member, story('published'), null, NOW)).toBe(false)
  })
  it("another member's draft is invisible to a member", () => {
    expect(canSee(member, story('draft'), { audience: 'public', expiresAt: future }, NOW)).toBe(false)
  })
  it('a moderator does not see a never-submitted draft', () => {
    expect(canSee(moderator, story('draft'), { audience: 'public', expiresAt: future }, NOW)).toBe(false)
  })
  it('a moderator sees a withdrawn story', () => {
    expect(canSee(moderator, story('withdrawn'), { audience: 'public', expiresAt: future, withdrawnAt: past }, NOW)).toBe(true)
  })
  it("author ids compare equal across number and string ('7' vs 7)", () => {
    expect(canSee({ id: '7', roles: ['member'] }, story('draft', 7), null, NOW)).toBe(true)
    expect(canSee({ id: 7, roles: ['member'] }, story('draft', '7'), null, NOW)).toBe(true)
    expect(canSee({ id: 7, roles: ['member'] }, story('draft', { id: '7' }), null, NOW)).toBe(true)
  })
  it('a viewer whose id merely contains the author id is not the author', () => {
    expect(canSee({ id: 77, roles: ['member'] }, story('draft', 7), null, NOW)).toBe(false)
    expect(canSee({ id: '7 ', roles: ['member'] }, story('draft', 7), null, NOW)).toBe(false)
  })
  it('a story with no author is not "owned" by anyone', () => {
    expect(canSee({ id: 7, roles: ['member'] }, story('draft', null), null, NOW)).toBe(false)
    expect(canSee({ id: 7, roles: ['member'] }, { status: 'draft', author: undefined }, null, NOW)).toBe(false)
  })
  it('a signed-in viewer with no roles gets no moderator sight', () => {
    expect(canSee({ id: 11 }, story('submitted'), { audience: 'public', expiresAt: future }, NOW)).toBe(false)
    expect(canSee({ id: 11, roles: null }, story('unpublished'), { audience: 'public', expiresAt: future }, NOW)).toBe(false)
  })
})

describe('consentIsCurrent', () => {
  it.each<[string, ConsentFacts, boolean]>([
    ['null', null, false],
    ['undefined', undefined, false],
    ['expires in the future', { audience: 'public', expiresAt: future }, true],
    ['expires one ms from now', { audience: 'public', expiresAt: new Date(NOW.getTime() + 1) }, true],
    ['expires exactly now', { audience: 'public', expiresAt: NOW }, false],
    ['expires exactly now (ISO string)', { audience: 'public', expiresAt: NOW.toISOString() }, false],
    ['expired one ms ago', { audience: 'members', expiresAt: new Date(NOW.getTime() - 1) }, false],
    ['withdrawn, expiry in the future', { audience: 'members', expiresAt: future, withdrawnAt: past }, false],
    ['withdrawn (ISO string)', { audience: 'moderators', expiresAt: future.toISOString(), withdrawnAt: past.toISOString() }, false],
    ['withdrawnAt null', { audience: 'moderators', expiresAt: future, withdrawnAt: null }, true],
  ])('%s', (_label, consent, expected) => {
    expect(consentIsCurrent(consent, NOW)).toBe(expected)
  })

  it('defaults "now" to the real clock', () => {
    expect(consentIsCurrent({ audience: 'public', expiresAt: new Date(Date.now() + DAY) })).toBe(true)
    expect(consentIsCurrent({ audience: 'public', expiresAt: new Date(Date.now() - DAY) })).toBe(false)
  })
})

describe('canSee defaults "now" to the real clock', () => {
  it('an expiry in the real past hides the story from a visitor', () => {
    const story: StoryFacts = { status: 'published', author: AUTHOR_ID }
    expect(canSee(null, story, { audience: 'public', expiresAt: new Date(Date.now() - DAY) })).toBe(false)
    expect(canSee(null, story, { audience: 'public', expiresAt: new Date(Date.now() + DAY) })).toBe(true)
  })
})
