// What an author sees of their own stories on /account/stories: where each one is, their consent in
// words, the history of its moderation as the author may see it, and a proposed redaction as a diff.
import { diffWords, type Change } from 'diff'

import { AUDIENCE_CHOICES, BYLINE_CHOICES } from '../policies/consent.js'
import { consentIsCurrent } from '../policies/storyVisibility.js'
import { authorMayEdit, authorMayWithdraw } from '../policies/storyWorkflow.js'
import { idOf } from '../db/relationId.js'
import { lexicalToMarkdown, lexicalToPlainText } from '../richtext/index.js'
import { formatLondon } from '../policies/londonTime.js'
import { storyReceivedPromise } from '../policies/postQueue.js'
import type { FeedbackTotals } from '../policies/storyFeedback.js'
import { characteristicsChanges, type Characteristics } from '../policies/storyCharacteristics.js'

type Doc = Record<string, any>

const STATUS_LABEL: Record<string, string> = {
  draft: 'Draft: only you can see it',
  submitted: 'With the moderators',
  changes_requested: 'Changes asked for',
  published: 'Published',
  unpublished: 'Unpublished by a moderator',
  withdrawn: 'Withdrawn by you',
}

const statusLabel = (status: string) => STATUS_LABEL[status] ?? status

const NOTICES: Record<string, string | ((reviewHours: number) => string)> = {
  saved: 'Your draft is saved.',
  submitted: (reviewHours) => `Thank you. Your story is with the moderators. ${storyReceivedPromise(reviewHours)} We will email you when they have decided.`,
  revision: 'Thank you. Your changes are with the moderators; the published version stays until they approve them.',
  consent: 'Your consent is saved.',
  withdrawn: 'Your story is withdrawn. It is no longer shown anywhere on Waymark.',
  accepted: 'You accepted the change. A moderator can now publish it.',
  declined: 'You kept your words. The moderator has been told.',
}

/** The sentence for `?notice=` after an author's action, if it names one (with the review promise in force). */
export function myStoryNotice(key: unknown, reviewHours: number): string | undefined {
  const notice = typeof key === 'string' && Object.hasOwn(NOTICES, key) ? NOTICES[key] : undefined
  return typeof notice === 'function' ? notice(reviewHours) : notice
}

export function consentSummary(story: Doc): string {
  if (!story.consentAudience) return 'Not given yet'
  const audience = AUDIENCE_CHOICES.find((a) => a.value === story.consentAudience)?.label ?? story.consentAudience
  const byline = story.consentByline === 'pen-name' && story.consentPenName ? `pen name "${story.consentPenName}"` : (BYLINE_CHOICES.find((b) => b.value === story.consentByline)?.label ?? '')
  if (story.consentWithdrawnAt) return 'Withdrawn'
  const current = consentIsCurrent({ audience: story.consentAudience, expiresAt: story.consentExpiresAt, withdrawnAt: story.consentWithdrawnAt })
  const until = story.consentExpiresAt ? formatLondon('numericDate', story.consentExpiresAt) : ''
  return `${audience}, signed: ${byline}. ${current ? `Until ${until}.` : `Expired on ${until}: renew it to show the story again.`}`
}

export type MyStoryRow = {
  id: number | string
  title: string
  status: string
  statusLabel: string
  consentSummary: string
  reasonForAuthor: string | null
  revisionState: string
  redactionOpen: boolean
  /** Readers' answers as counts, only from 5 readers (src/policies/storyFeedback.ts). */
  readerTotals: FeedbackTotals | null
}

export function presentMyStoryRow(doc: Doc, readerTotals: FeedbackTotals | null = null): MyStoryRow {
  return {
    id: doc.id,
    title: String(doc.title),
    status: doc.status,
    statusLabel: statusLabel(doc.status),
    consentSummary: consentSummary(doc),
    reasonForAuthor: doc.reasonForAuthor ?? null,
    revisionState: doc.revisionState ?? 'none',
    redactionOpen: doc.redaction?.state === 'open',
    readerTotals,
  }
}

export type ConsentHistoryRow = { version: number; summary: string; givenAt: string; withdrawnAt: string | null }

export function presentConsentHistory(c: Doc): ConsentHistoryRow {
  return {
    version: c.version,
    summary: `${AUDIENCE_CHOICES.find((a) => a.value === c.audience)?.label}, signed: ${c.byline === 'pen-name' && c.penName ? `pen name "${c.penName}"` : BYLINE_CHOICES.find((b) => b.value === c.byline)?.label}${c.quoteInReports ? ', quotes allowed in reports' : ''}.`,
    givenAt: c.givenAt,
    withdrawnAt: c.withdrawnAt ?? null,
  }
}

