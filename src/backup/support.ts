// Shared by `npm run backup` and `npm run restore`: progress lines, child processes, the archive
// format and the manifest that says what a backup holds.
import { spawn } from 'node:child_process'

export const BACKUP_FORMAT = 'waymark-backup'
export const BACKUP_VERSION = 1
export type Manifest = { format: typeof BACKUP_FORMAT; version: number; database: 'sqlite' | 'postgres'; createdAt: string; migrations: string[]; mediaFiles: number }

export class BackupError extends Error {}

export const say = (line: string) => process.stdout.write(`${line}\n`)

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`
}

/** Runs a command; each line it writes to stderr may be reported as progress. */
export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; onLine?: (line: string) => void } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let errors = ''
    let buffer = ''
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString()
      errors = (errors + text).slice(-4000)
      buffer += text
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) if (line.trim()) options.onLine?.(line.trim())
    })
    child.stdout.on('data', () => {})
    child.on('error', (error) => reject(new BackupError(`Could not run ${command}: ${error.message}`)))
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${errors.trim().split('\n').slice(-3).join(' ')}`))))
  })
}

/** The migration names the database has applied (SQLite file or PostgreSQL URL). */
export async function appliedMigrations(kind: 'sqlite' | 'postgres', location: string): Promise<string[]> {
  if (kind === 'sqlite') {
    const { createClient } = await import('@libsql/client')
    const client = createClient({ url: location })
    try {
      const result = await client.execute('SELECT name FROM payload_migrations ORDER BY id')
      return result.rows.map((row) => String(row.name))
    } finally {
      client.close()
    }
  }
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: location })
  await client.connect()
  try {
    const result = await client.query('SELECT name FROM payload_migrations ORDER BY id')
    return result.rows.map((row: { name: string }) => row.name)
  } finally {
    await client.end()
  }
}

export const sqlitePath = (fileUrl: string) => fileUrl.replace(/^file:(\/\/)?/, '')
