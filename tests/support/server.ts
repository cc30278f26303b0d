// Starts the real Waymark server (Express + Next + Payload) as a child process on a temporary
// database, exactly as `npm start` would run it after the build. Tests talk to it over HTTP.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

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
}

export type TestServerOptions = { smtpUrl?: string; seed?: boolean; env?: Record<string, string> }

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = tempDir()
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const databaseUrl = testDatabaseUrl(dir)
  const dataDir = path.join(dir, 'data')
  const mediaDir = path.join(dir, 'media')
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    PORT: String(port),
    SERVER_URL: url,
    DATABASE_URL: databaseUrl,
    WAYMARK_DATA_DIR: dataDir,
    WAYMARK_MEDIA_DIR: mediaDir,
    SEED_PASSWORD: TEST_SEED_PASSWORD,
    PAYLOAD_SECRET: 'test-secret-' + port,
    WAYMARK_SEED: options.seed === false ? 'never' : 'if-empty',
    NEXT_TELEMETRY_DISABLED: '1',
    // Emails are picked up every 2 s instead of 30, so tests that wait for one wait less.
    WAYMARK_JOBS_EVERY_SECONDS: '2',
    // As in package.json: load Lexical's plain builds, whose node entries can leave a top-level await unsettled under load.
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=production`.trim(),
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
  }
  if (!options.smtpUrl) delete env.SMTP_URL
  const tsx = path.join(rootDir, 'node_modules', '.bin', 'tsx')
  const child: ChildProcess = spawn(tsx, ['--tsconfig', 'tsconfig.server.json', 'src/cli/serve.ts'], {
    cwd: rootDir,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  let exited = false
  child.on('exit', () => (exited = true))

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
    seedPassword: TEST_SEED_PASSWORD,
    logs: () => output,
    stop: async () => {
      if (exited) return
      const done = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await done
      clearTimeout(timer)
    },
  }
}
