// decideTransition as a table of state × actor × action × flags (issue 3, section 2 "Workflow", with
// the crisis hold of section 7 and the author sign-off of section 6). Every combination is compared
// with an oracle written here from the rules, not from the implementation; hand-written key
// rows check the oracle itself and pin the important cases.
import { describe, expect, it } from 'vitest'

import { STORY_STATES, type StoryState } from '../../src/policies/storyVisibility.js'
import { STORY_ACTIONS, decideTransition, type StoryAction, type StoryActor, type TransitionInput, type TransitionResult } from '../../src/policies/storyWorkflow.js'

const ACTORS: StoryActor[] = ['author', 'moderator', 'other']
const AUTHOR_ACTIONS: StoryAction[] = ['edit', 'submit', 'withdraw']
const MODERATOR_ACTIONS: StoryAction[] = ['approve', 'request_changes', 'unpublish', 'propose_redaction', 'mark_safe']

type Flags = Required<Pick<TransitionInput, 'crisisHold' | 'hasPendingRevision' | 'consentCurrent' | 'hasOpenRedaction'>>

const FLAG_COMBOS: Flags[] = []
for (const crisisHold of [false, true])
  for (const hasPendingRevision of [false, true])
    for (const consentCurrent of [false, true]) for (const hasOpenRedaction of [false, true]) FLAG_COMBOS.push({ crisisHold, hasPendingRevision, consentCurrent, hasOpenRedaction })

// ---------------------------------------------------------------------------------------------
// The oracle.
// ---------------------------------------------------------------------------------------------
type Expected = { ok: true; next: StoryState } | { ok: false } | { unspecified: string }

const allow = (next: StoryState): Expected => ({ ok: true, next })
const refuse: Expected = { ok: false }

function oracle(state: StoryState, actor: StoryActor, action: StoryAction, f: Flags): Expected {
  // Withdrawn is final: nothing at all happens to a withdrawn story, not even approval.
  if (state === 'withdrawn') return refuse
  // A different member can do nothing to someone else's story.
  if (actor === 'other') return refuse

  if (actor === 'author') {
    if (!AUTHOR_ACTIONS.includes(action)) return refuse // authors never moderate their own story
    switch (action) {
      case 'edit':
        // draft and changes_requested are editable; a published story takes a pending revision and stays published.
        return state === 'draft' || state === 'changes_requested' || state === 'published' ? allow(state) : refuse
      case 'submit':
        return (state === 'draft' || state === 'changes_requested') && f.consentCurrent ? allow('submitted') : refuse
      case 'withdraw':
        return allow('withdrawn') // from any state but withdrawn (handled above)
    }
  }

  // actor === 'moderator'
  if (AUTHOR_ACTIONS.includes(action)) return refuse // moderators cannot edit, submit or withdraw someone else's story
  if (state === 'draft' && action !== 'mark_safe') return refuse // a never-submitted draft is the author's alone

  switch (action) {
    case 'approve': {
      if (f.crisisHold || !f.consentCurrent || f.hasOpenRedaction) return refuse
      if (state === 'submitted' || state === 'unpublished') return allow('published')
      if (state === 'published') return f.hasPendingRevision ? allow('published') : refuse
      return refuse // changes_requested: the author has the pen
    }
    case 'request_changes':
      if (state === 'submitted') return allow('changes_requested')
      // A pending revision of a live story: the approved revision stays live.
      if (state === 'published' && f.hasPendingRevision) return allow('published')
      if (state === 'published') return { unspecified: 'request_changes on a published story with no pending revision' }
      return refuse
    case 'unpublish':
      return state === 'published' ? allow('unpublished') : refuse
    case 'propose_redaction':
      return allow(state)
    case 'mark_safe':
      if (!f.crisisHold) return refuse
      if (state === 'draft') return { unspecified: 'mark_safe on a crisis-held, never-submitted draft' }
      return allow(state)
  }
  throw new Error(`oracle has no rule for ${action}`)
}

