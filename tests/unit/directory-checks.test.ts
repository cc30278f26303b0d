// Who is told about which directory entries due a check, and in which week (src/policies/directoryChecks.ts).
import { describe, expect, test } from 'vitest'

import { checkWeekOf, directoryCheckKey, entriesDueFor } from '../../src/policies/directoryChecks.js'

const entries = [
  { id: 1, name: 'North cafe', locality: 10 },
  { id: 2, name: 'East group', locality: 20 },
  { id: 3, name: 'County line', locality: 99 },
]
const county = new Set(['99'])
const names = (list: { name: string }[]) => list.map((e) => e.name)

describe('entriesDueFor', () => {
  test('a scoped moderator: their localities and the county', () => {
    expect(names(entriesDueFor({ id: 'm', roles: ['moderator'], moderatorLocalities: [10] } as never, entries, county))).toEqual(['North cafe', 'County line'])
  })
  test('an unscoped moderator: every entry', () => {
    expect(names(entriesDueFor({ id: 'm', roles: ['moderator'], moderatorLocalities: [] } as never, entries, county))).toEqual(['North cafe', 'East group', 'County line'])
  })
  test('a member who is not a moderator: nothing, not even the county entries', () => {
    expect(entriesDueFor({ id: 'x', roles: ['member'] } as never, entries, county)).toEqual([])
  })
})

describe('checkWeekOf and the key', () => {
  test('every day of a London week gives its Monday', () => {
    expect(checkWeekOf(new Date('2027-03-01T09:00:00Z'))).toBe('2027-03-01') // Monday
    expect(checkWeekOf(new Date('2027-03-07T22:00:00Z'))).toBe('2027-03-01') // Sunday night
    expect(checkWeekOf(new Date('2027-03-08T00:30:00Z'))).toBe('2027-03-08')
    // Summer time: 23:30 UTC on Sunday is already Monday in London.
    expect(checkWeekOf(new Date('2027-06-13T23:30:00Z'))).toBe('2027-06-14')
  })
  test('the key is one per moderator per week, and a valid email key', () => {
    const key = directoryCheckKey('2027-03-01', 42)
    expect(key).toBe('dircheck-2027-03-01-42')
    expect(key).toMatch(/^[A-Za-z0-9-]{8,64}$/)
  })
})
