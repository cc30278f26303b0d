// Issue 12 D: meeting join codes as pure rules (src/policies/joinCodes.ts).
import { describe, expect, it } from 'vitest'

import {
  JOIN_CODE_ALPHABET,
  JOIN_CODE_DEFAULT_HOURS,
  canOpenJoinCode,
  displayJoinCode,
  generateJoinCode,
  isJoinCodeUsable,
  joinCodeExpiry,
  meetingTakesJoinCodes,
  normaliseJoinCode,
  parseJoinCodeHours,
} from '../../src/policies/joinCodes.js'

describe('generateJoinCode', () => {
  it('uses only characters that cannot be misread', () => {
    for (const lookAlike of ['0', 'O', '1', 'I', 'L']) expect(JOIN_CODE_ALPHABET).not.toContain(lookAlike)
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length)
    for (let i = 0; i < 500; i++) {
      const code = generateJoinCode()
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6,8}$/)
    }
  })

  it('makes codes of 6 to 8 characters and refuses other lengths', () => {
    for (const length of [6, 7, 8]) expect(generateJoinCode(length)).toHaveLength(length)
    for (const length of [0, 5, 9, 6.5]) expect(() => generateJoinCode(length)).toThrow(RangeError)
  })

  it('draws every character from the random source it is given', () => {
    const draws: number[] = []
    const code = generateJoinCode(6, (max) => {
      draws.push(max)
      return draws.length - 1
    })
    expect(draws).toEqual(Array(6).fill(JOIN_CODE_ALPHABET.length))
    expect(code).toBe(JOIN_CODE_ALPHABET.slice(0, 6))
  })

  it('does not repeat itself (crypto randomness, not a fixed sequence)', () => {
    const codes = new Set(Array.from({ length: 200 }, () => generateJoinCode()))
    expect(codes.size).toBeGreaterThan(195)
  })
})

describe('normaliseJoinCode', () => {
  it.each([
    ['K7M4QP', 'K7M4QP'],
    ['k7m4qp', 'K7M4QP'],
    ['K7M 4QP', 'K7M4QP'],
    ['  k7m-4qp ', 'K7M4QP'],
    ['K7M–4QP', 'K7M4QP'],
    ['k 7 m 4 q p', 'K7M4QP'],
    ['K7MQ 4PXR', 'K7MQ4PXR'],
  ])('%j reads as %j', (typed, stored) => expect(normaliseJoinCode(typed)).toBe(stored))

  it.each([['K7M4Q'], ['K7MQ4PXRZ'], ['K7M 4Q0'], ['K7M4QO'], ['K7M4Q1'], ['K7M4QI'], ['K7M4QL'], [''], ['   '], ['K7M;4QP'], ['x'.repeat(100)]])('%j is not a code', (typed) => {
    expect(normaliseJoinCode(typed)).toBeNull()
  })

  it('is null for anything that is not text', () => {
    for (const value of [undefined, null, 123456, ['K7M4QP'], { code: 'K7M4QP' }]) expect(normaliseJoinCode(value)).toBeNull()
  })

  it('round-trips the display form', () => {
    for (let i = 0; i < 50; i++) {
      const code = generateJoinCode(6 + (i % 3))
      expect(normaliseJoinCode(displayJoinCode(code))).toBe(code)
      expect(normaliseJoinCode(displayJoinCode(code).toLowerCase().replace(' ', '-'))).toBe(code)
    }
  })
})

describe('displayJoinCode', () => {
  it('groups a code in two', () => {
    expect(displayJoinCode('K7M4QP')).toBe('K7M 4QP')
    expect(displayJoinCode('K7MQ4PX')).toBe('K7MQ 4PX')
    expect(displayJoinCode('K7MQ4PXR')).toBe('K7MQ 4PXR')
  })
})

