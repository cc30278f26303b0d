// Issue 16 B: the notification, mention, follow and unread rules as pure policies.
import { describe, expect, it } from 'vitest'

import {
  canReadNotification,
  canReadThreadState,
  decisionSentence,
  firstUnreadReply,
  followedLocalityIds,
  mentionCandidates,
  MAX_MENTIONS_PER_POST,
  nextSeenUpTo,
  threadNews,
  withLocalityFollow,
} from '../../src/policies/memberNotifications.js'

const member = (id: number, roles: string[] = ['member']) => ({ id, roles })

describe('who reads a notification or a thread place', () => {
  it.each([
    ['the recipient', member(7), 7, true],
    ['the recipient, ids as strings', member(7), '7', true],
    ['another member', member(8), 7, false],
    ['a moderator', member(9, ['moderator']), 7, false],
    ['an admin', member(10, ['admin']), 7, false],
    ['a visitor', null, 7, false],
    ['nobody, for a row without a recipient', member(7), null, false],
  ] as const)('%s → %s', (_name, viewer, recipient, expected) => {
    expect(canReadNotification(viewer as never, recipient)).toBe(expected)
    expect(canReadThreadState(viewer as never, recipient)).toBe(expected)
  })
})

describe('mentionCandidates', () => {
  it('offers the longest names first, up to four words, without trailing punctuation', () => {
    expect(mentionCandidates('Thanks @Sam K, that helped.')).toEqual([['Sam K, that helped', 'Sam K, that', 'Sam K', 'Sam']])
  })
  it('finds a mention at the start, after a bracket and after a new line', () => {
    expect(mentionCandidates('@Jo hi').map((c) => c.at(-1))).toEqual(['Jo'])
    expect(mentionCandidates('(@Ali) and\n@Bea!').map((c) => c.at(-1))).toEqual(['Ali', 'Bea'])
  })
  it('finds every mention in a list of them, separated by a space or a comma', () => {
    expect(mentionCandidates('Hello @Quiet one, and @Sam K.').map((c) => c.at(-1))).toEqual(['Quiet', 'Sam'])
    expect(mentionCandidates('@Ann @Bob @Cat').map((c) => c[0])).toEqual(['Ann', 'Bob', 'Cat'])
  })
  it('ignores an @ inside a word, such as an email address', () => {
    expect(mentionCandidates('write to someone@example.org please')).toEqual([])
  })
  it('ignores names shorter than a display name can be', () => {
    expect(mentionCandidates('@a')).toEqual([])
  })
  it(`stops after ${MAX_MENTIONS_PER_POST} mentions`, () => {
    const text = Array.from({ length: 30 }, (_, i) => `@Name${i}`).join(' ')
    expect(mentionCandidates(text)).toHaveLength(MAX_MENTIONS_PER_POST)
  })
})

describe('decisionSentence', () => {
  it('names the post when the member can still read it', () => {
    expect(decisionSentence('approved', 'threads', 'Hello')).toBe('Your thread “Hello” was approved and is now live.')
    expect(decisionSentence('removed', 'replies', 'Hello')).toBe('Your reply in “Hello” was removed by a moderator.')
    expect(decisionSentence('changes_requested', 'stories', 'My year')).toBe('Your story “My year” needs some changes before it can be published.')
  })
  it('names nothing when it cannot', () => {
    expect(decisionSentence('held', 'replies', null)).toBe('One of your posts is held for a moderator to look at.')
    expect(decisionSentence('unpublished', 'stories', null)).toBe('One of your stories was unpublished by a moderator.')
  })
})

describe('what is new in a thread', () => {
  const replies = [
    { id: 1, createdAt: '2026-12-01T10:00:00.000Z', isOwn: false },
    { id: 2, createdAt: '2026-12-02T10:00:00.000Z', isOwn: true },
    { id: 3, createdAt: '2026-12-03T10:00:00.000Z', isOwn: false },
  ]
  it('marks the first reply by someone else after the last visit', () => {
    expect(firstUnreadReply(replies, '2026-12-01T12:00:00.000Z')).toBe(3)
    expect(firstUnreadReply(replies, '2026-11-30T12:00:00.000Z')).toBe(1)
  })
  it('marks nothing on a first visit or when all is read', () => {
    expect(firstUnreadReply(replies, null)).toBeNull()
    expect(firstUnreadReply(replies, '2026-12-03T10:00:00.000Z')).toBeNull()
  })
  it('moves the place only forwards', () => {
    expect(nextSeenUpTo(null, '2026-12-01T00:00:00.000Z')).toBe('2026-12-01T00:00:00.000Z')
    expect(nextSeenUpTo('2026-12-02T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).toBe('2026-12-02T00:00:00.000Z')
    expect(nextSeenUpTo('2026-12-02T00:00:00.000Z', null)).toBe('2026-12-02T00:00:00.000Z')
  })
  it('says what a thread list shows', () => {
    const base = { opened: false, newReplies: 0, threadIsOwn: false, threadCreatedAt: '2026-12-02T00:00:00.000Z', memberJoinedAt: '2026-12-01T00:00:00.000Z' }
    expect(threadNews(base)).toEqual({ kind: 'unopened' })
    expect(threadNews({ ...base, threadIsOwn: true })).toBeNull()
    expect(threadNews({ ...base, memberJoinedAt: '2026-12-03T00:00:00.000Z' })).toBeNull()
    expect(threadNews({ ...base, opened: true, newReplies: 0 })).toBeNull()
    expect(threadNews({ ...base, opened: true, newReplies: 2 })).toEqual({ kind: 'replies', count: 2 })
  })
})

describe('following forums', () => {
  const localities = [
    { id: 1, isCountyWide: false },
    { id: 2, isCountyWide: false },
    { id: 9, isCountyWide: true },
  ]
  it('with nothing chosen, follows the home locality and the county', () => {
    expect(followedLocalityIds([], 1, localities)).toEqual(['1', '9'])
    expect(followedLocalityIds([], null, localities)).toEqual(['9'])
  })
  it('with a choice, follows exactly that', () => {
    expect(followedLocalityIds([2], 1, localities)).toEqual(['2'])
  })
  it('adds and removes one forum', () => {
    expect(withLocalityFollow(['1', '9'], 2, true)).toEqual(['1', '9', '2'])
    expect(withLocalityFollow(['1', '9'], 9, false)).toEqual(['1'])
    expect(withLocalityFollow(['1'], 1, true)).toEqual(['1'])
  })
})
