// Crisis matching for watched words (issue 10, "Safeguarding triage"), tested from the text and
// the published interface only, as a sceptical reviewer would: the implementation was not read.
// A crisis entry must survive real writing (case, apostrophes, elongation, punctuation, text-speak,
// misspellings, lookalikes, small gaps) and still be whole-word matching.
import { describe, expect, it } from 'vitest'

import { ENTRY_KINDS, MAX_GAP, PatternError, compileEntry, entryProblem, findSpans } from '../../src/moderation/pattern.js'
import { WATCHED_ACTIONS } from '../../src/policies/watchedActions.js'
import { triageText, triageWords, type WatchedWord } from '../../src/moderation/watchedWords.js'
import { isElongated, squeeze, wordsOf } from '../../src/moderation/wordsOf.js'

type Kind = (typeof ENTRY_KINDS)[number]
type Action = WatchedWord['action']
type Span = { start: number; end: number }

const byStart = (a: Span, b: Span) => a.start - b.start || a.end - b.end
const spansOf = (entry: string, text: string, kind: Kind = 'phrase'): Span[] => [...findSpans(wordsOf(text), compileEntry(entry, kind))].sort(byStart)
const entryMatches = (entry: string, text: string, kind: Kind = 'phrase') => spansOf(entry, text, kind).length > 0
const crisis = (phrase: string, kind: Kind = 'phrase'): WatchedWord[] => [{ phrase, action: 'crisis', kind }]
const actionOf = (text: string, list: readonly WatchedWord[]) => triageText(text, list).action

/** Checks one entry against one text both ways: findSpans directly, and through triageText. */
function expectMatch(entry: string, text: string, expected: boolean, kind: Kind = 'phrase') {
  expect(entryMatches(entry, text, kind), `findSpans(${JSON.stringify(entry)} [${kind}], ${JSON.stringify(text)})`).toBe(expected)
  expect(actionOf(text, crisis(entry, kind)), `triageText(${JSON.stringify(text)}, ${JSON.stringify(entry)} [${kind}])`).toBe(expected ? 'crisis' : null)
}

// =============================================================================================
// Constants
// =============================================================================================
describe('exported constants', () => {
  // Changed by design: gaps go up to ~8, so a context entry can reach past a few words ("used to … self harm").
  it('ENTRY_KINDS are phrase and pattern; MAX_GAP is 8', () => {
    expect([...ENTRY_KINDS]).toEqual(['phrase', 'pattern'])
    expect(MAX_GAP).toBe(8)
  })
  it('WATCHED_ACTIONS are crisis, block, require-approval, flag, context and past', () => {
    // changed by design: 'past' lowers a crisis match in the same sentence as a past-tense marker
    expect([...WATCHED_ACTIONS].sort()).toEqual(['block', 'context', 'crisis', 'flag', 'past', 'require-approval'])
  })
  it('PatternError is an Error', () => {
    expect(new PatternError('x')).toBeInstanceOf(Error)
  })
})

// =============================================================================================
// wordsOf: normalisation
// =============================================================================================
describe('wordsOf: case, separators, unicode', () => {
  it.each<[string, string[]]>([
    ['KILL Myself', ['kill', 'myself']],
    ['Hello, World!', ['hello', 'world']],
    ['want...to...die', ['want', 'to', 'die']],
    ['end\nit', ['end', 'it']],
    ['end\r\n\tit   all', ['end', 'it', 'all']],
    ['self-harm', ['self', 'harm']],
    ['want—to–die', ['want', 'to', 'die']], // em and en dashes
    ['want_to_die', ['want', 'to', 'die']], // underscore is not a letter or digit (unlike \w)
    ['want/to\\die', ['want', 'to', 'die']],
    ['want*to*die', ['want', 'to', 'die']], // * in text is punctuation like any other
    ['want ! to ! die', ['want', 'to', 'die']], // a lone ! is punctuation, not a word
    ['want @ $ die', ['want', 'die']],
    ['**want** to _die_', ['want', 'to', 'die']],
    ['"quoted"', ['quoted']],
    ['(help)', ['help']],
    ['[abc]', ['abc']],
    ['want\u00a0to\u2028die', ['want', 'to', 'die']], // no-break space, line separator
    ['\ufeffdie', ['die']], // byte-order mark is not part of a word
    ['want😭to😭die', ['want', 'to', 'die']],
    ['café au lait', ['café', 'au', 'lait']], // accented letters are letters
    ['NAÏVE', ['naïve']],
    ['смерть', ['смерть']],
    ['死にたい', ['死にたい']],
  ])('%j → %j', (text, expected) => {
    expect(wordsOf(text)).toEqual(expected)
  })

  it.each<[string]>([[''], ['   '], ['\n\n\t'], ['!!! ... ??? --- ***'], ['😢😭💔'], ['👩‍👩‍👧 🇬🇧'], ['\u0000\u0001'], ['\ud83d']])('%j has no words', (text) => {
    expect(wordsOf(text)).toEqual([])
  })

  it('never throws on odd input and always returns lower-case strings without separators', () => {
    const odd = ['\ud800abc\udfff', 'a\u0301b', '𝐤𝐢𝐥𝐥', 'ﬁne', 'İSTANBUL', 'x'.repeat(100_000), '\u202eeid\u202c', '<script>die</script>']
    for (const text of odd) {
      const words = wordsOf(text)
      expect(Array.isArray(words)).toBe(true)
      for (const w of words) {
        expect(typeof w).toBe('string')
        expect(w.length).toBeGreaterThan(0)
        expect(w).not.toMatch(/\s/)
      }
    }
    expect(wordsOf('<script>die</script>')).toContain('die')
  })

  it('does not change the input string', () => {
    const s = "I DON'T wanna die"
    wordsOf(s)
    expect(s).toBe("I DON'T wanna die")
  })
})

