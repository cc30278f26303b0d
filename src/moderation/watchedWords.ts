// Watched words: phrases and patterns (src/moderation/pattern.ts), each with an action. The strongest
// action wins. Two actions only lower a crisis match to a flag, so a moderator still sees it but it is
// not held:
// - "context": a crisis match that shares words with the context match ("someone who feels suicidal",
//   "jump at the chance");
// - "past": a crisis match in the same sentence as the past-tense marker ("back in 2015 I was suicidal"),
//   unless the crisis match's own clause speaks of now (PRESENT_MARKERS: "I used to be fine but tonight I
//   want to die"); a clause ends at a comma, "and", "but" or "so".
// A crisis match anywhere else in the text still holds it.
import { compileEntry, findSpans, firstWordsOf, lookupKeys, matchAt, type CompiledEntry, type EntryKind, type Span } from './pattern.js'
import type { EntryAction, WatchedAction } from '../policies/watchedActions.js'
import { clausesOf, sentencesOf, wordsOf } from './wordsOf.js'

const LOWERING = new Set(['context', 'past'])

export type WatchedWord = { phrase: string; action: EntryAction; kind?: EntryKind; note?: string | null }
export type TriageMatch = { phrase: string; action: WatchedAction; context?: string; note?: string }
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

/**
 * A list compiled once, with an index from first words to entries: a long story is compared with
 * hundreds of entries, and only the entries that can begin at a word are tried there.
 */
type CompiledList = { entries: (CompiledEntry | null)[]; byFirstWord: Map<string, number[]>; open: number[] }
const compiledLists = new Map<string, CompiledList>()
const compiledByIdentity = new WeakMap<readonly WatchedWord[], CompiledList>()
function compileList(list: readonly WatchedWord[]): CompiledList {
  const known = compiledByIdentity.get(list)
  if (known) return known
  const key = list.map((w) => `${w.kind ?? 'phrase'}\u0001${w.action}\u0001${w.phrase}`).join('\u0002')
  let compiledList = compiledLists.get(key)
  if (!compiledList) {
    if (compiledLists.size > 20) compiledLists.clear()
    const entries = list.map(compiledEntry)
    const byFirstWord = new Map<string, number[]>()
    const open: number[] = []
    entries.forEach((entry, index) => {
      if (!entry) return
      const firsts = firstWordsOf(entry)
      if (firsts.open) open.push(index)
      for (const word of new Set(firsts.words)) byFirstWord.set(word, [...(byFirstWord.get(word) ?? []), index])
    })
    compiledList = { entries, byFirstWord, open }
    compiledLists.set(key, compiledList)
  }
  compiledByIdentity.set(list, compiledList)
  return compiledList
}

/** Every match of every entry in the text, by entry index. */
function spansOfList(words: readonly string[], compiledList: CompiledList): Map<number, Span[]> {
  const spans = new Map<number, Span[]>()
  for (let start = 0; start < words.length; start++) {
    const candidates = new Set(compiledList.open)
    for (const key of lookupKeys(words[start]!)) for (const index of compiledList.byFirstWord.get(key) ?? []) candidates.add(index)
    for (const index of candidates) {
      const end = matchAt(words, compiledList.entries[index]!, start)
      if (end >= 0) spans.set(index, [...(spans.get(index) ?? []), { start, end }])
    }
  }
  return spans
}

/** Words that put a sentence in the present, so a past-tense marker in it does not lower a crisis match. */
export const PRESENT_MARKERS: WatchedWord = {
  phrase: '[tonight|today|again|still|right now|at the moment|this week|this weekend|tomorrow|anymore|these days|lately|recently|nowadays]',
  kind: 'pattern',
  action: 'context',
}

type Positions = readonly number[]
const touched = (span: Span, of: Positions) => new Set(of.slice(span.start, span.end))

/**
 * `sentenceOf[i]` and `clauseOf[i]` number the sentence and the clause of word i (triageText works them
 * out; all one sentence and one clause when they are not given).
 */
export function triageWords(words: readonly string[], list: readonly WatchedWord[], sentenceOf: Positions = words.map(() => 0), clauseOf: Positions = sentenceOf): TriageResult {
  const found = spansOfList(words, compileList(list))
  const spansAt = (index: number) => found.get(index) ?? []
  const contexts = list.flatMap((w, index) => (w.action === 'context' ? [{ phrase: w.phrase, spans: spansAt(index) }] : []))
  const pastSentences = new Map<number, string>()
  list.forEach((past, index) => {
    if (past.action !== 'past') return
    for (const span of spansAt(index)) for (const s of touched(span, sentenceOf)) pastSentences.set(s, past.phrase)
  })
  const presentClauses = new Set(spansOf(words, PRESENT_MARKERS).flatMap((span) => [...touched(span, clauseOf)]))
  const lowererOf = (span: Span): string | null => {
    const context = contexts.find((c) => c.spans.some((outer) => overlaps(span, outer)))
    if (context) return context.phrase
    if ([...touched(span, clauseOf)].some((c) => presentClauses.has(c))) return null
    return [...touched(span, sentenceOf)].map((s) => pastSentences.get(s)).find(Boolean) ?? null
  }
  const matches: TriageMatch[] = []
  for (const [index, word] of list.entries()) {
    if (LOWERING.has(word.action) || word.phrase.trim() === '') continue
    const spans = spansAt(index)
    if (spans.length === 0) continue
    if (word.action !== 'crisis') {
      matches.push({ phrase: word.phrase, action: word.action as WatchedAction, ...(word.note ? { note: word.note } : {}) })
      continue
    }
    const lowerers = spans.map(lowererOf)
    const note = word.note ? { note: word.note } : {}
    if (lowerers.some((l) => l === null)) matches.push({ phrase: word.phrase, action: 'crisis', ...note })
    else matches.push({ phrase: word.phrase, action: 'flag', context: lowerers[0]!, ...note })
  }
  const action = matches.reduce<WatchedAction | null>((best, m) => (best === null || STRENGTH[m.action] > STRENGTH[best] ? m.action : best), null)
  return { action, matches }
}

export function triageText(text: string, list: readonly WatchedWord[]): TriageResult {
  const sentences = sentencesOf(text).map((sentence) => clausesOf(sentence).map((clause) => wordsOf(clause)))
  const clauses = sentences.flat()
  return triageWords(
    clauses.flat(),
    list,
    sentences.flatMap((sentence, index) => sentence.flat().map(() => index)),
    clauses.flatMap((words, index) => words.map(() => index)),
  )
}
