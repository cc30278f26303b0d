// Builds the Next admin when the build is missing or older than its sources, and the server's bundle
// (src/cli/serverBundle.ts).
// `--force` always builds. The fingerprint covers everything the admin bundle is made from.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { rootDir } from '../env.js'
import { ensureServerBundle, fingerprintOf } from './serverBundle.js'

const INPUTS = ['src', 'collections', 'next.config.mjs', 'tsconfig.json', 'package-lock.json']
const STAMP = path.join(rootDir, '.next', 'waymark-build-stamp.json')

export const sourceFingerprint = (): string => fingerprintOf(INPUTS)

export function buildIsCurrent(): boolean {
  try {
    return JSON.parse(fs.readFileSync(STAMP, 'utf8')).fingerprint === sourceFingerprint() && fs.existsSync(path.join(rootDir, '.next', 'BUILD_ID'))
  } catch {
    return false
  }
}

const withoutHeapCap = (options: string | undefined) => (options ?? '').replace(/--max-old-space-size=\d+/g, '').trim()

export function ensureBuild({ force = false } = {}): void {
  if (!force && buildIsCurrent()) return
  console.log('Building the moderation admin (next build, about a minute)…')
  // Fingerprint what is being built, before building: a source edited during the build must
  // leave the build stale, not be recorded as built.
  const fingerprint = sourceFingerprint()
  const nextBin = path.join(rootDir, 'node_modules', 'next', 'dist', 'bin', 'next')
  const result = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: rootDir,
    stdio: 'inherit',
    // The server's heap cap (npm start) is too small for next build: the build gets Node's default.
    env: { ...process.env, NODE_OPTIONS: withoutHeapCap(process.env.NODE_OPTIONS), NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  })
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`)
  fs.writeFileSync(STAMP, JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureBuild({ force: process.argv.includes('--force') })
  ensureServerBundle({ force: process.argv.includes('--force') })
}