describe('wordsOf: apostrophes and contractions', () => {
  it.each<[string, string[]]>([
    ["it's", ['its']],
    ['it’s', ['its']], // right single quotation mark
    ['it‘s', ['its']], // left single quotation mark
    ['itʼs', ['its']], // modifier letter apostrophe
    ['it`s', ['its']], // backtick
    ["o'clock", ['oclock']],
    ["'quoted'", ['quoted']],
    ["don't", ['do', 'not']],
    ['don’t', ['do', 'not']],
    ['don‘t', ['do', 'not']],
    ['donʼt', ['do', 'not']],
    ['don`t', ['do', 'not']],
    ['dont', ['do', 'not']],
    ['DONT', ['do', 'not']],
    ["can't", ['can', 'not']],
    ['cant', ['can', 'not']],
    ["I'm", ['i', 'am']],
    ['I’m', ['i', 'am']],
    ['im', ['i', 'am']],
    ['IM', ['i', 'am']],
    ["I've", ['i', 'have']],
    ['ive', ['i', 'have']],
    ["i don't want to", ['i', 'do', 'not', 'want', 'to']],
  ])('%j → %j', (text, expected) => {
    expect(wordsOf(text)).toEqual(expected)
  })

  it.each<[string, string[]]>([
    ['him', ['him']],
    ['imp', ['imp']],
    ['image', ['image']],
    ['live', ['live']],
    ['give', ['give']],
    ['cantor', ['cantor']],
    ['donut', ['donut']],
    ['up', ['up']],
    ['us', ['us']],
    ['ultra', ['ultra']],
    ['wannabe', ['wannabe']],
    ['my selfie', ['my', 'selfie']],
    ['any moreover', ['any', 'moreover']],
    ['anymore', ['anymore']],
    ['myself', ['myself']],
    ['nowhere', ['nowhere']],
  ])('only whole words are rewritten: %j → %j', (text, expected) => {
    expect(wordsOf(text)).toEqual(expected)
  })
})

describe('wordsOf: text-speak and misspellings', () => {
  it.each<[string, string[]]>([
    ['wanna', ['want', 'to']],
    ['Wanna die', ['want', 'to', 'die']],
    ['gonna', ['going', 'to']],
    ['u', ['you']],
    ['U', ['you']],
    ['i hate u', ['i', 'hate', 'you']],
    ['2nite', ['tonight']],
    ['kms', ['kill', 'myself']],
    ['KMS', ['kill', 'myself']],
    ['meself', ['myself']],
    ['my self', ['myself']],
    ['My  Self', ['myself']],
    ['kill my self', ['kill', 'myself']],
    ['any more', ['anymore']],
    ['i cant do this any more', ['i', 'can', 'not', 'do', 'this', 'anymore']],
    ['nowt', ['nothing']],
    ['i feel nowt', ['i', 'feel', 'nothing']],
    ['im gonna kms 2nite', ['i', 'am', 'going', 'to', 'kill', 'myself', 'tonight']],
    ['sucidal', ['suicidal']],
    ['suicidle', ['suicidal']],
    ['SUCIDAL', ['suicidal']],
    ['tablits', ['tablets']],
    ['cuttin', ['cutting']],
    ['feeling sucidal 2nite', ['feeling', 'suicidal', 'tonight']],
  ])('%j → %j', (text, expected) => {
    expect(wordsOf(text)).toEqual(expected)
  })
})

describe('wordsOf: lookalike characters', () => {
  it.each<[string, string[]]>([
    ['k1ll', ['kill']],
    ['K1LL', ['kill']],
    ['d1e', ['die']],
    ['h3roin', ['heroin']],
    ['5uicide', ['suicide']],
    ['su1c1dal', ['suicidal']],
    ['0verd0se', ['overdose']],
    ['7ablets', ['tablets']],
    ['p1lls', ['pills']],
    ['pr3tty', ['pretty']],
    ['d!e', ['die']],
    ['k!ll', ['kill']],
    ['h@te', ['hate']],
    ['ma$k', ['mask']],
    ['d!!!e', ['diiie']], // every ! is inside the word; the elongation is left for comparison time
    // ! @ $ at either end are just punctuation
    ['help!', ['help']],
    ['!help', ['help']],
    ['die!!!', ['die']],
    ['@mike', ['mike']],
    ['$kill', ['kill']],
    ['$$$cash$$$', ['cash']],
    ['why?!', ['why']],
  ])('%j → %j', (text, expected) => {
    expect(wordsOf(text)).toEqual(expected)
  })

  it.each<[string, string[]]>([
    ['116 123', ['116', '123']], // Samaritans
    ['2019', ['2019']],
    ['0800 58 58 58', ['0800', '58', '58', '58']],
    ['0 1 3 5 7', ['0', '1', '3', '5', '7']], // the lookalike digits, standing alone
    ['24/7', ['24', '7']],
    ['£5.50', ['5', '50']],
    ['07700 900123', ['07700', '900123']],
    ['1000000', ['1000000']],
    // a word with fewer than two letters keeps its digits
    ['b12', ['b12']],
    ['a1', ['a1']],
    ['3d', ['3d']],
    ['0d', ['0d']],
  ])('numbers are not mangled: %j → %j', (text, expected) => {
    expect(wordsOf(text)).toEqual(expected)
  })

  const crisisList: WatchedWord[] = ['die', 'dead', 'od', 'overdose', 'kill myself', 'end it', 'suicid*', 'tonight', 'tablets', 'pills', 'self harm'].map((phrase) => ({
    phrase,
    action: 'crisis' as const,
  }))

  it.each([
    'call 116 123 any time',
    'I took 5ml of methadone at 10mg',
    'two years clean since 2019',
    'up at 3am, 4am and 5am again',
    'my b12 and vitamin d3 levels',
    'ring 0800 58 58 58 or text 85258',
    'open 24/7, 365 days',
    '0d 1d 7d',
  ])('%j is not turned into a crisis word', (text) => {
    expect(triageText(text, crisisList)).toEqual({ action: null, matches: [] })
  })

  it('a number with a unit stays a single word', () => {
    expect(wordsOf('5ml')).toHaveLength(1)
    expect(wordsOf('10mg')).toHaveLength(1)
    expect(wordsOf('take 5ml')[0]).toBe('take')
  })
})

describe('wordsOf: keepStars (used to read entries)', () => {
  it('without keepStars a * is just a separator', () => {
    expect(wordsOf('suicid*')).toEqual(['suicid'])
    expect(wordsOf('buy * off me')).toEqual(['buy', 'off', 'me'])
    expect(wordsOf('a*c')).toEqual(['a', 'c'])
  })
  it('with keepStars a * stays in (or as) a word', () => {
    expect(wordsOf('suicid*', { keepStars: true })).toEqual(['suicid*'])
    expect(wordsOf('buy * off me', { keepStars: true })).toEqual(['buy', '*', 'off', 'me'])
    expect(wordsOf('K*LL Myself', { keepStars: true })).toEqual(['k*ll', 'myself'])
  })
})

// =============================================================================================
// squeeze and isElongated
// =============================================================================================
describe('squeeze', () => {
  it.each<[string, string]>([
    ['soooo', 'so'],
    ['kill', 'kil'],
    ['diiieee', 'die'],
    ['aabbcc', 'abc'],
    ['abc', 'abc'],
    ['abab', 'abab'],
    ['', ''],
    ['a', 'a'],
    ['zzzzzzzzzz', 'z'],
    ['1000', '10'],
  ])('%j → %j', (word, expected) => {
    expect(squeeze(word)).toBe(expected)
  })
  it('is idempotent', () => {
    for (const w of ['soooo', 'kill', 'mississippi', 'bookkeeper', '']) expect(squeeze(squeeze(w))).toBe(squeeze(w))
  })
})

