// The newcomer post queue (issue 4, sections 3 and 4), the moderators' actions on threads and replies
// (sections 7 and 8, with the crisis hold of section 4), and flags (section 5). Each decision is
// compared with an oracle written here from the rules, not from the implementation.
import { describe, expect, it } from 'vitest'

import { FLAG_REASONS, FLAG_STATES, FLAG_TARGETS, isFlagReason, isFlagTarget, shouldAutoHide } from '../../src/policies/flags.js'
import { POST_STATES, type PostState } from '../../src/policies/forumVisibility.js'
import { DEFAULT_MODERATION_SETTINGS } from '../../src/policies/moderationSettings.js'
import { FIRST_POST_MARKER, awaitingReviewBanner, decideNewPost, type NewPostDecision, type NewPostInput } from '../../src/policies/postQueue.js'
import { POST_ACTIONS, decidePostTransition, isPostAction, type PostAction, type PostKind, type PostTransitionInput, type PostTransitionResult } from '../../src/policies/postWorkflow.js'
import type { WatchedAction } from '../../src/policies/watchedActions.js'

// =============================================================================================
// decideNewPost
// =============================================================================================
const TRIAGE: (WatchedAction | null)[] = [null, 'flag', 'require-approval', 'block', 'crisis']
const COUNTS = [0, 1, 2, 3, 4, 100]
const THRESHOLDS = [DEFAULT_MODERATION_SETTINGS.postQueueThreshold, 0, 1, 5]

type QueueExpected = { refused: true } | { refused: false; status: 'pending' | 'published'; crisisHold: boolean; why?: string }

function queueOracle(i: NewPostInput): QueueExpected {
  // "block": never published, whoever posts.
  if (i.triageAction === 'block') return { refused: true }
  // "crisis": held and helped, whoever they are, moderators included.
  if (i.triageAction === 'crisis') return { refused: false, status: 'pending', crisisHold: true, why: 'crisis' }
  // Moderators are not pre-moderated.
  if (i.authorIsModerator) return { refused: false, status: 'published', crisisHold: false }
  if (i.triageAction === 'require-approval') return { refused: false, status: 'pending', crisisHold: false, why: 'require-approval' }
  // "A member with fewer than N approved posts is pre-moderated."
  if (i.approvedPostCount < i.postQueueThreshold) return { refused: false, status: 'pending', crisisHold: false, why: 'newcomer' }
  // "flag" alone does not hold a post back.
  return { refused: false, status: 'published', crisisHold: false }
}

const queueRows: NewPostInput[] = []
for (const authorIsModerator of [false, true])
  for (const approvedPostCount of COUNTS)
    for (const postQueueThreshold of THRESHOLDS) for (const triageAction of TRIAGE) queueRows.push({ authorIsModerator, approvedPostCount, postQueueThreshold, triageAction })

function expectQueue(result: NewPostDecision, expected: QueueExpected) {
  if (expected.refused) {
    expect(result.refused).toBe(true)
    if (result.refused) expect(result.reason.trim().length).toBeGreaterThan(0)
    return
  }
  expect(result.refused).toBe(false)
  if (result.refused) return
  expect(result.status).toBe(expected.status)
  expect(result.crisisHold).toBe(expected.crisisHold)
  if (expected.why) expect(result.why).toBe(expected.why)
}

