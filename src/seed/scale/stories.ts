// Rows for the scale seed's stories: each one approved, consented and published, as the commands
// would leave it (status, consent copied onto the story, queue order, search text), plus its consent
// record, themes, content warnings and the characteristics "stories like mine" matches on (narrator
// type, experience tags, stage, tone), spread unevenly as real stories would be: some values common,
// some rare, some left blank.
import { CONSENT_STATEMENT_VERSION, consentExpiry, consentStatementText, type Byline, type ConsentChoices } from '../../policies/consent.js'
import { MEMBER_TYPES } from '../../policies/memberTypes.js'
import { CONTENT_WARNINGS, RECOVERY_STAGES, STORY_THEMES, STORY_TONES } from '../../policies/storyTaxonomy.js'
import { warningFlagsOf } from '../../policies/warningFlags.js'
import type { ConsentAudience } from '../../policies/storyVisibility.js'
import { lexicalToPlainText } from '../../richtext/index.js'
import { between, paragraph, penName, pick, storyParagraphs, storyTitle, SEARCH_MARKER_SHARE, type Random } from './words.js'

const DAY = 86_400_000
/** Stories are published over the last 330 days, so every consent (12 months) is still current. */
export const STORY_SPAN_DAYS = 330

export type SeedAuthor = { id: number | string }
export type SeedLocality = { id: number | string; slug: string; forumVisibility: string }
/** The moderators' experience tags (the demo seed makes them), by id. */
export type SeedTag = { id: number | string }

export type StoryRows = {
  story: Record<string, unknown>
  consent: (storyId: number | string) => Record<string, unknown>
  themes: string[]
  warnings: string[]
  /** Experience tag ids, in the author's order. */
  tags: (number | string)[]
  marked: boolean
}

/** A value by weight; a weight left over means "left blank" (null). */
function weighted<T>(random: Random, entries: readonly (readonly [T, number])[]): T | null {
  let roll = random()
  for (const [value, weight] of entries) {
    if (roll < weight) return value
    roll -= weight
  }
  return null
}

const NARRATOR_WEIGHTS = [0.55, 0.22, 0.08, 0.02, 0.08] as const
const STAGE_WEIGHTS = [0.3, 0.3, 0.2, 0.12] as const
const TONE_WEIGHTS = [0.45, 0.3, 0.2] as const

/** Some tags are common (the first ones), some rare; a story has none to three. */
function tagsFor(random: Random, tags: readonly SeedTag[]): (number | string)[] {
  if (tags.length === 0) return []
  const count =
    weighted(random, [
      [1, 0.5],
      [2, 0.25],
      [3, 0.05],
    ] as const) ?? 0
  // Skewed towards the first tags: the square of a uniform roll.
  return [...new Set(Array.from({ length: count }, () => tags[Math.floor(random() ** 2 * tags.length)]!.id))]
}

function lexicalParagraphs(paragraphs: string[]) {
  const children = paragraphs.map((text) => ({
    type: 'paragraph',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: [{ type: 'text', version: 1, detail: 0, format: 0, mode: 'normal', style: '', text }],
  }))
  return { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children } }
}

const slugChars = 'abcdefghijklmnopqrstuvwxyz0123456789'
/** Random-looking like the app's own slugs; the index keeps them unique within a run. */
const slugFor = (random: Random, index: number) => `${Array.from({ length: 8 }, () => pick(random, [...slugChars])).join('')}${index.toString(36).padStart(4, '0')}`

function audienceFor(random: Random): ConsentAudience {
  return random() < 0.7 ? 'public' : 'members'
}

function bylineFor(random: Random): Byline {
  const roll = random()
  return roll < 0.4 ? 'display-name' : roll < 0.8 ? 'anonymous' : 'pen-name'
}

const statementCache = new Map<string, string>()
function statementFor(choices: ConsentChoices) {
  const key = JSON.stringify(choices)
  if (!statementCache.has(key)) statementCache.set(key, consentStatementText(choices))
  return statementCache.get(key)!
}

