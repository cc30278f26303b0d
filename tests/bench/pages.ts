// The "pages" entry of npm run bench: builds if needed, starts the real server on a seeded SQLite
// database and measures req/s and p99 latency with autocannon (50 connections). Pages are reported
// as ratios to a static HTML file of the same size served by the same Express, measured in the same run.
import fs from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'

import { ensureBuild } from '../../src/cli/build.js'
import { tempDir } from '../support/env.js'
import { startTestServer } from '../support/server.js'

const DURATION_S = Number(process.env.BENCH_SECONDS || 10)
const CONNECTIONS = 50

async function measure(name: string, url: string) {
  // A short warm-up so JIT and caches are comparable across targets.
  await autocannon({ url, connections: 10, duration: 2 })
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S })
  if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} non-2xx responses`)
  // Errors here are requests that took longer than autocannon's 10 s timeout: reported, not hidden.
  return { name, reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors }
}

async function welcomeThreadPath(serverUrl: string): Promise<string> {
  const html = await (await fetch(`${serverUrl}/localities/lancashire-county`)).text()
  const match = html.match(/href="(\/threads\/\d+)"/)
  if (!match) throw new Error('The seeded welcome thread is not on the county forum page')
  return match[1]!
}

export async function benchPages(): Promise<void> {
  ensureBuild()
  const staticDir = tempDir('waymark-bench-static-')
  const server = await startTestServer({ env: { WAYMARK_BENCH_STATIC_DIR: staticDir, LOG_LEVEL: 'error' } })
  try {
    const homeHtml = await (await fetch(`${server.url}/`)).text()
    fs.writeFileSync(path.join(staticDir, 'baseline.html'), homeHtml)
    const rows = [
      await measure('static HTML (baseline)', `${server.url}/__bench-static/baseline.html`),
      await measure('/', `${server.url}/`),
      await measure('/localities/lancashire-east', `${server.url}/localities/lancashire-east`),
      // The public county forum: its thread list, and the seeded welcome thread with its replies.
      await measure('/localities/lancashire-county', `${server.url}/localities/lancashire-county`),
      await measure('/threads/:id (welcome thread)', `${server.url}${await welcomeThreadPath(server.url)}`),
      await measure('/meetings', `${server.url}/meetings`),
      await measure('/meetings.ics', `${server.url}/meetings.ics`),
    ]
    const base = rows[0]!
    console.log(`\nautocannon, ${CONNECTIONS} connections, ${DURATION_S} s each, page size ${homeHtml.length} bytes\n`)
    console.log('| target | req/s | p50 (ms) | p99 (ms) | timeouts | req/s vs static |')
    console.log('|---|---|---|---|---|---|')
    for (const row of rows) {
      console.log(`| ${row.name} | ${row.reqPerSec.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.errors} | ${(row.reqPerSec / base.reqPerSec).toFixed(2)} |`)
    }
  } finally {
    await server.stop()
  }
}
