// Issue 12 A: the pure rules behind "a future meeting cannot be recorded as held", the report period
// and the crisis numbers. Expectations are written out by hand; no real clock is read.
import { describe, expect, it } from 'vitest'

import { CRISIS_LINES } from '../../src/policies/crisisLines.js'
import { futureRecordProblems, hasMeetingStarted, notHappenedYetMessage } from '../../src/policies/meetingRecord.js'
import { sameWeekdayOfMonth } from '../../src/policies/meetingSeries.js'
import { periodStart } from '../../src/reports/figures.js'

const NOW = new Date('2027-03-10T12:00:00.000Z')
const FUTURE = '2027-03-10T12:00:00.001Z'
const PAST = '2027-03-10T11:59:59.999Z'

describe('hasMeetingStarted', () => {
  it.each([
    [PAST, true],
    ['2027-03-10T12:00:00.000Z', true], // starting this very moment: it has started
    [FUTURE, false],
    ['2030-01-01T18:00:00.000Z', false],
    [new Date('2020-01-01T18:00:00.000Z'), true],
    [null, false],
    ['', false],
    ['not a date', false],
  ])('%s → %s', (startsAt, started) => {
    expect(hasMeetingStarted(startsAt as never, NOW)).toBe(started)
  })
})

describe('futureRecordProblems', () => {
  it('a scheduled future meeting with nothing recorded is fine', () => {
    expect(futureRecordProblems({ startsAt: FUTURE, status: 'scheduled', minutesStatus: 'draft' }, NOW)).toEqual([])
    expect(futureRecordProblems({ startsAt: FUTURE, status: 'scheduled', attendance: { total: null, firstTimers: null } }, NOW)).toEqual([])
    expect(futureRecordProblems({ startsAt: FUTURE, status: 'cancelled' }, NOW)).toEqual([])
  })

  it('held, attendance figures (0 included) and minutes past draft are each refused for a future meeting', () => {
    const problems = futureRecordProblems({ startsAt: FUTURE, status: 'held', attendance: { total: 0, firstTimers: 0 }, minutesStatus: 'approved' }, NOW)
    expect(problems.map((p) => p.path)).toEqual(['status', 'attendance.total', 'attendance.firstTimers', 'minutesStatus'])
    for (const p of problems) expect(p.message).toContain('has not happened yet')
    expect(futureRecordProblems({ startsAt: FUTURE, attendance: { total: 12 } }, NOW).map((p) => p.path)).toEqual(['attendance.total'])
    expect(futureRecordProblems({ startsAt: FUTURE, minutesStatus: 'published' }, NOW).map((p) => p.path)).toEqual(['minutesStatus'])
  })

  it('the same record is fine once the meeting has started', () => {
    expect(futureRecordProblems({ startsAt: PAST, status: 'held', attendance: { total: 30, firstTimers: 4 }, minutesStatus: 'published' }, NOW)).toEqual([])
    expect(futureRecordProblems({ startsAt: NOW, status: 'held', attendance: { total: 30, firstTimers: 4 } }, NOW)).toEqual([])
  })
})

describe('notHappenedYetMessage', () => {
  it('says so in words, with the start in London time', () => {
    const message = notHappenedYetMessage('2027-07-15T17:00:00.000Z')
    expect(message).toContain('has not happened yet')
    expect(message).toContain('Thursday 15 July 2027, 18:00')
  })
  it('still reads well without a start', () => {
    expect(notHappenedYetMessage(null)).toMatch(/^This meeting has not happened yet\. /)
  })
})

describe('periodStart: N calendar months before, same time of day, clamped to a shorter month', () => {
  it.each([
    ['2026-09-30T11:00:00.000Z', 3, '2026-06-30T11:00:00.000Z'],
    ['2026-05-31T11:00:00.000Z', 3, '2026-02-28T11:00:00.000Z'],
    ['2024-05-31T11:00:00.000Z', 3, '2024-02-29T11:00:00.000Z'],
    ['2025-12-31T12:00:00.000Z', 12, '2024-12-31T12:00:00.000Z'],
    ['2026-03-31T23:59:59.999Z', 1, '2026-02-28T23:59:59.999Z'],
    ['2026-01-15T08:30:00.000Z', 6, '2025-07-15T08:30:00.000Z'],
    ['2026-11-30T12:00:00.000Z', 24, '2024-11-30T12:00:00.000Z'],
    ['2026-08-31T06:00:00.000Z', 6, '2026-02-28T06:00:00.000Z'],
  ])('%s − %i months → %s', (now, months, since) => {
    expect(periodStart(new Date(now), months).toISOString()).toBe(since)
  })
})

describe('sameWeekdayOfMonth', () => {
  it.each([
    ['2026-01-15', 3, '2026-04-16'], // 3rd Thursday
    ['2026-01-29', 3, '2026-04-30'], // 5th Thursday → last
    ['2026-01-29', 12, '2027-01-28'], // last Thursday of January 2027 is its 4th
    ['2026-10-22', 6, '2027-04-22'], // 4th Thursday stays the 4th
    ['2027-01-31', 3, '2027-04-25'], // 5th Sunday → last Sunday
    ['2026-04-16', -3, '2026-01-15'], // backwards too
    ['2026-01-05', 0, '2026-01-05'],
  ])('%s + %i months → %s', (date, months, want) => {
    expect(sameWeekdayOfMonth(date, months)).toBe(want)
  })
})

describe('crisis numbers', () => {
  it('never hold an ordinary space, and still read as the number (U+00A0 between the groups)', () => {
    for (const line of CRISIS_LINES) expect(line.number, line.name).not.toContain(' ')
    const samaritans = CRISIS_LINES.find((l) => l.name === 'Samaritans')!
    expect(samaritans.number).toBe('116\u00a0123')
    expect(CRISIS_LINES.find((l) => l.name === 'FRANK')!.number).toBe('0300\u00a0123\u00a06600')
  })
})