describe('isElongated', () => {
  it.each<[string, boolean]>([
    ['soooo', true],
    ['diiie', true],
    ['aaa', true],
    ['killl', true],
    ['kill', false],
    ['see', false],
    ['bookkeeper', false], // three doubles, but never three in a row
    ['abab', false],
    ['a', false],
    ['', false],
    ['aabbaa', false],
  ])('%j → %s', (word, expected) => {
    expect(isElongated(word)).toBe(expected)
  })
})

// =============================================================================================
// Whole-word matching
// =============================================================================================
describe('whole words', () => {
  it.each<[string, string, boolean]>([
    ['kill myself', 'I want to kill myself', true],
    ['kill myself', 'kill myself', true],
    ['kill myself', 'I had to skill myself up', false],
    ['kill myself', 'I had to sk1ll myself up', false],
    ['kill myself', 'overkill myself', false],
    ['kill myself', 'kill myselfish', false],
    ['kill myself', 'killmyself', false],
    ['end it all', 'spend it all', false],
    ['end it all', 'I spend it all on the kids', false],
    ['end it all', 'end it allotment', false],
    ['end it all', 'the weekend it all went wrong', false],
    ['end it all', 'I want to end it all.', true],
    ['end it', 'endit', false],
    ['heroin', 'heroine', false],
    ['heroin', 'the heroines of the story', false],
    ['heroin', 'the heroin years', true],
    ['heroin', 'HEROIN', true],
    ['die', 'diet', false],
    ['die', 'studied', false],
    ['die', 'indie music', false],
    ['die', 'died', false],
    ['od', 'good', false],
    ['od', 'odd', false],
    ['hang myself', 'hang my selfie on the wall', false],
    ['suicid*', 'nonsuicidal', false],
    ['suicid*', 'feeling suicidal', true],
  ])('%j in %j → %s', (entry, text, expected) => {
    expectMatch(entry, text, expected)
  })
})

// =============================================================================================
// Case, apostrophes, punctuation, line breaks
// =============================================================================================
describe('case, apostrophes, punctuation and line breaks', () => {
  it.each<[string, string, boolean]>([
    ['kill myself', 'KILL MYSELF', true],
    ['Kill Myself', 'kill myself', true],
    ["don't want to wake up", 'I don’t want to wake up', true],
    ['don’t want to wake up', "I don't want to wake up", true],
    ["don't want to wake up", 'i dont want to wake up', true],
    ["don't want to wake up", 'I do not want to wake up', true],
    ['dont want to wake up', 'I DONʼT want to wake up', true],
    ['do not want to wake up', 'i dont want to wake up', true],
    ['want to die', 'want...to...die', true],
    ['want to die', 'WANT. TO. DIE.', true],
    ['want to die', 'want-to-die', true],
    ['want to die', 'want 😭 to 😭 die', true],
    ['want to die', 'want\u00a0to die', true],
    ['kill myself', 'kill !!! myself', true],
    ['kill myself', 'kill… ! myself', true],
    ['end it all', 'end it ! all', true],
    ['end it', 'end\nit', true],
    ['end it all', 'end\r\nit\r\nall', true],
    ['end it all', 'going to END\n\nIT   all', true],
    ['self harm', 'self-harm', true],
    ['self-harm', 'self harm', true],
    ['(help)', 'help', true],
    ['  end  it all  ', 'end it all', true],
  ])('%j in %j → %s', (entry, text, expected) => {
    expectMatch(entry, text, expected)
  })
})

// =============================================================================================
// Text-speak, contractions, misspellings, lookalikes (entry and text both go through wordsOf)
// =============================================================================================
describe('text-speak, misspellings and lookalikes', () => {
  it.each<[string, string, boolean]>([
    ['want to die', 'i wanna die', true],
    ['wanna die', 'i want to die', true],
    ['wanna die', 'I WANNA DIE', true],
    ['going to end it', 'im gonna end it', true],
    ['kill myself', 'kms', true],
    ['kill myself', 'gonna kms 2nite', true],
    ['kms', 'I will kill myself', true],
    ['kill myself tonight', 'kms 2nite', true],
    ['hate you', 'i hate u', true],
    ['hate myself', 'i hate meself', true],
    ['hate myself', 'i hate my self', true],
    ['kill myself', 'kill my self', true],
    ['i am done', "I'm done", true],
    ['i am done', 'im done', true],
    ['im done', 'I am done', true],
    ["i've had enough", 'ive had enough', true],
    ['can not go on', "I can't go on", true],
    ["can't go on", 'i cant go on', true],
    ['live anymore', "I don't want to live any more", true],
    ['feel nothing', 'i feel nowt', true],
    ['suicidal', 'so sucidal today', true],
    ['suicidal', 'suicidle', true],
    ['suicid*', 'sucidal', true],
    ['tablets', 'took all my tablits', true],
    ['cutting', 'been cuttin again', true],
    ['kill myself', 'k1ll myself', true],
    ['kill myself', 'k!ll mys3lf', true],
    ['die', 'i want to d1e', true],
    ['suicid*', '5u1c1dal', true],
    ['overdose', '0verd0se', true],
    ['heroin', 'h3roin', true],
    ['heroin', 'h3roine', false],
    // the rewrites are whole-word only
    ['i am', 'him', false],
    ['you', 'up', false],
    ['want to', 'wannabe', false],
  ])('%j in %j → %s', (entry, text, expected) => {
    expectMatch(entry, text, expected)
  })
})

// =============================================================================================
// Elongation, and its limits
// =============================================================================================
describe('elongated words', () => {
  it.each<[string, string, boolean, Kind?]>([
    ['die', 'diiiie', true],
    ['die', 'DIIIIE', true],
    ['die', 'diiieee', true],
    ['die', 'd!!!e', true],
    ['kill', 'killll', true],
    ['kill', 'kiiill', true],
    ['kill myself', 'killlll myselfff', true],
    ['suicid*', 'suuuicidal', true],
    ['suicidal', 'suuuuicidal', true],
    ['dead', 'deeeeead', true],
    ['so', 'soooo', true],
    ['pills', 'pilllls', true],
    ['heroin', 'heroinnn', true],
    ['want ~3 [die|dead]', 'wantttt to dieeeee', true, 'pattern'],
    ['suicid* ~2 tonight', 'suuuicidal tonight', true, 'pattern'],
    // a normal double letter is not loosened in short words ("of" is not "off", "feel" is not "fell")…
    ['of', 'off', false],
    ['off', 'of', false],
    ['good', 'god', false],
    ['pill', 'pil', false],
    ['feel', 'fell', false],
    // …changed by design after these tests were written: in words of five letters or more a doubled or
    // missing double letter is the commonest slip ("suicidall", "cuting", "tabblets"), so it is loosened,
    // at the price of rare pairs such as hoping/hopping matching each other.
    ['hoping', 'hopping', true],
    ['hopping', 'hoping', true],
    ['suicidal', 'suicidall', true],
    ['cutting', 'cuting', true],
    ['tablets', 'tabblets', true],
    ['dead', 'deead', true],
    // elongation does not make a different word match
    ['die', 'diiiet', false],
    ['kill', 'skiiiill', false],
    ['kill', 'killlling', false],
    ['heroin', 'heroinnne', false],
    ['dead', 'deeeeeadly', false],
  ])('%j in %j → %s', (entry, text, expected, kind = 'phrase') => {
    expectMatch(entry, text, expected, kind)
  })
})

