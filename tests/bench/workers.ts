// The "workers" entry of npm run bench (issue 15): what several processes bring on this machine's CPUs.
// Each setup serves the same pages to the same load (autocannon, 50 connections, run from this process):
//   sqlite, 1 worker           the baseline
//   sqlite, 2 workers          WAYMARK_WORKERS=2 (cluster, one port)
//   postgres + redis, 1        one process on PostgreSQL with Redis: the baseline for the next row
//   postgres + redis, 2        two separate servers on one PostgreSQL and one Redis, the load split between them
// Every figure is a ratio: req/s against the 1-process row of the same database, measured in the same run.
// The load generator shares the CPUs with the servers, as a reverse proxy would: the ceiling is the machine's.
import fs from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'

import { ensureBuild } from '../../src/cli/build.js'
import { rootDir } from '../support/env.js'
import { startTestServer, type TestServer } from '../support/server.js'
import { dropPostgresDatabase, freshPostgresDatabase, PRODUCTION_NODE_OPTIONS } from './pages.js'

const DURATION_S = Number(process.env.BENCH_SECONDS || 5)
const CONNECTIONS = 50
const SECRET = 'bench-workers-secret'

type Setup = { name: string; database: 'sqlite' | 'postgres'; processes: number }
type Row = { setup: string; page: string; cache: 'warm' | 'cold'; reqPerSec: number; ratio: number; p99: number }

const PAGES = [
  { page: '/', path: '/' },
  { page: '/stories', path: '/stories' },
  { page: 'REST /api/stories?limit=20', path: '/api/stories?limit=20' },
]

/** Loads every server at once, the connections split between them; the req/s are summed. */
async function measure(urls: string[]): Promise<{ reqPerSec: number; p99: number }> {
  const share = Math.ceil(CONNECTIONS / urls.length)
  await Promise.all(urls.map((url) => autocannon({ url, connections: 10, duration: 1 })))
  const results = await Promise.all(urls.map((url) => autocannon({ url, connections: share, duration: DURATION_S })))
  for (const [i, result] of results.entries()) if (result.non2xx > 0) throw new Error(`${urls[i]}: ${result.non2xx} non-2xx responses`)
  return { reqPerSec: results.reduce((sum, r) => sum + r.requests.average, 0), p99: Math.max(...results.map((r) => r.latency.p99)) }
}

async function startSetup(setup: Setup, cache: 'on' | 'off', databaseUrl: string | undefined): Promise<TestServer[]> {
  const common = { LOG_LEVEL: 'error', WAYMARK_CACHE: cache, NODE_OPTIONS: PRODUCTION_NODE_OPTIONS, PAYLOAD_SECRET: SECRET }
  const redis: Record<string, string> = setup.database === 'postgres' ? { REDIS_URL: 'redis://127.0.0.1:6379', WAYMARK_REDIS_PREFIX: `waymark-bench-${process.pid}:` } : {}
  if (setup.database === 'sqlite') return [await startTestServer({ env: { ...common, WAYMARK_WORKERS: String(setup.processes) } })]
  const first = await startTestServer({ databaseUrl, env: { ...common, ...redis } })
  const servers = [first]
  for (let i = 1; i < setup.processes; i++) servers.push(await startTestServer({ databaseUrl, seed: false, env: { ...common, ...redis } }))
  return servers
}

export async function benchWorkers(): Promise<void> {
  ensureBuild()
  const setups: Setup[] = [
    { name: 'sqlite, 1 worker', database: 'sqlite', processes: 1 },
    { name: 'sqlite, 2 workers', database: 'sqlite', processes: 2 },
    { name: 'postgres + redis, 1 process', database: 'postgres', processes: 1 },
    { name: 'postgres + redis, 2 processes', database: 'postgres', processes: 2 },
  ]
  const rows: Row[] = []
  const baseline = new Map<string, number>()
  for (const setup of setups) {
    for (const cache of ['on', 'off'] as const) {
      const databaseUrl = setup.database === 'postgres' ? await freshPostgresDatabase() : undefined
      const servers = await startSetup(setup, cache, databaseUrl)
      try {
        for (const target of PAGES) {
          const result = await measure(servers.map((server) => `${server.url}${target.path}`))
          const key = `${setup.database} ${cache} ${target.page}`
          if (setup.processes === 1) baseline.set(key, result.reqPerSec)
          const ratio = result.reqPerSec / (baseline.get(key) ?? result.reqPerSec)
          const mode = cache === 'on' ? 'warm' : 'cold'
          rows.push({ setup: setup.name, page: target.page, cache: mode, ...result, ratio })
          process.stderr.write(`  ${setup.name} ${mode} ${target.page}: ${result.reqPerSec.toFixed(0)} req/s (${ratio.toFixed(2)}x)\n`)
        }
      } finally {
        for (const server of servers) await server.stop()
        if (databaseUrl) await dropPostgresDatabase(databaseUrl)
      }
    }
  }
  console.log(`\nautocannon, ${CONNECTIONS} connections, ${DURATION_S} s per page; ratio = req/s against one process on the same database, same run\n`)
  console.log('| setup | page | cache | req/s | ratio | p99 (ms) |')
  console.log('|---|---|---|---|---|---|')
  for (const row of rows) console.log(`| ${row.setup} | ${row.page} | ${row.cache} | ${row.reqPerSec.toFixed(0)} | ${row.ratio.toFixed(2)} | ${row.p99} |`)
  const out = path.join(rootDir, 'bench-results')
  fs.mkdirSync(out, { recursive: true })
  fs.writeFileSync(path.join(out, 'workers.json'), JSON.stringify({ measuredAt: new Date().toISOString(), seconds: DURATION_S, connections: CONNECTIONS, rows }, null, 2))
  console.log(`\nRows written to bench-results/workers.json`)
}