describe('parseJoinCodeHours', () => {
  it('defaults to 3 hours when left blank', () => {
    expect(JOIN_CODE_DEFAULT_HOURS).toBe(3)
    for (const blank of [undefined, null, '', '  ']) expect(parseJoinCodeHours(blank)).toBe(3)
  })
  it('takes whole hours from 1 to 12', () => {
    for (let h = 1; h <= 12; h++) expect(parseJoinCodeHours(String(h))).toBe(h)
    expect(parseJoinCodeHours(' 4 ')).toBe(4)
    expect(parseJoinCodeHours(6)).toBe(6)
  })
  it.each([['0'], ['13'], ['-1'], ['2.5'], ['1e1'], ['abc'], ['999'], ['0x3']])('refuses %j', (value) => expect(parseJoinCodeHours(value)).toBeNull())
})

describe('isJoinCodeUsable', () => {
  const now = new Date('2027-03-04T19:00:00Z')
  const open = { expiresAt: joinCodeExpiry(now, 3).toISOString(), closedAt: null, uses: 0, maxUses: 300 }

  it('works while open, unexpired and under its cap', () => {
    expect(joinCodeExpiry(now, 3).toISOString()).toBe('2027-03-04T22:00:00.000Z')
    expect(isJoinCodeUsable(open, now)).toBe(true)
    expect(isJoinCodeUsable({ ...open, uses: 299 }, now)).toBe(true)
    expect(isJoinCodeUsable({ ...open, maxUses: undefined, uses: 12 }, now)).toBe(true)
  })
  it('stops at its expiry time, exactly', () => {
    expect(isJoinCodeUsable(open, new Date('2027-03-04T21:59:59.999Z'))).toBe(true)
    expect(isJoinCodeUsable(open, new Date('2027-03-04T22:00:00Z'))).toBe(false)
    expect(isJoinCodeUsable({ ...open, expiresAt: null }, now)).toBe(false)
    expect(isJoinCodeUsable({ ...open, expiresAt: 'not a date' }, now)).toBe(false)
  })
  it('stops when closed or used up', () => {
    expect(isJoinCodeUsable({ ...open, closedAt: now.toISOString() }, now)).toBe(false)
    expect(isJoinCodeUsable({ ...open, uses: 300 }, now)).toBe(false)
    expect(isJoinCodeUsable({ ...open, uses: 2, maxUses: 2 }, now)).toBe(false)
    expect(isJoinCodeUsable(null, now)).toBe(false)
  })
})

describe('canOpenJoinCode', () => {
  it.each([
    ['visitor', null, 5, false],
    ['member', { id: 1, roles: ['member'] }, 5, false],
    ['reporter', { id: 2, roles: ['reporter'] }, 5, false],
    ['moderator, no scope', { id: 3, roles: ['moderator'], moderatorLocalities: [] }, 5, true],
    ['moderator of the locality', { id: 4, roles: ['moderator'], moderatorLocalities: [5] }, 5, true],
    ['moderator of another locality', { id: 5, roles: ['moderator'], moderatorLocalities: [6] }, 5, false],
    ['admin', { id: 6, roles: ['admin'], moderatorLocalities: [6] }, 5, true],
  ] as const)('%s: %s', (_name, actor, locality, expected) => {
    expect(canOpenJoinCode(actor as never, locality)).toBe(expected)
  })

  it('never for a cancelled meeting', () => {
    expect(meetingTakesJoinCodes({ status: 'cancelled' })).toBe(false)
    expect(meetingTakesJoinCodes({ status: 'scheduled' })).toBe(true)
    expect(meetingTakesJoinCodes({ status: 'held' })).toBe(true)
  })
})

describe('presentJoinCode', () => {
  it('groups the code, gives the expiry in UK time and where to type it', async () => {
    const { presentJoinCode } = await import('../../src/presenters/joinCode.js')
    expect(presentJoinCode({ code: 'K7M4QP', expiresAt: '2027-07-15T20:00:00.000Z', uses: 4 }, 'https://waymark.example')).toEqual({
      code: 'K7M4QP',
      display: 'K7M 4QP',
      expiresAt: '2027-07-15T20:00:00.000Z',
      expiresWhen: 'Thursday 15 July 2027, 21:00',
      uses: 4,
      joinAddress: 'waymark.example/join',
    })
  })
})