describe('decideNewPost: the oracle agrees with hand-written key rows', () => {
  const base: NewPostInput = { authorIsModerator: false, approvedPostCount: 0, postQueueThreshold: 3, triageAction: null }
  it.each<[Partial<NewPostInput>, QueueExpected]>([
    [{}, { refused: false, status: 'pending', crisisHold: false, why: 'newcomer' }],
    [{ approvedPostCount: 2 }, { refused: false, status: 'pending', crisisHold: false, why: 'newcomer' }],
    [{ approvedPostCount: 3 }, { refused: false, status: 'published', crisisHold: false }],
    [
      { approvedPostCount: 3, triageAction: 'flag' },
      { refused: false, status: 'published', crisisHold: false },
    ],
    [
      { approvedPostCount: 3, triageAction: 'require-approval' },
      { refused: false, status: 'pending', crisisHold: false, why: 'require-approval' },
    ],
    [{ approvedPostCount: 3, triageAction: 'block' }, { refused: true }],
    [
      { approvedPostCount: 3, triageAction: 'crisis' },
      { refused: false, status: 'pending', crisisHold: true, why: 'crisis' },
    ],
    [{ authorIsModerator: true }, { refused: false, status: 'published', crisisHold: false }],
    [
      { authorIsModerator: true, triageAction: 'require-approval' },
      { refused: false, status: 'published', crisisHold: false },
    ],
    [
      { authorIsModerator: true, triageAction: 'crisis' },
      { refused: false, status: 'pending', crisisHold: true, why: 'crisis' },
    ],
    [{ authorIsModerator: true, triageAction: 'block' }, { refused: true }],
  ])('%o → %o', (over, expected) => {
    expect(queueOracle({ ...base, ...over })).toEqual(expected)
  })
})

describe('decideNewPost: the full table', () => {
  it(`covers every combination (${queueRows.length} rows)`, () => {
    expect(queueRows.length).toBe(2 * COUNTS.length * THRESHOLDS.length * TRIAGE.length)
  })
  it.each(queueRows.map((r) => [r.authorIsModerator ? 'moderator' : 'member', r.approvedPostCount, r.postQueueThreshold, String(r.triageAction), r] as const))(
    '%s | %i approved | threshold %i | triage %s',
    (_m, _c, _t, _a, r) => {
      expectQueue(decideNewPost(r), queueOracle(r))
    },
  )
})

describe('decideNewPost: key rows', () => {
  it('the default threshold is 3: the third post still waits, the fourth goes straight up', () => {
    const n = DEFAULT_MODERATION_SETTINGS.postQueueThreshold
    expect(n).toBe(3)
    expect(decideNewPost({ authorIsModerator: false, approvedPostCount: 2, postQueueThreshold: n, triageAction: null })).toMatchObject({ refused: false, status: 'pending' })
    expect(decideNewPost({ authorIsModerator: false, approvedPostCount: 3, postQueueThreshold: n, triageAction: null })).toMatchObject({ refused: false, status: 'published' })
  })
  it('a crisis post is never published at once, even from a moderator with many approved posts', () => {
    const r = decideNewPost({ authorIsModerator: true, approvedPostCount: 1000, postQueueThreshold: 0, triageAction: 'crisis' })
    expect(r).toMatchObject({ refused: false, status: 'pending', crisisHold: true })
  })
  it('nothing but a crisis sets the crisis hold', () => {
    for (const r of queueRows) {
      const d = decideNewPost(r)
      if (!d.refused) expect(d.crisisHold).toBe(r.triageAction === 'crisis')
    }
  })
  it('a blocked post is refused with a message the member can act on', () => {
    const r = decideNewPost({ authorIsModerator: false, approvedPostCount: 50, postQueueThreshold: 3, triageAction: 'block' })
    expect(r.refused).toBe(true)
    if (r.refused) expect(r.reason.length).toBeGreaterThan(10)
  })
})

describe('awaitingReviewBanner and FIRST_POST_MARKER', () => {
  it.each([24, 48, 2, DEFAULT_MODERATION_SETTINGS.reviewHours])('the banner says exactly what the issue says, with N = %i', (n) => {
    expect(awaitingReviewBanner(n)).toBe(`Awaiting review: usually within ${n} hours. Only you and the moderators can see it.`)
  })
  it('with the default setting (24 hours)', () => {
    expect(awaitingReviewBanner(DEFAULT_MODERATION_SETTINGS.reviewHours)).toBe('Awaiting review: usually within 24 hours. Only you and the moderators can see it.')
  })
  it('the first-post marker reads "First post: say welcome"', () => {
    expect(FIRST_POST_MARKER).toBe('First post: say welcome')
  })
})

