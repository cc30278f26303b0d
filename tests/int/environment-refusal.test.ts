// The compiled server (dist/serve.mjs, as `npm start` runs it) refuses an invalid environment: exit code 1,
// every bad variable named on stderr, one per line, no stack trace, and nothing started: no database file,
// no generated secret, nothing listening on the port.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { ensureServerBundle } from '../../src/cli/serverBundle.js'
import { freePort, rootDir, tempDir } from '../support/env.js'

type Outcome = { code: number | null; stdout: string; stderr: string; dir: string }

/** Runs the server with a valid base environment (its own folders and SQLite file) plus `overrides`. */
async function startWith(overrides: Record<string, string>): Promise<Outcome> {
  const dir = tempDir()
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=production`.trim(),
    PORT: String(await freePort()),
    DATABASE_URL: `file:${path.join(dir, 'waymark.db')}`,
    WAYMARK_DATA_DIR: path.join(dir, 'data'),
    WAYMARK_MEDIA_DIR: path.join(dir, 'media'),
    WAYMARK_SEED: 'never',
    WAYMARK_WORKERS: '1',
    NEXT_TELEMETRY_DISABLED: '1',
    ...overrides,
  }
  for (const name of ['PAYLOAD_SECRET', 'REDIS_URL', 'SMTP_URL']) if (!(name in overrides)) delete env[name]
  const child = spawn(process.execPath, [ensureServerBundle()], { cwd: rootDir, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  // A server that did start would never exit by itself: give up after a minute and say so.
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  clearTimeout(timer)
  return { code, stdout, stderr, dir }
}

/** Nothing ran: no database file, no data folder (where the generated secret and the outbox go). */
function expectNothingStarted(outcome: Outcome) {
  expect(fs.existsSync(path.join(outcome.dir, 'waymark.db'))).toBe(false)
  expect(fs.existsSync(path.join(outcome.dir, 'data'))).toBe(false)
  expect(outcome.stdout).toBe('')
}

/** No stack trace and no error class name: the message is all the reader gets. */
function expectNoStackTrace(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at /m)
  expect(stderr).not.toMatch(/EnvironmentError|Error:/)
}

describe('the server refuses an invalid environment', () => {
  it('PORT=abc: exit 1, PORT named with the value and the allowed range, nothing started', async () => {
    const outcome = await startWith({ PORT: 'abc' })
    expect(outcome.code, outcome.stderr).toBe(1)
    expect(outcome.stderr.trim().split('\n')).toEqual([
      "Waymark's environment has a problem (.env.example lists every variable and what it accepts):",
      '  PORT must be a whole number from 1 to 65535 (got "abc")',
    ])
    expectNoStackTrace(outcome.stderr)
    expectNothingStarted(outcome)
  })

  it('several bad variables, MongoDB without a replica set among them: each on its own line', async () => {
    const outcome = await startWith({ WAYMARK_WORKERS: '0', DATABASE_URL: 'mongodb://127.0.0.1:27017/waymark', REDIS_URL: 'http://127.0.0.1:6379', S3_BUCKET: 'waymark-uploads' })
    expect(outcome.code, outcome.stderr).toBe(1)
    const lines = outcome.stderr.trim().split('\n')
    expect(lines[0]).toBe("Waymark's environment has 4 problems (.env.example lists every variable and what it accepts):")
    const problems = lines.slice(1)
    expect(problems).toHaveLength(4)
    for (const name of ['WAYMARK_WORKERS', 'DATABASE_URL', 'REDIS_URL', 'S3_REGION']) expect(problems.filter((line) => line.startsWith(`  ${name} `))).toHaveLength(1)
    expect(outcome.stderr).toContain('email only after commit')
    expect(outcome.stderr).toContain('?replicaSet=rs0')
    expectNoStackTrace(outcome.stderr)
    expectNothingStarted(outcome)
  })
})
