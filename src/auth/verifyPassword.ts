// Checks a password against a stored Payload hash. Payload does not export its own checker,
// so this mirrors its two formats: "pbkdf2-sha256-v1:" (600,000 rounds, 32 bytes) and the legacy one.
import crypto from 'node:crypto'
import { promisify } from 'node:util'

const pbkdf2 = promisify(crypto.pbkdf2)
const CURRENT_PREFIX = 'pbkdf2-sha256-v1:'

export async function verifyPassword(stored: { hash?: unknown; salt?: unknown }, password: string): Promise<boolean> {
  if (typeof stored.hash !== 'string' || typeof stored.salt !== 'string' || typeof password !== 'string') return false
  const current = stored.hash.startsWith(CURRENT_PREFIX)
  const expected = Buffer.from(current ? stored.hash.slice(CURRENT_PREFIX.length) : stored.hash, 'hex')
  const actual = current ? await pbkdf2(password, stored.salt, 600000, 32, 'sha256') : await pbkdf2(password, stored.salt, 25000, 512, 'sha256')
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected)
}
