// Password rules after NIST SP 800-63B: length, no composition rules, and a blocklist of common passwords.
import { commonPasswords } from './commonPasswords.js'

export const PASSWORD_MIN = 8
// Long passphrases are welcome; the cap only stops hashing megabytes of input.
export const PASSWORD_MAX = 256

/** Returns an error message for the member, or null when the password is acceptable. */
export function checkPassword(password: unknown, context: { email?: string; displayName?: string } = {}): string | null {
  if (typeof password !== 'string' || password.length === 0) return 'Choose a password.'
  const length = [...password].length
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`
  const folded = password.toLowerCase()
  if (commonPasswords().has(folded)) {
    return 'That password is on a list of common passwords that attackers try first. Choose another.'
  }
  const personal = [context.email?.toLowerCase(), context.email?.split('@')[0]?.toLowerCase(), context.displayName?.toLowerCase()]
  if (personal.some((value) => value && value.length >= 3 && folded === value)) {
    return 'Your password cannot be your email address or display name.'
  }
  return null
}