// =============================================================================================
// Phrase entries: adjacency and the * wildcard
// =============================================================================================
describe('phrase entries', () => {
  it.each<[string, string, boolean]>([
    ['suicid*', 'feeling suicidal', true],
    ['suicid*', 'thoughts of suicide', true],
    ['suicid*', 'SUICIDAL', true],
    ['suicid*', 'nonsuicidal', false],
    ['suicid*', 'suicide-prevention', true],
    ['over* tonight', 'overdose tonight', true],
    ['over* tonight', 'overdosing tonight', true],
    ['over* tonight', 'over the tonight', false],
    ['*dose tonight', 'overdose tonight', true],
    ['k*ll myself', 'kill myself', true],
    ['k*ll myself', 'k ll myself', false],
    ['buy * off me', 'buy some off me', true],
    ['buy * off me', 'BUY it OFF me!', true],
    ['buy * off me', 'buy off me', false],
    ['buy * off me', 'buy some gear off me', false],
    ['kill myself', 'kill really myself', false], // phrases are adjacent
    ['kill myself', 'myself kill', false],
    // phrase kind never reads pattern operators: they are word breaks like any other punctuation
    ['want ~3 die', 'want to die', false],
    ['want ~3 die', 'want 3 die', true],
    ['[die|dead]', 'die', false],
    ['[die|dead]', 'die dead', true],
    ['a|b', 'b', false],
  ])('%j in %j → %s', (entry, text, expected) => {
    expectMatch(entry, text, expected)
  })

  it('phrase entries never fail to compile on pattern syntax', () => {
    for (const p of ['[die', 'die]', '~7', 'want ~0 die', 'a|b', '[x]', 'want ~ die', '[|die]', 'c++', '\\d', '(help)']) {
      expect(() => compileEntry(p, 'phrase'), p).not.toThrow()
      expect(entryProblem(p, 'phrase'), p).toBeNull()
    }
  })

  it('the default kind is phrase', () => {
    expect(() => compileEntry('want ~3 [die|dead')).not.toThrow()
    expect(findSpans(wordsOf('want 3 die dead'), compileEntry('want ~3 [die|dead]'))).toHaveLength(1)
    expect(findSpans(wordsOf('want to die'), compileEntry('want ~3 [die|dead]'))).toEqual([])
    // a WatchedWord without a kind is a phrase too
    expect(actionOf('want to die', [{ phrase: 'want ~3 [die|dead]', action: 'crisis' }])).toBeNull()
  })
})

// =============================================================================================
// Pattern entries: the example, gaps, order, alternatives, wildcards
// =============================================================================================
describe('pattern: the issue’s example "want ~3 [die|dead|end it]"', () => {
  const P = 'want ~3 [die|dead|end it]'
  it.each<[string, boolean]>([
    ['want to die', true],
    ['wanna be dead', true],
    ['want to just end it', true],
    ['I just want die', true], // no words in between is within "up to 3"
    ['WANT... to... DIE', true],
    ['want\nto\ndie', true],
    ['want some more food so i do not die', false], // 7 words between
    ['die want', false],
    ['dead, and i want', false],
    ['want it to end', false], // "end it" is a two-word alternative, in order
    ['want to end this', false],
    ['want to go to the end', false],
    ['wanted to die', false], // whole words
    ['want to diet', false],
  ])('%j → %s', (text, expected) => {
    expectMatch(P, text, expected, 'pattern')
  })
})

describe('pattern: gap bounds, exactly N and N+1', () => {
  const fillers = ['so', 'much', 'just', 'really', 'quite', 'very', 'badly']
  const between = (n: number) => ['want', ...fillers.slice(0, n), 'die'].join(' ')
  const cases: [number, number, boolean][] = []
  for (let n = 1; n <= 6; n++) {
    cases.push([n, 0, true])
    cases.push([n, n, true])
    cases.push([n, n + 1, false])
  }
  it.each(cases)('want ~%i die with %i words between → %s', (n, k, expected) => {
    expectMatch(`want ~${n} die`, between(k), expected, 'pattern')
  })

  it.each<[string, string, boolean]>([
    // text-speak and contractions are counted as the words they are written out to
    ['want ~1 die', 'wanna die', true],
    ['want ~1 dead', 'wanna be dead', false],
    ['want ~2 dead', 'wanna be dead', true],
    ['i ~1 want', 'i dont want', false],
    ['i ~2 want', 'i dont want', true],
    ['going ~1 die', 'gonna die', true],
    ['kill ~1 tonight', 'kms 2nite', true],
    ['hate ~1 tonight', 'hate my self tonight', true], // "my self" is one word
    ['want ~2 die', 'want u 2 die', true],
    // punctuation and emoji are not words
    ['want ~1 die', 'want... -- ... to !!! die', true],
    ['want ~1 die', 'want 😭😭 to 😭 die', true],
    ['want ~1 die', 'want\n\n\nto\n\n\ndie', true],
  ])('%j in %j → %s', (entry, text, expected) => {
    expectMatch(entry, text, expected, 'pattern')
  })
})

describe('pattern: order, backtracking, several gaps', () => {
  it.each<[string, string, boolean]>([
    ['want ~3 die', 'die want', false],
    ['want ~3 die', 'die, i want', false],
    ['want ~6 die', 'i would die before i want that', false],
    ['[die|dead] ~3 want', 'want to die', false],
    // the first "want" is too far, the second is near
    ['want ~3 die', 'want some more food then i want to die', true],
    ['want ~1 die', 'want to go, want to die', true],
    // every alternative must be tried, whatever its length or position in the group
    ['[kill|kill myself] ~1 tonight', 'kill myself so tonight', true],
    ['[kill myself|kill] ~1 tonight', 'kill it tonight', true],
    ['[kill myself|kill] ~1 tonight', 'kill myself tonight', true],
    // several gaps
    ['i ~2 want ~3 [die|dead]', 'i really do want to die', true],
    ['i ~2 want ~3 [die|dead]', 'i really really truly want to die', false],
    ['i ~2 want ~3 [die|dead]', 'i want it and i want to die', true],
    ['i ~2 want ~3 [die|dead]', 'i want to go to the shops and the dog is dead', false],
    ['[want|going] ~2 [die|dead]', 'going to be dead', true],
    ['[want|going] ~2 [die|dead]', 'gonna die', true],
  ])('%j in %j → %s', (entry, text, expected) => {
    expectMatch(entry, text, expected, 'pattern')
  })
})

