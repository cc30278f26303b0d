// Posting limits (issue 4, section 6 "Rate limits", with Discourse's defaults) and the
// moderation-settings global that holds them. Every poster × history combination is compared with an
// oracle written here from the table, not from the implementation. Fixed dates: no real clock.
import { describe, expect, it } from 'vitest'

import { DEFAULT_CANNED_REASONS, DEFAULT_MODERATION_SETTINGS, withDefaults, type ModerationSettings } from '../../src/policies/moderationSettings.js'
import { decidePostingLimit, isNewMember, retryAfterText, type LimitDecision, type PostKindForLimits, type PosterFacts, type PostingHistory } from '../../src/policies/postingLimits.js'

const NOW = new Date('2025-06-15T12:00:00.000Z') // 13:00 in London (BST)
const S = 1000
const MIN = 60 * S
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const ago = (ms: number) => new Date(NOW.getTime() - ms)
const D = DEFAULT_MODERATION_SETTINGS

// =============================================================================================
// The defaults are Discourse's, as the table says.
// =============================================================================================
describe('DEFAULT_MODERATION_SETTINGS', () => {
  it.each<[keyof ModerationSettings, number]>([
    ['postQueueThreshold', 3],
    ['flagHideThreshold', 3],
    ['newMemberHours', 24],
    ['newMemberPostIntervalSeconds', 30],
    ['memberPostIntervalSeconds', 5],
    ['newMemberMaxThreadsPerDay', 3],
    ['newMemberMaxRepliesPerDay', 10],
    ['duplicateWindowMinutes', 5],
    ['registrationsPerIpPerDay', 3],
  ])('%s defaults to %i', (key, value) => {
    expect(D[key]).toBe(value)
  })
  it('reviewHours and failedLoginsPerIpPerHour are positive numbers', () => {
    expect(D.reviewHours).toBeGreaterThan(0)
    expect(D.failedLoginsPerIpPerHour).toBeGreaterThan(0)
  })
  it('there are default canned reasons, each with a label and a text', () => {
    expect(D.cannedReasons.length).toBeGreaterThan(0)
    for (const r of D.cannedReasons) {
      expect(r.label.trim().length).toBeGreaterThan(0)
      expect(r.text.trim().length).toBeGreaterThan(0)
    }
  })
})

// =============================================================================================
// withDefaults
// =============================================================================================
const NUMERIC_KEYS = (Object.keys(D) as (keyof ModerationSettings)[]).filter((k) => k !== 'cannedReasons') as Exclude<keyof ModerationSettings, 'cannedReasons'>[]

