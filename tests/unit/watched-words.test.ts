// Watched words (issue 3, section 7 "Safeguarding triage"): phrases with * wildcards, each with an
// action; crisis > block > require-approval > flag; whole words, any case, curly apostrophes, any
// spacing. The default list catches crisis language and leaves ordinary recovery talk about drugs alone.
import { describe, expect, it } from 'vitest'

import {
  DEFAULT_WATCHED_WORDS,
  WATCHED_ACTIONS,
  normaliseForMatching,
  phrasePattern,
  triageText,
  type WatchedAction,
  type WatchedWord,
} from '../../src/moderation/watchedWords.js'

/** Does the phrase's pattern find a match in the (normalised) text? Resets lastIndex in case the RegExp is global. */
function patternMatches(phrase: string, text: string): boolean {
  const re = phrasePattern(phrase)
  re.lastIndex = 0
  return re.test(normaliseForMatching(text))
}

const one = (phrase: string, action: WatchedAction = 'flag'): WatchedWord[] => [{ phrase, action }]
const triageAction = (text: string, words: readonly WatchedWord[]) => triageText(text, words).action

describe('WATCHED_ACTIONS', () => {
  it('are exactly crisis, block, require-approval, flag', () => {
    expect([...WATCHED_ACTIONS].sort()).toEqual(['block', 'crisis', 'flag', 'require-approval'])
  })
})

describe('normaliseForMatching', () => {
  it('lower-cases', () => {
    expect(normaliseForMatching('KILL Myself')).toBe(normaliseForMatching('kill myself'))
    expect(normaliseForMatching('KILL Myself')).not.toMatch(/[A-Z]/)
  })
  it('drops apostrophes of every kind, so curly, straight and missing ones all match', () => {
    expect(normaliseForMatching('don’t want')).toBe('dont want')
    expect(normaliseForMatching("don't want")).toBe('dont want')
    expect(triageText('i dont want to wake up', DEFAULT_WATCHED_WORDS).action).toBe('crisis')
    expect(triageText('I don’t want to wake up', DEFAULT_WATCHED_WORDS).action).toBe('crisis')
  })
  it('collapses runs of spaces, tabs and newlines to a single space', () => {
    const out = normaliseForMatching('end  it\n\tall')
    expect(out).toContain('end it all')
    expect(out).not.toMatch(/\s{2,}|[\n\t]/)
  })
  it('makes the differently-written forms equal', () => {
    expect(normaliseForMatching('I Don’t   want\nto WAKE up')).toBe(normaliseForMatching("i don't want to wake up"))
  })
})

describe('phrasePattern: whole words', () => {
  it.each<[string, string, boolean]>([
    ['kill myself', 'I want to kill myself', true],
    ['kill myself', 'kill myself', true],
    ['kill myself', 'I will kill myself.', true],
    ['kill myself', '"kill myself"', true],
    ['kill myself', '(kill myself)', true],
    ['kill myself', 'kill myself, honestly', true],
    ['kill myself', 'I had to skill myself up', false],
    ['kill myself', 'overkill myself', false],
    ['kill myself', 'kill myselfish', false],
    ['kill myself', 'kill my self', false],
    ['end it all', 'spend it all', false],
    ['end it all', 'end it allotment', false],
    ['end it all', 'I want to end it all.', true],
    ['heroin', 'heroine', false],
    ['heroin', 'the heroin years', true],
  ])('%s in "%s" → %s', (phrase, text, expected) => {
    expect(patternMatches(phrase, text)).toBe(expected)
  })
})

describe('phrasePattern: case, apostrophes, spacing', () => {
  it.each<[string, string, boolean]>([
    ['kill myself', 'KILL MYSELF', true],
    ['Kill Myself', 'kill myself', true],
    ["don't want to wake up", 'I don’t want to wake up', true], // curly in the text
    ['don’t want to wake up', "I don't want to wake up", true], // curly in the phrase
    ['end it all', 'end   it    all', true],
    ['end it all', 'end\nit\nall', true],
    ['end it all', 'end\r\n it\tall', true],
    ['  end it all  ', 'end it all', true], // stray spaces around a moderator's phrase
    ['end  it all', 'end it all', true], // double space inside a moderator's phrase
  ])('%j in %j → %s', (phrase, text, expected) => {
    expect(patternMatches(phrase, text)).toBe(expected)
  })
})

describe('phrasePattern: * wildcard', () => {
  it.each<[string, string, boolean]>([
    ['suicid*', 'feeling suicidal', true],
    ['suicid*', 'thoughts of suicide', true],
    ['suicid*', 'SUICIDAL', true],
    ['suicid*', 'nonsuicidal', false], // still anchored at the start of a word
    ['suicid*', 'suicide-prevention', true], // the word "suicide" ends at the hyphen
    ['over* tonight', 'overdose tonight', true],
    ['over* tonight', 'over the tonight', false], // * stays inside one word
    ['over* tonight', 'overdosing tonight', true],
    ['*dose tonight', 'overdose tonight', true],
    ['k*ll myself', 'kill myself', true],
    ['k*ll myself', 'k ll myself', false],
  ])('%j in %j → %s', (phrase, text, expected) => {
    expect(patternMatches(phrase, text)).toBe(expected)
  })
})

