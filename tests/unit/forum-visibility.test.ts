// canSeePost, canReadForum and canModeratePost as exhaustive truth tables (issue 4, section 2
// "Visibility" and section 7 "Locality moderators"). Every viewer × post status × forum visibility ×
// thread status (for replies) × way of writing the ids is compared with an oracle written here from
// the rules, not from the implementation. A few hand-written rows check the oracle itself.
import { describe, expect, it } from 'vitest'

import { POST_STATES, canModeratePost, canReadForum, canSeePost, type ForumVisibility, type PostFacts, type PostState } from '../../src/policies/forumVisibility.js'
import type { Actor } from '../../src/policies/roles.js'

const AUTHOR_ID = 7
const HERE = 1 // the post's locality
const ELSEWHERE = 2

// ---------------------------------------------------------------------------------------------
// Viewers
// ---------------------------------------------------------------------------------------------
type ViewerKind =
  'visitor' | 'unverified member' | 'member' | 'author' | 'moderator (unscoped)' | 'moderator of this locality' | 'moderator of another locality' | 'admin' | 'author who moderates elsewhere'

type ViewerCase = { kind: ViewerKind; label: string; viewer: Actor }

const VIEWERS: ViewerCase[] = [
  { kind: 'visitor', label: 'visitor (null)', viewer: null },
  { kind: 'visitor', label: 'visitor (undefined)', viewer: undefined },
  { kind: 'unverified member', label: 'unverified member #11', viewer: { id: 11, roles: ['member'], _verified: false } },
  { kind: 'member', label: 'member #12', viewer: { id: 12, roles: ['member'], _verified: true } },
  { kind: 'member', label: 'member #13 with no roles', viewer: { id: 13, _verified: true } },
  // A member id that shares digits with the author's must not be mistaken for the author.
  { kind: 'member', label: 'member #77', viewer: { id: 77, roles: ['member'], _verified: true } },
  // A locality list without the moderator role grants nothing.
  { kind: 'member', label: 'member with moderatorLocalities but no moderator role', viewer: { id: 14, roles: ['member'], moderatorLocalities: [HERE], _verified: true } },
  { kind: 'author', label: 'author (id 7)', viewer: { id: 7, roles: ['member'], _verified: true } },
  { kind: 'author', label: 'author (id "7")', viewer: { id: '7', roles: ['member'], _verified: true } },
  { kind: 'moderator (unscoped)', label: 'moderator, moderatorLocalities []', viewer: { id: 20, roles: ['member', 'moderator'], moderatorLocalities: [] } },
  { kind: 'moderator (unscoped)', label: 'moderator, moderatorLocalities null', viewer: { id: 21, roles: ['moderator'], moderatorLocalities: null } },
  { kind: 'moderator (unscoped)', label: 'moderator, moderatorLocalities absent', viewer: { id: 22, roles: ['moderator'] } },
  { kind: 'moderator of this locality', label: 'moderator scoped [1]', viewer: { id: 23, roles: ['moderator'], moderatorLocalities: [HERE] } },
  { kind: 'moderator of this locality', label: "moderator scoped ['1']", viewer: { id: 24, roles: ['moderator'], moderatorLocalities: [String(HERE)] } },
  { kind: 'moderator of this locality', label: 'moderator scoped [{id:1}]', viewer: { id: 25, roles: ['moderator'], moderatorLocalities: [{ id: HERE }] } },
  { kind: 'moderator of this locality', label: 'moderator scoped [2, 1]', viewer: { id: 26, roles: ['moderator'], moderatorLocalities: [ELSEWHERE, HERE] } },
  { kind: 'moderator of another locality', label: 'moderator scoped [2]', viewer: { id: 27, roles: ['member', 'moderator'], moderatorLocalities: [ELSEWHERE], _verified: true } },
  { kind: 'moderator of another locality', label: "moderator scoped [{id:'2'}, 3]", viewer: { id: 28, roles: ['moderator'], moderatorLocalities: [{ id: '2' }, 3] } },
  // 11 contains the digit 1 but is not locality 1.
  { kind: 'moderator of another locality', label: 'moderator scoped [11]', viewer: { id: 29, roles: ['moderator'], moderatorLocalities: [11] } },
  { kind: 'admin', label: 'admin', viewer: { id: 30, roles: ['admin'] } },
  { kind: 'admin', label: 'admin with a scope elsewhere', viewer: { id: 31, roles: ['member', 'admin'], moderatorLocalities: [ELSEWHERE] } },
  { kind: 'author who moderates elsewhere', label: 'author, moderator scoped [2]', viewer: { id: 7, roles: ['moderator'], moderatorLocalities: [ELSEWHERE] } },
]

