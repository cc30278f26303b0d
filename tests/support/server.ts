// Starts the real Waymark server (Express + Next + Payload) as a child process on a temporary
// database, exactly as `npm start` would run it after the build. Tests talk to it over HTTP.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { ensureServerBundle } from '../../src/cli/serverBundle.js'
import { freePort, rootDir, tempDir, testDatabaseUrl } from './env.js'

export const TEST_SEED_PASSWORD = 'lantern-harbour-thistle-42'

export type TestServer = {
  url: string
  port: number
  databaseUrl: string
  dataDir: string
  mediaDir: string
  /** The demo accounts' password (the seed runs unless seed: false). */
  seedPassword: string
  logs: () => string
  stop: () => Promise<void>
  /** The temporary folder holding the SQLite file, data/ and media/. */
  dir: string
  /** The server's PAYLOAD_SECRET (a restart with `reuse` keeps it, so tokens stay valid). */
  secret: string
  /**
   * Sends `signal` to the server. SIGKILL goes to every process of the server at once (tsx and the
   * Node process it starts, which tsx cannot pass SIGKILL on to), as in a crash: nothing is cleaned
   * up. Resolves once they have all exited.
   */
  kill: (signal?: NodeJS.Signals) => Promise<void>
  /** The server's processes (the spawned process first, then every process it started), for measuring memory in the bench. */
  processIds: () => number[]
  /** The processes the spawned process started itself: with WAYMARK_WORKERS=N ≥ 2, its workers. */
  childIds: () => number[]
  /** How the spawned process (the single process, or the primary) ended; undefined while it runs. */
  exitStatus: () => { code: number | null; signal: NodeJS.Signals | null } | undefined
}

export type TestServerOptions = {
  smtpUrl?: string
  seed?: boolean
  env?: Record<string, string>
  /** Use this database instead of a new one (e.g. a PostgreSQL database the test made for itself). */
  databaseUrl?: string
  /**
   * Start again on an earlier server's database, data and media folders, port and secret, after it
   * was stopped or killed (its `seed` is not run again on a database that has data).
   */
  reuse?: Pick<TestServer, 'dir' | 'port' | 'databaseUrl' | 'dataDir' | 'mediaDir' | 'secret'>
  /**
   * Start a second server process beside a running one: its database, data and media folders and secret
   * (so a session or form token from one is good on the other), on a port of its own, with the seed off.
   * Two servers on one SQLite file or one PostgreSQL database, as several machines would run.
   */
  alongside?: Pick<TestServer, 'dir' | 'databaseUrl' | 'dataDir' | 'mediaDir' | 'secret'>
}

/** Inherited variables that would point every test server at shared state: a test opts in through `env`. */
// WAYMARK_JOBS: bootPayload turns jobs off in the test process, which must not turn them off in servers started after it.
const NOT_INHERITED = ['SMTP_URL', 'REDIS_URL', 'WAYMARK_REDIS_PREFIX', 'WAYMARK_WORKERS', 'WAYMARK_SHUTDOWN_SECONDS', 'WAYMARK_JOBS']

/** Every process started, directly or not, by `pid` (children before grandchildren); only its children with `direct`. */
function descendantsOf(pid: number, direct = false): number[] {
  let table = ''
  try {
    table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
  } catch {
    return []
  }
  const children = new Map<number, number[]>()
  for (const line of table.split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number)
    if (!child || parent === undefined || Number.isNaN(parent)) continue
    children.set(parent, [...(children.get(parent) ?? []), child])
  }
  const out: number[] = []
  for (let queue = [...(children.get(pid) ?? [])]; queue.length > 0;) {
    const next = queue.shift()!
    out.push(next)
    if (!direct) queue.push(...(children.get(next) ?? []))
  }
  return out
}

/** Whether a process still runs (a zombie, waiting for its parent to collect it, does not). */
export function running(pid: number): boolean {
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim()
    return state !== '' && !state.startsWith('Z')
  } catch {
    return false // ps exits non-zero when there is no such process
  }
}

/**
 * A new server that would seed an empty SQLite database starts from a copy of the one seeded by
 * tests/support/seededTemplate.ts (the database file with its WAL, and the data and media folders), when
 * that global setup ran. Seeding is deterministic but for the clock, so the copy holds the same demo data.
 */
