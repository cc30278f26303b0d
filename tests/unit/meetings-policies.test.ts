// Issue 5: who sees minutes and joining details, who manages meetings and reads the commissioners' report,
// how minutes move draft → approved → published, how report quotes are anonymised, and the median.
// Every table is compared with an oracle written here from the issue and the interface, not from the code.
// memberType is self-declared: it is given to actors below on purpose and must never change an answer.
import { describe, expect, it } from 'vitest'

import { canManageMeeting, canSeeJoiningDetails, canSeeMinutes, canSeeReports, decideMinutesChange } from '../../src/policies/meetingAccess.js'
import { anonymiseQuote } from '../../src/reports/anonymise.js'
import { median } from '../../src/reports/figures.js'

// =============================================================================================
// Actors
// =============================================================================================
type AnyActor = { id: number | string; roles?: string[] | null; moderatorLocalities?: (number | string | { id: number | string })[] | null } | null

const withType = <T extends object>(actor: T, memberType: string) => ({ ...actor, memberType })

// Objects built outside the call so that extra fields such as memberType are allowed by the type checker.
const ACTORS: { name: string; actor: AnyActor; kind: 'visitor' | 'signed-in' | 'moderator' | 'admin'; reporter?: boolean }[] = [
  { name: 'visitor (null)', actor: null, kind: 'visitor' },
  { name: 'member', actor: { id: 11, roles: ['member'] }, kind: 'signed-in' },
  { name: 'member, memberType professional', actor: withType({ id: 12, roles: ['member'] }, 'professional'), kind: 'signed-in' },
  { name: 'member, memberType commissioner', actor: withType({ id: 13, roles: ['member'] }, 'commissioner'), kind: 'signed-in' },
  { name: 'member with roles: []', actor: { id: 14, roles: [] }, kind: 'signed-in' },
  { name: 'member with roles: null', actor: { id: 15, roles: null }, kind: 'signed-in' },
  { name: 'member with no roles field', actor: { id: '16' }, kind: 'signed-in' },
  { name: 'reporter', actor: { id: 41, roles: ['member', 'reporter'] }, kind: 'signed-in', reporter: true },
  { name: 'reporter only', actor: { id: 42, roles: ['reporter'] }, kind: 'signed-in', reporter: true },
  { name: 'moderator, no scope', actor: { id: 21, roles: ['member', 'moderator'], moderatorLocalities: [] }, kind: 'moderator' },
  { name: 'moderator scoped to locality 5', actor: { id: 22, roles: ['moderator'], moderatorLocalities: [5] }, kind: 'moderator' },
  { name: 'moderator scoped to {id: "9"}', actor: { id: 'abc', roles: ['moderator'], moderatorLocalities: [{ id: '9' }] }, kind: 'moderator' },
  { name: 'moderator, memberType in-recovery', actor: withType({ id: 23, roles: ['moderator'] }, 'in-recovery'), kind: 'moderator' },
  { name: 'admin', actor: { id: 31, roles: ['admin'] }, kind: 'admin' },
  { name: 'admin scoped to locality 5', actor: { id: 32, roles: ['admin'], moderatorLocalities: [5] }, kind: 'admin' },
]
const isStaff = (kind: string) => kind === 'moderator' || kind === 'admin'

