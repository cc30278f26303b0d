// A reader's reading choices (issue 17): the content warnings they chose to hide from story lists and
// matches, kept for a visitor's session in a cookie and for a member in their account.
import { CONTENT_WARNINGS } from './storyTaxonomy.js'

export const HIDE_WARNINGS_COOKIE = 'waymark_hide_warnings'

/** The known warnings in a list or a cookie's comma-separated value, once each, in the vocabulary's order. */
export function knownWarnings(value: unknown): string[] {
  const given = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : []
  return CONTENT_WARNINGS.map((w) => w.value).filter((w) => given.includes(w))
}

/** The warnings to hide: the session's choice and the account's together. */
export const hiddenWarnings = (cookie: unknown, account: unknown): string[] => knownWarnings([...knownWarnings(cookie), ...knownWarnings(account)])

/** The part of the page cache key for the session's choice (a member's account choice is in their key already). */
export const hiddenWarningsKeyPart = (cookie: unknown): string | null => {
  const list = knownWarnings(cookie)
  return list.length > 0 ? `hide:${list.join(',')}` : null
}
