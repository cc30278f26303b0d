// Narrative feedback after reading a story (issue 17): the two questions, what counts as "helpful" for
// "readers who found this helpful also found…", and the thresholds below which nothing is shown.

export const FEEDBACK_QUESTIONS = ['hope', 'connection'] as const
export type FeedbackQuestion = (typeof FEEDBACK_QUESTIONS)[number]
export const FEEDBACK_ANSWERS = [1, 2, 3, 4, 5] as const

export const FEEDBACK_QUESTION_TEXT: Record<FeedbackQuestion, string> = {
  hope: 'Did this story give you hope?',
  connection: 'Did you feel a connection with the narrator?',
}
export const FEEDBACK_ANSWER_TEXT: Record<number, string> = { 1: 'Not at all', 2: 'A little', 3: 'Somewhat', 4: 'Quite a lot', 5: 'Very much' }

/** An author sees their story's totals only once this many readers have answered. */
export const MIN_READERS_FOR_TOTALS = 5
/** "Readers who found this helpful also found…" shows a pair only when at least this many readers share it. */
export const MIN_PAIR_COUNT = 5
/** How long a reader's "already answered" note is kept (one session at most). */
export const FEEDBACK_MARK_HOURS = 24

export type FeedbackAnswer = Partial<Record<FeedbackQuestion, number>>

/** The answer a form gives, or a message for a 400: each question optional, but at least one answered, each 1–5. */
export function readFeedbackAnswer(form: Record<string, unknown>): { answer: FeedbackAnswer } | { error: string } {
  const answer: FeedbackAnswer = {}
  for (const question of FEEDBACK_QUESTIONS) {
    const raw = form[question]
    if (raw === undefined || raw === '') continue
    const value = typeof raw === 'string' && /^[1-5]$/.test(raw) ? Number(raw) : NaN
    if (!Number.isInteger(value)) return { error: 'Choose an answer from 1 to 5.' }
    answer[question] = value
  }
  if (Object.keys(answer).length === 0) return { error: 'Choose an answer to at least one question.' }
  return { answer }
}

/** A reader found a story helpful when it gave them hope or a connection (4 or 5). */
export const foundHelpful = (answer: FeedbackAnswer): boolean => (answer.hope ?? 0) >= 4 || (answer.connection ?? 0) >= 4

/** The pair's key: the lower id first, so a pair has one row whichever story was answered first. */
export function pairOf(a: number | string, b: number | string): [number | string, number | string] | null {
  if (String(a) === String(b)) return null
  const numeric = typeof a === 'number' && typeof b === 'number'
  const aFirst = numeric ? (a as number) < (b as number) : String(a) < String(b)
  return aFirst ? [a, b] : [b, a]
}

export type FeedbackTotals = { readers: number; counts: Record<FeedbackQuestion, number[]> }

/** What an author may see of their story's totals: nothing below the threshold, never single answers. */
export function totalsForAuthor(totals: FeedbackTotals | null): FeedbackTotals | null {
  if (!totals || totals.readers < MIN_READERS_FOR_TOTALS) return null
  return totals
}
