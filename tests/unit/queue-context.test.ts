// What the moderators' queue shows of a triage, and how it reads the decision named in its address.
import { describe, expect, it } from 'vitest'

import { matchedPhrases, readDecided } from '../../src/policies/moderationQueue.js'

describe('matchedPhrases', () => {
  it('lists each matched entry’s phrase once, in order', () => {
    expect(
      matchedPhrases([
        { phrase: 'cheap deals', action: 'flag' },
        { phrase: 'buy * off me', action: 'require-approval' },
        { phrase: 'cheap deals', action: 'flag' },
      ]),
    ).toEqual(['cheap deals', 'buy * off me'])
  })

  it('shows a pattern entry by its note, or cut short without one', () => {
    const long = `[want|need] ~4 [${'die|'.repeat(40)}dead]`
    expect(matchedPhrases([{ phrase: long, action: 'crisis', note: 'intent: want to die' }])).toEqual(['intent: want to die'])
    const [shown] = matchedPhrases([{ phrase: long, action: 'crisis' }])
    expect(shown!.length).toBe(80)
    expect(shown!.endsWith('…')).toBe(true)
  })

  it('keeps a plain phrase even when it has a note', () => {
    expect(matchedPhrases([{ phrase: 'cheap deals', action: 'flag', note: 'selling' }])).toEqual(['cheap deals'])
  })

  it('is empty for nothing or junk', () => {
    expect(matchedPhrases(null)).toEqual([])
    expect(matchedPhrases('cheap deals')).toEqual([])
    expect(matchedPhrases([null, 3, { phrase: '  ' }])).toEqual([])
  })
})

describe('readDecided', () => {
  it('reads a known kind, an id and a known decision', () => {
    expect(readDecided('threads:12', 'approve')).toEqual({ kind: 'threads', id: '12', label: 'Approved' })
    expect(readDecided('replies:abc-1', 'reject')).toEqual({ kind: 'replies', id: 'abc-1', label: 'Rejected' })
    expect(readDecided('flags:3', 'rejected')).toEqual({ kind: 'flags', id: '3', label: 'Flag rejected' })
  })

  it('ignores anything else', () => {
    expect(readDecided('users:1', 'approve')).toBeNull()
    expect(readDecided('threads:1', 'toString')).toBeNull()
    expect(readDecided('threads:1', 'Approved: you won')).toBeNull()
    expect(readDecided('threads:<b>', 'approve')).toBeNull()
    expect(readDecided(['threads:1'], 'approve')).toBeNull()
    expect(readDecided(undefined, undefined)).toBeNull()
  })
})
