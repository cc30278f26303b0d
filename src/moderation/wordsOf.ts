// Turns what someone wrote into the words the watched-words matcher compares: lower case, no
// apostrophes, punctuation and line breaks as word breaks, digits-for-letters undone, and common
// text-speak and misspellings written out in full. Pure, so the corpus test measures exactly this.
import { SPELLING_FIXES, TEXT_SPEAK, WORD_JOINS } from './textSpeak.js'

const APOSTROPHES = /['\u2018\u2019\u02bc\u02b9`´]/g
// Inside a word that also has letters, these stand for letters ("k1ll", "d!e", "$uicide").
const LOOKALIKES: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' }
const TEXT_TOKEN = /[\p{L}\p{N}@$!]+/gu
// In an entry, * is a wildcard inside a word; in text it is just another word break.
const ENTRY_TOKEN = /[\p{L}\p{N}@$!*]+/gu

/** A word with its lookalike characters read as letters ("k1ll", "d!e"), when it is clearly a word and not a number. */
function undoLookalikes(token: string): string {
  // ! @ $ at either end are punctuation ("help!"), inside a word they stand for letters.
  const trimmed = token.replace(/^[@$!]+|[@$!]+$/g, '')
  if ((trimmed.match(/\p{L}/gu) ?? []).length < 2) return trimmed.replace(/[@$!]/g, '')
  return trimmed.replace(/[0-9@$!]/g, (ch) => LOOKALIKES[ch] ?? ch)
}

/** Normalises one raw token to zero or more words ("wanna" → "want to"). `keepStars` is for patterns. */
function expandToken(raw: string, keepStars: boolean): string[] {
  const token = keepStars ? raw.replace(/[@$!]/g, '') : raw.replace(/\*/g, '')
  if (token === '') return []
  const known = TEXT_SPEAK[token]
  if (known) return known.split(' ')
  const word = keepStars ? token : undoLookalikes(token)
  const again = TEXT_SPEAK[word]
  if (again) return again.split(' ')
  return [SPELLING_FIXES[word] ?? word]
}

/** "my self" → "myself", and the like, so either spelling matches a pattern written one way. */
function joinSplitWords(words: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < words.length; i++) {
    const joined = WORD_JOINS[`${words[i]} ${words[i + 1]}`]
    if (joined !== undefined && i + 1 < words.length) {
      out.push(joined)
      i++
    } else out.push(words[i]!)
  }
  return out
}

/** "s u i c i d a l" and "k.i.l.l" are spelled out to dodge filters: four or more lone letters in a row make one word. */
function joinSpelledOut(tokens: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < tokens.length;) {
    let j = i
    while (j < tokens.length && /^\p{L}$/u.test(tokens[j]!)) j++
    if (j - i >= 4) {
      out.push(tokens.slice(i, j).join(''))
      i = j
    } else out.push(tokens[i++]!)
  }
  return out
}

export function wordsOf(text: string, options: { keepStars?: boolean } = {}): string[] {
  const keepStars = options.keepStars === true
  const prepared = text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, '')
  const tokens = joinSpelledOut(prepared.match(keepStars ? ENTRY_TOKEN : TEXT_TOKEN) ?? [])
  // A lone "!" or "$" is punctuation: it leaves no word behind, so it cannot break up a phrase.
  return joinSplitWords(tokens.flatMap((token) => expandToken(token, keepStars)).filter((word) => word !== ''))
}

/** "soooo" and "so" compare equal only through this, and only when a letter is repeated three times or more. */
export const squeeze = (word: string): string => word.replace(/(.)\1+/gu, '$1')
export const isElongated = (word: string): boolean => /(.)\1\1/u.test(word)

/**
 * Sentences, for the reach of a past-tense marker: split at . ! ? (and "...", "?!") followed by a space or
 * the end, and at ; and line breaks. "k.i.l.l" and "want...to...die" stay whole.
 */
export const sentencesOf = (text: string): string[] => text.split(/[.!?\u2026]+(?=\s|$)|[;\n]+/u).filter((sentence) => sentence.trim() !== '')

/** Clauses inside a sentence, for the reach of "now" words: split at commas and at and, but, so. */
export const clausesOf = (sentence: string): string[] => sentence.split(/,|(?=\b(?:and|but|so)\b)/iu).filter((clause) => clause.trim() !== '')