describe('pattern: alternatives with several words', () => {
  it.each<[string, string, boolean]>([
    ['[want to|going to] ~2 [die|end it all]', 'going to end it all', true],
    ['[want to|going to] ~2 [die|end it all]', 'want to just die', true],
    ['[want to|going to] ~2 [die|end it all]', 'im gonna end it all', true],
    ['[want to|going to] ~2 [die|end it all]', 'going to end it', false],
    ['[want to|going to] ~2 [die|end it all]', 'want die', false],
    ['[want to|going to] ~2 [die|end it all]', 'to die', false],
    ['[end it all|kill myself]', 'end it', false],
    ['[end it all|kill myself]', 'kill', false],
    ['[end it all|kill myself]', 'kill myself', true],
    ['[end it all|kill myself]', 'END IT ALL', true],
    ['[end it all|kill myself]', 'kms', true],
    ['[end it all|kill myself]', 'kill my self', true],
    ['[end it all|kill myself]', 'spend it all', false],
    ['[die|dead]', 'died', false],
    ['[die|dead]', 'deadline', false],
    ['take [all my|my] [pills|tablets]', 'take all my tablits', true],
    ['take [all my|my] [pills|tablets]', 'take my pills', true],
    ['take [all my|my] [pills|tablets]', 'take all pills', false],
    ['[ die | dead ]', 'dead', true],
    ["[don't want|can't] ~3 [live|wake up]", 'i dont want to wake up', true],
    ["[don't want|can't] ~3 [live|wake up]", 'I can’t live like this', true],
    ["[don't want|can't] ~3 [live|wake up]", 'i want to live', false],
  ])('%j in %j → %s', (entry, text, expected) => {
    expectMatch(entry, text, expected, 'pattern')
  })
})

describe('pattern: wildcards', () => {
  it.each<[string, string, boolean]>([
    ['feeling [suicid*|hopeless]', 'feeling suicidal', true],
    ['feeling [suicid*|hopeless]', 'feeling hopeless', true],
    ['feeling [suicid*|hopeless]', 'feeling nonsuicidal', false],
    ['feeling [suicid*|hopeless]', 'feeling sucidal', true],
    ['feeling [suicid*|hopeless]', 'feeling suuuicidal', true],
    ['suicid* ~2 thoughts', 'suicidal intrusive thoughts', true],
    ['suicid* ~2 thoughts', 'nonsuicidal thoughts', false],
    ['[over*|od] ~3 tonight', 'planning an overdose tonight', true],
    ['[over*|od] ~3 tonight', 'going to od tonight', true],
    ['[over*|od] ~3 tonight', 'going to the moon tonight', false],
    ['take * [pills|tablets]', 'take my pills', true],
    ['take * [pills|tablets]', 'take pills', false],
    ['take * [pills|tablets]', 'take all my pills', false],
    ['take * ~2 [pills|tablets]', 'take all my tablets', true],
    ['buy * off ~2 me', 'buy gear off of me', true],
  ])('%j in %j → %s', (entry, text, expected) => {
    expectMatch(entry, text, expected, 'pattern')
  })
})

