// Another process holding SQLite's write lock (a backup, the CLI, a second server) must make the
// server wait, never lose a write it has acknowledged. Before the fix, a transaction that began
// after a "database is locked" failure could not commit, and Payload still reported success:
// the member below was "created" with an id and was not in the database.
import { spawn } from 'node:child_process'
import { describe, expect, test } from 'vitest'

import { bootPayload } from '../support/payload.js'
import { createMember } from '../support/members.js'

const sqlite = !process.env.DATABASE_URL?.match(/^(postgres|mongodb)/)

/** A separate process that takes the write lock, says so, and holds it for `ms`. */
async function holdWriteLock(databaseUrl: string, ms: number): Promise<() => Promise<void>> {
  const script = `const { createClient } = require('@libsql/client');
(async () => {
  const c = createClient({ url: ${JSON.stringify(databaseUrl)} })
  const tx = await c.transaction('write')
  await tx.execute("SELECT 1")
  process.stdout.write('holding\\n')
  await new Promise((r) => setTimeout(r, ${ms}))
  await tx.rollback()
  c.close()
})()`
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve)
    child.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)))
  })
  return () => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())))
}

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
})
