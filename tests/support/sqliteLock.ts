// Another process holding SQLite's write lock, as a backup, the CLI or a second server would.
import { spawn, type ChildProcess } from 'node:child_process'

/** A separate process takes the write lock on `databaseUrl`, says so, and holds it for `ms`; resolves to "wait until it let go". */
export async function holdWriteLock(databaseUrl: string, ms: number): Promise<() => Promise<void>> {
  const child = await lockHolder(databaseUrl, ms)
  return () => exited(child)
}

/** Holds the write lock until the returned function is called: it ends the holder (the OS frees its lock) and waits for it. */
export async function holdWriteLockUntilReleased(databaseUrl: string): Promise<() => Promise<void>> {
  const child = await lockHolder(databaseUrl, 10 * 60_000)
  return () => {
    const gone = exited(child)
    child.kill('SIGKILL')
    return gone
  }
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())))

async function lockHolder(databaseUrl: string, ms: number): Promise<ChildProcess> {
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
  return child
}