function copySeededTemplate(dir: string, databaseUrl: string): void {
  const template = process.env.WAYMARK_TEST_SEEDED_TEMPLATE
  if (!template || !databaseUrl.startsWith('file:') || !fs.existsSync(template)) return
  for (const entry of fs.readdirSync(template)) {
    if (/^waymark\.db/.test(entry) || entry === 'data' || entry === 'media') fs.cpSync(path.join(template, entry), path.join(dir, entry), { recursive: true })
  }
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const reuse = options.reuse
  const alongside = options.alongside
  const shared = reuse ?? alongside
  const dir = shared?.dir ?? tempDir()
  const port = reuse?.port ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  const databaseUrl = shared?.databaseUrl ?? options.databaseUrl ?? testDatabaseUrl(dir)
  const dataDir = shared?.dataDir ?? path.join(dir, 'data')
  const mediaDir = shared?.mediaDir ?? path.join(dir, 'media')
  const secret = shared?.secret ?? options.env?.PAYLOAD_SECRET ?? 'test-secret-' + port
  const seed = options.seed !== false && !alongside
  if (!shared && !options.databaseUrl && seed) copySeededTemplate(dir, databaseUrl)
  const inherited = { ...(process.env as Record<string, string>) }
  for (const name of NOT_INHERITED) delete inherited[name]
  const env: Record<string, string> = {
    ...inherited,
    NODE_ENV: 'production',
    PORT: String(port),
    SERVER_URL: url,
    DATABASE_URL: databaseUrl,
    WAYMARK_DATA_DIR: dataDir,
    WAYMARK_MEDIA_DIR: mediaDir,
    SEED_PASSWORD: TEST_SEED_PASSWORD,
    PAYLOAD_SECRET: secret,
    WAYMARK_SEED: seed ? 'if-empty' : 'never',
    NEXT_TELEMETRY_DISABLED: '1',
    // Emails are picked up every 2 s instead of 30, so tests that wait for one wait less.
    WAYMARK_JOBS_EVERY_SECONDS: '2',
    // As in package.json: load Lexical's plain builds, whose node entries can leave a top-level await unsettled under load.
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=production`.trim(),
    // One process, as the tests were written for (issue 15); a test about workers sets it in `env`.
    WAYMARK_WORKERS: '1',
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
  }
  // The server as npm start runs it: the compiled bundle (rebuilt here in about a second when a source changed).
  const child: ChildProcess = spawn(process.execPath, [ensureServerBundle()], {
    cwd: rootDir,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  let exited = false
  let exitStatus: { code: number | null; signal: NodeJS.Signals | null } | undefined
  child.on('exit', (code, signal) => {
    exited = true
    exitStatus = { code, signal }
  })

  const deadline = Date.now() + 120_000
  for (;;) {
    if (exited) throw new Error(`Waymark server exited during start-up:\n${output}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`Waymark server did not become healthy in time:\n${output}`)
    }
    try {
      const response = await fetch(`${url}/healthz`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }

  return {
    url,
    port,
    databaseUrl,
    dataDir,
    mediaDir,
    dir,
    secret,
    seedPassword: TEST_SEED_PASSWORD,
    logs: () => output,
    processIds: () => (child.pid === undefined ? [] : [child.pid, ...descendantsOf(child.pid)]),
    childIds: () => (child.pid === undefined || exited ? [] : descendantsOf(child.pid, true)),
    exitStatus: () => exitStatus,
    kill: async (signal: NodeJS.Signals = 'SIGKILL') => {
      if (exited || child.pid === undefined) return
      const done = new Promise((resolve) => child.once('exit', resolve))
      // tsx passes SIGTERM and SIGINT on to the server; SIGKILL cannot be passed on, so every
      // process is sent it directly, the deepest (the server itself) first.
      const all = signal === 'SIGKILL' ? [...descendantsOf(child.pid).reverse(), child.pid] : [child.pid]
      for (const pid of all) {
        try {
          process.kill(pid, signal)
        } catch {
          // already gone
        }
      }
      await done
      const deadline = Date.now() + 10_000
      while (all.some(running)) {
        if (Date.now() > deadline) throw new Error(`Server processes ${all.filter(running).join(', ')} did not exit after ${signal}`)
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    },
    stop: async () => {
      if (exited || child.pid === undefined) return
      // Workers too: a primary killed after the grace period must not leave them running.
      const all = [...descendantsOf(child.pid).reverse(), child.pid]
      const killAll = () => {
        for (const pid of all) {
          try {
            process.kill(pid, 'SIGKILL')
          } catch {
            // already gone
          }
        }
      }
      const done = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      const timer = setTimeout(killAll, 5000)
      await done
      clearTimeout(timer)
      if (all.some(running)) killAll()
    },
  }
}
