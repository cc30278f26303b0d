// The "scale" entry of npm run bench: the same pages at two sizes of site, each size seeded fresh by the
// scale seed (npm run seed:scale) and served by the real server with the page cache off, so every request
// renders. It reports each page's single-request time (median of sequential requests) at the small size
// and at the large one, and their ratio: the goal is at most 1.5 at 100 times the size. The pairs are the
// issue's comparable ones: the first page of /stories, a locality and a theme; the long thread's first and
// last page (the long thread holds 5% of the replies at either size); a search for a word in about 1% of
// stories; the first sitemap file; the first page of REST; "stories like mine" with nothing chosen, with one
// theme and with a narrow choice of five characteristics (about 1% of stories at either size, so that a
// visitor is not refused at the small size: the bench checks); the newest story's page, with "more like this".
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { ensureBuild } from '../../src/cli/build.js'
import { rootDir, tempDir, testDatabaseUrl } from '../support/env.js'
import { startTestServer } from '../support/server.js'
import { dropPostgresDatabase, freshPostgresDatabase, PRODUCTION_NODE_OPTIONS, type Database } from './pages.js'

const RUNS = Number(process.env.BENCH_SCALE_RUNS || 15)
const LARGE = { stories: Number(process.env.BENCH_SCALE_STORIES || 100_000), replies: Number(process.env.BENCH_SCALE_REPLIES || 1_000_000) }
const SMALL = { stories: Math.max(10, Math.round(LARGE.stories / 100)), replies: Math.max(100, Math.round(LARGE.replies / 100)) }

type Size = typeof LARGE
type Timing = { page: string; path: string; medianMs: number; p90Ms: number; bytes: number }
type Row = { page: string; database: Database; smallMs: number; largeMs: number; ratio: number; smallP90: number; largeP90: number }

/** Runs the scale seed into a fresh database; answers the database's URL and the long thread's id. */
async function seededDatabase(database: Database, size: Size, dir: string): Promise<{ databaseUrl: string; longThread: string }> {
  const databaseUrl = database === 'postgres' ? await freshPostgresDatabase() : testDatabaseUrl(dir)
  const tsx = path.join(rootDir, 'node_modules', '.bin', 'tsx')
  const args = ['--tsconfig', 'tsconfig.server.json', 'src/cli/seedScale.ts', '--stories', String(size.stories), '--replies', String(size.replies)]
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    WAYMARK_DATA_DIR: path.join(dir, 'data'),
    WAYMARK_MEDIA_DIR: path.join(dir, 'media'),
    SEED_PASSWORD: 'bench-scale-password-42',
    LOG_LEVEL: 'error',
  }
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(tsx, args, { cwd: rootDir, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let text = ''
    child.stdout.on('data', (chunk) => (text += chunk))
    child.stderr.on('data', (chunk) => (text += chunk))
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`The scale seed failed (${code}):\n${text.slice(-2000)}`))))
  })
  const longThread = /The long thread is \/threads\/(\w+)/.exec(output)?.[1]
  if (!longThread) throw new Error(`The scale seed did not name its long thread:\n${output.slice(-2000)}`)
  process.stderr.write(`  ${database} ${size.stories} stories: ${/Added .*/.exec(output)?.[0] ?? ''}\n`)
  return { databaseUrl, longThread }
}

async function time(url: string, mustShow?: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now()
  const response = await fetch(url)
  const body = await response.arrayBuffer()
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`)
  const ms = performance.now() - started
  // A page that answered something else (a refused choice, no "more like this") would not be comparable.
  if (mustShow && !new TextDecoder().decode(body).includes(mustShow)) throw new Error(`${url} does not show "${mustShow}".`)
  return { ms, bytes: body.byteLength }
}

/** The newest story's address, as a visitor finds it (REST, the first of the list). */
async function newestStoryPath(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/stories?limit=1&depth=0&sort=-publishedAt`)
  const { docs } = (await response.json()) as { docs: { slug: string }[] }
  if (!docs[0]) throw new Error('No story to measure.')
  return `/stories/${docs[0].slug}`
}