// =============================================================================================
// Pattern syntax errors
// =============================================================================================
describe('pattern syntax', () => {
  it.each([
    'want ~3 [die|dead|end it]',
    'want ~1 die',
    'want ~6 die',
    '[die|dead]',
    '[die|dead|end it all]',
    'suicid*',
    'buy * off me',
    '[a|b] ~2 [c|d]',
    'i ~2 want ~3 [die|dead]',
    "don't want ~3 [wake up|live]",
    '[ die | dead ]',
    '  want ~3 die  ',
    'kill myself',
  ])('%j is valid', (text) => {
    expect(entryProblem(text, 'pattern')).toBeNull()
    expect(() => compileEntry(text, 'pattern')).not.toThrow()
  })

  it.each<[string, string, RegExp?]>([
    ['unbalanced [', 'want [die|dead', /\[|\]|bracket/i],
    ['unbalanced ]', 'want die|dead]', /\[|\]|bracket/i],
    ['brackets the wrong way round', 'want ]die|dead[', /\[|\]|bracket/i],
    ['one alternative', 'want [die]'],
    ['empty alternative at the end', 'want [die|]'],
    ['empty alternative at the start', 'want [|die]'],
    ['empty alternative in the middle', 'want [die||dead]'],
    ['blank alternative', 'want [ die |  ]'],
    ['only empty alternatives', '[|]'],
    ['~0', 'want ~0 die', /8|eight/i],
    ['~9', 'want ~9 die', /8|eight/i],
    ['~10', 'want ~10 die', /8|eight/i],
    ['~x', 'want ~x die'],
    ['~-1', 'want ~-1 die'],
    ['~ at the start', '~2 die'],
    ['~ at the end', 'want ~2'],
    ['~ before a group at the start', '~2 [die|dead]'],
    ['two gaps in a row', 'want ~2 ~3 die'],
    ['| outside brackets', 'die|dead'],
    ['| outside brackets, spaced', 'want die | dead'],
    ['no words: empty', ''],
    ['no words: blank', '   '],
    ['no words: punctuation', '!!! ...'],
    ['no words: a gap alone', '~3'],
  ])('%s (%j) is an error with a helpful message', (_label, text, mentions) => {
    const problem = entryProblem(text, 'pattern')
    expect(typeof problem).toBe('string')
    expect((problem ?? '').trim().length).toBeGreaterThanOrEqual(10)
    expect(problem).not.toMatch(/undefined|NaN|\[object /)
    if (mentions) expect(problem).toMatch(mentions)

    let thrown: unknown
    try {
      compileEntry(text, 'pattern')
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(PatternError)
    expect(thrown).toBeInstanceOf(Error)
    expect(((thrown as Error).message ?? '').trim().length).toBeGreaterThan(0)
  })

  it('entries that fail to compile match nothing and do not throw in triage', () => {
    const broken: WatchedWord[] = [
      { phrase: 'want ~0 die', action: 'crisis', kind: 'pattern' },
      { phrase: 'want ~99 die', action: 'crisis', kind: 'pattern' },
      { phrase: 'want [die|dead', action: 'crisis', kind: 'pattern' },
      { phrase: 'die|dead', action: 'crisis', kind: 'pattern' },
      { phrase: '[die]', action: 'crisis', kind: 'pattern' },
      { phrase: '', action: 'crisis', kind: 'pattern' },
      { phrase: '~3', action: 'crisis', kind: 'pattern' },
    ]
    const texts = ['want to die', 'want 0 die', 'want [die|dead', 'die dead', 'die', '', 'want ~0 die']
    for (const t of texts) {
      expect(() => triageText(t, broken)).not.toThrow()
      expect(triageText(t, broken), t).toEqual({ action: null, matches: [] })
    }
    // and they do not stop the good entries from working
    const mixed: WatchedWord[] = [...broken, { phrase: 'die', action: 'flag' }]
    expect(triageText('want to die', mixed)).toEqual({ action: 'flag', matches: [{ phrase: 'die', action: 'flag' }] })
  })

  it('entries with no words never match every post', () => {
    const empty: WatchedWord[] = [
      { phrase: '', action: 'crisis' },
      { phrase: '   ', action: 'crisis' },
      { phrase: '!!!', action: 'crisis' },
      { phrase: '💊', action: 'crisis' },
      { phrase: '', action: 'crisis', kind: 'pattern' },
    ]
    for (const t of ['hello', 'I want to die', '', '💊', '!!!']) {
      expect(triageText(t, empty), t).toEqual({ action: null, matches: [] })
    }
  })
})

// =============================================================================================
// findSpans
// =============================================================================================
describe('findSpans', () => {
  it('gives word positions [start, end) of the match', () => {
    expect(spansOf('kill myself', 'i will kill myself')).toEqual([{ start: 2, end: 4 }])
    expect(spansOf('want ~3 die', 'want to die', 'pattern')).toEqual([{ start: 0, end: 3 }])
    expect(spansOf('die', 'diiiie')).toEqual([{ start: 0, end: 1 }])
  })

  it('positions are word positions after text-speak is written out', () => {
    // im gonna kms → i am going to kill myself
    expect(spansOf('kill myself', 'im gonna kms')).toEqual([{ start: 4, end: 6 }])
    expect(spansOf('kms', 'im gonna kms')).toEqual([{ start: 4, end: 6 }])
    // kill my self → kill myself
    expect(spansOf('myself', 'kill my self')).toEqual([{ start: 1, end: 2 }])
  })

  it('finds every match, one per start position, including overlapping ones', () => {
    expect(spansOf('die', 'die die')).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 2 },
    ])
    expect(spansOf('so so', 'so so so')).toEqual([
      { start: 0, end: 2 },
      { start: 1, end: 3 },
    ])
    expect(spansOf('want ~3 [die|dead]', 'want to die, want to be dead', 'pattern')).toEqual([
      { start: 0, end: 3 },
      { start: 3, end: 7 },
    ])
  })

  it('gives only one span for a start position with several possible ends', () => {
    const s = spansOf('want ~3 die', 'want die die', 'pattern')
    expect(s).toHaveLength(1)
    expect(s[0]?.start).toBe(0)
    expect([2, 3]).toContain(s[0]?.end)
  })

  it('no match, or no words, gives no spans', () => {
    expect(spansOf('kill myself', 'a quiet day')).toEqual([])
    expect(findSpans([], compileEntry('kill myself'))).toEqual([])
    expect(findSpans([], compileEntry('want ~3 die', 'pattern'))).toEqual([])
  })

  it('spans always lie inside the words', () => {
    const words = wordsOf('want want to die die want dead want')
    for (const s of findSpans(words, compileEntry('want ~6 [die|dead]', 'pattern'))) {
      expect(s.start).toBeGreaterThanOrEqual(0)
      expect(s.end).toBeGreaterThan(s.start)
      expect(s.end).toBeLessThanOrEqual(words.length)
      expect(words[s.start]).toBe('want')
      expect(['die', 'dead']).toContain(words[s.end - 1])
    }
  })

  it('a compiled entry can be reused', () => {
    const entry = compileEntry('want ~3 [die|dead]', 'pattern')
    expect(findSpans(wordsOf('want to die'), entry)).toHaveLength(1)
    expect(findSpans(wordsOf('want to die'), entry)).toHaveLength(1)
    expect(findSpans(wordsOf('no'), entry)).toHaveLength(0)
    expect(findSpans(wordsOf('wanna be dead'), entry)).toHaveLength(1)
  })
})

// =============================================================================================
// triageText / triageWords: strongest action
// =============================================================================================
describe('triage: strongest action wins, list order does not matter', () => {
  const words: WatchedWord[] = [
    { phrase: 'alpha', action: 'flag' },
    { phrase: 'bravo', action: 'require-approval' },
    { phrase: 'charlie', action: 'block' },
    { phrase: 'delta', action: 'crisis' },
  ]
  const permutations = <T>(xs: T[]): T[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])))

  it.each<[string, Action | null]>([
    ['nothing here', null],
    ['alpha', 'flag'],
    ['bravo', 'require-approval'],
    ['charlie', 'block'],
    ['delta', 'crisis'],
    ['alpha bravo', 'require-approval'],
    ['charlie alpha bravo', 'block'],
    ['delta alpha', 'crisis'],
    ['alpha bravo charlie delta', 'crisis'],
    ['bravo charlie', 'block'],
  ])('%j → %s in all 24 orders of the list', (text, expected) => {
    for (const list of permutations(words)) {
      const r = triageText(text, list)
      expect(r.action).toBe(expected)
      const expectedMatches = words.filter((w) => wordsOf(text).includes(w.phrase)).map((w) => ({ phrase: w.phrase, action: w.action }))
      expect(r.matches).toHaveLength(expectedMatches.length)
      expect(r.matches).toEqual(expect.arrayContaining(expectedMatches))
    }
  })

  it('an entry matching several times is listed once', () => {
    expect(triageText('delta, delta and delta again', words).matches).toEqual([{ phrase: 'delta', action: 'crisis' }])
  })

  it('two entries with the same words but different actions are both listed; the stronger wins', () => {
    const list: WatchedWord[] = [
      { phrase: 'die', action: 'flag' },
      { phrase: 'die', action: 'crisis' },
    ]
    const r = triageText('i want to die', list)
    expect(r.action).toBe('crisis')
    expect(r.matches).toHaveLength(2)
    expect(r.matches).toEqual(
      expect.arrayContaining([
        { phrase: 'die', action: 'flag' },
        { phrase: 'die', action: 'crisis' },
      ]),
    )
  })

  it('a match reports the entry as the moderator wrote it', () => {
    const r = triageText('I self harm', [{ phrase: 'Self-Harm', action: 'crisis' }])
    expect(r).toEqual({ action: 'crisis', matches: [{ phrase: 'Self-Harm', action: 'crisis' }] })
  })

  it('phrase and pattern entries are ranked together', () => {
    const list: WatchedWord[] = [
      { phrase: 'heroin', action: 'block' },
      { phrase: 'want ~3 [die|dead]', action: 'crisis', kind: 'pattern' },
    ]
    expect(actionOf('heroin made me want to be dead', list)).toBe('crisis')
    expect(actionOf('heroin made me want dinner', list)).toBe('block')
  })

  it('empty text, empty list, only punctuation, only emoji: no action', () => {
    const none = { action: null, matches: [] }
    expect(triageText('', words)).toEqual(none)
    expect(triageText('delta', [])).toEqual(none)
    expect(triageText('', [])).toEqual(none)
    expect(triageText('!!! ??? ... --- ***', words)).toEqual(none)
    expect(triageText('😢😭💔👩‍👩‍👧', words)).toEqual(none)
    expect(triageWords([], words)).toEqual(none)
    expect(triageWords(['delta'], [])).toEqual(none)
  })

  it('triageWords on wordsOf(text) gives the same as triageText(text)', () => {
    const list: WatchedWord[] = [
      ...words,
      { phrase: 'kill myself', action: 'crisis' },
      { phrase: 'want ~3 [die|dead|end it]', action: 'crisis', kind: 'pattern' },
      { phrase: 'buy * off me', action: 'block' },
      { phrase: 'used to ~2 want ~3 [die|dead]', action: 'context', kind: 'pattern' },
    ]
    for (const t of ['im gonna kms 2nite', 'I used to want to die', 'buy some off me', 'alpha', '', 'wanna be deeead']) {
      expect(triageWords(wordsOf(t), list), t).toEqual(triageText(t, list))
    }
  })
})

