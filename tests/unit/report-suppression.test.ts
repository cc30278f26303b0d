// Complementary suppression in the commissioners' volunteering tables (src/reports/suppression.ts): no
// hidden small count can be worked out by subtracting the shown counts from a shown total.
import { describe, expect, test } from 'vitest'

import { shownVolunteerTables, suppressCells, type VolunteerFigures } from '../../src/reports/suppression.js'

const values = (entries: Record<string, number>) => new Map(Object.entries(entries))

/** The attack: for every group whose total is shown, with exactly one part hidden, that part = total − the others. */
function subtractionAttack(shown: Map<string, number | null>, groups: { total: string; parts: string[] }[]): string[] {
  const found: string[] = []
  for (const { total, parts } of groups) {
    const t = shown.get(total)
    const hidden = parts.filter((p) => shown.get(p) === null)
    if (t === null || t === undefined || hidden.length !== 1) continue
    const worked = t - parts.filter((p) => p !== hidden[0]).reduce((sum, p) => sum + (shown.get(p) ?? 0), 0)
    found.push(`${hidden[0]} = ${worked}`)
  }
  return found
}

describe('suppressCells', () => {
  const groups = [{ total: 'county', parts: ['north', 'east', 'central'] }]

  test('the attack works on primary suppression alone: county 20 − north 9 − central 9 = east 2', () => {
    const shown = new Map<string, number | null>([
      ['county', 20],
      ['north', 9],
      ['east', null],
      ['central', 9],
    ])
    expect(subtractionAttack(shown, groups)).toEqual(['east = 2'])
  })

  test('one hidden part: the next smallest part is hidden too, and the attack finds nothing', () => {
    const v = values({ county: 20, north: 9, east: 2, central: 8 })
    const { primary, secondary } = suppressCells(v, groups)
    expect([...primary]).toEqual(['east'])
    expect([...secondary]).toEqual(['central'])
    const shown = new Map([...v].map(([k, n]) => [k, primary.has(k) || secondary.has(k) ? null : n]))
    expect(subtractionAttack(shown, groups)).toEqual([])
  })

  test('two or more hidden parts already: nothing more is hidden', () => {
    const { secondary } = suppressCells(values({ county: 20, north: 15, east: 2, central: 3 }), groups)
    expect(secondary.size).toBe(0)
  })

  test('a hidden total: nothing to subtract from, nothing more is hidden', () => {
    const { primary, secondary } = suppressCells(values({ county: 4, north: 2, east: 2 }), [{ total: 'county', parts: ['north', 'east'] }])
    expect([...primary].sort()).toEqual(['county', 'east', 'north'])
    expect(secondary.size).toBe(0)
  })

  test('a single part under a shown total: the total is hidden', () => {
    const { secondary } = suppressCells(values({ county: 6, north: 2 }), [{ total: 'county', parts: ['north'] }])
    expect([...secondary]).toEqual(['county'])
  })

  test('nothing small: nothing hidden', () => {
    const { primary, secondary } = suppressCells(values({ county: 30, north: 10, east: 20 }), groups)
    expect(primary.size + secondary.size).toBe(0)
  })

  test('a cell hidden for one group that leaves another with a single hidden part is followed up (rows and columns)', () => {
    // Rows: a role across localities (totals county-*); columns: a locality's roles (totals *-all).
    //             north  east   county
    //   mentor      9     2      11
    //   cafe        7     8      15
    //   all        16    10      26
    const v = values({ 'north-mentor': 9, 'east-mentor': 2, 'county-mentor': 11, 'north-cafe': 7, 'east-cafe': 8, 'county-cafe': 15, 'north-all': 16, 'east-all': 10, 'county-all': 26 })
    const grid = [
      { total: 'county-mentor', parts: ['north-mentor', 'east-mentor'] },
      { total: 'county-cafe', parts: ['north-cafe', 'east-cafe'] },
      { total: 'county-all', parts: ['north-all', 'east-all'] },
      { total: 'north-all', parts: ['north-mentor', 'north-cafe'] },
      { total: 'east-all', parts: ['east-mentor', 'east-cafe'] },
      { total: 'county-all', parts: ['county-mentor', 'county-cafe'] },
    ]
    const { primary, secondary } = suppressCells(v, grid)
    const shown = new Map([...v].map(([k, n]) => [k, primary.has(k) || secondary.has(k) ? null : n]))
    expect(shown.get('east-mentor')).toBeNull()
    expect(subtractionAttack(shown, grid), 'no hidden cell can be worked out from any shown total').toEqual([])
  })
})

describe('shownVolunteerTables', () => {
  const row = (key: string, active: number, newThisPeriod = active): VolunteerFigures => ({ key, label: key, active, newThisPeriod })

  test('the report’s own case: county peer mentors 8, North 6, East 2 — East is "fewer than 5", and North is withheld so 8 − 6 gives nothing', () => {
    // As the int test arranges it: one North mentor also volunteers at the café; nobody is a recovery champion.
    const county = [row('peer-mentor', 8), row('volunteer', 1), row('recovery-champion', 0), row('all', 8)]
    const north = [row('peer-mentor', 6), row('volunteer', 1), row('recovery-champion', 0), row('all', 6)]
    const east = [row('peer-mentor', 2), row('volunteer', 0), row('recovery-champion', 0), row('all', 2)]
    const [c, n, e] = shownVolunteerTables([county, north, east])
    expect(e!.find((r) => r.key === 'peer-mentor')!.active).toBe('fewer than 5')
    expect(n!.find((r) => r.key === 'peer-mentor')!.active).toBe('withheld')
    expect(c!.find((r) => r.key === 'peer-mentor')!.active).toBe('8')
    // "All roles" the same way: county 8 − North 6 would give East's 2.
    expect(n!.find((r) => r.key === 'all')!.active).toBe('withheld')
    // No shown figure in the table is under 5, and a shown one is never the exact hidden count.
    for (const scope of [c!, n!, e!]) for (const r of scope) for (const v of [r.active, r.newThisPeriod]) expect(v).toMatch(/^(fewer than 5|withheld|[5-9]|\d{2,})$/)
  })

  test('large numbers everywhere: all shown as they are', () => {
    const [c, n] = shownVolunteerTables([
      [row('peer-mentor', 30), row('all', 30)],
      [row('peer-mentor', 30), row('all', 30)],
    ])
    expect(c![0]!.active).toBe('30')
    expect(n![1]!.active).toBe('30')
  })
})