// =============================================================================================
// canSeeMinutes
// =============================================================================================
describe('canSeeMinutes: every actor × minutesStatus × minutesVisibility', () => {
  const STATUSES = ['draft', 'approved', 'published', null, undefined] as const
  const VISIBILITIES = ['public', 'members', null, undefined] as const

  /** undefined = the interface does not decide it, so no assertion. */
  function oracle(kind: string, status: (typeof STATUSES)[number], visibility: (typeof VISIBILITIES)[number]): boolean | undefined {
    if (isStaff(kind)) return true // moderators and admins see every state, whatever their locality scope
    if (status !== 'published') return false // draft, approved, or missing: staff only
    if (visibility === 'public') return true
    if (visibility === 'members') return kind !== 'visitor'
    // Published with no visibility recorded: the default is members-only, so visitors never see it.
    return kind === 'visitor' ? false : undefined
  }

  const cases: [string, AnyActor, (typeof STATUSES)[number], (typeof VISIBILITIES)[number], boolean][] = []
  for (const a of ACTORS)
    for (const status of STATUSES)
      for (const visibility of VISIBILITIES) {
        const want = oracle(a.kind, status, visibility)
        if (want !== undefined) cases.push([a.name, a.actor, status, visibility, want])
      }

  it.each(cases)('%s, status %s, visibility %s → %s', (_name, actor, minutesStatus, minutesVisibility, want) => {
    expect(canSeeMinutes(actor, { minutesStatus, minutesVisibility })).toBe(want)
  })

  it('a meeting object with neither field: staff only', () => {
    for (const a of ACTORS) expect(canSeeMinutes(a.actor, {}), a.name).toBe(isStaff(a.kind))
  })

  it('an unknown status or visibility never opens minutes to a visitor or a member', () => {
    const member = { id: 1, roles: ['member'] }
    for (const minutesStatus of ['Published', 'PUBLISHED', 'live', ''] as unknown as 'published'[]) {
      expect(canSeeMinutes(null, { minutesStatus, minutesVisibility: 'public' })).toBe(false)
      expect(canSeeMinutes(member, { minutesStatus, minutesVisibility: 'public' })).toBe(false)
    }
    for (const minutesVisibility of ['everyone', 'Public', ''] as unknown as 'public'[]) {
      expect(canSeeMinutes(null, { minutesStatus: 'published', minutesVisibility })).toBe(false)
    }
  })

  it('extra meeting fields (status held, other ids) do not change the answer', () => {
    const meeting = { id: 3, status: 'held', minutesStatus: 'draft' as const, minutesVisibility: 'public' as const, locality: 5 }
    expect(canSeeMinutes(null, meeting)).toBe(false)
    expect(canSeeMinutes({ id: 1, roles: ['member'] }, meeting)).toBe(false)
    expect(canSeeMinutes({ id: 2, roles: ['moderator'], moderatorLocalities: [7] }, meeting)).toBe(true)
  })
})

// =============================================================================================
// canSeeJoiningDetails
// =============================================================================================
describe('canSeeJoiningDetails', () => {
  it.each(ACTORS.map((a) => [a.name, a.actor, a.kind !== 'visitor'] as const))('%s → %s', (_name, actor, want) => {
    expect(canSeeJoiningDetails(actor)).toBe(want)
  })
})

// =============================================================================================
// canManageMeeting
// =============================================================================================
describe('canManageMeeting', () => {
  type Case = [string, AnyActor, number | string, boolean]
  const cases: Case[] = [
    ['visitor', null, 5, false],
    ['member', { id: 1, roles: ['member'] }, 5, false],
    ['member, memberType professional', withType({ id: 1, roles: ['member'] }, 'professional'), 5, false],
    ['reporter', { id: 1, roles: ['reporter', 'member'] }, 5, false],
    ['admin, any locality', { id: 1, roles: ['admin'] }, 5, true],
    ['admin, string id', { id: 1, roles: ['admin'] }, 'abc123', true],
    ['admin scoped elsewhere is still an admin', { id: 1, roles: ['admin'], moderatorLocalities: [7] }, 5, true],
    ['moderator with an empty scope', { id: 1, roles: ['moderator'], moderatorLocalities: [] }, 5, true],
    ['moderator with a null scope', { id: 1, roles: ['moderator'], moderatorLocalities: null }, 5, true],
    ['moderator with no scope field', { id: 1, roles: ['moderator'] }, 'xyz', true],
    ['moderator scoped to 5, meeting in 5', { id: 1, roles: ['moderator'], moderatorLocalities: [5] }, 5, true],
    ['moderator scoped to 5, meeting in "5"', { id: 1, roles: ['moderator'], moderatorLocalities: [5] }, '5', true],
    ['moderator scoped to "5", meeting in 5', { id: 1, roles: ['moderator'], moderatorLocalities: ['5'] }, 5, true],
    ['moderator scoped to {id: 5}, meeting in 5', { id: 1, roles: ['moderator'], moderatorLocalities: [{ id: 5 }] }, 5, true],
    ['moderator scoped to {id: "5"}, meeting in 5', { id: 1, roles: ['moderator'], moderatorLocalities: [{ id: '5' }] }, 5, true],
    ['moderator scoped to [3, 5], meeting in 5', { id: 1, roles: ['moderator'], moderatorLocalities: [3, 5] }, 5, true],
    ['moderator scoped to 5, meeting in 6', { id: 1, roles: ['moderator'], moderatorLocalities: [5] }, 6, false],
    ['moderator scoped to 5, meeting in "6"', { id: 1, roles: ['moderator'], moderatorLocalities: [5] }, '6', false],
    ['moderator scoped to 5, meeting in 55', { id: 1, roles: ['moderator'], moderatorLocalities: [5] }, 55, false],
    ['moderator scoped to 55, meeting in 5', { id: 1, roles: ['moderator'], moderatorLocalities: [55] }, 5, false],
    ['moderator scoped to {id: 5}, meeting in 6', { id: 1, roles: ['moderator'], moderatorLocalities: [{ id: 5 }] }, 6, false],
    ['moderator scoped to Mongo ids', { id: 'u1', roles: ['moderator'], moderatorLocalities: ['65f0c0ffee0000000000000a'] }, '65f0c0ffee0000000000000a', true],
    ['moderator scoped to another Mongo id', { id: 'u1', roles: ['moderator'], moderatorLocalities: ['65f0c0ffee0000000000000a'] }, '65f0c0ffee0000000000000b', false],
  ]
  it.each(cases)('%s → %s', (_name, actor, localityId, want) => {
    expect(canManageMeeting(actor, localityId)).toBe(want)
  })

  it('a scoped moderator cannot manage a meeting with no locality', () => {
    const actor = { id: 1, roles: ['moderator'], moderatorLocalities: [5] }
    expect(canManageMeeting(actor, null as unknown as number)).toBe(false)
    expect(canManageMeeting(actor, undefined as unknown as number)).toBe(false)
  })
})

