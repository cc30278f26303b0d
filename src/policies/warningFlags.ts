// A story's content warnings, copied onto the story as one yes/no column each, so that "hide stories
// with these warnings" is a plain where clause. The SQL adapters answer a negated operator on a hasMany
// field (`contentWarnings: { not_in: [...] }`) row by row through a join: a story with two warnings
// still matches "not relapse" through its other one (payloadcms/payload#17770). A scalar column per
// warning has one answer per story on every adapter.
import type { Where } from 'payload'

import { CONTENT_WARNINGS } from './storyTaxonomy.js'

type WarningValue = (typeof CONTENT_WARNINGS)[number]['value']

/** The column's field name for a warning: `self-harm` → `selfHarm`. */
export const warningFlagName = (value: string): string => value.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())

export const WARNING_FLAG_NAMES: readonly string[] = CONTENT_WARNINGS.map((w) => warningFlagName(w.value))

export type WarningFlags = Record<string, boolean>

/** Every flag, true for the warnings the story carries (unknown values are ignored). */
export function warningFlagsOf(warnings: readonly unknown[] | null | undefined): WarningFlags {
  const carried = new Set((warnings ?? []).map(String))
  return Object.fromEntries(CONTENT_WARNINGS.map((w) => [warningFlagName(w.value), carried.has(w.value as WarningValue)]))
}

/** The stories without any of these warnings: one condition per known warning, on its column. */
export function withoutWarningsWhere(hiddenWarnings: readonly string[] | undefined): Where {
  const known = CONTENT_WARNINGS.map((w) => w.value as string).filter((value) => (hiddenWarnings ?? []).includes(value))
  return { and: known.map((value): Where => ({ [`warningFlags.${warningFlagName(value)}`]: { not_equals: true } })) }
}
