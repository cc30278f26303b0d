// Rules for the public pseudonym. It must never be a way to leak an email address.
import { confusableKey } from './staffNames.js'

export const DISPLAY_NAME_MIN = 2
export const DISPLAY_NAME_MAX = 40

// Anything shaped like local@domain counts, including "name at domain dot com" tricks with spaces around @.
const EMAIL_LIKE = /[^\s@]+\s*(@|\(at\)|\[at\])\s*[^\s@]+\.[^\s@]+/i

/** Returns an error message for the member, or null when the name is acceptable. */
export function checkDisplayName(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return 'Choose a display name.'
  const name = normaliseDisplayName(raw)
  if (name.length < DISPLAY_NAME_MIN) return `A display name needs at least ${DISPLAY_NAME_MIN} characters.`
  if (name.length > DISPLAY_NAME_MAX) return `A display name can have at most ${DISPLAY_NAME_MAX} characters.`
  if (name.includes('@') || EMAIL_LIKE.test(name)) {
    return 'A display name cannot be an email address: it is shown to everyone.'
  }
  // Control, format (zero-width, bidi, tags) and blank-looking characters would let a name hide
  // text, impersonate someone, or look empty.
  if (/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u115f\u1160\u3164\uffa0\u2800]/u.test(raw.replace(/[ \t]/g, ''))) {
    return 'A display name cannot contain invisible or control characters.'
  }
  return null
}

/** Trim and fold inner runs of white space, so "Sam  K" and "Sam K" are the same name. */
export function normaliseDisplayName(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ')
}

/** Two names that would be mistaken for each other share a key, so only one member can have them. */
export const displayNameKey = (name: string) => confusableKey(normaliseDisplayName(name))
