// Issue 17 A: the directory's access rules, recurring times, "this week", staleness and JSON-LD escaping.
import { describe, expect, it } from 'vitest'

import {
  addMonths,
  canApproveEntry,
  canSeeEntry,
  canSuggestEntry,
  describeMeetingTime,
  directoryHref,
  firstDateFrom,
  formatMeetingTime,
  isStale,
  jsonForScript,
  meetingsThisWeek,
  meetsOn,
  meetsThisWeek,
  parseMeetingTime,
  parseMeetingTimes,
  readDirectoryFilters,
  rruleOf,
  statusOnCreate,
  thisWeek,
  type MeetingTime,
} from '../../src/policies/directory.js'

const visitor = null
const member = { id: 7, roles: ['member'], _verified: true }
const unverified = { id: 8, roles: ['member'], _verified: false }
const other = { id: 9, roles: ['member'], _verified: true }
const moderator = { id: 2, roles: ['moderator'] }
const scoped = { id: 3, roles: ['moderator'], moderatorLocalities: [1] }
const admin = { id: 1, roles: ['admin'] }

const approved = { status: 'approved', suggestionType: 'entry', suggestedBy: 7, locality: 1 }
const suggested = { status: 'suggested', suggestionType: 'entry', suggestedBy: 7, locality: 1 }
const rejected = { status: 'rejected', suggestionType: 'entry', suggestedBy: { id: 7 }, locality: 2 }
const correction = { status: 'approved', suggestionType: 'correction', suggestedBy: 7, locality: 1 }

describe('who sees a directory entry', () => {
  it.each<[string, Parameters<typeof canSeeEntry>[0], Parameters<typeof canSeeEntry>[1], boolean]>([
    ['a visitor, an approved entry', visitor, approved, true],
    ['a visitor, a suggestion', visitor, suggested, false],
    ['a visitor, an approved correction (never public)', visitor, correction, false],
    ['another member, a suggestion', other, suggested, false],
    ['another member, a rejected suggestion', other, rejected, false],
    ['the suggesting member, their suggestion', member, suggested, true],
    ['the suggesting member, their rejected suggestion (id as object)', member, rejected, true],
    ['an unscoped moderator, any suggestion', moderator, rejected, true],
    ['a moderator of the locality', scoped, suggested, true],
    ['a moderator of another locality', scoped, rejected, false],
    ['an admin', admin, rejected, true],
  ])('%s → %s', (_name, viewer, entry, expected) => {
    expect(canSeeEntry(viewer, entry)).toBe(expected)
  })
})

describe('who suggests and who approves', () => {
  it('members with a verified email suggest; visitors and unverified members do not', () => {
    expect(canSuggestEntry(member)).toBe(true)
    expect(canSuggestEntry(unverified)).toBe(false)
    expect(canSuggestEntry(visitor)).toBe(false)
  })
  it('only moderators of the locality approve', () => {
    expect(canApproveEntry(member, approved)).toBe(false)
    expect(canApproveEntry(visitor, approved)).toBe(false)
    expect(canApproveEntry(scoped, { locality: 1 })).toBe(true)
    expect(canApproveEntry(scoped, { locality: 2 })).toBe(false)
    expect(canApproveEntry(moderator, { locality: 2 })).toBe(true)
    expect(canApproveEntry(admin, { locality: { id: 5 } })).toBe(true)
  })
  it('a member’s new record is a suggestion whatever status they send', () => {
    expect(statusOnCreate(member, 'approved')).toBe('suggested')
    expect(statusOnCreate(visitor, 'approved')).toBe('suggested')
    expect(statusOnCreate(moderator, undefined)).toBe('approved')
    expect(statusOnCreate(moderator, 'suggested')).toBe('suggested')
    expect(statusOnCreate(moderator, 'nonsense')).toBe('approved')
  })
})

