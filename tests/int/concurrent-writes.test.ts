// Many members write at the same moment. On SQLite every write must still succeed (waiting its
// turn), not fail with "database is locked"; nothing acknowledged may go missing.
import { describe, expect, test } from 'vitest'

import { bootPayload } from '../support/payload.js'
import { createMember } from '../support/members.js'

describe('concurrent writes', () => {
  test('eight simultaneous updates of one member all succeed, and the last one wins', async () => {
    const payload = await bootPayload()
    const member = await createMember(payload)
    const digests = ['daily', 'weekly', 'never', 'daily', 'weekly', 'never', 'daily', 'weekly']
    const results = await Promise.allSettled(digests.map((digest) => payload.update({ collection: 'users', id: member.id, data: { notifications: { digest } } as never })))
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([])
    const stored = await payload.findByID({ collection: 'users', id: member.id })
    expect(digests).toContain(stored.notifications?.digest)
  })

  test('six simultaneous sign-ups are all stored', async () => {
    const payload = await bootPayload()
    const created = await Promise.all(Array.from({ length: 6 }, () => createMember(payload)))
    const found = await payload.find({
      collection: 'users',
      where: { id: { in: created.map((m) => m.id) } },
      limit: 10,
    })
    expect(found.docs.map((d) => String(d.id)).sort()).toEqual(created.map((m) => String(m.id)).sort())
  })

  test('a refused write does not hold up the writes after it', async () => {
    const payload = await bootPayload()
    const member = await createMember(payload)
    const outcomes = await Promise.allSettled([
      // Refused: the display name breaks the rules.
      payload.update({ collection: 'users', id: member.id, data: { displayName: 'x' } }),
      createMember(payload),
      payload.update({ collection: 'users', id: member.id, data: { notifications: { digest: 'daily' } } as never }),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'fulfilled'])
    const later = (outcomes[1] as PromiseFulfilledResult<{ id: number | string }>).value
    expect((await payload.findByID({ collection: 'users', id: later.id })).id).toBe(later.id)
  })
})
