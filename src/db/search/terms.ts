// What a visitor typed, turned into plain search terms. FTS5 MATCH and to_tsquery each have a query
// language of their own (quotes, *, NEAR, :, &, |, !, parentheses), and a stray character there is a
// syntax error. So the input is never passed on: only words made of letters and digits survive, and each
// adapter writes them back quoted (toFts5Match, toTsQuery), which no input can break out of.

/** One term: a single word, or several that must stand together (a quoted phrase, or "don't", "e-mail"). */
export type SearchTerm = { words: string[]; prefix: boolean }

/** More terms than this add nothing a person would type, and each one costs the index a lookup. */
export const MAX_SEARCH_TERMS = 8
const MAX_WORDS_PER_TERM = 8
const MAX_WORD_LENGTH = 60
/** A shorter prefix matches a large part of the index ("the" → the, them, then, there, they…). */
const MIN_PREFIX_LENGTH = 4

// PostgreSQL's english stop words (Snowball), left out of unquoted terms on every adapter: PostgreSQL
// drops them anyway, and on SQLite a word in nearly every post makes the index rank most of the site.
// Inside "quoted phrases" they stay, so a phrase is still matched as written.
const STOP_WORDS = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself they them their ' +
    'theirs themselves what which who whom this that these those am is are was were be been being have has had having do does did doing a an the and ' +
    'but if or because as until while of at by for with about against between into through during before after above below to from up down in out on ' +
    'off over under again further then once here there when where why how all any both each few more most other some such no nor not only own same so ' +
    'than too very s t can will just don should now'
  ).split(' '),
)

const WORD = /[\p{L}\p{N}\p{M}]+/gu
// A "quoted phrase", or a run of anything but spaces and quotes.
const CHUNK = /"([^"]*)"?|([^\s"]+)/g

function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).slice(0, MAX_WORDS_PER_TERM).map((word) => word.slice(0, MAX_WORD_LENGTH))
}

/**
 * Quoted text is a phrase matched as written; an unquoted word also matches longer words it begins
 * (recover → recovery), the way the old substring search did. Terms are ANDed. Empty: nothing to search
 * (nothing typed but punctuation and stop words).
 */
export function parseSearchQuery(input: string): SearchTerm[] {
  const text = input.normalize('NFKC').toLowerCase()
  const terms: SearchTerm[] = []
  const seen = new Set<string>()
  for (const match of text.matchAll(CHUNK)) {
    const quoted = match[1] !== undefined
    const words = wordsOf(quoted ? match[1]! : match[2]!)
    if (words.length === 0 || (!quoted && words.every((word) => STOP_WORDS.has(word)))) continue
    const last = words[words.length - 1]!
    const term = { words, prefix: !quoted && last.length >= MIN_PREFIX_LENGTH }
    const key = `${term.words.join(' ')}${term.prefix ? '*' : ''}`
    if (seen.has(key)) continue
    seen.add(key)
    terms.push(term)
    if (terms.length === MAX_SEARCH_TERMS) break
  }
  return terms
}

/** SQLite FTS5: each term a "quoted phrase", optionally a prefix; terms side by side are ANDed. */
export function toFts5Match(terms: SearchTerm[]): string {
  // Words hold only letters, digits and marks, so no double quote can reach the phrase.
  return terms.map((term) => `"${term.words.join(' ')}"${term.prefix ? '*' : ''}`).join(' AND ')
}

/** PostgreSQL to_tsquery: each word 'quoted', a phrase joined with <->, a prefix marked :*, terms ANDed. */
export function toTsQuery(terms: SearchTerm[]): string {
  return terms
    .map((term) => {
      const words = term.words.map((word, i) => `'${word}'${term.prefix && i === term.words.length - 1 ? ':*' : ''}`)
      return words.length === 1 ? words[0]! : `(${words.join(' <-> ')})`
    })
    .join(' & ')
}