// =============================================================================================
// decidePostTransition
// =============================================================================================
const KINDS: PostKind[] = ['threads', 'replies']
const THREAD_ONLY: PostAction[] = ['lock', 'unlock', 'pin', 'unpin']
const REASONS: { label: string; reason: string | undefined }[] = [
  { label: 'no reason', reason: undefined },
  { label: 'blank reason', reason: '   ' },
  { label: 'a reason', reason: 'Identifies someone' },
]

type Flags = { crisisHold: boolean; locked: boolean; pinned: boolean }
const FLAG_COMBOS: Flags[] = []
for (const crisisHold of [false, true]) for (const locked of [false, true]) for (const pinned of [false, true]) FLAG_COMBOS.push({ crisisHold, locked, pinned })

type Expected =
  | { ok: true; next: readonly PostState[] } // allowed, ending in one of these states
  | { ok: false; status?: 403 }
  | { unspecified: string; allowedNext: readonly PostState[] } // the issue leaves it open; if allowed, it must end in one of these

const allow = (...next: PostState[]): Expected => ({ ok: true, next })
const refuse: Expected = { ok: false }
const open = (why: string, ...allowedNext: PostState[]): Expected => ({ unspecified: why, allowedNext })

function oracle(kind: PostKind, state: PostState, action: PostAction, moderates: boolean, f: Flags, reason: string | undefined): Expected {
  // Only a moderator of the post's locality acts on it; anyone else gets a 403, whatever they try.
  if (!moderates) return { ok: false, status: 403 }
  // Locking and pinning are for threads.
  if (THREAD_ONLY.includes(action) && kind !== 'threads') return refuse
  const same = state
  switch (action) {
    case 'approve':
      // A crisis-held post is never published until it is marked safe.
      if (f.crisisHold) return refuse
      if (state === 'pending') return allow('published')
      return open(`approve a ${state} post`, 'published')
    case 'reject':
      // "reject with reason": a reason is required.
      if (!reason?.trim()) return refuse
      // Rejected: out of the queue and out of sight (never published, never left pending).
      if (state === 'pending') return f.crisisHold ? open('reject a crisis-held post', 'removed', 'hidden') : allow('removed', 'hidden')
      return open(`reject a ${state} post`, 'removed', 'hidden')
    case 'hide':
      if (state === 'published') return allow('hidden')
      // Hiding must never bring a removed post back within reach of "restore".
      return open(`hide a ${state} post`, state === 'removed' ? 'removed' : 'hidden')
    case 'restore':
      if (f.crisisHold) return refuse
      if (state === 'hidden') return allow('published')
      return open(`restore a ${state} post`, 'published')
    case 'remove':
      if (state === 'removed') return open('remove a removed post', 'removed')
      return allow('removed')
    case 'lock':
      if (f.locked || state === 'removed') return open('lock a locked or removed thread', same)
      return allow(same)
    case 'unlock':
      if (!f.locked || state === 'removed') return open('unlock an unlocked or removed thread', same)
      return allow(same)
    case 'pin':
      if (f.pinned || state !== 'published') return open('pin a pinned or unpublished thread', same)
      return allow(same)
    case 'unpin':
      if (!f.pinned) return open('unpin an unpinned thread', same)
      return allow(same) // unpinning is always safe
    case 'mark_safe':
      if (!f.crisisHold) return refuse // "mark_safe only when held"
      if (state === 'removed') return open('mark a removed post safe', same)
      return allow(same) // marking safe does not itself publish; approve does that next
    default:
      // Actions the issue does not name (e.g. "dismiss"): they may be refused, but never change the state.
      return open(`${action} (not in the issue)`, same)
  }
}