// ---------------------------------------------------------------------------------------------
// The post's facts
// ---------------------------------------------------------------------------------------------
type VisibilityCase = { label: string; value: ForumVisibility | null | undefined; public: boolean }
const VISIBILITIES: VisibilityCase[] = [
  { label: 'members', value: 'members', public: false },
  { label: 'public', value: 'public', public: true },
  // Not in the table: an unset visibility must fail safe (members only).
  { label: 'unset (null)', value: null, public: false },
  { label: 'unset (undefined)', value: undefined, public: false },
]

type ThreadCase = { label: string; threadStatus: PostState | undefined }
const THREAD_CASES: ThreadCase[] = [{ label: 'a thread', threadStatus: undefined }, ...POST_STATES.map((s) => ({ label: `a reply in a ${s} thread`, threadStatus: s }))]

const AUTHOR_FORMS: { label: string; authorId: PostFacts['authorId'] }[] = [
  { label: 'author 7', authorId: 7 },
  { label: "author '7'", authorId: '7' },
]
const LOCALITY_FORMS: { label: string; localityId: PostFacts['localityId'] }[] = [
  { label: 'locality 1', localityId: HERE },
  { label: "locality '1'", localityId: String(HERE) },
]

// ---------------------------------------------------------------------------------------------
// The oracle, straight from the issue.
// ---------------------------------------------------------------------------------------------
const MODERATES_HERE: ViewerKind[] = ['moderator (unscoped)', 'moderator of this locality', 'admin']
const SIGNED_IN_NON_MODERATING: ViewerKind[] = ['unverified member', 'member', 'author', 'moderator of another locality', 'author who moderates elsewhere']

function oracle(kind: ViewerKind, status: PostState, vis: VisibilityCase, threadStatus: PostState | undefined): boolean {
  // Moderators of the locality (unscoped, scoped to it, or admins): everything.
  if (MODERATES_HERE.includes(kind)) return true
  // The author always sees their own, in any state (with the banner while not published).
  if (kind === 'author' || kind === 'author who moderates elsewhere') return true
  // Everyone else, including a moderator scoped elsewhere: published only, and a reply only where its thread is.
  if (status !== 'published') return false
  if (threadStatus !== undefined && threadStatus !== 'published') return false
  if (vis.public) return true
  return SIGNED_IN_NON_MODERATING.includes(kind) // members-only forum: any signed-in member
}

type Row = {
  viewer: ViewerCase
  status: PostState
  vis: VisibilityCase
  thread: ThreadCase
  author: (typeof AUTHOR_FORMS)[number]
  locality: (typeof LOCALITY_FORMS)[number]
  expected: boolean
}
const rows: Row[] = []
for (const viewer of VIEWERS)
  for (const status of POST_STATES)
    for (const vis of VISIBILITIES)
      for (const thread of THREAD_CASES)
        for (const author of AUTHOR_FORMS)
          for (const locality of LOCALITY_FORMS) rows.push({ viewer, status, vis, thread, author, locality, expected: oracle(viewer.kind, status, vis, thread.threadStatus) })

const facts = (r: Row): PostFacts => ({
  status: r.status,
  authorId: r.author.authorId,
  localityId: r.locality.localityId,
  forumVisibility: r.vis.value,
  ...(r.thread.threadStatus === undefined ? {} : { threadStatus: r.thread.threadStatus }),
})

// ---------------------------------------------------------------------------------------------
describe('post states', () => {
  it('POST_STATES are exactly the four states of the issue', () => {
    expect([...POST_STATES].sort()).toEqual(['hidden', 'pending', 'published', 'removed'])
  })
})

