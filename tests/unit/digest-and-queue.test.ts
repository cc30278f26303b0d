// When a digest is due (planDigest) and the order of the moderators' queue (orderQueue).
import { describe, expect, it } from 'vitest'

import { planDigest } from '../../src/policies/digest.js'
import { orderQueue, type QueueItem } from '../../src/policies/moderationQueue.js'

const HOUR = 3_600_000
const NOW = new Date('2026-12-01T08:07:00Z')
const ago = (ms: number) => new Date(NOW.getTime() - ms)

describe('planDigest', () => {
  const cases: [string, Parameters<typeof planDigest>[0], ReturnType<typeof planDigest>][] = [
    ['never, no reply digest', { frequency: 'never', repliesInDigest: false, checkedAt: null, now: NOW }, { due: false }],
    ['unset frequency', { frequency: null, repliesInDigest: false, checkedAt: null, now: NOW }, { due: false }],
    ['daily, first time: the last day', { frequency: 'daily', repliesInDigest: false, checkedAt: null, now: NOW }, { due: true, since: ago(24 * HOUR) }],
    ['weekly, first time: the last week', { frequency: 'weekly', repliesInDigest: false, checkedAt: null, now: NOW }, { due: true, since: ago(7 * 24 * HOUR) }],
    ['daily, looked 2 h ago', { frequency: 'daily', repliesInDigest: false, checkedAt: ago(2 * HOUR), now: NOW }, { due: false }],
    ['daily, looked 23 h ago (within the hour of slack)', { frequency: 'daily', repliesInDigest: false, checkedAt: ago(23 * HOUR), now: NOW }, { due: true, since: ago(23 * HOUR) }],
    ['daily, looked 22 h 59 min ago', { frequency: 'daily', repliesInDigest: false, checkedAt: ago(23 * HOUR - 60_000), now: NOW }, { due: false }],
    ['weekly, looked 3 days ago', { frequency: 'weekly', repliesInDigest: false, checkedAt: ago(72 * HOUR), now: NOW }, { due: false }],
    ['weekly, looked 7 days ago', { frequency: 'weekly', repliesInDigest: false, checkedAt: ago(7 * 24 * HOUR), now: NOW }, { due: true, since: ago(7 * 24 * HOUR) }],
    ['replies in the digest only: daily', { frequency: 'never', repliesInDigest: true, checkedAt: ago(25 * HOUR), now: NOW }, { due: true, since: ago(25 * HOUR) }],
    ['replies in the digest, weekly digest: weekly', { frequency: 'weekly', repliesInDigest: true, checkedAt: ago(25 * HOUR), now: NOW }, { due: false }],
  ]
  for (const [name, input, expected] of cases) it(name, () => expect(planDigest(input)).toEqual(expected))
})

describe('orderQueue: crisis first, then flagged, then oldest (in that order of precedence)', () => {
  const item = (id: string, crisis: boolean, flagged: boolean, since: string): QueueItem => ({
    kind: 'threads',
    id,
    title: id,
    excerpt: '',
    locality: '',
    crisis,
    flagged,
    since,
    status: 'pending',
    why: [],
    openFlags: [],
  })
  it('sorts every combination', () => {
    const items = [
      item('plain-new', false, false, '2026-12-01T10:00:00Z'),
      item('flag-new', false, true, '2026-12-01T09:00:00Z'),
      item('crisis-new', true, false, '2026-12-01T08:00:00Z'),
      item('plain-old', false, false, '2026-11-01T10:00:00Z'),
      item('crisis-flag-old', true, true, '2026-11-02T10:00:00Z'),
      item('flag-old', false, true, '2026-11-03T10:00:00Z'),
      item('crisis-old', true, false, '2026-10-01T10:00:00Z'),
    ]
    expect(orderQueue(items).map((i) => i.id)).toEqual(['crisis-flag-old', 'crisis-old', 'crisis-new', 'flag-old', 'flag-new', 'plain-old', 'plain-new'])
  })
  it('does not reorder its input', () => {
    const items = [item('b', false, false, '2'), item('a', true, false, '1')]
    orderQueue(items)
    expect(items.map((i) => i.id)).toEqual(['b', 'a'])
  })
})