type WRow = { kind: PostKind; state: PostState; action: PostAction; moderates: boolean; flags: Flags; reason: (typeof REASONS)[number]; expected: Expected }
const wrows: WRow[] = []
for (const kind of KINDS)
  for (const state of POST_STATES)
    for (const action of POST_ACTIONS)
      for (const moderates of [false, true])
        for (const flags of FLAG_COMBOS)
          for (const reason of REASONS) wrows.push({ kind, state, action, moderates, flags, reason, expected: oracle(kind, state, action, moderates, flags, reason.reason) })

const input = (r: WRow): PostTransitionInput => ({ kind: r.kind, state: r.state, action: r.action, actorModerates: r.moderates, ...r.flags, reason: r.reason.reason })

function expectTransition(result: PostTransitionResult, expected: Expected, r: WRow) {
  if (!result.ok) {
    expect(typeof result.reason === 'string' && result.reason.trim().length > 0).toBe(true)
    expect([400, 403, 409]).toContain(result.status)
  }
  if ('unspecified' in expected) {
    if (result.ok) expect(expected.allowedNext).toContain(result.next)
  } else if (expected.ok) {
    expect(result.ok).toBe(true)
    if (result.ok) expect(expected.next).toContain(result.next)
  } else {
    expect(result.ok).toBe(false)
    if (!result.ok && expected.status) expect(result.status).toBe(expected.status)
  }
  // Safety invariants that hold in every cell, specified or not.
  if (result.ok) {
    if (r.flags.crisisHold && r.state !== 'published') expect(result.next).not.toBe('published')
    if (!['approve', 'restore'].includes(r.action) && r.state !== 'published') expect(result.next).not.toBe('published')
  }
}

const flagLabel = (f: Flags) => [f.crisisHold && 'crisisHold', f.locked && 'locked', f.pinned && 'pinned'].filter(Boolean).join('+') || 'no flags'
const expLabel = (e: Expected) => ('unspecified' in e ? '(unspecified)' : e.ok ? `→ ${e.next.join('|')}` : 'refused')

describe('post actions', () => {
  it('include every action the issue names for posts (approve, reject, hide, restore, lock, pin) and mark_safe', () => {
    for (const a of ['approve', 'reject', 'hide', 'restore', 'lock', 'pin', 'mark_safe']) expect(POST_ACTIONS).toContain(a)
  })
  it('isPostAction accepts only known actions', () => {
    for (const a of POST_ACTIONS) expect(isPostAction(a)).toBe(true)
    for (const bad of ['', 'APPROVE', 'approve ', 'publish', 'delete', null, undefined, 1, {}, ['approve'], 'toString', '__proto__']) expect(isPostAction(bad)).toBe(false)
  })
})

describe('decidePostTransition: the oracle agrees with hand-written key rows', () => {
  const f0: Flags = { crisisHold: false, locked: false, pinned: false }
  it.each<[PostKind, PostState, PostAction, boolean, Partial<Flags>, string | undefined, Expected]>([
    ['threads', 'pending', 'approve', true, {}, undefined, allow('published')],
    ['replies', 'pending', 'approve', true, { crisisHold: true }, undefined, refuse],
    ['threads', 'pending', 'approve', false, {}, undefined, { ok: false, status: 403 }],
    ['threads', 'pending', 'reject', true, {}, undefined, refuse],
    ['threads', 'pending', 'reject', true, {}, ' ', refuse],
    ['threads', 'pending', 'reject', true, {}, 'Spam', allow('removed', 'hidden')],
    ['replies', 'published', 'hide', true, {}, undefined, allow('hidden')],
    ['replies', 'hidden', 'restore', true, {}, undefined, allow('published')],
    ['replies', 'hidden', 'restore', true, { crisisHold: true }, undefined, refuse],
    ['replies', 'published', 'lock', true, {}, undefined, refuse],
    ['replies', 'published', 'pin', true, {}, undefined, refuse],
    ['threads', 'published', 'lock', true, {}, undefined, allow('published')],
    ['threads', 'published', 'pin', true, {}, undefined, allow('published')],
    ['threads', 'pending', 'mark_safe', true, {}, undefined, refuse],
    ['threads', 'pending', 'mark_safe', true, { crisisHold: true }, undefined, allow('pending')],
  ])('%s | %s | %s | moderates %s | %o | %s', (kind, state, action, moderates, flags, reason, expected) => {
    expect(oracle(kind, state, action, moderates, { ...f0, ...flags }, reason)).toEqual(expected)
  })
})

