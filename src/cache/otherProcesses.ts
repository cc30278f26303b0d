// Several Waymark processes can share one database on one machine: the server, `npm run backup` or
// `restore`, a second server, a test arranging data. Each appends the tags it invalidates to a small log
// file beside the database (one line per commit: "pid tag,tag"), and every process reads what the others
// appended before it answers from its cache. A stat per lookup is all a quiet log costs. Several machines
// need a shared bus instead (Redis, issue 15).
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { EVERYTHING } from './renderTrace.js'

const ROTATE_AT_BYTES = 4 * 1024 * 1024
const ownPid = String(process.pid)

type Reader = { fd: number; ino: number; offset: number; carry: string }
let reader: Reader | undefined
let logFile: string | undefined

/** The log for the database in DATABASE_URL: beside a SQLite file, or in the temp folder keyed by the URL. */
export function invalidationLogPath(url = process.env.DATABASE_URL): string {
  if (!url || url.startsWith('file:')) {
    const file = url ? url.slice('file:'.length) : path.join(process.env.WAYMARK_DATA_DIR ?? path.join(process.cwd(), 'data'), 'waymark.db')
    return `${file}.cache-log`
  }
  return path.join(os.tmpdir(), `waymark-cache-${crypto.createHash('sha256').update(url).digest('hex').slice(0, 16)}.log`)
}

const currentLog = () => (logFile ??= invalidationLogPath())

export function publishToOtherProcesses(tags: string[]): void {
  const file = currentLog()
  try {
    if (fs.existsSync(file) && fs.statSync(file).size > ROTATE_AT_BYTES) fs.renameSync(file, `${file}.old`)
    fs.appendFileSync(file, `${ownPid} ${tags.join(',')}\n`)
  } catch {
    // A read-only or missing folder: other processes then rely on their own writes only.
  }
}

function openReader(file: string): Reader | undefined {
  try {
    const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_CREAT, 0o600)
    const stat = fs.fstatSync(fd)
    return { fd, ino: stat.ino, offset: stat.size, carry: '' }
  } catch {
    return undefined
  }
}

/** The tags other processes invalidated since the last call ('*' when their log was replaced). */
export function readOtherProcesses(): string[] {
  const file = currentLog()
  reader ??= openReader(file)
  if (!reader) return []
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch {
    return []
  }
  if (stat.ino !== reader.ino || stat.size < reader.offset) {
    // Rotated or replaced: what was appended in between cannot be known, so everything goes.
    fs.closeSync(reader.fd)
    reader = openReader(file)
    return [EVERYTHING]
  }
  if (stat.size === reader.offset) return []
  const buffer = Buffer.alloc(stat.size - reader.offset)
  fs.readSync(reader.fd, buffer, 0, buffer.length, reader.offset)
  reader.offset = stat.size
  const text = reader.carry + buffer.toString('utf8')
  const end = text.lastIndexOf('\n')
  reader.carry = text.slice(end + 1)
  const tags: string[] = []
  for (const line of text.slice(0, end + 1).split('\n')) {
    const space = line.indexOf(' ')
    if (space <= 0 || line.slice(0, space) === ownPid) continue
    tags.push(...line.slice(space + 1).split(','))
  }
  return tags
}