describe('recurring times', () => {
  it.each<[string, MeetingTime]>([
    ['Tue 19:00', { frequency: 'weekly', weekday: 'tue', week: null, time: '19:00', durationMinutes: null }],
    ['Tuesdays 19:00', { frequency: 'weekly', weekday: 'tue', week: null, time: '19:00', durationMinutes: null }],
    ['every Tuesday at 7:30', { frequency: 'weekly', weekday: 'tue', week: null, time: '07:30', durationMinutes: null }],
    ['1st Sat 10:30', { frequency: 'monthly', weekday: 'sat', week: 1, time: '10:30', durationMinutes: null }],
    ['first Saturday of the month 10:30', { frequency: 'monthly', weekday: 'sat', week: 1, time: '10:30', durationMinutes: null }],
    ['last Fri 18:00/120', { frequency: 'monthly', weekday: 'fri', week: -1, time: '18:00', durationMinutes: 120 }],
  ])('reads "%s"', (text, expected) => {
    expect(parseMeetingTime(text)).toEqual({ ok: true, value: expected })
  })
  it.each(['Tue', 'Funday 19:00', 'Tue 25:00', 'Tue 7pm', '5th Sat 10:00', 'Tue 19:00/5'])('refuses "%s" with a reason', (text) => {
    const parsed = parseMeetingTime(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error.length).toBeGreaterThan(10)
  })
  it('reads a list separated by semicolons, and writes it back the same', () => {
    const parsed = parseMeetingTimes('Tue 19:00; 1st Sat 10:30; last Fri 18:00/120')
    expect(parsed.ok).toBe(true)
    if (parsed.ok) expect(parsed.value.map(formatMeetingTime).join('; ')).toBe('Tue 19:00; 1st Sat 10:30; last Fri 18:00/120')
    expect(parseMeetingTimes('')).toEqual({ ok: true, value: [] })
    expect(parseMeetingTimes('Tue 19:00; nonsense').ok).toBe(false)
  })
  it('describes times in words', () => {
    expect(describeMeetingTime({ frequency: 'weekly', weekday: 'tue', time: '19:00' })).toBe('Tuesdays at 19:00')
    expect(describeMeetingTime({ frequency: 'monthly', weekday: 'sat', week: 1, time: '10:30' })).toBe('First Saturday of the month at 10:30')
    expect(describeMeetingTime({ frequency: 'monthly', weekday: 'fri', week: -1, time: '18:00' })).toBe('Last Friday of the month at 18:00')
  })
  it('knows the dates a time falls on', () => {
    const firstSat: MeetingTime = { frequency: 'monthly', weekday: 'sat', week: 1, time: '10:30' }
    const lastFri: MeetingTime = { frequency: 'monthly', weekday: 'fri', week: -1, time: '18:00' }
    expect(meetsOn(firstSat, '2027-01-02')).toBe(true) // Saturday 2 January 2027
    expect(meetsOn(firstSat, '2027-01-09')).toBe(false)
    expect(meetsOn(lastFri, '2027-01-29')).toBe(true)
    expect(meetsOn(lastFri, '2027-01-22')).toBe(false)
    expect(firstDateFrom(firstSat, '2027-01-03')).toBe('2027-02-06')
  })
  it('writes RFC 5545 rules', () => {
    expect(rruleOf({ frequency: 'weekly', weekday: 'tue', time: '19:00' })).toBe('FREQ=WEEKLY;BYDAY=TU')
    expect(rruleOf({ frequency: 'monthly', weekday: 'sat', week: 1, time: '10:30' })).toBe('FREQ=MONTHLY;BYDAY=1SA')
    expect(rruleOf({ frequency: 'monthly', weekday: 'fri', week: -1, time: '18:00' })).toBe('FREQ=MONTHLY;BYDAY=-1FR')
  })
})

describe('"this week"', () => {
  // Wednesday 6 January 2027, 23:30 in London (GMT).
  const now = new Date('2027-01-06T23:30:00Z')
  it('is today and the six days after, in London', () => {
    expect(thisWeek(now)).toMatchObject({ from: '2027-01-06', to: '2027-01-12' })
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    expect(thisWeek(new Date('2027-06-30T23:30:00Z')).from).toBe('2027-07-01')
  })
  it('a weekly group always meets this week; a monthly one only when its day falls in it', () => {
    expect(meetsThisWeek([{ frequency: 'weekly', weekday: 'mon', time: '19:00' }], now)).toBe(true)
    expect(meetsThisWeek([{ frequency: 'monthly', weekday: 'sat', week: 1, time: '10:00' }], now)).toBe(false) // first Sat was 2 Jan
    expect(meetsThisWeek([{ frequency: 'monthly', weekday: 'sat', week: 2, time: '10:00' }], now)).toBe(true) // 9 Jan
    expect(meetsThisWeek([], now)).toBe(false)
  })
  it('lists this week’s meetings in order', () => {
    const times: MeetingTime[] = [
      { frequency: 'weekly', weekday: 'mon', time: '19:00' },
      { frequency: 'weekly', weekday: 'thu', time: '10:00' },
    ]
    expect(meetingsThisWeek(times, now).map((m) => m.date)).toEqual(['2027-01-07', '2027-01-11'])
  })
})

describe('last checked', () => {
  const now = new Date('2027-03-15T12:00:00Z')
  it('an entry checked six months ago or more (or never) is stale', () => {
    expect(isStale('2026-09-15', now)).toBe(true)
    expect(isStale('2026-09-16', now)).toBe(false)
    expect(isStale(null, now)).toBe(true)
    expect(isStale('2027-03-01T00:00:00.000Z', now)).toBe(false)
  })
  it('adds months, clamping to the end of a month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28')
    expect(addMonths('2027-03-15', -6)).toBe('2026-09-15')
  })
})

describe('filters', () => {
  const known = { kinds: ['aa', 'na'], localities: ['preston', 'county'] }
  it('keeps only known values, and links in one order', () => {
    expect(readDirectoryFilters({ kind: 'aa', locality: 'nowhere', day: 'tue', when: 'week' }, known)).toEqual({ kind: 'aa', day: 'tue', week: true })
    expect(readDirectoryFilters({ kind: ['aa', 'na'], day: 'funday' }, known)).toEqual({})
    expect(directoryHref({ week: true, day: 'tue', kind: 'aa', locality: 'preston' })).toBe('/directory?kind=aa&locality=preston&day=tue&when=week')
    expect(directoryHref({})).toBe('/directory')
  })
})

describe('JSON-LD in a script element', () => {
  it('cannot be ended by suggested text, and reads back as the same value', () => {
    const hostile = { name: '</script><script>alert(1)</script>', note: '<!-- & \u2028' }
    const out = jsonForScript(hostile)
    expect(out).not.toMatch(/[<>&\u2028]/)
    expect(out.toLowerCase()).not.toContain('</script')
    expect(JSON.parse(out)).toEqual(hostile)
  })
})