// =============================================================================================
// canSeeReports
// =============================================================================================
describe('canSeeReports: moderators, admins and reporters; never memberType', () => {
  it.each(ACTORS.map((a) => [a.name, a.actor, isStaff(a.kind) || a.reporter === true] as const))('%s → %s', (_name, actor, want) => {
    expect(canSeeReports(actor)).toBe(want)
  })

  it.each(['in-recovery', 'family-carer', 'professional', 'commissioner', 'supporter'])('a member whose memberType is %s is refused', (memberType) => {
    expect(canSeeReports(withType({ id: 1, roles: ['member'] }, memberType))).toBe(false)
  })

  it('a role name in the wrong case is not a role', () => {
    expect(canSeeReports({ id: 1, roles: ['Reporter'] })).toBe(false)
    expect(canSeeReports({ id: 1, roles: ['MODERATOR'] })).toBe(false)
  })
})

// =============================================================================================
// decideMinutesChange
// =============================================================================================
describe('decideMinutesChange', () => {
  const STATES = ['draft', 'approved', 'published'] as const
  const MEETING = ['scheduled', 'held', 'cancelled'] as const
  const ALLOWED = new Set(['draft>approved', 'approved>published', 'approved>draft', 'published>draft'])

  /** undefined = not decided by the interface. */
  function oracle(from: string, to: string, meetingStatus: string, hasMinutes: boolean): boolean | undefined {
    const ready = meetingStatus === 'held' && hasMinutes
    if (from === to) {
      if (to === 'draft') return true
      return ready ? true : undefined // staying approved/published on a meeting that is not ready: unspecified
    }
    if (!ALLOWED.has(`${from}>${to}`)) return false
    if (to === 'approved' || to === 'published') return ready
    return true // back to draft needs nothing
  }

  const cases: [string, string, string, boolean, boolean][] = []
  for (const from of STATES)
    for (const to of STATES)
      for (const meetingStatus of MEETING)
        for (const hasMinutes of [true, false]) {
          const want = oracle(from, to, meetingStatus, hasMinutes)
          if (want !== undefined) cases.push([from, to, meetingStatus, hasMinutes, want])
        }

  it.each(cases)('%s → %s (meeting %s, hasMinutes %s): ok = %s', (from, to, meetingStatus, hasMinutes, want) => {
    const result = decideMinutesChange({
      from: from as (typeof STATES)[number],
      to: to as (typeof STATES)[number],
      meetingStatus: meetingStatus as (typeof MEETING)[number],
      hasMinutes,
    })
    expect(result.ok).toBe(want)
    if (!result.ok) {
      expect(typeof result.reason).toBe('string')
      expect(result.reason.trim().length).toBeGreaterThan(5)
      expect(result.reason).not.toMatch(/undefined|\[object/)
    }
  })

  it('the two refusals the interface names: draft → published and published → approved', () => {
    expect(decideMinutesChange({ from: 'draft', to: 'published', meetingStatus: 'held', hasMinutes: true }).ok).toBe(false)
    expect(decideMinutesChange({ from: 'published', to: 'approved', meetingStatus: 'held', hasMinutes: true }).ok).toBe(false)
  })

  it('approving minutes of a meeting that has not been held, or that has no minutes, is refused with a reason', () => {
    const notHeld = decideMinutesChange({ from: 'draft', to: 'approved', meetingStatus: 'scheduled', hasMinutes: true })
    const noMinutes = decideMinutesChange({ from: 'draft', to: 'approved', meetingStatus: 'held', hasMinutes: false })
    expect(notHeld.ok).toBe(false)
    expect(noMinutes.ok).toBe(false)
    if (!notHeld.ok && !noMinutes.ok) {
      expect(notHeld.reason.length).toBeGreaterThan(0)
      expect(noMinutes.reason.length).toBeGreaterThan(0)
    }
  })

  it('an unknown target state is refused', () => {
    const result = decideMinutesChange({ from: 'draft', to: 'live' as unknown as 'approved', meetingStatus: 'held', hasMinutes: true })
    expect(result.ok).toBe(false)
  })
})

// =============================================================================================
// anonymiseQuote
// =============================================================================================
describe('anonymiseQuote', () => {
  const R = '[removed]'

  describe('email addresses', () => {
    it.each([
      ['Email me at jane@example.com please', `Email me at ${R} please`],
      ['Write to jane.doe+forum@mail.example.co.uk.', `Write to ${R}.`],
      ['JOHN_SMITH99@Example.ORG is mine', `${R} is mine`],
    ])('%j → %j', (input, want) => {
      expect(anonymiseQuote(input)).toBe(want)
    })
    it('no fragment of the address survives', () => {
      const out = anonymiseQuote('Contact first.last@sub.domain.example.com or a.b-c@x.io today')
      expect(out).not.toMatch(/first|last|domain|example|a\.b-c|x\.io|@/)
      expect(out.match(/\[removed\]/g)).toHaveLength(2)
    })
  })

  describe('UK phone numbers', () => {
    it.each([
      '07700 900123',
      '07700900123',
      '07700-900-123',
      '07700 900 123',
      '+44 7700 900123',
      '+447700900123',
      '+44 7700-900-123',
      '020 7946 0018',
      '0161 496 0000',
      '01632 960001',
      '01632-960-001',
      '0800 123 4567',
    ])('%s is removed', (phone) => {
      const out = anonymiseQuote(`Ring me on ${phone} after six`)
      expect(out).toBe(`Ring me on ${R} after six`)
    })
    it('no run of the digits survives', () => {
      const out = anonymiseQuote('Mobile: 07700 900123, landline 01632 960 001, work +44 20 7946 0018.')
      expect(out).not.toMatch(/\d{3}/)
      expect(out.match(/\[removed\]/g)).toHaveLength(3)
    })
  })

  describe('URLs', () => {
    it.each([
      ['See https://example.com/my-story?id=42#top for more', `See ${R} for more`],
      ['See http://example.org/a/b for more', `See ${R} for more`],
      ['See HTTPS://EXAMPLE.COM/PATH for more', `See ${R} for more`],
    ])('%j → %j', (input, want) => {
      expect(anonymiseQuote(input)).toBe(want)
    })
    it('a www. address is a URL too', () => {
      const out = anonymiseQuote('My blog is www.janes-recovery-blog.example.com/about and more')
      expect(out).not.toMatch(/janes|blog\.example|www\./)
      expect(out).toContain(R)
    })
  })

  describe('@handles', () => {
    it.each([
      ['Follow me @jane_doe on there', `Follow me ${R} on there`],
      ['@Recovery2024 is my account', `${R} is my account`],
      ['thanks (@someone_else)!', `thanks (${R})!`],
    ])('%j → %j', (input, want) => {
      expect(anonymiseQuote(input)).toBe(want)
    })
  })

  describe('ordinary numbers and words are kept', () => {
    it.each([
      'I have been clean for 3 years.',
      'In 2019 I lost my job, and in 2021 I found the group.',
      'I was 25 when I first used, and I am 40 now.',
      'We spent £120 a week; now it is £0.',
      'The 12 steps, the 24 hour helpline, 1 in 4 people.',
      'My appointment was at 10:30 on 12/05/2019.',
      'Room 101, 2nd floor, bus 7 or 7A.',
      'Tel is short for telephone and nobody at all was named.',
      'Between 2015 and 2019 I moved 3 times.',
      'I have 2 kids aged 10 and 12, and 3 grandchildren.',
      'The years 2010 2015 2020 were the hardest.',
      'Day 365 of 1000, 0 regrets.',
    ])('%j is unchanged', (text) => {
      expect(anonymiseQuote(text)).toBe(text)
    })
  })

  it('removes everything at once and keeps the rest of the sentence', () => {
    const input = 'After 3 years I emailed kim@example.net, rang 07700 900123, posted on https://forum.example/t/1 and tagged @kim_r.'
    const out = anonymiseQuote(input)
    expect(out).toContain('After 3 years I emailed')
    expect(out).toContain('rang')
    expect(out).toContain('posted on')
    expect(out).toContain('and tagged')
    expect(out.match(/\[removed\]/g)).toHaveLength(4)
    expect(out).not.toMatch(/kim|example|07700|900123|https?:|forum\./)
  })

  describe('length cap: at most 280 characters, cut on a word boundary, with "…"', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => ['recovery', 'meeting', 'support', 'peer', 'group', 'hope', 'week', 'together'][i % 8]).join(' ')

    it('a text of 280 characters or fewer is unchanged', () => {
      const t = words(100).slice(0, 280)
      expect(t.length).toBe(280)
      expect(t).not.toMatch(/\s$/)
      expect(anonymiseQuote(t)).toBe(t)
      expect(anonymiseQuote('Short and sweet.')).toBe('Short and sweet.')
    })

    it.each([281, 300, 500, 5000])('a text of %i characters is cut', (n) => {
      const input = words(1000).slice(0, n)
      expect(input.length).toBe(n)
      const out = anonymiseQuote(input)
      expect(out.length).toBeLessThanOrEqual(280)
      expect(out.endsWith('…')).toBe(true)
      const kept = out.slice(0, -1).trimEnd()
      // A prefix of the original, ending at the end of a whole word.
      expect(input.startsWith(kept)).toBe(true)
      expect(input[kept.length]).toMatch(/\s/)
      expect(kept).not.toMatch(/\s$/)
      // Not cut absurdly short: the words here are at most 8 letters.
      expect(kept.length).toBeGreaterThan(260)
    })

    it('one enormous word is still capped', () => {
      const out = anonymiseQuote('a'.repeat(1000))
      expect(out.length).toBeLessThanOrEqual(280)
      expect(out.length).toBeGreaterThan(0)
    })

    it('removal happens before the cap: a long text never leaks a half-cut email or number at the end', () => {
      const filler = words(100).slice(0, 262)
      const input = `${filler} jane.doe@example.com and 07700 900123 later text here`
      const out = anonymiseQuote(input)
      expect(out.length).toBeLessThanOrEqual(280)
      expect(out).not.toMatch(/jane|doe|example|07700|9001/)
    })
  })

  it('an empty string stays empty', () => {
    expect(anonymiseQuote('')).toBe('')
  })
})

