// Readers' answers after stories (issue 17), counted when read from story-feedback-answers (one row per
// answer, no reader): how many readers answered, and how many gave each answer to each question. Only
// for the ids the caller has already read as the story's author; totalsForAuthor shows nothing below
// 5 readers, and the per-answer counts are not even read for such a story.
import type { Payload, Where } from 'payload'

import { FEEDBACK_ANSWERS, FEEDBACK_QUESTIONS, totalsForAuthor, type FeedbackTotals } from '../policies/storyFeedback.js'

const countAnswers = async (payload: Payload, where: Where): Promise<number> => (await payload.count({ collection: 'story-feedback-answers', where, overrideAccess: true })).totalDocs

/** One story's totals as the author may see them, or null (fewer than 5 readers). Exact counts, no cap. */
export async function authorTotalsFor(payload: Payload, storyId: number | string): Promise<FeedbackTotals | null> {
  const story: Where = { story: { equals: storyId } }
  const readers = await countAnswers(payload, story)
  if (!totalsForAuthor({ readers, counts: { hope: [], connection: [] } })) return null
  const entries = await Promise.all(
    FEEDBACK_QUESTIONS.map(async (question) => [question, await Promise.all(FEEDBACK_ANSWERS.map((value) => countAnswers(payload, { and: [story, { [question]: { equals: value } }] })))] as const),
  )
  return totalsForAuthor({ readers, counts: Object.fromEntries(entries) as FeedbackTotals['counts'] })
}

/** Totals for several of the author's stories, keyed by story id; stories below the threshold are absent. */
export async function authorTotalsForStories(payload: Payload, storyIds: (number | string)[]): Promise<Map<string, FeedbackTotals>> {
  const out = new Map<string, FeedbackTotals>()
  const totals = await Promise.all(storyIds.map((id) => authorTotalsFor(payload, id)))
  storyIds.forEach((id, i) => {
    if (totals[i]) out.set(String(id), totals[i])
  })
  return out
}