describe('the oracle agrees with hand-written key rows', () => {
  const v = (label: string) => {
    const found = VISIBILITIES.find((x) => x.label === label)
    if (!found) throw new Error(`no visibility ${label}`)
    return found
  }
  it.each<[ViewerKind, PostState, string, PostState | undefined, boolean]>([
    ['visitor', 'published', 'public', undefined, true],
    ['visitor', 'published', 'members', undefined, false],
    ['visitor', 'published', 'public', 'published', true],
    ['visitor', 'published', 'public', 'hidden', false],
    ['visitor', 'pending', 'public', undefined, false],
    ['member', 'published', 'members', undefined, true],
    ['member', 'published', 'members', 'pending', false],
    ['member', 'hidden', 'public', undefined, false],
    ['unverified member', 'published', 'members', undefined, true],
    ['author', 'pending', 'members', undefined, true],
    ['author', 'removed', 'public', 'hidden', true],
    ['moderator of this locality', 'removed', 'members', 'removed', true],
    ['moderator (unscoped)', 'pending', 'members', undefined, true],
    ['admin', 'hidden', 'members', 'pending', true],
    ['moderator of another locality', 'pending', 'members', undefined, false],
    ['moderator of another locality', 'published', 'members', undefined, true],
    ['moderator of another locality', 'published', 'public', 'hidden', false],
  ])('%s / %s / %s forum / thread %s → %s', (kind, status, vis, threadStatus, expected) => {
    expect(oracle(kind, status, v(vis), threadStatus)).toBe(expected)
  })
})

describe('canSeePost: exhaustive truth table', () => {
  it(`covers every combination (${rows.length} rows)`, () => {
    expect(rows.length).toBe(VIEWERS.length * 4 * VISIBILITIES.length * 5 * AUTHOR_FORMS.length * LOCALITY_FORMS.length)
  })

  it.each(rows.map((r) => [r.viewer.label, r.status, r.vis.label, r.thread.label, r.author.label, r.locality.label, r.expected, r] as const))(
    '%s | %s | %s forum | %s | %s | %s → %s',
    (_v, _s, _vis, _t, _a, _l, expected, r) => {
      expect(canSeePost(r.viewer.viewer, facts(r))).toBe(expected)
    },
  )
})

