// The shapes an environment variable may take, each with the words that finish "<NAME> …" when a value
// does not fit. src/config/environment.ts builds the one schema from them.
import net from 'node:net'
import { z } from 'zod'

/** What a rule accepts, in words, and how it reads a set value (undefined: the value does not fit). */
export type Rule<T> = { allowed: string; parse: (raw: string) => T | undefined }

/** Unset and empty are the same: compose files and shells often write `NAME=`. */
const isUnset = (raw: string | undefined) => raw === undefined || raw === ''

function read<T>(rule: Rule<T>, raw: string, ctx: z.RefinementCtx): T {
  const value = rule.parse(raw)
  if (value === undefined) ctx.addIssue({ code: 'custom', message: rule.allowed })
  return value ?? (z.NEVER as T)
}

/** A variable that may be left unset. */
export const optional = <T>(rule: Rule<T>) =>
  z
    .string()
    .optional()
    .transform((raw, ctx): T | undefined => (isUnset(raw) ? undefined : read(rule, raw!, ctx)))

/** A variable with a default when unset (a function, so that e.g. the CPU count is read at parse time). */
export const withDefault = <T>(rule: Rule<T>, fallback: () => T) =>
  z
    .string()
    .optional()
    .transform((raw, ctx): T => (isUnset(raw) ? fallback() : read(rule, raw!, ctx)))

export const wholeNumber = (min: number, max: number): Rule<number> => ({
  allowed: `must be a whole number from ${min} to ${max}`,
  parse: (raw) => (/^\d{1,9}$/.test(raw) && Number(raw) >= min && Number(raw) <= max ? Number(raw) : undefined),
})

export const decimalNumber = (min: number, max: number): Rule<number> => ({
  allowed: `must be a number from ${min} to ${max} (decimals allowed, e.g. 2.5)`,
  parse: (raw) => (/^\d{1,9}(\.\d{1,6})?$/.test(raw) && Number(raw) >= min && Number(raw) <= max ? Number(raw) : undefined),
})

export const oneOf = <const T extends string>(values: readonly T[]): Rule<T> => ({
  allowed: `must be ${values.length === 2 ? `${values[0]} or ${values[1]}` : `one of ${values.join(', ')}`}`,
  parse: (raw) => values.find((value) => value === raw),
})

export const trueOrFalse: Rule<boolean> = { allowed: 'must be true or false', parse: (raw) => (raw === 'true' ? true : raw === 'false' ? false : undefined) }

/** Control characters (a newline, a tab, NUL) have no place in a one-line setting. */
const hasControlCharacters = (raw: string) => [...raw].some((character) => character.charCodeAt(0) < 32 || character.charCodeAt(0) === 127)

/** Any single line of text that is not only spaces (secrets, passwords). */
export const text = (maxLength = 1000): Rule<string> => ({
  allowed: `must be text on one line, not only spaces, at most ${maxLength} characters`,
  parse: (raw) => (raw.length <= maxLength && raw.trim() !== '' && !hasControlCharacters(raw) ? raw : undefined),
})

export const folderPath: Rule<string> = { allowed: 'must be a path on one line, not only spaces', parse: (raw) => (raw.trim() !== '' && !hasControlCharacters(raw) ? raw : undefined) }

function parsedURL(raw: string): URL | undefined {
  if (/\s/.test(raw)) return undefined
  try {
    return new URL(raw)
  } catch {
    return undefined
  }
}

/** A URL of one of `protocols` (with the colon, as URL.protocol has it) naming a host. */
export const urlOf = (protocols: readonly string[], example: string): Rule<string> => ({
  allowed: `must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL (e.g. ${example})`,
  parse: (raw) => {
    const url = parsedURL(raw)
    return url && protocols.includes(url.protocol) && url.hostname !== '' ? raw : undefined
  },
})

