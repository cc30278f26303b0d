// Restores a backup made by `npm run backup`, with the site stopped: checks the archive, replaces the
// database and the media files (the media folder, or the S3 bucket's objects when S3_BUCKET is set), brings the schema up to date, and erases again everything the
// erasure log names. The log file itself is never replaced by the backup's older copy: entries are
// only ever added, so an erasure made after the backup still holds.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { invalidateTags, stopInvalidationBus } from '../cache/invalidation.js'
import { closeRedis } from '../redis/client.js'
import { EVERYTHING } from '../cache/renderTrace.js'
import { databaseKind, sqliteFileURL } from '../db/index.js'
import { erasureLogPath, readErasureLogFile, entryKey } from '../privacy/erasureLog.js'
import { mediaStore } from '../storage/mediaStore.js'
import { replaceMediaWith } from './media.js'
import { BACKUP_FORMAT, BackupError, run, say, sqlitePath, type Manifest } from './support.js'

function readManifest(work: string): Manifest {
  const file = path.join(work, 'manifest.json')
  if (!fs.existsSync(file)) throw new BackupError('This is not a Waymark backup: it has no manifest.json.')
  let manifest: Manifest
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest
  } catch {
    throw new BackupError('This backup’s manifest.json cannot be read.')
  }
  if (manifest.format !== BACKUP_FORMAT) throw new BackupError('This is not a Waymark backup.')
  return manifest
}

async function checkSqliteFile(file: string): Promise<void> {
  const { createClient } = await import('@libsql/client')
  const client = createClient({ url: `file:${file}` })
  try {
    const result = await client.execute('PRAGMA integrity_check')
    if (String(result.rows[0]?.[0]) !== 'ok') throw new BackupError(`The backup's database is damaged: ${String(result.rows[0]?.[0])}`)
  } catch (error) {
    if (error instanceof BackupError) throw error
    throw new BackupError(`The backup's database cannot be read: ${(error as Error).message}`)
  } finally {
    client.close()
  }
}

function replaceSqlite(snapshot: string) {
  const live = sqlitePath(sqliteFileURL())
  fs.mkdirSync(path.dirname(live), { recursive: true })
  const incoming = `${live}.restoring`
  fs.copyFileSync(snapshot, incoming)
  // The old write-ahead log belongs to the old database: left in place it would be replayed onto the new one.
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${live}${suffix}`, { force: true })
  fs.renameSync(incoming, live)
}

/** Adds the backup's log entries that the current file lacks (a machine restored from scratch has none). */
function mergeErasureLog(work: string) {
  const fromBackup = readErasureLogFile(path.join(work, 'erasure-log.jsonl'))
  const current = new Set(readErasureLogFile().map(entryKey))
  const missing = fromBackup.filter((entry) => !current.has(entryKey(entry)))
  if (missing.length === 0) return
  fs.mkdirSync(path.dirname(erasureLogPath()), { recursive: true })
  fs.appendFileSync(erasureLogPath(), missing.map((entry) => `${JSON.stringify(entry)}\n`).join(''), { mode: 0o600 })
}

export async function restore(file: string): Promise<void> {
  const kind = databaseKind()
  if (kind === 'mongodb') throw new BackupError('Restore MongoDB with mongorestore; this command covers SQLite and PostgreSQL.')
  const archive = path.resolve(file)
  if (!fs.existsSync(archive)) throw new BackupError(`There is no file at ${archive}.`)
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-restore-'))
  try {
    say('Unpacking the backup…')
    try {
      await run('tar', ['-xzf', archive, '-C', work])
    } catch {
      throw new BackupError('This file is not a readable backup archive (.tar.gz). Nothing was changed.')
    }
    const manifest = readManifest(work)
    if (manifest.database !== kind) throw new BackupError(`This backup is of a ${manifest.database} database, but DATABASE_URL points to ${kind}. Nothing was changed.`)
    say(`Backup made ${manifest.createdAt}: ${manifest.migrations.length} migrations, ${manifest.mediaFiles} media files.`)

    say('Restoring the database…')
    if (kind === 'sqlite') {
      const snapshot = path.join(work, 'database.sqlite')
      if (!fs.existsSync(snapshot)) throw new BackupError('The backup has no database.sqlite. Nothing was changed.')
      await checkSqliteFile(snapshot)
      replaceSqlite(snapshot)
    } else {
      const dump = path.join(work, 'database.pgdump')
      if (!fs.existsSync(dump)) throw new BackupError('The backup has no database.pgdump. Nothing was changed.')
      await run('pg_restore', ['--list', dump])
      let restored = 0
      await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--verbose', `--dbname=${process.env.DATABASE_URL}`, dump], {
        onLine: (line) => {
          if (/processing data for table/.test(line) && ++restored % 10 === 0) say(`Restoring tables: ${restored} so far`)
        },
      })
    }

    const media = mediaStore()
    say(`Restoring media to ${media.where}…`)
    // Exactly the backup's files afterwards, as on disk: those uploaded since the backup go too.
    await replaceMediaWith(media, path.join(work, 'media'), 'Restoring media')
    mergeErasureLog(work)

    say('Bringing the database up to date and re-applying the erasure log…')
    process.env.WAYMARK_JOBS ??= 'off'
    const [{ getPayload }, { default: config }, { runMigrations }, { reapplyErasureLog }] = await Promise.all([
      import('payload'),
      import('../payload.config.js'),
      import('../migrations/index.js'),
      import('../commands/privacy/reapplyErasureLog.js'),
    ])
    const payload = await getPayload({ config })
    await runMigrations(payload)
    const applied = await reapplyErasureLog(payload, { onProgress: (done, total) => say(`Erasure log: ${done}/${total} entries re-applied`) })
    // The site should be stopped; if any Waymark process still runs on this database, it forgets every page.
    await invalidateTags([EVERYTHING])
    await stopInvalidationBus()
    await closeRedis()
    await payload.destroy?.()
    say(`Done: restored ${archive}; ${applied} erasure log ${applied === 1 ? 'entry' : 'entries'} re-applied.`)
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}
