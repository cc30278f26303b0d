// Watched words: phrases with * wildcards, each with an action. The strongest action wins.
export const WATCHED_ACTIONS = ['crisis', 'block', 'require-approval', 'flag'] as const
export type WatchedAction = (typeof WATCHED_ACTIONS)[number]

export type WatchedWord = { phrase: string; action: WatchedAction }
export type TriageResult = { action: WatchedAction | null; matches: { phrase: string; action: WatchedAction }[] }

// crisis outranks block: a person in crisis must be held and helped, not just turned away.
const STRENGTH: Record<WatchedAction, number> = { crisis: 4, block: 3, 'require-approval': 2, flag: 1 }

/** Lower case, no apostrophes, single spaces: "Don’t  want", "don't want" and "dont want" all match. */
export function normaliseForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['\u2018\u2019\u02bc`´]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A phrase matches whole words; `*` stands for any run of letters inside a word. */
export function phrasePattern(phrase: string): RegExp {
  const body = normaliseForMatching(phrase)
    .split('*')
    .map(escapeRegExp)
    .join('[\\p{L}\\p{N}]*')
    .replace(/ /g, '\\s+')
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u')
}

export function triageText(text: string, words: readonly WatchedWord[]): TriageResult {
  const haystack = normaliseForMatching(text)
  const matches = words.filter((word) => word.phrase.trim() !== '' && phrasePattern(word.phrase).test(haystack))
  const strongest = matches.reduce<WatchedAction | null>(
    (best, match) => (best === null || STRENGTH[match.action] > STRENGTH[best] ? match.action : best),
    null,
  )
  return { action: strongest, matches: matches.map(({ phrase, action }) => ({ phrase, action })) }
}

/** The default list seeded on a new site. Words only about drugs are not here: this is a recovery community. */
export const DEFAULT_WATCHED_WORDS: WatchedWord[] = [
  { phrase: "don't want to wake up", action: 'crisis' },
  { phrase: 'do not want to wake up', action: 'crisis' },
  { phrase: 'end it all', action: 'crisis' },
  { phrase: 'kill myself', action: 'crisis' },
  { phrase: 'killing myself', action: 'crisis' },
  { phrase: 'overdose tonight', action: 'crisis' },
  { phrase: 'taken everything', action: 'flag' },
  { phrase: 'want to die', action: 'crisis' },
  { phrase: 'suicid*', action: 'flag' },
  { phrase: 'self harm*', action: 'flag' },
  { phrase: 'buy * off me', action: 'block' },
  { phrase: 'selling gear', action: 'block' },
  { phrase: 'dm me for', action: 'require-approval' },
  { phrase: 'whatsapp me', action: 'require-approval' },
]