type Row = { state: StoryState; actor: StoryActor; action: StoryAction; flags: Flags; expected: Expected }
const rows: Row[] = []
for (const state of STORY_STATES)
  for (const actor of ACTORS) for (const action of STORY_ACTIONS) for (const flags of FLAG_COMBOS) rows.push({ state, actor, action, flags, expected: oracle(state, actor, action, flags) })

const flagLabel = (f: Flags) =>
  [f.crisisHold && 'crisisHold', f.hasPendingRevision && 'pendingRevision', f.consentCurrent && 'consentCurrent', f.hasOpenRedaction && 'openRedaction'].filter(Boolean).join('+') || 'no flags'

function expectResult(result: TransitionResult, expected: Expected) {
  if ('unspecified' in expected) {
    // The issue does not decide this cell; the answer must still be well formed.
    if (result.ok) expect(STORY_STATES).toContain(result.next)
    else expect(typeof result.reason === 'string' && result.reason.trim().length > 0).toBe(true)
    return
  }
  if (expected.ok) {
    expect(result).toEqual({ ok: true, next: expected.next })
  } else {
    expect(result.ok).toBe(false)
    if (!result.ok) expect(typeof result.reason === 'string' && result.reason.trim().length > 0).toBe(true)
  }
}

// ---------------------------------------------------------------------------------------------
describe('actions', () => {
  it('STORY_ACTIONS are exactly the eight actions of the issue', () => {
    expect([...STORY_ACTIONS].sort()).toEqual(['approve', 'edit', 'mark_safe', 'propose_redaction', 'request_changes', 'submit', 'unpublish', 'withdraw'].sort())
  })
})

describe('the oracle agrees with hand-written key rows', () => {
  const base: Flags = { crisisHold: false, hasPendingRevision: false, consentCurrent: true, hasOpenRedaction: false }
  it.each<[StoryState, StoryActor, StoryAction, Partial<Flags>, Expected]>([
    ['draft', 'author', 'submit', {}, allow('submitted')],
    ['draft', 'author', 'submit', { consentCurrent: false }, refuse],
    ['submitted', 'moderator', 'request_changes', {}, allow('changes_requested')],
    ['submitted', 'moderator', 'approve', {}, allow('published')],
    ['submitted', 'moderator', 'approve', { crisisHold: true }, refuse],
    ['published', 'author', 'edit', {}, allow('published')],
    ['published', 'moderator', 'approve', {}, refuse],
    ['published', 'moderator', 'approve', { hasPendingRevision: true }, allow('published')],
    ['withdrawn', 'moderator', 'approve', {}, refuse],
    ['unpublished', 'moderator', 'approve', {}, allow('published')],
    ['submitted', 'moderator', 'mark_safe', {}, refuse],
    ['submitted', 'moderator', 'mark_safe', { crisisHold: true }, allow('submitted')],
    ['published', 'other', 'edit', {}, refuse],
  ])('%s / %s / %s %o', (state, actor, action, flags, expected) => {
    expect(oracle(state, actor, action, { ...base, ...flags })).toEqual(expected)
  })
})

describe('decideTransition: the full table', () => {
  it(`covers every combination (${rows.length} rows)`, () => {
    expect(rows.length).toBe(6 * 3 * 8 * 16)
  })

  it.each(rows.map((r) => [r.state, r.actor, r.action, flagLabel(r.flags), 'unspecified' in r.expected ? '(unspecified)' : r.expected.ok ? `→ ${r.expected.next}` : 'refused', r] as const))(
    '%s | %s | %s | %s %s',
    (_s, _a, _ac, _f, _e, r) => {
      expectResult(decideTransition({ state: r.state, actor: r.actor, action: r.action, ...r.flags }), r.expected)
    },
  )

  it('the cells the issue leaves open are listed (and few)', () => {
    const open = rows.filter((r) => 'unspecified' in r.expected)
    // request_changes on published without revision: 16 flag combos / 2 (pending=false) = 8;
    // mark_safe on a held draft: 16 / 2 (crisisHold=true) = 8.
    expect(open.length).toBe(16)
  })
})