describe('withDefaults', () => {
  it.each<[string, Parameters<typeof withDefaults>[0]]>([
    ['null', null],
    ['undefined', undefined],
    ['{}', {}],
  ])('%s gives the defaults', (_l, stored) => {
    expect(withDefaults(stored)).toEqual(D)
  })

  const BAD: [string, unknown][] = [
    ['negative', -1],
    ['negative fraction', -0.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['a numeric string', '10'],
    ['an empty string', ''],
    ['null', null],
    ['undefined', undefined],
    ['true', true],
    ['an object', { value: 4 }],
    ['an array', [4]],
  ]
  it.each(NUMERIC_KEYS.flatMap((key) => BAD.map(([label, value]) => [key, label, value] as const)))('%s: %s falls back to the default', (key, _label, value) => {
    expect(withDefaults({ [key]: value })[key]).toBe(D[key])
  })
  it.each(NUMERIC_KEYS)('%s: a sensible stored number is kept', (key) => {
    expect(withDefaults({ [key]: 7 })[key]).toBe(7)
  })
  it('one bad value does not disturb the good ones', () => {
    const s = withDefaults({ postQueueThreshold: 5, memberPostIntervalSeconds: -3, newMemberMaxRepliesPerDay: 'lots' })
    expect(s).toEqual({ ...D, postQueueThreshold: 5 })
  })
  it('unknown keys are not carried through', () => {
    const s = withDefaults({ postQueueThreshold: 4, ...({ evil: 1 } as object) } as Parameters<typeof withDefaults>[0])
    expect(Object.keys(s).sort()).toEqual(Object.keys(D).sort())
  })

  describe('cannedReasons', () => {
    it('stored reasons are kept (and only their label and text)', () => {
      const stored = [
        { label: 'Be kind', text: 'Please be kind.', id: 'abc123' },
        { label: 'No names', text: 'Take names out.' },
      ]
      expect(withDefaults({ cannedReasons: stored }).cannedReasons).toEqual([
        { label: 'Be kind', text: 'Please be kind.' },
        { label: 'No names', text: 'Take names out.' },
      ])
    })
    it('malformed entries are dropped, well-formed ones kept', () => {
      const stored = [null, { label: 'Only label' }, { label: 1, text: 'x' }, 'a string', { label: 'Ok', text: 'Fine.' }]
      expect(withDefaults({ cannedReasons: stored }).cannedReasons).toEqual([{ label: 'Ok', text: 'Fine.' }])
    })
    it.each<[string, unknown]>([
      ['missing', undefined],
      ['null', null],
      ['empty list', []],
      ['a string', 'reasons'],
      ['an object', { label: 'x', text: 'y' }],
    ])('%s → the default reasons', (_l, value) => {
      expect(withDefaults({ cannedReasons: value }).cannedReasons).toEqual(DEFAULT_CANNED_REASONS)
    })
    it('a list with no usable entry at all falls back to the defaults (a bad value, like an empty list)', () => {
      expect(withDefaults({ cannedReasons: [null, { label: 'x' }, 3] }).cannedReasons).toEqual(DEFAULT_CANNED_REASONS)
    })
  })
})

// =============================================================================================
// isNewMember
// =============================================================================================
describe('isNewMember (under the post-queue threshold, or joined less than 24 h ago)', () => {
  it.each<[string, PosterFacts, boolean]>([
    ['joined 1 h ago, 0 approved', { isModerator: false, joinedAt: ago(HOUR), approvedPostCount: 0 }, true],
    ['joined 1 h ago, 5 approved', { isModerator: false, joinedAt: ago(HOUR), approvedPostCount: 5 }, true],
    ['joined 30 days ago, 0 approved', { isModerator: false, joinedAt: ago(30 * DAY), approvedPostCount: 0 }, true],
    ['joined 30 days ago, 2 approved', { isModerator: false, joinedAt: ago(30 * DAY), approvedPostCount: 2 }, true],
    ['joined 30 days ago, 3 approved', { isModerator: false, joinedAt: ago(30 * DAY), approvedPostCount: 3 }, false],
    ['joined 24 h - 1 ms ago, 3 approved', { isModerator: false, joinedAt: ago(DAY - 1), approvedPostCount: 3 }, true],
    ['joined exactly 24 h ago, 3 approved', { isModerator: false, joinedAt: ago(DAY), approvedPostCount: 3 }, false],
    ['joined 25 h ago, 100 approved', { isModerator: false, joinedAt: ago(25 * HOUR), approvedPostCount: 100 }, false],
  ])('%s → %s', (_l, poster, expected) => {
    expect(isNewMember(poster, D, NOW)).toBe(expected)
  })
  it('follows the settings', () => {
    const poster: PosterFacts = { isModerator: false, joinedAt: ago(30 * HOUR), approvedPostCount: 3 }
    expect(isNewMember(poster, { ...D, newMemberHours: 48 }, NOW)).toBe(true)
    expect(isNewMember(poster, { ...D, postQueueThreshold: 4 }, NOW)).toBe(true)
    expect(isNewMember(poster, D, NOW)).toBe(false)
  })
})

// =============================================================================================
// decidePostingLimit: the full table
// =============================================================================================
type PosterCase = { label: string; poster: PosterFacts }
const POSTERS: PosterCase[] = [
  { label: 'brand new (1 h, 0 approved)', poster: { isModerator: false, joinedAt: ago(HOUR), approvedPostCount: 0 } },
  { label: 'first day, past the queue (23 h, 5 approved)', poster: { isModerator: false, joinedAt: ago(23 * HOUR), approvedPostCount: 5 } },
  { label: 'first day ends in 10 s (5 approved)', poster: { isModerator: false, joinedAt: ago(DAY - 10 * S), approvedPostCount: 5 } },
  { label: 'old but still queued (30 d, 2 approved)', poster: { isModerator: false, joinedAt: ago(30 * DAY), approvedPostCount: 2 } },
  { label: 'established (30 d, 3 approved)', poster: { isModerator: false, joinedAt: ago(30 * DAY), approvedPostCount: 3 } },
  { label: 'established at exactly 24 h (3 approved)', poster: { isModerator: false, joinedAt: ago(DAY), approvedPostCount: 3 } },
  { label: 'moderator joined 1 min ago', poster: { isModerator: true, joinedAt: ago(MIN), approvedPostCount: 0 } },
  { label: 'moderator (30 d)', poster: { isModerator: true, joinedAt: ago(30 * DAY), approvedPostCount: 50 } },
]
const LAST_POST: (number | null)[] = [null, 0, 1 * S, 4 * S, 4_500, 5 * S, 6 * S, 29 * S, 29_999, 30 * S, 31 * S, 10 * MIN]
const USED: { threads: number; replies: number }[] = [
  { threads: 0, replies: 0 },
  { threads: 2, replies: 9 },
  { threads: 3, replies: 10 },
  { threads: 4, replies: 11 },
]
const SAME_TEXT: (number | null)[] = [null, 1 * S, 4 * MIN + 59 * S, 5 * MIN, 5 * MIN + S, HOUR]
const POST_KINDS: PostKindForLimits[] = ['threads', 'replies']

/** Each limit that applies, with the milliseconds until it clears. */
function blockers(kind: PostKindForLimits, p: PosterFacts, h: PostingHistory, s: ModerationSettings, now: Date): { limit: string; ms: number }[] {
  const t = now.getTime()
  const out: { limit: string; ms: number }[] = []
  const sinceJoin = t - p.joinedAt.getTime()
  const firstDay = sinceJoin < s.newMemberHours * HOUR
  const isNew = p.approvedPostCount < s.postQueueThreshold || firstDay
  // Everyone: the same text again within 5 minutes.
  if (h.sameTextPostedAt && t - h.sameTextPostedAt.getTime() < s.duplicateWindowMinutes * MIN) out.push({ limit: 'duplicate', ms: h.sameTextPostedAt.getTime() + s.duplicateWindowMinutes * MIN - t })
  // Moderators keep people safe: their pace is never limited (but the same text twice is refused).
  if (p.isModerator) return out
  // New members: at most 3 threads and 10 replies in their first 24 h.
  if (firstDay) {
    const cap = kind === 'threads' ? s.newMemberMaxThreadsPerDay : s.newMemberMaxRepliesPerDay
    const used = kind === 'threads' ? h.threadsSinceJoining : h.repliesSinceJoining
    if (used >= cap) out.push({ limit: 'first-day cap', ms: s.newMemberHours * HOUR - sinceJoin })
  }
  // 30 s between posts for new members, 5 s for everyone else.
  const interval = (isNew ? s.newMemberPostIntervalSeconds : s.memberPostIntervalSeconds) * S
  if (h.lastPostAt && t - h.lastPostAt.getTime() < interval) out.push({ limit: 'interval', ms: h.lastPostAt.getTime() + interval - t })
  return out
}

type LRow = { kind: PostKindForLimits; poster: PosterCase; last: number | null; used: (typeof USED)[number]; same: number | null; history: PostingHistory }
const lrows: LRow[] = []
for (const kind of POST_KINDS)
  for (const poster of POSTERS)
    for (const last of LAST_POST)
      for (const used of USED)
        for (const same of SAME_TEXT) {
          // A repeated text was, by definition, posted no later than the last post.
          const lastPostAt = last === null ? (same === null ? null : ago(same)) : ago(same === null ? last : Math.min(last, same))
          const history: PostingHistory = { lastPostAt, threadsSinceJoining: used.threads, repliesSinceJoining: used.replies, sameTextPostedAt: same === null ? null : ago(same) }
          lrows.push({ kind, poster, last, used, same, history })
        }

const ms = (v: number | null) => (v === null ? 'never' : `${v / 1000}s ago`)

describe('decidePostingLimit: the oracle agrees with hand-written key rows', () => {
  const newbie = POSTERS[0]!.poster
  const est = POSTERS[4]!.poster
  const h = (over: Partial<PostingHistory> = {}): PostingHistory => ({ lastPostAt: null, threadsSinceJoining: 0, repliesSinceJoining: 0, sameTextPostedAt: null, ...over })
  it.each<[string, PostKindForLimits, PosterFacts, PostingHistory, string[]]>([
    ['newcomer, nothing yet', 'threads', newbie, h(), []],
    ['newcomer, 29 s after the last post', 'replies', newbie, h({ lastPostAt: ago(29 * S) }), ['interval']],
    ['newcomer, 30 s after the last post', 'replies', newbie, h({ lastPostAt: ago(30 * S) }), []],
    ['established, 4 s after', 'replies', est, h({ lastPostAt: ago(4 * S) }), ['interval']],
    ['established, 5 s after', 'replies', est, h({ lastPostAt: ago(5 * S) }), []],
    ['newcomer, 4th thread', 'threads', newbie, h({ threadsSinceJoining: 3 }), ['first-day cap']],
    ['newcomer, 3rd thread', 'threads', newbie, h({ threadsSinceJoining: 2 }), []],
    ['newcomer, 11th reply', 'replies', newbie, h({ repliesSinceJoining: 10 }), ['first-day cap']],
    ['newcomer, 4th thread but only replies capped', 'replies', newbie, h({ threadsSinceJoining: 3 }), []],
    ['established, same text 4:59 ago', 'replies', est, h({ lastPostAt: ago(299 * S), sameTextPostedAt: ago(299 * S) }), ['duplicate']],
    ['established, same text 5:01 ago', 'replies', est, h({ lastPostAt: ago(301 * S), sameTextPostedAt: ago(301 * S) }), []],
  ])('%s', (_l, kind, poster, history, limits) => {
    expect(blockers(kind, poster, history, D, NOW).map((b) => b.limit)).toEqual(limits)
  })
})

describe('decidePostingLimit: the full table (default settings)', () => {
  it(`covers every combination (${lrows.length} rows)`, () => {
    expect(lrows.length).toBe(POST_KINDS.length * POSTERS.length * LAST_POST.length * USED.length * SAME_TEXT.length)
  })

  it.each(lrows.map((r) => [r.kind, r.poster.label, ms(r.last), `${r.used.threads}t/${r.used.replies}r`, ms(r.same), r] as const))(
    '%s | %s | last post %s | used %s | same text %s',
    (_k, _p, _l, _u, _s, r) => {
      const expected = blockers(r.kind, r.poster.poster, r.history, D, NOW)
      const result: LimitDecision = decidePostingLimit(r.kind, r.poster.poster, r.history, D, NOW)
      if (expected.length === 0) {
        expect(result).toEqual({ ok: true })
        return
      }
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.reason.trim().length).toBeGreaterThan(0)
      // Positive, whole seconds, and the time until one of the limits that applies clears.
      expect(Number.isInteger(result.retryAfterSeconds)).toBe(true)
      expect(result.retryAfterSeconds).toBeGreaterThan(0)
      expect(expected.map((b) => Math.max(1, Math.ceil(b.ms / 1000)))).toContain(result.retryAfterSeconds)
      // Never longer than the longest limit (a day).
      expect(result.retryAfterSeconds).toBeLessThanOrEqual(D.newMemberHours * 3600)
    },
  )

  it('"says when to try again": trying again after retryAfterSeconds, with nothing else posted, succeeds', () => {
    // The 429 page promises a time; at that time the same request must pass. When several limits apply
    // at once, the promise must cover the one that clears last.
    const broken: string[] = []
    for (const r of lrows) {
      const first = decidePostingLimit(r.kind, r.poster.poster, r.history, D, NOW)
      if (first.ok) continue
      const later = new Date(NOW.getTime() + first.retryAfterSeconds * 1000)
      const again = decidePostingLimit(r.kind, r.poster.poster, r.history, D, later)
      if (!again.ok)
        broken.push(
          `${r.kind} | ${r.poster.label} | last ${ms(r.last)} | used ${r.used.threads}t/${r.used.replies}r | same ${ms(r.same)}: told ${first.retryAfterSeconds}s, then refused again for ${again.retryAfterSeconds}s`,
        )
    }
    expect(broken.slice(0, 8), `${broken.length} rows promise a retry time that is still refused`).toEqual([])
  })
})

