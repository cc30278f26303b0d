// Quotes in the commissioners' report come from stories whose authors said yes to quoting. Whatever
// the moderators let through, a report never carries a way to reach someone.
export const QUOTE_MAX_LENGTH = 280
const REMOVED = '[removed]'

const PATTERNS: RegExp[] = [
  // Email addresses.
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
  // Web addresses, with or without a scheme.
  /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi,
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|uk|io|co|info|me)(?:\/[^\s<>"']*)?/gi,
  // UK phone numbers: +44 or 0, then 9–10 more digits with optional spaces, dashes or brackets;
  // never starting or ending inside a longer number ("2010 2015 2020" is three years).
  /(?<![\w+])(?:\+44\s?\(?0?\)?|\(?0)(?:[\s-]?\(?\d\)?){9,10}(?!\d)/g,
  // Social media handles.
  /(?<![\w@])@[A-Za-z0-9_]{2,30}\b/g,
]

export function anonymiseQuote(text: string): string {
  let out = String(text ?? '')
  for (const pattern of PATTERNS) out = out.replace(pattern, REMOVED)
  out = out.replace(/\s+/g, ' ').trim()
  if (out.length <= QUOTE_MAX_LENGTH) return out
  const cut = out.slice(0, QUOTE_MAX_LENGTH - 1)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > QUOTE_MAX_LENGTH / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.-]+$/, '')}…`
}
