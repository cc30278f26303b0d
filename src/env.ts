// Process-wide settings read once from the environment, so every module agrees on them.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// Folders are read when asked for, not at import, so a test can point them elsewhere first.
export const dataDir = () => path.resolve(rootDir, process.env.WAYMARK_DATA_DIR || 'data')
export const mediaDir = () => path.resolve(rootDir, process.env.WAYMARK_MEDIA_DIR || 'media')
export const outboxDir = () => path.join(dataDir(), 'outbox')

export const port = Number(process.env.PORT || 3000)
export const isProduction = process.env.NODE_ENV === 'production'

/** The public origin: links in emails, CSRF origin checks and Payload's serverURL all use it. */
export const serverURL = (process.env.SERVER_URL || `http://localhost:${port}`).replace(/\/$/, '')

/** Secure cookies and HSTS need TLS; a production deployment sets SERVER_URL to its https origin. */
export const isHttps = serverURL.startsWith('https://')
export const secureCookies = isProduction && isHttps

/**
 * PAYLOAD_SECRET signs sessions. Without it, a random secret is made once and kept in
 * data/.secret (git-ignored), so a fresh clone is never running on a well-known key.
 */
export function payloadSecret(): string {
  if (process.env.PAYLOAD_SECRET) return process.env.PAYLOAD_SECRET
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
