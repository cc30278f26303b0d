// The "pages" entry of npm run bench: starts the real server on seeded SQLite and PostgreSQL databases and
// measures each public page with autocannon (50 connections) in three ways:
//   warm    a visitor, with the page cache on (the page was rendered once before);
//   cold    a visitor with WAYMARK_CACHE=off: every request renders, as the first one after a change does;
//   member  a signed-in member, page cache on (their own entries).
// Every figure is a ratio to a static HTML file of the same size served by the same Express in the same
// server, measured in the same run. It prints one table, the peak RSS of each server process under load,
// and writes the rows as JSON (bench-results/pages.json).
import fs from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'

import { ensureBuild } from '../../src/cli/build.js'
import { rootDir, tempDir } from '../support/env.js'
import { WebClient } from '../support/http.js'
import { startTestServer, type TestServer } from '../support/server.js'

const DURATION_S = Number(process.env.BENCH_SECONDS || 5)
const CONNECTIONS = 50
const MEMBER_EMAIL = 'member@waymark.example'
/** As `npm start` runs the server: with its heap cap (package.json, WAYMARK_HEAP_MB, default 320). */
export const PRODUCTION_NODE_OPTIONS = `--conditions=production --max-old-space-size=${process.env.WAYMARK_HEAP_MB || 320}`

export type Mode = 'warm' | 'cold' | 'member'
export type Database = 'sqlite' | 'postgres'
type Row = { page: string; mode: Mode; database: Database; reqPerSec: number; ratio: number; p50: number; p99: number; staticP99: number; timeouts: number }
type Target = { page: string; path: string; modes: Mode[] }

async function measure(url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, headers, connections: 10, duration: 1 })
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S })
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses`)
  // Errors are requests past autocannon's 10 s timeout: reported, not hidden.
  return { reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, timeouts: result.errors }
}

/** The largest resident set of the server's processes, sampled while `work` runs. */
async function peakRss(server: TestServer, work: () => Promise<void>): Promise<{ peakMb: number }> {
  let peakKb = 0
  const sample = () => {
    for (const pid of server.processIds()) {
      try {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
        peakKb = Math.max(peakKb, kb)
      } catch {
        // gone
      }
    }
  }
  const timer = setInterval(sample, 200)
  try {
    await work()
  } finally {
    clearInterval(timer)
    sample()
  }
  return { peakMb: Math.round(peakKb / 1024) }
}

async function targetsFor(server: TestServer): Promise<Target[]> {
  const county = await (await fetch(`${server.url}/localities/lancashire-county`)).text()
  const thread = county.match(/href="(\/threads\/\d+)"/)?.[1]
  const stories = await (await fetch(`${server.url}/stories`)).text()
  const story = stories.match(/href="(\/stories\/[a-z0-9]+)"/)?.[1]
  if (!thread || !story) throw new Error('The seeded thread or story is not on its list page')
  const all: Mode[] = ['warm', 'cold', 'member']
  return [
    { page: '/', path: '/', modes: all },
    { page: 'a story', path: story, modes: all },
    { page: '/stories', path: '/stories', modes: all },
    { page: 'a locality', path: '/localities/lancashire-east', modes: all },
    { page: 'a thread', path: thread, modes: all },
    { page: '/meetings', path: '/meetings', modes: all },
    { page: '/feed.xml', path: '/feed.xml', modes: ['warm', 'cold'] },
    { page: '/meetings.ics', path: '/meetings.ics', modes: ['warm', 'cold'] },
    { page: '/account', path: '/account', modes: ['member'] },
    // A visitor's REST read, from the page cache (warm) and computed every time (cold).
    { page: 'REST /api/stories?limit=20', path: '/api/stories?limit=20', modes: ['warm', 'cold'] },
  ]
}

async function memberCookie(server: TestServer): Promise<string> {
  const client = new WebClient(server.url)
  const response = await client.signIn(MEMBER_EMAIL, server.seedPassword)
  if (response.status >= 400) throw new Error(`The bench member could not sign in (${response.status})`)
  return client.cookieHeader()
}

export async function freshPostgresDatabase(): Promise<string> {
  const name = `waymark_bench_${process.pid}_${Date.now()}`
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  return `postgres://postgres@127.0.0.1:5432/${name}`
}

