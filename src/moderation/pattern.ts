// Watched-word entries compiled to word matchers. Two kinds:
// - phrase:  words in order, next to each other; `*` inside a word stands for any letters
//            ("suicid*"), a lone `*` for any one word ("buy * off me").
// - pattern: a phrase with three operators, so one entry covers how people actually say it:
//            [a|b c]  any one of the alternatives (each may be several words)
//            ~N       up to N other words in between (N from 1 to 8)
//            e.g. "want ~3 [die|dead|end it]" matches "want to die", "wanna be dead" and
//            "want to just end it".
// Both sides go through wordsOf, so "wanna", "don't" and "dont" in an entry mean what they mean in text.
import { isElongated, squeeze, wordsOf } from './wordsOf.js'

export const ENTRY_KINDS = ['phrase', 'pattern'] as const
export type EntryKind = (typeof ENTRY_KINDS)[number]
export const MAX_GAP = 8

type WordMatcher = { any: true } | { any: false; test: (word: string) => boolean; exact?: string }
type Sequence = WordMatcher[]
export type CompiledEntry = { slots: Sequence[][]; gaps: number[]; canStart?: (word: string) => boolean }
export type Span = { start: number; end: number }

export class PatternError extends Error {}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

// Doubled letters are the commonest slip ("suicidall", "cuting", "tabblets"), so a written word of five
// letters or more matches when its letters, runs squeezed to one, are the entry's. Shorter words must be
// stretched (three in a row, "sooo", "diiie") to loosen: "of" is not "off", "feel" is not "fell".
const loosely = (written: string) => written.length >= 5 || isElongated(written)

// Each written word's loose form (squeezed, or null when it must match exactly), remembered: a long post
// is compared with hundreds of entries, and the regular expressions would otherwise run for each.
const looseForms = new Map<string, string | null>()
function looseForm(written: string): string | null {
  let form = looseForms.get(written)
  if (form === undefined) {
    if (looseForms.size > 50_000) looseForms.clear()
    form = loosely(written) ? squeeze(written) : null
    looseForms.set(written, form)
  }
  return form
}

function wordMatcher(word: string): WordMatcher {
  if (word === '*') return { any: true }
  if (!word.includes('*')) {
    const squeezed = squeeze(word)
    return { any: false, exact: word, test: (w) => w === word || looseForm(w) === squeezed }
  }
  const parts = word.split('*')
  const exact = new RegExp(`^${parts.map(escapeRegExp).join('[\\p{L}\\p{N}]*')}$`, 'u')
  const loose = new RegExp(`^${parts.map((p) => escapeRegExp(squeeze(p))).join('[\\p{L}\\p{N}]*')}$`, 'u')
  return { any: false, test: (w) => exact.test(w) || (looseForm(w) !== null && loose.test(looseForm(w)!)) }
}

function sequenceOf(text: string, where: string): Sequence {
  const words = wordsOf(text, { keepStars: true })
  if (words.length === 0) throw new PatternError(`${where} has no words.`)
  return words.map(wordMatcher)
}

/** Splits a pattern into bracket groups, gaps and plain text, checking the operators as it goes. */
function parsePattern(source: string): CompiledEntry {
  const slots: Sequence[][] = []
  const gaps: number[] = []
  let pendingGap: number | null = null
  const addSlot = (alternatives: Sequence[]) => {
    if (slots.length > 0) gaps.push(pendingGap ?? 0)
    pendingGap = null
    slots.push(alternatives)
  }
  const tokens = source.match(/\[[^\]]*\]|~\S*|[^[\]~]+|[[\]]/g) ?? []
  for (const token of tokens) {
    if (token.startsWith('[')) {
      if (!token.endsWith(']')) throw new PatternError('A [ has no matching ].')
      const alternatives = token.slice(1, -1).split('|')
      if (alternatives.length < 2) throw new PatternError(`${token} needs at least two alternatives separated by |.`)
      addSlot(alternatives.map((alt) => sequenceOf(alt, `An alternative in ${token}`)))
    } else if (token.startsWith('~')) {
      const n = Number(token.slice(1))
      if (!/^~\d+$/.test(token) || n < 1 || n > MAX_GAP) throw new PatternError(`${token} should be ~1 to ~${MAX_GAP}: how many other words may come in between.`)
      if (slots.length === 0 || pendingGap !== null) throw new PatternError(`${token} must stand between two words or [groups].`)
      pendingGap = n
    } else if (token === ']' || token === '[') {
      throw new PatternError(`A ${token} has no matching ${token === ']' ? '[' : ']'}.`)
    } else if (token.includes('|')) {
      throw new PatternError('| separates alternatives inside [ ], for example [die|dead].')
    } else if (token.trim() !== '') {
      for (const matcher of sequenceOf(token, 'The pattern')) addSlot([[matcher]])
    }
  }
  if (pendingGap !== null) throw new PatternError('A ~ gap must be followed by a word or [group].')
  if (slots.length === 0) throw new PatternError('The pattern has no words.')
  return { slots, gaps }
}

