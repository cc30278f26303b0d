// libsql keeps one long-lived connection for reads between transactions, and that connection can
// go on reading an old snapshot: writes committed by another process (the CLI, a backup, a test)
// were measured invisible to it until the server's next write (41 of 60 missed). Handing that
// connection over (as a transaction does) makes the next read open a fresh one, which sees every
// commit. A commit by any process changes the WAL file, so the connection is handed over exactly
// when the WAL has changed since the last look: no clock window, so no race with a fresh commit.
import { statSync } from 'node:fs'

type HandOver = { transaction?: (mode: string) => Promise<{ rollback(): Promise<void> }> }

export function sqliteFilePath(fileURL: string): string {
  return decodeURIComponent(fileURL.replace(/^file:(\/\/)?/, '').split('?')[0]!)
}

function walSignature(databaseFile: string): string {
  try {
    const stat = statSync(`${databaseFile}-wal`, { bigint: true })
    return `${stat.mtimeNs}:${stat.size}:${stat.ino}`
  } catch {
    return 'no-wal'
  }
}

/** Returns a function that makes the shared read connection see every commit made so far, by any process. */
export function readFreshnessGuard(adapter: unknown, databaseFile: string): () => Promise<void> {
  let seen = ''
  let inFlight: Promise<void> | null = null
  return async () => {
    const now = walSignature(databaseFile)
    if (now === seen) return inFlight ?? undefined
    seen = now
    const client = (adapter as { client?: HandOver }).client
    if (!client?.transaction) return
    const handOver = client.transaction('deferred').then((handed) => handed.rollback())
    inFlight = handOver.finally(() => {
      if (inFlight === handOver) inFlight = null
    })
    return inFlight
  }
}
