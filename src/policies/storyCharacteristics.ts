// A moderator's proposed change to a story's characteristics (issue 17): like a redaction, it changes
// nothing until the author accepts it. Here: reading the proposal, and what the author is shown.
import { isMemberType, memberTypeLabel } from './memberTypes.js'
import { isRecoveryStage, isStoryTheme, isStoryTone, stageLabel, themeLabel, toneLabel } from './storyTaxonomy.js'

/** Characteristics as stored on a story (tags as their ids). */
export type Characteristics = { narratorType: string | null; recoveryStage: string | null; tone: string | null; themes: string[]; experienceTags: (number | string)[] }

export type ProposedCharacteristicsInput = { narratorType?: string; recoveryStage?: string; tone?: string; themes?: string[]; experienceTags?: (number | string)[] }

/** The proposal checked against the vocabularies: every value known, or blank on purpose. */
export function checkProposedCharacteristics(input: ProposedCharacteristicsInput): { ok: true; value: Characteristics } | { ok: false; reason: string } {
  const blankOr = (value: string | undefined, known: (v: unknown) => boolean, what: string): string | null | Error => {
    if (!value) return null
    return known(value) ? value : new Error(`Unknown ${what}: ${value.slice(0, 40)}.`)
  }
  const narratorType = blankOr(input.narratorType, isMemberType, 'narrator type')
  const recoveryStage = blankOr(input.recoveryStage, isRecoveryStage, 'stage of recovery')
  const tone = blankOr(input.tone, isStoryTone, 'tone')
  for (const value of [narratorType, recoveryStage, tone]) if (value instanceof Error) return { ok: false, reason: value.message }
  const themes = input.themes ?? []
  const badTheme = themes.find((t) => !isStoryTheme(t))
  if (badTheme !== undefined) return { ok: false, reason: `Unknown theme: ${String(badTheme).slice(0, 40)}.` }
  return {
    ok: true,
    value: {
      narratorType: narratorType as string | null,
      recoveryStage: recoveryStage as string | null,
      tone: tone as string | null,
      themes: [...new Set(themes)],
      experienceTags: input.experienceTags ?? [],
    },
  }
}

/** What the author reads: each characteristic as it is and as proposed, only those that would change. */
export function characteristicsChanges(current: Characteristics, proposed: Characteristics, tagLabel: (id: number | string) => string): { what: string; from: string; to: string }[] {
  const words = (values: string[]) => (values.length > 0 ? values.join(', ') : 'none')
  const one = (value: string | null, label: (v: string) => string) => (value ? label(value) : 'not given')
  const rows = [
    { what: 'Who is telling it', from: one(current.narratorType, memberTypeLabel), to: one(proposed.narratorType, memberTypeLabel) },
    { what: 'Stage of recovery', from: one(current.recoveryStage, stageLabel), to: one(proposed.recoveryStage, stageLabel) },
    { what: 'Tone', from: one(current.tone, toneLabel), to: one(proposed.tone, toneLabel) },
    { what: 'Themes', from: words(current.themes.map(themeLabel)), to: words(proposed.themes.map(themeLabel)) },
    { what: 'Experiences', from: words(current.experienceTags.map(tagLabel)), to: words(proposed.experienceTags.map(tagLabel)) },
  ]
  return rows.filter((row) => row.from !== row.to)
}
