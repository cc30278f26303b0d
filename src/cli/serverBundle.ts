// The server runs as one compiled JavaScript file (dist/serve.mjs), not through the tsx loader: measured,
// tsx holds about 140 MB more per process (its transformed sources and their source maps). esbuild bundles
// only Waymark's own code; packages stay in node_modules. dist/ sits beside src/, so paths the code works
// out from its own location (src/env.ts's rootDir) are the same in both. Rebuilt whenever a source changes.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { buildSync } from 'esbuild'

import { rootDir } from '../env.js'

const INPUTS = ['src', 'collections', 'views', 'tsconfig.json', 'tsconfig.server.json', 'package-lock.json']
export const SERVER_BUNDLE = path.join(rootDir, 'dist', 'serve.mjs')
const STAMP = path.join(rootDir, 'dist', 'stamp.json')

function listFiles(entry: string): string[] {
  const full = path.join(rootDir, entry)
  if (!fs.existsSync(full)) return []
  if (fs.statSync(full).isFile()) return [entry]
  return fs.readdirSync(full).flatMap((name) => listFiles(path.join(entry, name)))
}

/** A hash of every file the named inputs hold (folders walked), in a fixed order. */
export function fingerprintOf(inputs: readonly string[]): string {
  const hash = crypto.createHash('sha256')
  for (const file of inputs.flatMap(listFiles).sort())
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(rootDir, file)))
      .update('\0')
  return hash.digest('hex')
}

function stampSays(): string | null {
  try {
    return JSON.parse(fs.readFileSync(STAMP, 'utf8')).fingerprint
  } catch {
    return null
  }
}

/** Builds dist/serve.mjs when it is missing or older than its sources (about a second). */
export function ensureServerBundle({ force = false } = {}): string {
  const fingerprint = fingerprintOf(INPUTS)
  if (!force && stampSays() === fingerprint && fs.existsSync(SERVER_BUNDLE)) return SERVER_BUNDLE
  const result = buildSync({
    entryPoints: [path.join(rootDir, 'src', 'cli', 'serve.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(rootDir, 'tsconfig.server.json'),
    sourcemap: 'linked',
    outfile: SERVER_BUNDLE,
    write: false,
    logLevel: 'warning',
  })
  fs.mkdirSync(path.dirname(SERVER_BUNDLE), { recursive: true })
  // Written beside and renamed into place: test workers that start servers at once never read half a file.
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`
    fs.writeFileSync(temporary, file.contents)
    fs.renameSync(temporary, file.path)
  }
  const stampTemporary = `${STAMP}.${process.pid}.tmp`
  fs.writeFileSync(stampTemporary, JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }))
  fs.renameSync(stampTemporary, STAMP)
  return SERVER_BUNDLE
}