/** Story `index` of `total`, published between STORY_SPAN_DAYS ago and now, in index order with some jitter. */
export function storyRows(random: Random, index: number, total: number, now: Date, authors: SeedAuthor[], localities: SeedLocality[], tags: readonly SeedTag[] = []): StoryRows {
  const author = pick(random, authors)
  const locality = pick(random, localities)
  const spanStart = now.getTime() - STORY_SPAN_DAYS * DAY
  const publishedAt = new Date(Math.min(now.getTime() - 60_000, spanStart + ((index + 0.5) / total) * STORY_SPAN_DAYS * DAY + random() * 2 * DAY))
  const submittedAt = new Date(publishedAt.getTime() - between(random, 1, 72) * 3_600_000)
  const givenAt = new Date(submittedAt.getTime() - 60_000)
  const createdAt = new Date(givenAt.getTime() - between(random, 1, 14) * DAY)
  const byline = bylineFor(random)
  const choices: ConsentChoices = { audience: audienceFor(random), byline, penName: byline === 'pen-name' ? penName(random) : undefined, quoteInReports: random() < 0.5 }
  const expiresAt = consentExpiry(givenAt)
  const marked = random() < SEARCH_MARKER_SHARE
  const title = storyTitle(random, index)
  const summary = paragraph(random, 1).slice(0, 280)
  const body = lexicalParagraphs(storyParagraphs(random, marked))
  const themes = [...new Set(Array.from({ length: between(random, 1, 3) }, () => pick(random, STORY_THEMES).value))]
  const warnings = random() < 0.2 ? [...new Set(Array.from({ length: between(random, 1, 2) }, () => pick(random, CONTENT_WARNINGS).value))] : []
  const narratorType = weighted(
    random,
    MEMBER_TYPES.map((type, i) => [type.value, NARRATOR_WEIGHTS[i] ?? 0] as const),
  )
  const recoveryStage = weighted(
    random,
    RECOVERY_STAGES.map((stage, i) => [stage.value, STAGE_WEIGHTS[i] ?? 0] as const),
  )
  const tone = weighted(
    random,
    STORY_TONES.map((t, i) => [t.value, TONE_WEIGHTS[i] ?? 0] as const),
  )
  // As collections/Stories/hooks/syncWarningFlags.ts writes them, keyed like the adapter's columns.
  const flags = Object.fromEntries(Object.entries(warningFlagsOf(warnings)).map(([name, on]) => [`warningFlags_${name}`, on]))
  const submitted = submittedAt.toISOString()
  const story = {
    title,
    summary,
    body,
    locality: locality.id,
    contentWarningNote: null,
    narratorType,
    recoveryStage,
    tone,
    ...flags,
    slug: slugFor(random, index),
    author: author.id,
    status: 'published',
    crisisHold: false,
    triageMatches: [],
    consentVersion: 1,
    consentAudience: choices.audience,
    consentByline: choices.byline,
    consentPenName: choices.penName ?? null,
    consentExpiresAt: expiresAt.toISOString(),
    consentWithdrawnAt: null,
    revisionState: 'none',
    redaction_state: 'none',
    submittedAt: submitted,
    decidedAt: publishedAt.toISOString(),
    publishedAt: publishedAt.toISOString(),
    // As queueOrderFor (src/commands/stories/shared.ts) writes it for a decided story.
    queueOrder: `11${submitted}`,
    // As collections/Stories/hooks/indexSearchText.ts writes it.
    searchText: [title, summary, lexicalToPlainText(body as never)].filter(Boolean).join('\n'),
    createdAt: createdAt.toISOString(),
    updatedAt: publishedAt.toISOString(),
  }
  const consent = (storyId: number | string) => ({
    story: storyId,
    author: author.id,
    storyRef: String(storyId),
    authorRef: String(author.id),
    version: 1,
    audience: choices.audience,
    byline: choices.byline,
    penName: choices.penName ?? null,
    quoteInReports: choices.quoteInReports,
    statementVersion: CONSENT_STATEMENT_VERSION,
    statementText: statementFor(choices),
    givenAt: givenAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    withdrawnAt: null,
    tombstone: false,
    createdAt: givenAt.toISOString(),
    updatedAt: givenAt.toISOString(),
  })
  return { story, consent, themes, warnings, tags: tagsFor(random, tags), marked }
}