describe('canSeePost: hand-written key rows', () => {
  const post = (over: Partial<PostFacts> = {}): PostFacts => ({ status: 'published', authorId: AUTHOR_ID, localityId: HERE, forumVisibility: 'members', ...over })
  const member = { id: 12, roles: ['member'], _verified: true }
  const modA = { id: 40, roles: ['moderator'], moderatorLocalities: [HERE] }
  const modB = { id: 41, roles: ['moderator'], moderatorLocalities: [ELSEWHERE] }

  it('a visitor sees only the "join" message in a members-only forum: no post at all', () => {
    for (const status of POST_STATES) expect(canSeePost(null, post({ status }))).toBe(false)
  })
  it('a visitor reads a published thread in a public forum', () => {
    expect(canSeePost(null, post({ forumVisibility: 'public' }))).toBe(true)
  })
  it("other members never see someone else's pending or hidden post", () => {
    expect(canSeePost(member, post({ status: 'pending' }))).toBe(false)
    expect(canSeePost(member, post({ status: 'hidden', forumVisibility: 'public' }))).toBe(false)
    expect(canSeePost(member, post({ status: 'removed' }))).toBe(false)
  })
  it('a published reply in a hidden thread is seen by neither visitors nor members', () => {
    expect(canSeePost(null, post({ forumVisibility: 'public', threadStatus: 'hidden' }))).toBe(false)
    expect(canSeePost(member, post({ threadStatus: 'hidden' }))).toBe(false)
    expect(canSeePost(member, post({ threadStatus: 'pending' }))).toBe(false)
  })
  it('the author sees their own pending post; ids compare across number and string', () => {
    expect(canSeePost({ id: '7' }, post({ status: 'pending', authorId: 7 }))).toBe(true)
    expect(canSeePost({ id: 7 }, post({ status: 'hidden', authorId: '7' }))).toBe(true)
  })
  it('a post with no author is owned by nobody', () => {
    expect(canSeePost({ id: 7 }, post({ status: 'pending', authorId: null }))).toBe(false)
    expect(canSeePost({ id: 7 }, post({ status: 'pending', authorId: undefined }))).toBe(false)
  })
  it("a locality-A moderator sees A's queue but not B's", () => {
    expect(canSeePost(modA, post({ status: 'pending' }))).toBe(true)
    expect(canSeePost(modB, post({ status: 'pending' }))).toBe(false)
    expect(canSeePost(modB, post({ status: 'hidden', forumVisibility: 'public' }))).toBe(false)
  })
  it('a scoped moderator sees no unpublished post that has no locality', () => {
    expect(canSeePost(modA, post({ status: 'pending', localityId: null }))).toBe(false)
    expect(canSeePost(modA, post({ status: 'pending', localityId: undefined }))).toBe(false)
  })
  it('an unscoped moderator and an admin see a pending post even with no locality', () => {
    expect(canSeePost({ id: 20, roles: ['moderator'] }, post({ status: 'pending', localityId: null }))).toBe(true)
    expect(canSeePost({ id: 30, roles: ['admin'] }, post({ status: 'pending', localityId: null }))).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------
describe('canReadForum: truth table', () => {
  const signedIn = (kind: ViewerKind) => kind !== 'visitor'
  const cases = VIEWERS.flatMap((viewer) => VISIBILITIES.map((vis) => ({ viewer, vis, expected: vis.public || signedIn(viewer.kind) })))
  it.each(cases.map((c) => [c.viewer.label, c.vis.label, c.expected, c] as const))('%s | %s forum → %s', (_v, _vis, expected, c) => {
    expect(canReadForum(c.viewer.viewer, c.vis.value)).toBe(expected)
  })
  it('visitors read public forums only', () => {
    expect(canReadForum(null, 'public')).toBe(true)
    expect(canReadForum(null, 'members')).toBe(false)
    expect(canReadForum(undefined, 'members')).toBe(false)
  })
})

// ---------------------------------------------------------------------------------------------
describe('canModeratePost: truth table', () => {
  const LOCALITIES: { label: string; id: number | string | null | undefined; isHere: boolean; isNone: boolean }[] = [
    { label: 'locality 1', id: HERE, isHere: true, isNone: false },
    { label: "locality '1'", id: String(HERE), isHere: true, isNone: false },
    { label: 'locality 2', id: ELSEWHERE, isHere: false, isNone: false },
    { label: 'locality 3', id: 3, isHere: false, isNone: false },
    { label: 'no locality (null)', id: null, isHere: false, isNone: true },
    { label: 'no locality (undefined)', id: undefined, isHere: false, isNone: true },
  ]

  // Scopes, written out per viewer label so locality 2 and 3 can be judged too.
  const scopeOf = (viewer: Actor): string[] | 'all' => {
    if (!viewer) return []
    const roles = viewer.roles ?? []
    if (roles.includes('admin')) return 'all'
    if (!roles.includes('moderator')) return []
    const scope = viewer.moderatorLocalities ?? []
    if (scope.length === 0) return 'all'
    return scope.map((e) => String(typeof e === 'object' ? e.id : e))
  }
  function expected(viewer: Actor, loc: (typeof LOCALITIES)[number]): boolean {
    const scope = scopeOf(viewer)
    if (scope === 'all') return true
    if (loc.isNone) return false
    return scope.includes(String(loc.id))
  }

  const cases = VIEWERS.flatMap((viewer) => LOCALITIES.map((loc) => ({ viewer, loc, expected: expected(viewer.viewer, loc) })))

  it('the scope oracle agrees with the issue for locality 1', () => {
    for (const c of cases.filter((x) => x.loc.isHere)) expect(c.expected).toBe(MODERATES_HERE.includes(c.viewer.kind))
  })

  it.each(cases.map((c) => [c.viewer.label, c.loc.label, c.expected, c] as const))('%s | %s → %s', (_v, _l, want, c) => {
    expect(canModeratePost(c.viewer.viewer, c.loc.id)).toBe(want)
  })

  it('members, visitors and authors never moderate, whatever the locality', () => {
    for (const loc of LOCALITIES) {
      expect(canModeratePost(null, loc.id)).toBe(false)
      expect(canModeratePost({ id: 7, roles: ['member'] }, loc.id)).toBe(false)
      expect(canModeratePost({ id: 14, roles: ['member'], moderatorLocalities: [HERE] }, loc.id)).toBe(false)
    }
  })
  it('a locality-A moderator cannot act on locality B', () => {
    expect(canModeratePost({ id: 40, roles: ['moderator'], moderatorLocalities: [HERE] }, ELSEWHERE)).toBe(false)
    expect(canModeratePost({ id: 40, roles: ['moderator'], moderatorLocalities: [{ id: HERE }] }, String(ELSEWHERE))).toBe(false)
  })
})