/** An http(s) origin: no path, query, fragment or credentials. Returned as URL.origin (no trailing slash). */
export const origin: Rule<string> = {
  allowed: 'must be an http:// or https:// origin with no path, query or credentials (e.g. https://forum.example.org)',
  parse: (raw) => {
    const url = parsedURL(raw)
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password) return undefined
    return url.pathname === '/' && !url.search && !url.hash && !raw.includes('?') && !raw.includes('#') ? url.origin : undefined
  },
}

/** An http(s) URL for an S3-compatible server: a path is allowed, credentials, query and fragment are not. */
export const endpoint: Rule<string> = {
  allowed: 'must be an http:// or https:// URL with no credentials or query (e.g. https://s3.eu-west-2.amazonaws.com)',
  parse: (raw) => {
    const url = parsedURL(raw)
    const plain = url && ['http:', 'https:'].includes(url.protocol) && url.hostname && !url.username && !url.password && !raw.includes('?') && !raw.includes('#')
    return plain ? raw.replace(/\/+$/, '') : undefined
  },
}

export const emailAddress: Rule<string> = {
  allowed: 'must be a bare email address (e.g. forum@example.org), without a name or angle brackets',
  parse: (raw) => (raw.length <= 254 && /^[^\s@<>",;:()[\]\\]+@[^\s@<>",;:()[\]\\]+$/.test(raw) ? raw : undefined),
}

/** S3's bucket naming rules: 3–63 lowercase letters, digits, dots and hyphens, a letter or digit at each end. */
export const bucketName: Rule<string> = {
  allowed: 'must be an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
  parse: (raw) => (/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(raw) && !raw.includes('..') ? raw : undefined),
}

export const regionName: Rule<string> = {
  allowed: 'must be a region name of lowercase letters, digits and hyphens (e.g. eu-west-2, us-east-1, auto)',
  parse: (raw) => (/^[a-z0-9][a-z0-9-]{0,40}$/.test(raw) ? raw : undefined),
}

/** A key prefix such as `waymark/uploads`: slash-separated names, no empty, `.` or `..` part. Trailing slashes are dropped. */
export const keyPrefix: Rule<string> = {
  allowed: "must be a folder-like prefix of letters, digits and -_.!*'() separated by single slashes, with no leading slash and no . or .. part (e.g. waymark/uploads)",
  parse: (raw) => {
    const trimmed = raw.replace(/\/+$/, '')
    const parts = trimmed.split('/')
    return trimmed.length <= 500 && parts.every((part) => /^[A-Za-z0-9\-_.!*'()]+$/.test(part) && part !== '.' && part !== '..') ? trimmed : undefined
  },
}

/** Printable ASCII with no spaces: every Redis key and channel starts with it. */
export const redisPrefix: Rule<string> = {
  allowed: 'must be 1 to 100 printable characters with no spaces (e.g. waymark:)',
  parse: (raw) => (/^[\x21-\x7e]{1,100}$/.test(raw) ? raw : undefined),
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal']

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true
  const [address = '', range, ...rest] = entry.split('/')
  const family = net.isIP(address)
  if (family === 0 || rest.length > 0) return false
  if (range === undefined) return true
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128)
  return family === 4 && net.isIPv4(range) // a netmask, e.g. 10.0.0.0/255.0.0.0
}

/**
 * Express's `trust proxy`: true or false, a number of hops, or the proxies' addresses and subnets. Read into the
 * value Express wants: given as text, "1" would be taken for the address 0.0.0.1, not for one hop.
 */
export const trustProxy: Rule<boolean | number | string[]> = {
  allowed: 'must be true, false, a number of proxy hops from 0 to 32 (e.g. 1), or a comma-separated list of proxy addresses or subnets (e.g. loopback, 10.0.0.0/8)',
  parse: (raw) => {
    if (raw === 'true' || raw === 'false') return raw === 'true'
    if (/^\d{1,2}$/.test(raw)) return Number(raw) <= 32 ? Number(raw) : undefined
    const entries = raw.split(',').map((entry) => entry.trim())
    return entries.every(isProxyAddress) ? entries : undefined
  },
}
