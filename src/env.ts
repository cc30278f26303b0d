// Process-wide settings read once from the environment, so every module agrees on them. Every value
// goes through the one schema (src/config/environment.ts): an invalid environment throws here, by name.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { readEnvironment, readVariable } from './config/environment.js'

export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// Folders are read when asked for, not at import, so a test can point them elsewhere first.
export const dataDir = () => path.resolve(rootDir, readVariable('WAYMARK_DATA_DIR') ?? 'data')
export const mediaDir = () => path.resolve(rootDir, readVariable('WAYMARK_MEDIA_DIR') ?? 'media')
export const outboxDir = () => path.join(dataDir(), 'outbox')

/** Every setting as it was when the process started (typed and frozen); the folders above are read afresh. */
export const environment = readEnvironment()

export const port = environment.PORT
export const isProduction = environment.NODE_ENV === 'production'

/** The public origin (no trailing slash): links in emails, CSRF origin checks and Payload's serverURL all use it. */
export const serverURL = environment.SERVER_URL

/** Secure cookies and HSTS need TLS; a production deployment sets SERVER_URL to its https origin. */
export const isHttps = serverURL.startsWith('https://')
export const secureCookies = isProduction && isHttps

/**
 * PAYLOAD_SECRET signs sessions. Without it, a random secret is made once and kept in
 * data/.secret (git-ignored), so a fresh clone is never running on a well-known key.
 */
export function payloadSecret(): string {
  const secret = readVariable('PAYLOAD_SECRET')
  if (secret) return secret
  const file = path.join(dataDir(), '.secret')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir(), { recursive: true })
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  return fs.readFileSync(file, 'utf8').trim()
}
