// Display names: 2–40 characters after trimming, never an email address, no control or invisible characters.
import { describe, expect, it } from 'vitest'

import { checkDisplayName, normaliseDisplayName } from '../../src/policies/displayName.js'

describe('checkDisplayName: accepted', () => {
  it.each([
    ['two characters', 'Al'],
    ['ordinary name', 'Sam K'],
    ['40 characters', 'A'.repeat(40)],
    ['40 characters with surrounding spaces', `   ${'B'.repeat(40)}   `],
    ['2 characters with surrounding spaces', '  Jo  '],
    ['accented letters', 'Zoë Brontë'],
    ['apostrophe and hyphen', "O'Neil-Smith"],
    ['mentions "at" as a word', 'Sam at the Canal'],
    ['a dot-com word without @', 'Walker.com fan'],
  ])('%s', (_n, name) => {
    expect(checkDisplayName(name)).toBeNull()
  })
})

describe('checkDisplayName: refused', () => {
  it.each([
    ['empty', ''],
    ['only spaces', '     '],
    ['one character', 'A'],
    ['one character after trimming', '   A   '],
    ['41 characters', 'A'.repeat(41)],
    ['41 characters with spaces inside', `${'A'.repeat(20)} ${'B'.repeat(20)}`],
  ])('length: %s', (_n, name) => {
    expect(checkDisplayName(name)).toEqual(expect.any(String))
  })

  it.each([
    'sam@example.com',
    'Sam@Example.COM',
    'sam.kettle+forum@mail.example.co.uk',
    'sam @ example.com',
    'sam  @  example.com',
    'sam(at)example.com',
    'sam (at) example.com',
    'sam[at]example.com',
    'Email me: sam@example.com',
  ])('email address: %j', (name) => {
    expect(checkDisplayName(name)).toEqual(expect.any(String))
  })

  it.each([
    ['NUL', 'Sam\u0000K'],
    ['BEL', 'Sam\u0007K'],
    ['ESC', 'Sam\u001bK'],
    ['DEL', 'Sam\u007fK'],
    ['C1 control', 'Sam\u0085K'],
    ['zero-width space', 'Sam\u200bK'],
    ['zero-width non-joiner', 'Sam\u200cK'],
    ['word joiner', 'Sam\u2060K'],
    ['right-to-left override', 'Sam\u202eK'],
    ['zero-width no-break space / BOM inside the name', 'Sam\ufeffK'],
    ['soft hyphen (invisible format character)', 'Sam\u00adK'],
    ['invisible times', 'Sam\u2062K'],
    ['Hangul filler (renders blank)', 'Sam\u3164K'],
    ['only Hangul fillers (a blank-looking name)', '\u3164\u3164\u3164'],
    ['Unicode tag character', 'Sam\u{E0041}K'],
    ['only invisible characters', '\u200b\u200b\u200b'],
  ])('control/invisible character: %s', (_n, name) => {
    expect(checkDisplayName(name)).toEqual(expect.any(String))
  })

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['number', 12345],
    ['object', { name: 'Sam K' }],
  ])('not a string: %s', (_n, value) => {
    expect(checkDisplayName(value)).toEqual(expect.any(String))
  })
})

describe('normaliseDisplayName', () => {
  it.each([
    ['  Sam K  ', 'Sam K'],
    ['Sam    K', 'Sam K'],
    ['  Sam \t\t K  ', 'Sam K'],
    ['Sam\n\nK', 'Sam K'],
    ['Sam K', 'Sam K'],
    ['Red  Rose   Friend', 'Red Rose Friend'],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseDisplayName(raw)).toBe(expected)
  })

  it('keeps case (uniqueness is checked case-insensitively elsewhere, but the name is shown as typed)', () => {
    expect(normaliseDisplayName('  McKenzie  ')).toBe('McKenzie')
  })
})
