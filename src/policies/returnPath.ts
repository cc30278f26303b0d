// Where a member goes back to after signing in or joining: only a path on this site, never another
// origin. A browser reads `//evil.example`, `/\evil.example` and `/<tab>/evil.example` as another
// host, so anything that could become one, before or after percent-decoding, is refused.

export const RETURN_PATH_MAX = 500

/** Path characters a link on this site may hold (RFC 3986 unreserved, sub-delims, `:@/?#%`). */
const URL_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]*$/

/** Pages that make no sense to come back to (they would loop, or act on their own). */
const NO_RETURN = ['/login', '/logout', '/join', '/forgot', '/reset', '/verify', '/unsubscribe']

const LOOKS_LIKE_ANOTHER_HOST = /^[/\\]{2}|^\/\\|\\/

/**
 * Tabs and line breaks are dropped by browsers inside URLs (`/\t/evil`), and CR LF splits headers. None
 * of the site's own paths holds anything beyond ASCII either, so lookalike slashes (`∕∕evil`) are refused too.
 */
const hasUnsafeCharacter = (value: string): boolean => [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) >= 0x7f)

function decodedOnce(value: string): string | null {
  try {
    return decodeURIComponent(value)
  } catch {
    return null
  }
}

/** Whether a decoded form of the path would take a browser, or a later redirect, off the site. */
function leavesTheSite(path: string): boolean {
  let current = path
  // Three rounds cover double and triple encoding (%252F%252F); anything deeper is refused outright.
  for (let round = 0; round < 4; round++) {
    if (LOOKS_LIKE_ANOTHER_HOST.test(current) || hasUnsafeCharacter(current)) return true
    const next = decodedOnce(current)
    if (next === null) return true
    if (next === current) return false
    current = next
  }
  return true
}

/**
 * A same-site path to return to, or undefined. Accepts only `/something` made of URL characters,
 * whose path part does not turn into another host however often it is decoded, and that is not a
 * sign-in or account-making page.
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > RETURN_PATH_MAX) return undefined
  if (!value.startsWith('/') || !URL_CHARACTERS.test(value)) return undefined
  const pathPart = value.split(/[?#]/, 1)[0]!
  if (leavesTheSite(pathPart)) return undefined
  const parsed = new URL(value, 'https://waymark.invalid')
  if (parsed.origin !== 'https://waymark.invalid') return undefined
  const lowered = decodedOnce(pathPart)?.toLowerCase() ?? ''
  if (NO_RETURN.some((page) => lowered === page || lowered.startsWith(`${page}/`))) return undefined
  return value
}

/** The sign-in link for a page: back to that page afterwards when it is one to come back to. */
export function signInHref(returnPath: string | undefined): string {
  const path = safeReturnPath(returnPath)
  return path ? `/login?next=${encodeURIComponent(path)}` : '/login'
}

/** The join link for a page, carrying the same way back for when the new member signs in. */
export function joinHref(returnPath: string | undefined): string {
  const path = safeReturnPath(returnPath)
  return path ? `/join?next=${encodeURIComponent(path)}` : '/join'
}
