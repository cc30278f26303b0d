// A consistent online backup: the database (SQLite `VACUUM INTO`, which reads one snapshot while the
// site keeps writing; PostgreSQL `pg_dump`, which does the same), the media files (from the media
// folder, or from the S3 bucket when S3_BUCKET is set) and the erasure log, in one .tar.gz with a manifest. Written to a temporary name and renamed, so a backup file that
// exists is whole.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { databaseKind, sqliteFileURL } from '../db/index.js'
import { erasureLogPath } from '../privacy/erasureLog.js'
import { mediaStore } from '../storage/mediaStore.js'
import { copyMediaInto } from './media.js'
import { appliedMigrations, BACKUP_FORMAT, BACKUP_VERSION, BackupError, humanSize, run, say, type Manifest } from './support.js'

export function defaultBackupFile(now = new Date()): string {
  return path.resolve('backups', `waymark-${now.toISOString().replace(/[:.]/g, '-')}.tar.gz`)
}

async function snapshotSqlite(target: string): Promise<void> {
  const { createClient } = await import('@libsql/client')
  const client = createClient({ url: sqliteFileURL() })
  try {
    // Busy only while another process commits; a short wait is enough.
    await client.execute('PRAGMA busy_timeout = 10000')
    await client.execute({ sql: 'VACUUM INTO ?', args: [target] })
  } finally {
    client.close()
  }
  const copy = createClient({ url: `file:${target}` })
  try {
    const check = await copy.execute('PRAGMA integrity_check')
    if (String(check.rows[0]?.[0]) !== 'ok') throw new BackupError(`The snapshot failed its integrity check: ${String(check.rows[0]?.[0])}`)
  } finally {
    copy.close()
  }
}

export async function backup(file = defaultBackupFile()): Promise<string> {
  const kind = databaseKind()
  if (kind === 'mongodb') throw new BackupError('Backups of MongoDB are made with mongodump; this command covers SQLite and PostgreSQL.')
  const target = path.resolve(file)
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-backup-'))
  try {
    say(`Backing up the database (${kind})…`)
    let migrations: string[]
    if (kind === 'sqlite') {
      const snapshot = path.join(work, 'database.sqlite')
      await snapshotSqlite(snapshot)
      migrations = await appliedMigrations('sqlite', `file:${snapshot}`)
      say(`Database snapshot: ${humanSize(fs.statSync(snapshot).size)}`)
    } else {
      let objects = 0
      await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--verbose', `--file=${path.join(work, 'database.pgdump')}`, process.env.DATABASE_URL!], {
        onLine: (line) => {
          if (/dumping contents of table/.test(line) && ++objects % 10 === 0) say(`Dumping tables: ${objects} so far`)
        },
      })
      migrations = await appliedMigrations('postgres', process.env.DATABASE_URL!)
      say(`Database dump: ${humanSize(fs.statSync(path.join(work, 'database.pgdump')).size)}`)
    }
    const media = mediaStore()
    say(`Copying media from ${media.where}…`)
    const mediaFiles = await copyMediaInto(media, path.join(work, 'media'), 'Copying media')
    if (fs.existsSync(erasureLogPath())) fs.copyFileSync(erasureLogPath(), path.join(work, 'erasure-log.jsonl'))
    const manifest: Manifest = { format: BACKUP_FORMAT, version: BACKUP_VERSION, database: kind, createdAt: new Date().toISOString(), migrations, mediaFiles }
    fs.writeFileSync(path.join(work, 'manifest.json'), JSON.stringify(manifest, null, 2))
    say('Writing the archive…')
    fs.mkdirSync(path.dirname(target), { recursive: true })
    const partial = `${target}.partial`
    await run('tar', ['-czf', partial, '-C', work, '.'])
    fs.renameSync(partial, target)
    say(`Done: ${target} (${humanSize(fs.statSync(target).size)})`)
    return target
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}
