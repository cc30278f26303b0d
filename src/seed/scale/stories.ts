// Rows for the scale seed's stories: each one approved, consented and published, as the commands
// would leave it (status, consent copied onto the story, queue order, search text), plus its consent
// record, themes and content warnings.
import { CONSENT_STATEMENT_VERSION, consentExpiry, consentStatementText, type Byline, type ConsentChoices } from '../../policies/consent.js'
import { CONTENT_WARNINGS, STORY_THEMES } from '../../policies/storyTaxonomy.js'
import type { ConsentAudience } from '../../policies/storyVisibility.js'
import { lexicalToPlainText } from '../../richtext/index.js'
import { between, paragraph, penName, pick, storyParagraphs, storyTitle, SEARCH_MARKER_SHARE, type Random } from './words.js'

const DAY = 86_400_000
/** Stories are published over the last 330 days, so every consent (12 months) is still current. */
export const STORY_SPAN_DAYS = 330

export type SeedAuthor = { id: number | string }
export type SeedLocality = { id: number | string; slug: string; forumVisibility: string }

export type StoryRows = {
  story: Record<string, unknown>
  consent: (storyId: number | string) => Record<string, unknown>
  themes: string[]
  warnings: string[]
  marked: boolean
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
export function storyRows(random: Random, index: number, total: number, now: Date, authors: SeedAuthor[], localities: SeedLocality[]): StoryRows {
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
  const warnings = random() < 0.2 ? [pick(random, CONTENT_WARNINGS).value] : []
  const submitted = submittedAt.toISOString()
  const story = {
    title,
    summary,
    body,
    locality: locality.id,
    contentWarningNote: null,
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
  return { story, consent, themes, warnings, marked }
}
