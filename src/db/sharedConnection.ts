// libsql keeps one shared connection for statements outside transactions, and a transaction takes
// that connection over (the next statement opens a new one). When a statement fails with
// SQLITE_BUSY (another process, such as the CLI, a backup or a test, holds the write lock), libsql
// leaves it unfinished on its connection. That connection then keeps reading an old snapshot, and
// a transaction begun on it later cannot commit ("SQL statements in progress"). Measured: members
// created by another process stayed invisible to the server, and writes were silently lost.
// So after a busy failure the shared connection is handed over and abandoned, and the next
// statement opens a clean one.

type HandOver = { transaction?: (mode: string) => Promise<{ rollback(): Promise<void> }> }

export function sqliteFilePath(fileURL: string): string {
  return decodeURIComponent(fileURL.replace(/^file:(\/\/)?/, '').split('?')[0]!)
}

export async function discardSharedConnection(adapter: unknown): Promise<void> {
  const client = (adapter as { client?: HandOver }).client
  if (!client?.transaction) return
  try {
    const handed = await client.transaction('deferred')
    await handed.rollback()
  } catch {
    // Nothing to hand over (the connection is already gone); the next statement opens a new one.
  }
}