export function compileEntry(text: string, kind: EntryKind = 'phrase'): CompiledEntry {
  const entry = kind === 'pattern' ? parsePattern(text) : compilePhrase(text)
  return { ...entry, canStart: firstWordTest(entry.slots[0]!) }
}

function compilePhrase(text: string): CompiledEntry {
  const words = wordsOf(text, { keepStars: true })
  if (words.length === 0) throw new PatternError('The phrase has no words.')
  return { slots: words.map((word) => [[wordMatcher(word)]]), gaps: words.slice(1).map(() => 0) }
}

/**
 * A quick test of whether a word can begin a match: plain first words go in a set (and their squeezed
 * forms), so most positions of a long text are passed over without trying every alternative.
 */
function firstWordTest(firstSlot: Sequence[]): (word: string) => boolean {
  const firsts = firstSlot.map((sequence) => sequence[0]!)
  if (firsts.some((m) => m.any)) return () => true
  const plain = firsts.filter((m) => !m.any && m.exact !== undefined) as { exact: string }[]
  const wild = firsts.filter((m) => !m.any && m.exact === undefined) as { test: (word: string) => boolean }[]
  const exact = new Set(plain.map((m) => m.exact))
  const squeezed = new Set([...exact].map(squeeze))
  return (word) => exact.has(word) || squeezed.has(looseForm(word) as string) || wild.some((m) => m.test(word))
}

/** A moderator's entry checked before it is saved: a sentence to show them, or null when it is fine. */
export function entryProblem(text: string, kind: EntryKind): string | null {
  try {
    compileEntry(text, kind)
    return null
  } catch (error) {
    if (error instanceof PatternError) return error.message
    throw error
  }
}

const sequenceMatchesAt = (words: readonly string[], sequence: Sequence, at: number) => at + sequence.length <= words.length && sequence.every((m, i) => m.any || m.test(words[at + i]!))

/** The end of a match of slots[slot…] starting at `at`, or -1. Gaps are tried shortest first. */
function matchFrom(words: readonly string[], entry: CompiledEntry, slot: number, at: number): number {
  for (const sequence of entry.slots[slot]!) {
    if (!sequenceMatchesAt(words, sequence, at)) continue
    const end = at + sequence.length
    if (slot === entry.slots.length - 1) return end
    for (let gap = 0; gap <= entry.gaps[slot]!; gap++) {
      const found = matchFrom(words, entry, slot + 1, end + gap)
      if (found >= 0) return found
    }
  }
  return -1
}

/** The end of a match of the whole entry starting at word `start`, or -1. */
export const matchAt = (words: readonly string[], entry: CompiledEntry, start: number): number => matchFrom(words, entry, 0, start)

/**
 * The words an entry can begin with, for an index over many entries: `open` when a wildcard or a lone *
 * can begin it, so every position must be tried.
 */
export function firstWordsOf(entry: CompiledEntry): { words: string[]; open: boolean } {
  const firsts = entry.slots[0]!.map((sequence) => sequence[0]!)
  const open = firsts.some((m) => m.any || m.exact === undefined)
  return { words: firsts.flatMap((m) => (!m.any && m.exact !== undefined ? [m.exact, squeeze(m.exact)] : [])), open }
}

/** How a written word is looked up in such an index: as written, and in its loose form. */
export const lookupKeys = (written: string): string[] => {
  const loose = looseForm(written)
  return loose === null || loose === written ? [written] : [written, loose]
}

/** Every place the entry matches, as word positions [start, end). */
export function findSpans(words: readonly string[], entry: CompiledEntry): Span[] {
  const spans: Span[] = []
  for (let start = 0; start < words.length; start++) {
    if (entry.canStart && !entry.canStart(words[start]!)) continue
    const end = matchFrom(words, entry, 0, start)
    if (end >= 0) spans.push({ start, end })
  }
  return spans
}
