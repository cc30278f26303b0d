// Password rules: length 8..256, no composition rules, common-password blocklist, not the email or name.
import { describe, expect, it } from 'vitest'

import { commonPasswords } from '../../src/policies/commonPasswords.js'
import { checkPassword } from '../../src/policies/password.js'

// Random-looking strings that no blocklist will hold.
const rand = (length: number) => {
  const alphabet = 'qzxjvkwpfbgmhy'
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[(i * 7 + 3) % alphabet.length]! + (i % 10)
  return out.slice(0, length)
}

describe('checkPassword: length', () => {
  it.each([
    ['empty', ''],
    ['1 character', 'q'],
    ['7 characters', 'qz7Xv9k'],
  ])('refuses %s', (_n, pw) => {
    const error = checkPassword(pw)
    expect(typeof error).toBe('string')
    expect(error!.length).toBeGreaterThan(0)
  })

  it.each([
    ['8 characters', 'qz7Xv9kW'],
    ['8 lower-case letters, no digits or symbols', 'vqzjkwpf'],
    ['64 characters', rand(64)],
    ['100 characters', rand(100)],
    ['256 characters', rand(256)],
  ])('accepts %s', (_n, pw) => {
    expect(pw.length).toBeGreaterThanOrEqual(8)
    expect(checkPassword(pw)).toBeNull()
  })

  it('refuses 257 characters (the cap is 256)', () => {
    expect(checkPassword(rand(257))).toEqual(expect.any(String))
  })

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 12345678901],
    ['an object', { toString: () => 'qz7Xv9kWpf' }],
  ])('refuses a non-string (%s)', (_n, value) => {
    expect(checkPassword(value)).toEqual(expect.any(String))
  })
})

describe('checkPassword: no composition rules', () => {
  it.each(['all lower case words here', 'ALL UPPER CASE WORDS HERE', 'onlylettersnodigitsatall', '9081726354019283', 'spaces are fine in a passphrase'])('accepts %j', (pw) => {
    expect(checkPassword(pw)).toBeNull()
  })
})

describe('checkPassword: common passwords', () => {
  it.each(['password123', 'Password123', 'PASSWORD123', 'iloveyou1', 'qwertyuiop', 'QwertyUiop', '12345678', 'password', 'iloveyou'])('refuses %j', (pw) => {
    expect(checkPassword(pw)).toEqual(expect.any(String))
  })
})

describe('checkPassword: not the email or display name', () => {
  it('refuses a password equal to the email', () => {
    const email = 'sam.kettle.river@example.org'
    expect(checkPassword(email)).toBeNull() // acceptable on its own...
    expect(checkPassword(email, { email })).toEqual(expect.any(String)) // ...but not as this member's password
  })

  it('refuses a password equal to the display name', () => {
    const displayName = 'Moorland Lantern Keeper'
    expect(checkPassword(displayName)).toBeNull()
    expect(checkPassword(displayName, { displayName })).toEqual(expect.any(String))
    expect(checkPassword(displayName, { email: 'someone@example.org', displayName })).toEqual(expect.any(String))
  })

  it('accepts a password different from both', () => {
    expect(checkPassword('copper-kettle-meadow-9', { email: 'sam.kettle.river@example.org', displayName: 'Moorland Lantern Keeper' })).toBeNull()
  })
})

describe('commonPasswords()', () => {
  it('holds at least 10,000 entries', () => {
    const set = commonPasswords()
    expect(set).toBeInstanceOf(Set)
    expect(set.size).toBeGreaterThanOrEqual(10_000)
  })

  it('holds well-known passwords', () => {
    const set = commonPasswords()
    for (const pw of ['password', '123456', 'qwerty', 'iloveyou']) expect(set.has(pw)).toBe(true)
  })
})
