// npm run seed:scale -- --stories 100000 --replies 1000000: migrate, seed the demo data, then add many
// published stories and a busy forum in bulk (src/seed/scale/), for measuring pages at scale.
import '../config/refuseInvalidEnvironment.js' // first: a bad environment stops the command here
import { parseArgs } from 'node:util'

import { databaseKind } from '../db/index.js'

const HELP = `Usage: npm run seed:scale -- [--stories N] [--replies N] [--threads N] [--seed N]

Adds N approved, consented, published stories across the localities and themes, and N forum replies
across the threads (one long thread holds 5% of them), on top of the demo data. SQLite or PostgreSQL
(DATABASE_URL); start from a fresh database. Defaults: 100000 stories, 1000000 replies, one thread per
50 replies, seed 14.`

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 50_000_000) {
    console.error(`--${name} must be a whole number from 0 to 50,000,000 (got "${value}").`)
    process.exit(2)
  }
  return n
}

const { values } = parseArgs({
  options: { stories: { type: 'string' }, replies: { type: 'string' }, threads: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean' } },
})
if (values.help) {
  console.log(HELP)
  process.exit(0)
}
const kind = databaseKind()
if (kind === 'mongodb') {
  console.error('The scale seed writes in bulk through SQL and supports SQLite and PostgreSQL only. Point DATABASE_URL at file:… or postgres://… to use it.')
  process.exit(2)
}

process.env.WAYMARK_JOBS ??= 'off'
const { SingleBar, Presets } = await import('cli-progress')
const { getPayload } = await import('payload')
const { sql } = await import('@payloadcms/db-postgres')
const { default: config } = await import('../payload.config.js')
const { runMigrations } = await import('../migrations/index.js')
const { seedDemoData } = await import('../seed/demo.js')
const { defaultThreadCount, ScaleSeedRefused, seedAtScale } = await import('../seed/scale/index.js')
const { SEARCH_MARKER_WORD } = await import('../seed/scale/words.js')

const stories = count('stories', values.stories, 100_000)
const replies = count('replies', values.replies, 1_000_000)
const threads = count('threads', values.threads, defaultThreadCount(replies))
const seed = count('seed', values.seed, 14)

const started = Date.now()
const payload = await getPayload({ config })
await runMigrations(payload)
const demo = await seedDemoData(payload)
if (demo.password) console.log(`Demo accounts made; their password (shown once): ${demo.password}`)

// Without a terminal (a log, CI) the bar prints a line every 10 seconds instead.
const bar = new SingleBar(
  { format: 'scale seed {bar} {percentage}% | {value}/{total} rows | {phase} | {duration_formatted}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000 },
  Presets.shades_classic,
)
try {
  const result = await seedAtScale(
    payload,
    { stories, replies, threads, seed },
    { start: (total) => bar.start(total, 0, { phase: 'stories' }), advance: (n, phase) => bar.increment(n, { phase }), stop: () => bar.stop() },
  )
  // PostgreSQL's autovacuum would vacuum and analyse the new rows soon; do it now, so that the first plans are the
  // real ones and counts can read the index alone (its visibility map is set by VACUUM): 120-196 ms → 55 ms for
  // the visible-stories count at 100k.
  if (kind === 'postgres') await (payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<unknown> } }).drizzle.execute(sql`VACUUM ANALYZE`)
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const { stories: storySeconds, forum, indexes, search } = result.seconds
  console.log(`Added ${result.stories} stories (${result.markedStories} contain the search word "${SEARCH_MARKER_WORD}"), ${result.threads} threads and ${result.replies} replies in ${seconds} s.`)
  console.log(
    `  stories ${storySeconds.toFixed(1)} s, forum ${forum.toFixed(1)} s, rebuilding indexes ${indexes.toFixed(1)} s, filling search ${search.toFixed(1)} s; the rest is start-up, migrations and the demo seed.`,
  )
  console.log(`The long thread is /threads/${result.longThreadId} (${result.longThreadReplies} replies).`)
  process.exit(0)
} catch (error) {
  bar.stop()
  if (error instanceof ScaleSeedRefused) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
