// Watched words: phrases and patterns (src/moderation/pattern.ts), each with an action. The strongest
// action wins. A "context" entry is not an action of its own: a crisis match that shares words with one
// ("I used to self harm", "someone who feels suicidal", "jump at the chance") is lowered to a flag, so a
// moderator still sees it but it is not held. A crisis match anywhere else in the same text still holds it.
import { compileEntry, findSpans, type CompiledEntry, type EntryKind, type Span } from './pattern.js'
import { wordsOf } from './wordsOf.js'

export const WATCHED_ACTIONS = ['crisis', 'block', 'require-approval', 'flag', 'context'] as const
export type WatchedAction = Exclude<(typeof WATCHED_ACTIONS)[number], 'context'>
export type EntryAction = (typeof WATCHED_ACTIONS)[number]

export type WatchedWord = { phrase: string; action: EntryAction; kind?: EntryKind }
export type TriageMatch = { phrase: string; action: WatchedAction; context?: string }
export type TriageResult = { action: WatchedAction | null; matches: TriageMatch[] }

// crisis outranks block: a person in crisis must be held and helped, not just turned away.
const STRENGTH: Record<WatchedAction, number> = { crisis: 4, block: 3, 'require-approval': 2, flag: 1 }

// Entries are compiled once per text and kind; moderators' edits make new keys.
const compiled = new Map<string, CompiledEntry | null>()
function compiledEntry(word: WatchedWord): CompiledEntry | null {
  const key = `${word.kind ?? 'phrase'}\u0000${word.phrase}`
  if (!compiled.has(key)) {
    if (compiled.size > 5000) compiled.clear()
    let entry: CompiledEntry | null = null
    try {
      entry = compileEntry(word.phrase, word.kind ?? 'phrase')
    } catch {
      entry = null // a broken entry saved before validation existed matches nothing rather than failing every post
    }
    compiled.set(key, entry)
  }
  return compiled.get(key)!
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end
const spansOf = (words: readonly string[], word: WatchedWord) => {
  const entry = compiledEntry(word)
  return entry ? findSpans(words, entry) : []
}

export function triageWords(words: readonly string[], list: readonly WatchedWord[]): TriageResult {
  const contexts = list.filter((w) => w.action === 'context').map((w) => ({ phrase: w.phrase, spans: spansOf(words, w) }))
  const matches: TriageMatch[] = []
  for (const word of list) {
    if (word.action === 'context' || word.phrase.trim() === '') continue
    const spans = spansOf(words, word)
    if (spans.length === 0) continue
    if (word.action !== 'crisis') {
      matches.push({ phrase: word.phrase, action: word.action })
      continue
    }
    const uncovered = spans.filter((span) => !contexts.some((c) => c.spans.some((outer) => overlaps(span, outer))))
    if (uncovered.length > 0) matches.push({ phrase: word.phrase, action: 'crisis' })
    else matches.push({ phrase: word.phrase, action: 'flag', context: contexts.find((c) => c.spans.some((outer) => overlaps(spans[0]!, outer)))!.phrase })
  }
  const action = matches.reduce<WatchedAction | null>((best, m) => (best === null || STRENGTH[m.action] > STRENGTH[best] ? m.action : best), null)
  return { action, matches }
}

export function triageText(text: string, list: readonly WatchedWord[]): TriageResult {
  return triageWords(wordsOf(text), list)
}