const ACTION_WORDS: Record<string, string> = {
  give_consent: 'You gave consent',
  renew_consent: 'You changed or renewed your consent',
  submit: 'You sent it to the moderators',
  approve: 'A moderator approved it',
  request_changes: 'A moderator asked for changes',
  unpublish: 'A moderator unpublished it',
  mark_safe: 'A moderator checked it',
  propose_redaction: 'A moderator suggested a change',
  accept_redaction: 'You accepted a suggested change',
  decline_redaction: 'You kept your words',
  withdraw: 'You withdrew it',
}

export type HistoryRow = { at: string; action: string; reason: string | null }

/** One moderation event as its author sees it: no private notes or names, a moderator's reason only. */
export function presentAuthorEvent(e: Doc): HistoryRow {
  return { at: e.at, action: ACTION_WORDS[e.action] ?? e.action, reason: e.actorRole === 'moderator' ? (e.reason ?? null) : null }
}

/** A moderator's proposed redaction, as a word diff against the text it would replace. */
export function presentRedaction(story: Doc, tagLabels: Map<string, string> = new Map()): { note: string; diff: Change[]; characteristics: { what: string; from: string; to: string }[] } | null {
  if (story.redaction?.state !== 'open') return null
  // Proposed characteristics, against the pending edit's when there is one, else the live story's.
  const base = story.revisionState === 'submitted' && story.revision ? story.revision : story
  const proposed = story.redaction.characteristics as Characteristics | null | undefined
  return {
    note: String(story.redaction.note ?? ''),
    characteristics: proposed
      ? characteristicsChanges(
          {
            narratorType: base.narratorType ?? null,
            recoveryStage: base.recoveryStage ?? null,
            tone: base.tone ?? null,
            themes: base.themes ?? [],
            experienceTags: (base.experienceTags ?? []).map((tag: unknown) => idOf(tag as never)!),
          },
          proposed,
          (id) => tagLabels.get(String(id)) ?? 'an experience tag',
        )
      : [],
    diff: diffWords(
      [story.title, story.summary, lexicalToPlainText(story.revisionState === 'submitted' ? story.revision?.body : story.body)].join('\n\n'),
      [story.redaction.title, story.redaction.summary, lexicalToPlainText(story.redaction.body)].join('\n\n'),
    ),
  }
}

export type MyStoryCrisisPanel = 'draft' | 'story' | 'picture' | null

/** Held for crisis words in the story, or just back from saving a picture described in crisis words. */
export function crisisPanelFor(story: Doc, support: unknown): MyStoryCrisisPanel {
  return story.crisisHold === true ? (story.status === 'draft' && story.revisionState !== 'submitted' ? 'draft' : 'story') : support === 'picture' ? 'picture' : null
}

/** The manage page's facts about the story, and what the author may still do with it. */
export function presentMyStory(story: Doc, tagLabels: Map<string, string> = new Map()) {
  return {
    story: {
      id: story.id,
      slug: story.slug,
      title: story.title,
      status: story.status,
      statusLabel: statusLabel(story.status),
      crisisHold: story.crisisHold === true,
      reasonForAuthor: story.reasonForAuthor ?? null,
      revisionState: story.revisionState ?? 'none',
    },
    consentSummary: consentSummary(story),
    canEdit: authorMayEdit(story.status),
    canWithdraw: authorMayWithdraw(story.status),
    redaction: presentRedaction(story, tagLabels),
  }
}

/** The edit form as it opens: the revision waiting for review, if any, else the story itself, as markdown. */
export function presentStoryFormValues(story: Doc) {
  const source = story.status === 'published' && story.revisionState !== 'none' ? { ...story, ...story.revision } : story
  return {
    title: source.title,
    summary: source.summary,
    body: lexicalToMarkdown(source.body),
    locality: idOf(source.locality) ? String(idOf(source.locality)) : '',
    themes: source.themes ?? [],
    contentWarnings: source.contentWarnings ?? [],
    contentWarningNote: source.contentWarningNote ?? '',
    narratorType: source.narratorType ?? '',
    experienceTags: (source.experienceTags ?? []).map((tag: unknown) => String(idOf(tag as never))),
    recoveryStage: source.recoveryStage ?? '',
    tone: source.tone ?? '',
  }
}
