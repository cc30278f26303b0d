// Statistical disclosure control for the commissioners' report's tables of people (volunteering).
//
// Primary suppression: a count under 5 is shown as "fewer than 5" (src/reports/figures.ts).
// Complementary (secondary) suppression: a table's totals let a hidden count be worked out by subtraction
// (the county's peer mentors minus every other locality's = the one locality hidden). So in every group of
// cells that add up to a shown total (a role across the localities, with the county-wide figure; a
// locality's roles, with "All roles"), a single hidden part is never left alone: the smallest other part
// is hidden too, or, with no other part to hide, the total. Hiding one cell can leave another group with a
// single hidden part, so this repeats until nothing changes. Pure, so the rule is tested on its own.
import { FEWER_THAN, SMALL_NUMBER, WITHHELD } from './figures.js'

/** Cells that add up to `total` (or, where one person counts in several parts, to at least it). */
export type SuppressionGroup = { total: string; parts: readonly string[] }

export type Suppressed = { primary: Set<string>; secondary: Set<string> }

/** Which cells (by key) to hide: those under `threshold`, and those hidden so none of them can be worked out. */
export function suppressCells(values: ReadonlyMap<string, number>, groups: readonly SuppressionGroup[], threshold = SMALL_NUMBER): Suppressed {
  const primary = new Set([...values].filter(([, value]) => value < threshold).map(([key]) => key))
  const secondary = new Set<string>()
  const hidden = (key: string) => primary.has(key) || secondary.has(key)
  const valueOf = (key: string) => values.get(key) ?? 0
  for (let changed = true; changed;) {
    changed = false
    for (const group of groups) {
      if (hidden(group.total)) continue
      const parts = group.parts.filter((key) => values.has(key))
      if (parts.filter(hidden).length !== 1) continue
      // The smallest part still shown (ties: the first), so as little as possible is lost; else the total.
      const next = parts.filter((key) => !hidden(key)).sort((a, b) => valueOf(a) - valueOf(b))[0] ?? group.total
      secondary.add(next)
      changed = true
    }
  }
  return { primary, secondary }
}

/** One scope's row for a kind of role: people counted, before anything is hidden. */
export type VolunteerFigures = { key: string; label: string; active: number; newThisPeriod: number }
export type ShownVolunteerFigures = { key: string; label: string; active: string; newThisPeriod: string }

const MEASURES = ['active', 'newThisPeriod'] as const

/**
 * The volunteering tables as shown: scopes[0] is county-wide (the total of the localities that follow), and
 * each scope's row `totalKey` ("All roles") the total of its other rows. Each measure is its own table.
 */
export function shownVolunteerTables(scopes: readonly (readonly VolunteerFigures[])[], totalKey = 'all', threshold = SMALL_NUMBER): ShownVolunteerFigures[][] {
  const cell = (measure: string, scope: number, key: string) => `${measure}|${scope}|${key}`
  const values = new Map<string, number>()
  const groups: SuppressionGroup[] = []
  const keys = [...new Set(scopes.flatMap((rows) => rows.map((row) => row.key)))]
  for (const measure of MEASURES) {
    scopes.forEach((rows, scope) => rows.forEach((row) => values.set(cell(measure, scope, row.key), row[measure])))
    // A role across the localities, with its county-wide figure.
    for (const key of keys) groups.push({ total: cell(measure, 0, key), parts: scopes.slice(1).map((_, i) => cell(measure, i + 1, key)) })
    // A scope's roles, with its "All roles" figure.
    scopes.forEach((_, scope) => groups.push({ total: cell(measure, scope, totalKey), parts: keys.filter((key) => key !== totalKey).map((key) => cell(measure, scope, key)) }))
  }
  const { primary, secondary } = suppressCells(values, groups, threshold)
  const shown = (key: string) => (primary.has(key) ? FEWER_THAN : secondary.has(key) ? WITHHELD : String(values.get(key) ?? 0))
  return scopes.map((rows, scope) =>
    rows.map((row) => ({ key: row.key, label: row.label, active: shown(cell('active', scope, row.key)), newThisPeriod: shown(cell('newThisPeriod', scope, row.key)) })),
  )
}