describe('decidePostTransition: the full table', () => {
  it(`covers every combination (${wrows.length} rows)`, () => {
    expect(wrows.length).toBe(KINDS.length * POST_STATES.length * POST_ACTIONS.length * 2 * FLAG_COMBOS.length * REASONS.length)
  })

  it.each(wrows.map((r) => [r.kind, r.state, r.action, r.moderates ? 'moderator' : 'non-moderator', flagLabel(r.flags), r.reason.label, expLabel(r.expected), r] as const))(
    '%s | %s | %s | %s | %s | %s %s',
    (_k, _s, _a, _m, _f, _r, _e, r) => {
      expectTransition(decidePostTransition(input(r)), r.expected, r)
    },
  )
})

describe('decidePostTransition: hand-written key rows', () => {
  const ok = (i: PostTransitionInput, next: PostState) => expect(decidePostTransition(i)).toEqual({ ok: true, next })
  const no = (i: PostTransitionInput, status?: number) => {
    const r = decidePostTransition(i)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.reason.length).toBeGreaterThan(0)
      if (status) expect(r.status).toBe(status)
    }
  }

  it.each(POST_ACTIONS)('a non-moderator (e.g. the author publishing their own pending post) gets 403 for %s', (action) => {
    for (const kind of KINDS) for (const state of POST_STATES) no({ kind, state, action, actorModerates: false, crisisHold: false, reason: 'because', locked: true, pinned: true }, 403)
  })
  it('a moderator approves a pending thread and a pending reply', () => {
    ok({ kind: 'threads', state: 'pending', action: 'approve', actorModerates: true }, 'published')
    ok({ kind: 'replies', state: 'pending', action: 'approve', actorModerates: true }, 'published')
  })
  it('approval is refused while the crisis hold is set, then allowed after mark_safe', () => {
    no({ kind: 'threads', state: 'pending', action: 'approve', actorModerates: true, crisisHold: true })
    ok({ kind: 'threads', state: 'pending', action: 'mark_safe', actorModerates: true, crisisHold: true }, 'pending')
    ok({ kind: 'threads', state: 'pending', action: 'approve', actorModerates: true, crisisHold: false }, 'published')
  })
  it('restore is refused while the crisis hold is set', () => {
    no({ kind: 'replies', state: 'hidden', action: 'restore', actorModerates: true, crisisHold: true })
  })
  it('mark_safe is refused when the post is not held (flag omitted or false)', () => {
    no({ kind: 'threads', state: 'pending', action: 'mark_safe', actorModerates: true })
    no({ kind: 'threads', state: 'published', action: 'mark_safe', actorModerates: true, crisisHold: false })
  })
  it('reject needs a reason, and a blank one does not count', () => {
    no({ kind: 'threads', state: 'pending', action: 'reject', actorModerates: true })
    no({ kind: 'threads', state: 'pending', action: 'reject', actorModerates: true, reason: '' })
    no({ kind: 'threads', state: 'pending', action: 'reject', actorModerates: true, reason: ' \n\t ' })
    const r = decidePostTransition({ kind: 'threads', state: 'pending', action: 'reject', actorModerates: true, reason: 'Off topic' })
    expect(r.ok).toBe(true)
    if (r.ok) expect(['removed', 'hidden']).toContain(r.next)
  })
  it.each(THREAD_ONLY)('%s is refused on a reply', (action) => {
    for (const state of POST_STATES) no({ kind: 'replies', state, action, actorModerates: true, locked: action === 'unlock', pinned: action === 'unpin' })
  })
  it('lock, unlock, pin and unpin never change a thread’s state', () => {
    ok({ kind: 'threads', state: 'published', action: 'lock', actorModerates: true, locked: false }, 'published')
    ok({ kind: 'threads', state: 'published', action: 'unlock', actorModerates: true, locked: true }, 'published')
    ok({ kind: 'threads', state: 'published', action: 'pin', actorModerates: true, pinned: false }, 'published')
    ok({ kind: 'threads', state: 'hidden', action: 'unpin', actorModerates: true, pinned: true }, 'hidden')
  })
  it('hide takes a published post out of sight; remove works from any live state', () => {
    ok({ kind: 'replies', state: 'published', action: 'hide', actorModerates: true }, 'hidden')
    for (const state of ['pending', 'published', 'hidden'] as const) ok({ kind: 'replies', state, action: 'remove', actorModerates: true, crisisHold: true }, 'removed')
  })
})