// =============================================================================================
// Context entries
// =============================================================================================
describe('context entries', () => {
  const SELF_HARM: WatchedWord = { phrase: 'self harm', action: 'crisis' }
  const USED_TO: WatchedWord = { phrase: 'used to ~2 self harm', action: 'context', kind: 'pattern' }
  const lowered = { phrase: 'self harm', action: 'flag', context: 'used to ~2 self harm' }

  it('a crisis match wholly inside a context match is only flagged, with the context named', () => {
    expect(triageText('I used to self harm', [SELF_HARM, USED_TO])).toEqual({ action: 'flag', matches: [lowered] })
    expect(triageText('I used to self-harm', [USED_TO, SELF_HARM])).toEqual({ action: 'flag', matches: [lowered] })
    expect(triageText('I used to really badly self harm', [SELF_HARM, USED_TO])).toEqual({ action: 'flag', matches: [lowered] })
  })

  it('when the context does not match (gap too big), the crisis stands', () => {
    expect(triageText('I used to really really badly self harm', [SELF_HARM, USED_TO])).toEqual({
      action: 'crisis',
      matches: [{ phrase: 'self harm', action: 'crisis' }],
    })
  })

  it('a context match elsewhere in the text does not lower the crisis', () => {
    expect(actionOf('I used to drink a lot. Now I self harm.', [SELF_HARM, USED_TO])).toBe('crisis')
    expect(actionOf('I used to love running. I self harm now.', [SELF_HARM, USED_TO, { phrase: 'used to love', action: 'context' }])).toBe('crisis')
  })

  it('if the same crisis entry also matches outside any context match, it stays crisis', () => {
    const r = triageText('I used to self harm. Last night I wanted to self harm again.', [SELF_HARM, USED_TO])
    expect(r.action).toBe('crisis')
    expect(r.matches).toEqual([{ phrase: 'self harm', action: 'crisis' }])
  })

  it('every match inside some context match (two different contexts) → flag, naming one of them', () => {
    const list: WatchedWord[] = [SELF_HARM, USED_TO, { phrase: 'stopped ~2 self harm', action: 'context', kind: 'pattern' }]
    const r = triageText('I used to self harm, then I stopped the self harm.', list)
    expect(r.action).toBe('flag')
    expect(r.matches).toHaveLength(1)
    expect(r.matches[0]?.phrase).toBe('self harm')
    expect(r.matches[0]?.action).toBe('flag')
    expect(['used to ~2 self harm', 'stopped ~2 self harm']).toContain(r.matches[0]?.context)
  })

  // Changed by design after these tests were written: a context lowers a crisis match it shares any
  // word with, not only one it wholly contains, so that "jump on the bus" can lower "going to jump"
  // (the crisis entry ends before the words that make it harmless). Context entries are therefore
  // written as whole expressions; the default lexicon's recall is measured by the corpus test.
  it('a context match sharing words with the end of the crisis match lowers it (context runs past the end)', () => {
    // crisis [0,2) "self harm", context [1,3) "harm reduction"
    expect(triageText('self harm reduction', [SELF_HARM, { phrase: 'harm reduction', action: 'context' }])).toEqual({
      action: 'flag',
      matches: [{ phrase: 'self harm', action: 'flag', context: 'harm reduction' }],
    })
  })

  it('a context match sharing words with the start of the crisis match lowers it (context starts before)', () => {
    // crisis [1,4) "end it all", context [0,3) "to end it"
    expect(
      actionOf('to end it all', [
        { phrase: 'end it all', action: 'crisis' },
        { phrase: 'to end it', action: 'context' },
      ]),
    ).toBe('flag')
  })

  it('a context match lying inside the crisis match lowers it too', () => {
    expect(
      actionOf('end it all', [
        { phrase: 'end it all', action: 'crisis' },
        { phrase: 'it all', action: 'context' },
      ]),
    ).toBe('flag')
  })

  it('a context match next to the crisis match, sharing no word, does not lower it', () => {
    // crisis "want ~3 die" [2,5) in "i really want to die tonight", context "tonight please" shares nothing
    const list: WatchedWord[] = [
      { phrase: 'want ~3 die', action: 'crisis', kind: 'pattern' },
      { phrase: 'tonight please', action: 'context', kind: 'pattern' },
    ]
    expect(actionOf('i really want to die tonight please', list)).toBe('crisis')
  })

  it('a context match exactly as long as the crisis match covers it', () => {
    const r = triageText('self harm', [SELF_HARM, { phrase: 'self harm', action: 'context' }])
    expect(r).toEqual({ action: 'flag', matches: [{ phrase: 'self harm', action: 'flag', context: 'self harm' }] })
  })

  it('a pattern crisis entry can be lowered by a pattern context entry', () => {
    const list: WatchedWord[] = [
      { phrase: 'want ~3 [die|dead]', action: 'crisis', kind: 'pattern' },
      { phrase: '[used to|once] ~2 want ~3 [die|dead]', action: 'context', kind: 'pattern' },
    ]
    expect(triageText('I used to want to be dead', list)).toEqual({
      action: 'flag',
      matches: [{ phrase: 'want ~3 [die|dead]', action: 'flag', context: '[used to|once] ~2 want ~3 [die|dead]' }],
    })
    expect(actionOf('I want to be dead', list)).toBe('crisis')
  })

  it('a context entry is never an action, and never listed in matches', () => {
    expect(triageText('I used to self harm', [USED_TO])).toEqual({ action: null, matches: [] })
    const r = triageText('I used to self harm', [SELF_HARM, USED_TO, { phrase: 'used', action: 'flag' }])
    expect(r.matches.map((m) => m.action)).not.toContain('context')
    expect(r.matches.map((m) => m.phrase).sort()).toEqual(['self harm', 'used'])
  })

  it('a lowered crisis still loses to a stronger action elsewhere, and beats nothing stronger', () => {
    expect(actionOf('I used to self harm', [SELF_HARM, USED_TO, { phrase: 'used', action: 'require-approval' }])).toBe('require-approval')
    expect(actionOf('I used to self harm with heroin', [SELF_HARM, USED_TO, { phrase: 'heroin', action: 'block' }])).toBe('block')
    expect(actionOf('I used to self harm and want to die', [SELF_HARM, USED_TO, { phrase: 'die', action: 'crisis' }])).toBe('crisis')
  })

  it('context lowers crisis only: a block entry inside a context match is still a block', () => {
    const list: WatchedWord[] = [
      { phrase: 'buy * off me', action: 'block' },
      { phrase: 'used to buy * off me', action: 'context' },
    ]
    expect(actionOf('I used to buy gear off me', list)).toBe('block')
  })

  it('the order of the list does not matter for context', () => {
    const list: WatchedWord[] = [SELF_HARM, USED_TO, { phrase: 'heroin', action: 'flag' }]
    const a = triageText('I used to self harm on heroin', list)
    const b = triageText('I used to self harm on heroin', [...list].reverse())
    expect(a.action).toBe('flag')
    expect(b.action).toBe('flag')
    expect(b.matches).toHaveLength(a.matches.length)
    expect(b.matches).toEqual(expect.arrayContaining(a.matches))
  })

  it('a context entry that fails to compile lowers nothing', () => {
    const list: WatchedWord[] = [SELF_HARM, { phrase: 'used to ~9 self harm', action: 'context', kind: 'pattern' }]
    expect(actionOf('I used to self harm', list)).toBe('crisis')
  })
})