export async function dropPostgresDatabase(databaseUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`)
  await admin.end()
}

/** One server per database and cache setting; each measures its own static baseline first. */
async function benchServer(database: Database, cache: 'on' | 'off', modes: Mode[], rows: Row[], memory: Record<string, number>): Promise<void> {
  const staticDir = tempDir('waymark-bench-static-')
  const databaseUrl = database === 'postgres' ? await freshPostgresDatabase() : undefined
  const server = await startTestServer({ databaseUrl, env: { WAYMARK_BENCH_STATIC_DIR: staticDir, LOG_LEVEL: 'error', WAYMARK_CACHE: cache, NODE_OPTIONS: PRODUCTION_NODE_OPTIONS } })
  try {
    fs.writeFileSync(path.join(staticDir, 'baseline.html'), await (await fetch(`${server.url}/`)).text())
    const targets = await targetsFor(server)
    const cookie = modes.includes('member') ? await memberCookie(server) : ''
    const { peakMb } = await peakRss(server, async () => {
      const base = await measure(`${server.url}/__bench-static/baseline.html`)
      for (const mode of modes) {
        for (const target of targets.filter((t) => t.modes.includes(mode))) {
          const result = await measure(`${server.url}${target.path}`, mode === 'member' ? { cookie } : {})
          rows.push({ page: target.page, mode, database, ...result, ratio: result.reqPerSec / base.reqPerSec, staticP99: base.p99 })
          process.stderr.write(`  ${database} ${mode} ${target.page}: ${result.reqPerSec.toFixed(0)} req/s (${(result.reqPerSec / base.reqPerSec).toFixed(2)}x)\n`)
        }
      }
    })
    memory[`${database}, cache ${cache}`] = peakMb
  } finally {
    await server.stop()
    if (databaseUrl) await dropPostgresDatabase(databaseUrl)
  }
}

function printTable(rows: Row[], memory: Record<string, number>): void {
  console.log(`\nautocannon, ${CONNECTIONS} connections, ${DURATION_S} s per page; ratio = req/s against a static file from the same server\n`)
  console.log('| page | mode | database | req/s | ratio | p50 (ms) | p99 (ms) | static p99 (ms) | timeouts |')
  console.log('|---|---|---|---|---|---|---|---|---|')
  for (const row of rows) {
    console.log(`| ${row.page} | ${row.mode} | ${row.database} | ${row.reqPerSec.toFixed(0)} | ${row.ratio.toFixed(2)} | ${row.p50} | ${row.p99} | ${row.staticP99} | ${row.timeouts} |`)
  }
  console.log('\nPeak RSS of the server process under this load:')
  for (const [server, mb] of Object.entries(memory)) console.log(`- ${server}: ${mb} MB`)
}

export async function benchPages(options: { databases?: Database[]; modes?: Mode[] } = {}): Promise<void> {
  ensureBuild()
  const databases = options.databases ?? ['sqlite', 'postgres']
  const modes = options.modes ?? ['warm', 'cold', 'member']
  const rows: Row[] = []
  const memory: Record<string, number> = {}
  for (const database of databases) {
    const cached = modes.filter((mode) => mode !== 'cold')
    if (cached.length > 0) await benchServer(database, 'on', cached, rows, memory)
    if (modes.includes('cold')) await benchServer(database, 'off', ['cold'], rows, memory)
  }
  printTable(rows, memory)
  const out = path.join(rootDir, 'bench-results')
  fs.mkdirSync(out, { recursive: true })
  fs.writeFileSync(path.join(out, 'pages.json'), JSON.stringify({ measuredAt: new Date().toISOString(), seconds: DURATION_S, connections: CONNECTIONS, rows, peakRssMb: memory }, null, 2))
  console.log(`\nRows written to bench-results/pages.json`)
}
