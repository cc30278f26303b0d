// Temporary places and free ports for one test file's real server and database.
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export function tempDir(prefix = 'waymark-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** The database for a test: DATABASE_URL when CI points the suite at PostgreSQL or MongoDB, else a new SQLite file. */
export function testDatabaseUrl(dir: string): string {
  const url = process.env.DATABASE_URL
  if (url && !url.startsWith('file:')) return url
  return `file:${path.join(dir, 'waymark.db')}`
}

export const rootDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..')