describe('decideTransition: hand-written key rows', () => {
  const ok = (input: TransitionInput, next: StoryState) => expect(decideTransition(input)).toEqual({ ok: true, next })
  const no = (input: TransitionInput) => {
    const r = decideTransition(input)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(0)
  }

  // Author
  it('the author edits a draft and it stays a draft', () => ok({ state: 'draft', actor: 'author', action: 'edit' }, 'draft'))
  it('the author edits after changes were requested', () => ok({ state: 'changes_requested', actor: 'author', action: 'edit' }, 'changes_requested'))
  it('the author edits a published story: a pending revision, the story stays published', () => ok({ state: 'published', actor: 'author', action: 'edit' }, 'published'))
  it('the author cannot edit a story awaiting review', () => no({ state: 'submitted', actor: 'author', action: 'edit' }))
  it('the author cannot edit a withdrawn story', () => no({ state: 'withdrawn', actor: 'author', action: 'edit' }))
  it('the author submits a draft with current consent', () => ok({ state: 'draft', actor: 'author', action: 'submit', consentCurrent: true }, 'submitted'))
  it('the author resubmits after changes were requested', () => ok({ state: 'changes_requested', actor: 'author', action: 'submit', consentCurrent: true }, 'submitted'))
  it('the author cannot submit without current consent', () => no({ state: 'draft', actor: 'author', action: 'submit', consentCurrent: false }))
  it('submitting with the consent flag omitted is refused (fail safe)', () => no({ state: 'draft', actor: 'author', action: 'submit' }))
  it('the author cannot submit twice', () => no({ state: 'submitted', actor: 'author', action: 'submit', consentCurrent: true }))
  it('the author cannot submit a published story', () => no({ state: 'published', actor: 'author', action: 'submit', consentCurrent: true }))
  it.each(['draft', 'submitted', 'changes_requested', 'published', 'unpublished'] as const)('the author withdraws from %s', (state) => ok({ state, actor: 'author', action: 'withdraw' }, 'withdrawn'))
  it('the author withdraws even while a crisis hold is set and consent has lapsed', () =>
    ok({ state: 'published', actor: 'author', action: 'withdraw', crisisHold: true, consentCurrent: false, hasOpenRedaction: true }, 'withdrawn'))
  it('withdrawing twice is refused', () => no({ state: 'withdrawn', actor: 'author', action: 'withdraw' }))
  it.each(MODERATOR_ACTIONS)('the author cannot %s their own story', (action) => no({ state: 'submitted', actor: 'author', action, crisisHold: true, consentCurrent: true, hasPendingRevision: true }))

  // Moderator
  it('a moderator approves a submitted story', () => ok({ state: 'submitted', actor: 'moderator', action: 'approve', consentCurrent: true }, 'published'))
  it('a moderator re-publishes an unpublished story', () => ok({ state: 'unpublished', actor: 'moderator', action: 'approve', consentCurrent: true }, 'published'))
  it("a moderator approves a published story's pending revision; it stays published", () =>
    ok({ state: 'published', actor: 'moderator', action: 'approve', consentCurrent: true, hasPendingRevision: true }, 'published'))
  it('a published story with no pending revision cannot be approved again', () => no({ state: 'published', actor: 'moderator', action: 'approve', consentCurrent: true, hasPendingRevision: false }))
  it('approval is refused while a crisis hold is set', () => no({ state: 'submitted', actor: 'moderator', action: 'approve', consentCurrent: true, crisisHold: true }))
  it('approval is refused without current consent', () => no({ state: 'submitted', actor: 'moderator', action: 'approve', consentCurrent: false }))
  it('approval is refused when the consent flag is omitted (fail safe)', () => no({ state: 'submitted', actor: 'moderator', action: 'approve' }))
  it('approval is refused while a proposed redaction awaits the author', () => no({ state: 'submitted', actor: 'moderator', action: 'approve', consentCurrent: true, hasOpenRedaction: true }))
  it('a pending revision cannot be approved while a redaction awaits the author', () =>
    no({ state: 'published', actor: 'moderator', action: 'approve', consentCurrent: true, hasPendingRevision: true, hasOpenRedaction: true }))
  it('re-publishing is refused after consent lapsed', () => no({ state: 'unpublished', actor: 'moderator', action: 'approve', consentCurrent: false }))
  it('a moderator cannot approve a draft', () => no({ state: 'draft', actor: 'moderator', action: 'approve', consentCurrent: true }))
  it('a moderator cannot approve while the author has the pen (changes_requested)', () => no({ state: 'changes_requested', actor: 'moderator', action: 'approve', consentCurrent: true }))
  it('a moderator cannot approve a withdrawn story, even with every flag favourable', () =>
    no({ state: 'withdrawn', actor: 'moderator', action: 'approve', consentCurrent: true, crisisHold: false, hasOpenRedaction: false, hasPendingRevision: true }))
  it('requesting changes on a submitted story moves it to changes_requested', () => ok({ state: 'submitted', actor: 'moderator', action: 'request_changes' }, 'changes_requested'))
  it("requesting changes on a published story's pending revision keeps the live story published", () =>
    ok({ state: 'published', actor: 'moderator', action: 'request_changes', hasPendingRevision: true }, 'published'))
  it('requesting changes on a draft is refused', () => no({ state: 'draft', actor: 'moderator', action: 'request_changes' }))
  it('requesting changes twice is refused', () => no({ state: 'changes_requested', actor: 'moderator', action: 'request_changes' }))
  it('a moderator unpublishes a published story', () => ok({ state: 'published', actor: 'moderator', action: 'unpublish' }, 'unpublished'))
  it.each(['draft', 'submitted', 'changes_requested', 'unpublished', 'withdrawn'] as const)('unpublish from %s is refused', (state) => no({ state, actor: 'moderator', action: 'unpublish' }))
  it.each(['submitted', 'changes_requested', 'published', 'unpublished'] as const)('propose_redaction on %s keeps the state', (state) =>
    ok({ state, actor: 'moderator', action: 'propose_redaction' }, state),
  )
  it('propose_redaction on a withdrawn story is refused', () => no({ state: 'withdrawn', actor: 'moderator', action: 'propose_redaction' }))
  it('mark_safe on a held submitted story keeps it submitted', () => ok({ state: 'submitted', actor: 'moderator', action: 'mark_safe', crisisHold: true }, 'submitted'))
  it('mark_safe without a crisis hold is refused', () => no({ state: 'submitted', actor: 'moderator', action: 'mark_safe', crisisHold: false }))
  it('mark_safe with the hold flag omitted is refused', () => no({ state: 'submitted', actor: 'moderator', action: 'mark_safe' }))
  it('mark_safe on a withdrawn story is refused, even if held', () => no({ state: 'withdrawn', actor: 'moderator', action: 'mark_safe', crisisHold: true }))
  it.each(AUTHOR_ACTIONS)("a moderator cannot %s someone else's story", (action) => no({ state: 'draft', actor: 'moderator', action, consentCurrent: true }))
  it("a moderator cannot withdraw a published story on the author's behalf", () => no({ state: 'published', actor: 'moderator', action: 'withdraw' }))

  // Another member
  it.each(STORY_ACTIONS)('another member cannot %s', (action) => {
    for (const state of STORY_STATES) no({ state, actor: 'other', action, crisisHold: true, consentCurrent: true, hasPendingRevision: true })
  })
})