describe('phrasePattern: other characters are literal', () => {
  it.each<[string, string, boolean]>([
    ['a.b', 'axb', false],
    ['why?', 'wh', false],
    ['(help)', 'help', false],
    ['c++', 'ccc', false],
    ['[abc]', 'a', false],
    ['a|b', 'b', false],
    ['\\d', '5', false],
  ])('%j in %j → %s', (phrase, text, expected) => {
    expect(() => phrasePattern(phrase)).not.toThrow()
    expect(patternMatches(phrase, text)).toBe(expected)
  })
})

describe('triageText: strongest action wins', () => {
  const words: WatchedWord[] = [
    { phrase: 'alpha', action: 'flag' },
    { phrase: 'bravo', action: 'require-approval' },
    { phrase: 'charlie', action: 'block' },
    { phrase: 'delta', action: 'crisis' },
  ]
  it.each<[string, WatchedAction | null]>([
    ['nothing here', null],
    ['alpha', 'flag'],
    ['bravo', 'require-approval'],
    ['charlie', 'block'],
    ['delta', 'crisis'],
    ['alpha bravo', 'require-approval'],
    ['bravo alpha', 'require-approval'],
    ['alpha charlie bravo', 'block'],
    ['charlie delta', 'crisis'],
    ['delta charlie', 'crisis'],
    ['alpha bravo charlie delta', 'crisis'],
    ['delta alpha', 'crisis'],
  ])('%j → %s', (text, expected) => {
    expect(triageAction(text, words)).toBe(expected)
  })

  it('the order of the word list does not change the outcome', () => {
    const reversed = [...words].reverse()
    expect(triageAction('alpha charlie', reversed)).toBe('block')
    expect(triageAction('delta charlie', reversed)).toBe('crisis')
  })

  it('reports every matching phrase with its action', () => {
    const r = triageText('alpha and charlie, but not echo', words)
    expect(r.action).toBe('block')
    expect(r.matches).toHaveLength(2)
    expect(r.matches).toEqual(
      expect.arrayContaining([
        { phrase: 'alpha', action: 'flag' },
        { phrase: 'charlie', action: 'block' },
      ]),
    )
  })

  it('no match gives a null action and no matches', () => {
    expect(triageText('a quiet day at the allotment', words)).toEqual({ action: null, matches: [] })
  })

  it('an empty word list matches nothing', () => {
    expect(triageText('I want to kill myself', [])).toEqual({ action: null, matches: [] })
  })

  it('empty text matches nothing', () => {
    expect(triageText('', DEFAULT_WATCHED_WORDS)).toEqual({ action: null, matches: [] })
  })

  it('crisis outranks block when both are in the same text', () => {
    const list: WatchedWord[] = [
      { phrase: 'heroin', action: 'block' },
      { phrase: 'kill myself', action: 'crisis' },
    ]
    expect(triageAction('heroin made me want to kill myself', list)).toBe('crisis')
  })
})

describe('triageText: matching rules through the full pipeline', () => {
  it.each<[string, string, boolean]>([
    ['kill myself', "I'll Kill Myself", true],
    ['kill myself', 'I need to skill myself up for the job', false],
    ["don't want to wake up", 'I don’t want to wake up', true],
    ['don’t want to wake up', "i don't   want to\nwake up", true],
    ['end it all', 'going to END\n\nIT   all', true],
    ['suicid*', 'I felt Suicidal last night', true],
    ['suicid*', 'suicide', true],
  ])('%j in %j → %s', (phrase, text, expected) => {
    expect(triageAction(text, one(phrase, 'crisis'))).toBe(expected ? 'crisis' : null)
  })
})

describe('DEFAULT_WATCHED_WORDS', () => {
  it('is a non-empty list of phrases with known actions', () => {
    expect(DEFAULT_WATCHED_WORDS.length).toBeGreaterThan(0)
    for (const w of DEFAULT_WATCHED_WORDS) {
      expect(typeof w.phrase).toBe('string')
      expect(w.phrase.trim().length).toBeGreaterThan(0)
      expect(WATCHED_ACTIONS).toContain(w.action)
      expect(() => phrasePattern(w.phrase)).not.toThrow()
    }
  })

  it('every default phrase without a wildcard matches its own text', () => {
    for (const w of DEFAULT_WATCHED_WORDS.filter((x) => !x.phrase.includes('*'))) {
      expect(triageText(w.phrase, DEFAULT_WATCHED_WORDS).matches.map((m) => m.phrase)).toContain(w.phrase)
    }
  })

  it.each([
    "I don't want to wake up tomorrow",
    'I don’t want to wake up tomorrow',
    'I DON’T WANT TO WAKE UP',
    "I'm going to end it all",
    'going to end it all',
    'Going to\nend it   all tonight',
    "I'll kill myself",
    'I’ll kill myself',
    'planning an overdose tonight',
    'Planning an OVERDOSE tonight.',
  ])('%j is crisis', (text) => {
    expect(triageAction(text, DEFAULT_WATCHED_WORDS)).toBe('crisis')
  })

  it.each([
    'I used heroin for ten years',
    'I picked up my methadone script this morning',
    'I relapsed on crack last year',
    'My drug worker has been brilliant',
    'The needle exchange saved my life',
    'Cocaine and alcohol took everything from me',
    'I went through detox and then rehab',
    'I carry a naloxone kit now',
    'Cannabis was my first drug',
    'I was injecting every day',
    'Two years clean from heroin and crack',
    'I had to skill myself up for work',
    'I spend it all on the kids now',
    'My buprenorphine dose was reduced',
  ])('%j is neither flagged nor blocked (recovery talk)', (text) => {
    expect(triageText(text, DEFAULT_WATCHED_WORDS)).toEqual({ action: null, matches: [] })
  })
})
