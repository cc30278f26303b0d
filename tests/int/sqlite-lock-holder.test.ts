// Another process holding SQLite's write lock (a backup, the CLI, a second server) must make the
// server wait, never lose a write it has acknowledged. Before the fix, a transaction that began
// after a "database is locked" failure could not commit, and Payload still reported success:
// the member below was "created" with an id and was not in the database.
import { describe, expect, test } from 'vitest'

import { bootPayload } from '../support/payload.js'
import { createMember } from '../support/members.js'
import { holdWriteLock } from '../support/sqliteLock.js'

const sqlite = !process.env.DATABASE_URL?.match(/^(postgres|mongodb)/)

describe.skipIf(!sqlite)('another process holds the write lock', () => {
  test('a member created meanwhile waits, and is then really stored (and seen by a later read)', async () => {
    const payload = await bootPayload()
    await createMember(payload) // warm the shared connection first
    const done = await holdWriteLock(process.env.DATABASE_URL!, 800)
    const member = await createMember(payload)
    await done()
    const stored = await payload.count({ collection: 'users', where: { email: { equals: member.email } } })
    expect(stored.totalDocs).toBe(1)
    // The next transaction, on whatever connection, commits too.
    const next = await createMember(payload)
    expect((await payload.count({ collection: 'users', where: { id: { equals: next.id } } })).totalDocs).toBe(1)
  })

  test('a lone update outside a transaction waits too, and the next transaction still commits', async () => {
    const payload = await bootPayload()
    const member = await createMember(payload)
    const done = await holdWriteLock(process.env.DATABASE_URL!, 800)
    await payload.db.updateOne({ collection: 'users', id: member.id, data: { displayName: 'Waited Patiently' } } as never)
    await done()
    const after = await createMember(payload)
    const found = await payload.find({ collection: 'users', where: { id: { in: [member.id, after.id] } }, depth: 0 })
    expect(found.docs.map((d) => d.displayName)).toContain('Waited Patiently')
    expect(found.totalDocs).toBe(2)
  })

  test('a write that cannot get the lock within the wait is refused with 503 and a clear message, and saves nothing', async () => {
    const payload = await bootPayload()
    await createMember(payload)
    const email = `busy-${Date.now().toString(36)}@example.org`
    process.env.WAYMARK_WRITE_WAIT_MS = '500'
    try {
      const done = await holdWriteLock(process.env.DATABASE_URL!, 2500)
      const refused = await createMember(payload, { email }).then(
        () => null,
        (error: unknown) => error as { status?: number; message?: string },
      )
      await done()
      expect(refused?.status).toBe(503)
      expect(refused?.message).toMatch(/busy.*Nothing you sent was saved/i)
    } finally {
      delete process.env.WAYMARK_WRITE_WAIT_MS
    }
    expect((await payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs).toBe(0)
    // Sent again once the lock is free, it is stored.
    await createMember(payload, { email })
    expect((await payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs).toBe(1)
  })
})