// =============================================================================================
// median
// =============================================================================================
describe('median', () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[5], 5],
    [[0], 0],
    [[1, 2, 3], 2],
    [[3, 1, 2], 2],
    [[1, 2, 3, 4], 2.5],
    [[4, 1, 3, 2], 2.5],
    [[1, 1000], 500.5],
    [[7, 7, 7, 7], 7],
    [[-5, 5], 0],
    [[-3, -1, -2], -2],
    [[0.5, 0.25], 0.375],
    [[10, 2, 33, 4, 100, 1], 7], // sorted numerically: 1 2 4 10 33 100 → (4 + 10) / 2, not as strings
    [[9, 10, 100], 10], // as strings "10" < "100" < "9" would give 100
  ])('median(%j) = %s', (values, want) => {
    expect(median(values)).toBe(want)
  })

  it('does not reorder or change the array it is given', () => {
    const values = [5, 3, 9, 1]
    median(values)
    expect(values).toEqual([5, 3, 9, 1])
  })

  it('agrees with a sort-based oracle on many random arrays', () => {
    let seed = 12345
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    for (let n = 1; n <= 60; n++) {
      for (let k = 0; k < 10; k++) {
        const values = Array.from({ length: n }, () => Math.round(rand() * 2000 - 1000) / 4)
        const s = [...values].sort((a, b) => a - b)
        const want = n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2
        expect(median(values), JSON.stringify(values)).toBeCloseTo(want, 10)
      }
    }
  })
})