// =============================================================================================
// Flags
// =============================================================================================
describe('flags: reasons, targets, states', () => {
  it('there are exactly the five reasons of the issue', () => {
    expect(FLAG_REASONS).toHaveLength(5)
    const labels = FLAG_REASONS.map((r) => r.label)
    expect(labels.some((l) => /spam/i.test(l))).toBe(true)
    expect(labels.some((l) => /identif/i.test(l) && /personal information/i.test(l))).toBe(true)
    expect(labels.some((l) => /harmful/i.test(l))).toBe(true)
    expect(labels.some((l) => /safeguarding/i.test(l))).toBe(true)
    expect(FLAG_REASONS.some((r) => r.value === 'other')).toBe(true)
  })
  it.each(FLAG_REASONS.map((r) => r.value))('isFlagReason(%s) is true', (value) => {
    expect(isFlagReason(value)).toBe(true)
  })
  it.each<[unknown]>([[''], ['SPAM'], [' spam'], ['abuse'], ['toString'], ['__proto__'], [null], [undefined], [1], [{}], [['spam']]])('isFlagReason(%o) is false', (value) => {
    expect(isFlagReason(value)).toBe(false)
  })
  it('a thread, a reply or a story can be flagged', () => {
    expect([...FLAG_TARGETS].sort()).toEqual(['replies', 'stories', 'threads'])
    for (const t of ['threads', 'replies', 'stories']) expect(isFlagTarget(t)).toBe(true)
  })
  it.each<[unknown]>([['users'], ['flags'], ['localities'], ['Threads'], ['thread'], [''], ['constructor'], [null], [undefined], [0], [['threads']]])('isFlagTarget(%o) is false', (value) => {
    expect(isFlagTarget(value)).toBe(false)
  })
  it('flag states are open, resolved and rejected', () => {
    expect([...FLAG_STATES].sort()).toEqual(['open', 'rejected', 'resolved'])
  })
})

describe('flags: shouldAutoHide truth table', () => {
  const cases: [number, number, boolean, boolean][] = []
  for (const flaggers of [0, 1, 2, 3, 4, 10])
    for (const threshold of [DEFAULT_MODERATION_SETTINGS.flagHideThreshold, 1, 5, 0])
      for (const visible of [true, false])
        // Hidden once `threshold` distinct members have flagged it; an item already out of sight needs no hiding; 0 = off.
        cases.push([flaggers, threshold, visible, visible && threshold > 0 && flaggers >= threshold])
  it.each(cases)('%i distinct flaggers, threshold %i, visible %s → %s', (flaggers, threshold, visible, expected) => {
    expect(shouldAutoHide(flaggers, threshold, visible)).toBe(expected)
  })
  it('with the default setting, the third distinct member hides the item', () => {
    expect(DEFAULT_MODERATION_SETTINGS.flagHideThreshold).toBe(3)
    expect(shouldAutoHide(2, DEFAULT_MODERATION_SETTINGS.flagHideThreshold, true)).toBe(false)
    expect(shouldAutoHide(3, DEFAULT_MODERATION_SETTINGS.flagHideThreshold, true)).toBe(true)
  })
})