describe('decidePostingLimit: hand-written key rows', () => {
  const newbie: PosterFacts = { isModerator: false, joinedAt: ago(2 * HOUR), approvedPostCount: 0 }
  const est: PosterFacts = { isModerator: false, joinedAt: ago(90 * DAY), approvedPostCount: 40 }
  const mod: PosterFacts = { isModerator: true, joinedAt: ago(MIN), approvedPostCount: 0 }
  const h = (over: Partial<PostingHistory> = {}): PostingHistory => ({ lastPostAt: null, threadsSinceJoining: 0, repliesSinceJoining: 0, sameTextPostedAt: null, ...over })
  const refused = (d: LimitDecision) => {
    expect(d.ok).toBe(false)
    return d.ok ? 0 : d.retryAfterSeconds
  }

  it('a new member waits 30 s between posts; retry is the time remaining', () => {
    expect(refused(decidePostingLimit('replies', newbie, h({ lastPostAt: ago(10 * S) }), D, NOW))).toBe(20)
    expect(decidePostingLimit('replies', newbie, h({ lastPostAt: ago(30 * S) }), D, NOW)).toEqual({ ok: true })
  })
  it('everyone else waits 5 s', () => {
    expect(refused(decidePostingLimit('replies', est, h({ lastPostAt: ago(2 * S) }), D, NOW))).toBe(3)
    expect(decidePostingLimit('threads', est, h({ lastPostAt: ago(5 * S) }), D, NOW)).toEqual({ ok: true })
    expect(decidePostingLimit('threads', est, h({ lastPostAt: ago(6 * S) }), D, NOW)).toEqual({ ok: true })
  })
  it('a member still in the post queue months after joining waits 30 s, but has no first-day cap', () => {
    const queued: PosterFacts = { isModerator: false, joinedAt: ago(90 * DAY), approvedPostCount: 1 }
    expect(refused(decidePostingLimit('replies', queued, h({ lastPostAt: ago(6 * S) }), D, NOW))).toBe(24)
    expect(decidePostingLimit('threads', queued, h({ threadsSinceJoining: 50, repliesSinceJoining: 50 }), D, NOW)).toEqual({ ok: true })
  })
  it('a member past the queue but joined under 24 h ago still counts as new (30 s)', () => {
    const fresh: PosterFacts = { isModerator: false, joinedAt: ago(3 * HOUR), approvedPostCount: 10 }
    expect(refused(decidePostingLimit('replies', fresh, h({ lastPostAt: ago(6 * S) }), D, NOW))).toBe(24)
  })
  it('the 4th thread in the first day is refused until the first day ends', () => {
    expect(decidePostingLimit('threads', newbie, h({ threadsSinceJoining: 2 }), D, NOW)).toEqual({ ok: true })
    expect(refused(decidePostingLimit('threads', newbie, h({ threadsSinceJoining: 3 }), D, NOW))).toBe(22 * 3600)
  })
  it('the 11th reply in the first day is refused until the first day ends', () => {
    expect(decidePostingLimit('replies', newbie, h({ repliesSinceJoining: 9 }), D, NOW)).toEqual({ ok: true })
    expect(refused(decidePostingLimit('replies', newbie, h({ repliesSinceJoining: 10 }), D, NOW))).toBe(22 * 3600)
  })
  it('after the first day the caps no longer apply', () => {
    const dayTwo: PosterFacts = { isModerator: false, joinedAt: ago(DAY + MIN), approvedPostCount: 3 }
    expect(decidePostingLimit('threads', dayTwo, h({ threadsSinceJoining: 3, repliesSinceJoining: 10 }), D, NOW)).toEqual({ ok: true })
    expect(decidePostingLimit('replies', dayTwo, h({ threadsSinceJoining: 3, repliesSinceJoining: 10 }), D, NOW)).toEqual({ ok: true })
  })
  it('the same text within 5 minutes is refused, for established members too', () => {
    expect(refused(decidePostingLimit('replies', est, h({ lastPostAt: ago(MIN), sameTextPostedAt: ago(MIN) }), D, NOW))).toBe(240)
    expect(decidePostingLimit('replies', est, h({ lastPostAt: ago(6 * MIN), sameTextPostedAt: ago(6 * MIN) }), D, NOW)).toEqual({ ok: true })
  })
  it('moderators are never slowed down, but the same text twice is refused for everyone', () => {
    const history = h({ lastPostAt: NOW, threadsSinceJoining: 100, repliesSinceJoining: 100 })
    expect(decidePostingLimit('threads', mod, history, D, NOW)).toEqual({ ok: true })
    expect(decidePostingLimit('replies', mod, history, D, NOW)).toEqual({ ok: true })
    expect(refused(decidePostingLimit('replies', mod, h({ ...history, sameTextPostedAt: NOW }), D, NOW))).toBe(300)
  })
  it('a sub-second remainder still asks for at least 1 second', () => {
    expect(refused(decidePostingLimit('replies', est, h({ lastPostAt: ago(4_999) }), D, NOW))).toBe(1)
  })
  it('the limits follow the settings', () => {
    const s: ModerationSettings = { ...D, memberPostIntervalSeconds: 60, newMemberMaxThreadsPerDay: 1, duplicateWindowMinutes: 1 }
    expect(refused(decidePostingLimit('replies', est, h({ lastPostAt: ago(20 * S) }), s, NOW))).toBe(40)
    expect(refused(decidePostingLimit('threads', newbie, h({ threadsSinceJoining: 1 }), s, NOW))).toBe(22 * 3600)
    expect(decidePostingLimit('replies', est, h({ lastPostAt: ago(2 * MIN), sameTextPostedAt: ago(2 * MIN) }), s, NOW)).toEqual({ ok: true })
  })
  it('an interval of 0 switches the interval limit off', () => {
    expect(decidePostingLimit('replies', est, h({ lastPostAt: NOW }), { ...D, memberPostIntervalSeconds: 0 }, NOW)).toEqual({ ok: true })
  })
})

// =============================================================================================
// retryAfterText
// =============================================================================================
describe('retryAfterText (UK clock)', () => {
  it.each<[number, Date, string]>([
    [30, NOW, 'You can try again in 30 seconds (at 13:00:30).'],
    [119, NOW, 'You can try again in 119 seconds (at 13:01:59).'],
    [120, NOW, 'You can try again in 2 minutes (at 13:02).'],
    [240, NOW, 'You can try again in 4 minutes (at 13:04).'],
    [22 * 3600, NOW, 'You can try again in 22 hours (at 11:00).'],
    [30, new Date('2025-01-15T12:00:00.000Z'), 'You can try again in 30 seconds (at 12:00:30).'],
  ])('%i s from %s', (seconds, now, expected) => {
    expect(retryAfterText(seconds, now)).toBe(expected)
  })
  it('one second says when, too', () => {
    expect(retryAfterText(1, NOW)).toMatch(/^You can try again in 1 seconds? \(at 13:00:01\)\.$/)
  })
  it('mentions the time it will be when the wait is over', () => {
    expect(retryAfterText(600, NOW)).toMatch(/10 minutes/)
    expect(retryAfterText(600, NOW)).toMatch(/13:10/)
  })
})