async function timePages(database: Database, size: Size): Promise<Timing[]> {
  // A 100k SQLite database is about 1.7 GB: it goes as soon as it has been measured, as does a PostgreSQL one.
  const dir = tempDir('waymark-bench-scale-')
  const { databaseUrl, longThread } = await seededDatabase(database, size, dir)
  const server = await startTestServer({ databaseUrl, env: { WAYMARK_CACHE: 'off', LOG_LEVEL: 'error', NODE_OPTIONS: PRODUCTION_NODE_OPTIONS } })
  try {
    const pages: { page: string; path: string; mustShow?: string }[] = [
      { page: '/stories', path: '/stories' },
      { page: 'a locality', path: '/localities/lancashire-east' },
      { page: '/stories?theme=', path: '/stories?theme=hope' },
      { page: 'long thread, first page', path: `/threads/${longThread}` },
      { page: 'long thread, last page', path: `/threads/${longThread}?page=last` },
      { page: 'search (1% of stories)', path: '/search?q=kingfisher' },
      { page: 'first sitemap file', path: '/sitemap-1.xml' },
      { page: 'REST first page', path: '/api/stories?limit=20' },
      { page: 'like mine, nothing chosen', path: '/stories/like-mine' },
      { page: 'like mine, one theme', path: '/stories/like-mine?theme=hope', mustShow: 'Stories like yours' },
      {
        page: 'like mine, narrow (5 choices)',
        path: '/stories/like-mine?narrator=in-recovery&stage=early-days&tone=hopeful&theme=hope&theme=connection&tag=alcohol',
        mustShow: 'Stories like yours',
      },
      { page: 'a story, with more like this', path: await newestStoryPath(server.url), mustShow: 'More like this' },
    ]
    const timings: Timing[] = []
    for (const { page, path: pagePath, mustShow } of pages) {
      const url = `${server.url}${pagePath}`
      for (let i = 0; i < 3; i++) await time(url, mustShow)
      const runs: number[] = []
      let bytes = 0
      for (let i = 0; i < RUNS; i++) {
        const run = await time(url)
        runs.push(run.ms)
        bytes = run.bytes
      }
      runs.sort((a, b) => a - b)
      timings.push({ page, path: pagePath, medianMs: runs[Math.floor(runs.length / 2)]!, p90Ms: runs[Math.floor(runs.length * 0.9)]!, bytes })
    }
    return timings
  } finally {
    await server.stop()
    fs.rmSync(dir, { recursive: true, force: true })
    if (database === 'postgres') await dropPostgresDatabase(databaseUrl)
  }
}

export async function benchScale(options: { databases?: Database[] } = {}): Promise<void> {
  ensureBuild()
  const rows: Row[] = []
  for (const database of options.databases ?? ['sqlite', 'postgres']) {
    const small = await timePages(database, SMALL)
    const large = await timePages(database, LARGE)
    for (const [i, s] of small.entries()) {
      const l = large[i]!
      rows.push({ page: s.page, database, smallMs: s.medianMs, largeMs: l.medianMs, ratio: l.medianMs / s.medianMs, smallP90: s.p90Ms, largeP90: l.p90Ms })
    }
  }
  console.log(`\nSingle-request time, page cache off, median of ${RUNS} sequential requests (p90 in brackets)`)
  console.log(`small: ${SMALL.stories} stories, ${SMALL.replies} replies; large: ${LARGE.stories} stories, ${LARGE.replies} replies; goal: large ≤ 1.5 × small\n`)
  console.log('| page | database | small (ms) | large (ms) | ratio |')
  console.log('|---|---|---|---|---|')
  const ms = (median: number, p90: number) => `${median.toFixed(1)} (${p90.toFixed(1)})`
  for (const row of rows) console.log(`| ${row.page} | ${row.database} | ${ms(row.smallMs, row.smallP90)} | ${ms(row.largeMs, row.largeP90)} | ${row.ratio.toFixed(2)} |`)
  const out = path.join(rootDir, 'bench-results')
  fs.mkdirSync(out, { recursive: true })
  fs.writeFileSync(path.join(out, 'scale.json'), JSON.stringify({ measuredAt: new Date().toISOString(), runs: RUNS, small: SMALL, large: LARGE, rows }, null, 2))
  console.log(`\nRows written to bench-results/scale.json`)
}
