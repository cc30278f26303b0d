// What a visitor types becomes plain terms (src/db/search/terms.ts); FTS5 MATCH and to_tsquery only ever
// receive those terms, quoted, whatever was typed.
import { describe, expect, it } from 'vitest'

import { MAX_SEARCH_TERMS, parseSearchQuery, toFts5Match, toTsQuery } from '../../src/db/search/terms.js'

const FTS5_SHAPE = /^"[\p{L}\p{N}\p{M}]+(?: [\p{L}\p{N}\p{M}]+)*"\*?(?: AND "[\p{L}\p{N}\p{M}]+(?: [\p{L}\p{N}\p{M}]+)*"\*?)*$/u
const TSQUERY_TERM = String.raw`'[\p{L}\p{N}\p{M}]+'(?::\*)?`
const TSQUERY_SHAPE = new RegExp(`^(?:${TSQUERY_TERM}|\\(${TSQUERY_TERM}(?: <-> ${TSQUERY_TERM})+\\))(?: & (?:${TSQUERY_TERM}|\\(${TSQUERY_TERM}(?: <-> ${TSQUERY_TERM})+\\)))*$`, 'u')

describe('parseSearchQuery', () => {
  it('words are ANDed; a word of four letters or more also matches longer words it begins', () => {
    expect(parseSearchQuery('Walking Group day')).toEqual([
      { words: ['walking'], prefix: true },
      { words: ['group'], prefix: true },
      { words: ['day'], prefix: false },
    ])
  })

  it('a "quoted phrase" is matched as written, stop words and all; an unclosed quote runs to the end', () => {
    expect(parseSearchQuery('"the long road" home')).toEqual([
      { words: ['the', 'long', 'road'], prefix: false },
      { words: ['home'], prefix: true },
    ])
    expect(parseSearchQuery('"long road')).toEqual([{ words: ['long', 'road'], prefix: false }])
  })

  it('stop words alone are left out, and a query of nothing else searches for nothing', () => {
    expect(parseSearchQuery('the road to')).toEqual([{ words: ['road'], prefix: true }])
    expect(parseSearchQuery('the and of')).toEqual([])
    expect(parseSearchQuery(`*:&|!()<->"'\\`)).toEqual([])
  })

  it('punctuation inside a word keeps its parts together (e-mail, title:word)', () => {
    expect(parseSearchQuery('e-mail')).toEqual([{ words: ['e', 'mail'], prefix: true }])
    expect(parseSearchQuery('NEAR(recovery')).toEqual([{ words: ['near', 'recovery'], prefix: true }])
  })

  it('at most MAX_SEARCH_TERMS terms, each word at most 60 characters, repeats once', () => {
    expect(parseSearchQuery(Array.from({ length: 50 }, (_, i) => `word${i}`).join(' '))).toHaveLength(MAX_SEARCH_TERMS)
    expect(parseSearchQuery('x'.repeat(500))[0]!.words[0]).toHaveLength(60)
    expect(parseSearchQuery('road road Road')).toHaveLength(1)
  })
})

describe('toFts5Match and toTsQuery only ever write quoted words', () => {
  const nasty = ['"', '*', 'NEAR(a b)', 'a:b', 'a & b | !c', '(x) OR NOT y', "it's", "'quoted'", 'x"y"z', '\u0000a', '😀 ok', 'ĺöñg wörd', 'a\\"b', '{title}: x', '-x +y ^z']
  it.each(nasty)('%s', (input) => {
    const terms = parseSearchQuery(input)
    if (terms.length === 0) return
    expect(toFts5Match(terms)).toMatch(FTS5_SHAPE)
    expect(toTsQuery(terms)).toMatch(TSQUERY_SHAPE)
  })

  it('random input never breaks the shape', () => {
    const alphabet = `ab"*():&|!'<->^-+{}\\ \t\n😀é`
    for (let i = 0; i < 2000; i++) {
      const input = Array.from({ length: 1 + ((i * 7) % 40) }, (_, j) => alphabet[(i * 31 + j * 17) % alphabet.length]).join('')
      const terms = parseSearchQuery(input)
      if (terms.length === 0) continue
      expect(toFts5Match(terms), input).toMatch(FTS5_SHAPE)
      expect(toTsQuery(terms), input).toMatch(TSQUERY_SHAPE)
    }
  })
})