// =============================================================================================
// Robustness
// =============================================================================================
describe('robustness', () => {
  const vocabulary = ['the', 'meeting', 'was', 'good', 'and', 'i', 'felt', 'calm', 'today', 'walked', 'dog', 'tea', 'sponsor', 'step', 'work', 'garden']
  const ordinary = (n: number) => Array.from({ length: n }, (_, i) => vocabulary[(i * 7 + (i >> 3)) % vocabulary.length]).join(' ')
  const list: WatchedWord[] = [
    { phrase: 'kill myself', action: 'crisis' },
    { phrase: 'suicid*', action: 'crisis' },
    { phrase: 'want ~6 [die|dead|end it all]', action: 'crisis', kind: 'pattern' },
    { phrase: '[want|going] ~6 [to|really] ~6 [die|end] ~6 [it|myself] ~6 tonight', action: 'crisis', kind: 'pattern' },
    { phrase: 'used to ~6 [want|going] ~6 [die|dead]', action: 'context', kind: 'pattern' },
    { phrase: 'heroin', action: 'block' },
  ]

  it('20,000 ordinary words: no action; a crisis at the start or end is still found', () => {
    const text = ordinary(20_000)
    expect(wordsOf(text)).toHaveLength(20_000)
    expect(triageText(text, list)).toEqual({ action: null, matches: [] })
    expect(actionOf(`${text} i want to die`, list)).toBe('crisis')
    expect(actionOf(`i wanna end it all. ${text}`, list)).toBe('crisis')
    expect(actionOf(`${text.slice(0, text.length / 2)} kms ${text.slice(text.length / 2)}`, list)).toBe('crisis')
  })

  it('20,000 repetitions of the first word of a pattern and no second word: no match', () => {
    const wants = 'want '.repeat(20_000)
    expect(triageText(wants, list)).toEqual({ action: null, matches: [] })
    expect(actionOf(`${wants}die`, list)).toBe('crisis')
    expect(triageText('end it '.repeat(10_000), [{ phrase: 'end it all', action: 'crisis' }])).toEqual({ action: null, matches: [] })
  })

  it('20,000 words that each fit some part of a many-gap pattern, without its last word: no match', () => {
    const parts = ['want', 'going', 'to', 'really', 'die', 'end', 'it', 'myself']
    const text = Array.from({ length: 20_000 }, (_, i) => parts[i % parts.length]).join(' ')
    const manyGaps: WatchedWord[] = [{ phrase: '[want|going] ~6 [to|really] ~6 [die|end] ~6 [it|myself] ~6 tonight', action: 'crisis', kind: 'pattern' }]
    expect(triageText(text, manyGaps)).toEqual({ action: null, matches: [] })
    expect(actionOf(`${text} tonight`, manyGaps)).toBe('crisis')
  })

  it('20,000 matches are all found', () => {
    expect(findSpans(wordsOf('die '.repeat(20_000)), compileEntry('die'))).toHaveLength(20_000)
    expect(findSpans(wordsOf('want to die. '.repeat(5_000)), compileEntry('want ~3 die', 'pattern'))).toHaveLength(5_000)
  })

  it('very long single words and very long elongations', () => {
    expect(actionOf('a'.repeat(100_000), list)).toBeNull()
    expect(actionOf(`d${'i'.repeat(50_000)}e`, [{ phrase: 'die', action: 'crisis' }])).toBe('crisis')
    expect(actionOf(`${'!'.repeat(50_000)}${'\n'.repeat(50_000)}`, list)).toBeNull()
  })

  it('unicode and emoji', () => {
    expect(actionOf('I want to die 😭💔', list)).toBe('crisis')
    expect(actionOf('💊💊💊 kill myself 💊💊💊', list)).toBe('crisis')
    expect(actionOf('أريد أن أموت', list)).toBeNull()
    expect(actionOf('死にたい', list)).toBeNull()
    expect(actionOf('\ud83d kill\ud800 myself', list)).toBe('crisis')
    expect(() => triageText('\u0000\uffff\ud800\udfff\u202e', list)).not.toThrow()
    expect(actionOf('Ich möchte sterben, café, naïve', list)).toBeNull()
  })
})
