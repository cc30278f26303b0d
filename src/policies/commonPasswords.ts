// The blocklist ships inside @zxcvbn-ts/language-common (about 49,000 leaked passwords), so no network is needed.
import { dictionary } from '@zxcvbn-ts/language-common'

let cached: Set<string> | undefined

/** Loaded on first use and kept; lower-cased so "PassWord1" matches "password1". */
export function commonPasswords(): Set<string> {
  if (!cached) {
    const list = (dictionary as Record<string, string[]>)['passwords-common'] ?? []
    cached = new Set(list.map((entry) => entry.toLowerCase()))
  }
  return cached
}
